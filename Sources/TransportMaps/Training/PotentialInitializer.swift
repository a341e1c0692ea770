import ConvexNetworks
import DataFiles
import Foundation

/// The starting potentials of the minimax: the random initialisation with the constrained V
/// redrawn from the Hoedt–Klambauer log-normal moments, then, for the identity and Gaussian
/// initialisations, a pre-fit of the potential's gradient to a given map T₀ on its own sample.
enum PotentialInitializer {
    /// The family's initialisation for `seed`, every constrained V (fan-in n) replaced by a
    /// log-normal draw of mean √(6π/(nD)), D = 6(π−1) + (n−1)(3√3 + 2π − 6), and variance 1/n.
    static func random(_ architecture: Architecture, seed: UInt64) throws -> ConvexNetwork {
        var network = try NetworkInitializer.initialParameters(for: architecture, seed: seed)
        var random = SeededGenerator(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
        for shape in architecture.layers where shape.constrained {
            let n = Double(shape.fanIn)
            let D = 6 * (Double.pi - 1) + (n - 1) * (3 * 3.0.squareRoot() + 2 * Double.pi - 6)
            let mean = (6 * Double.pi / (n * D)).squareRoot(), variance = 1 / n
            let t = mean * mean + variance                                             // E[V²]
            let location = log(mean * mean / t.squareRoot()), spread = log(t / (mean * mean)).squareRoot()
            for k in shape.vOffset..<(shape.vOffset + shape.rows * shape.fanIn) {
                network.parameters[k] = exp(location + spread * random.nextNormal())     // exp(N(ln(μ²/√t), ln(t/μ²)))
            }
        }
        return network
    }

    /// Adam steps on the mean ‖∇h(x) − T₀(x)‖² over batches drawn with replacement from
    /// `points` (row by row, d × n) with `images` = T₀(points); learning rate cosine-decayed
    /// like the minimax's. Returns false if a step is not finite.
    static func prefit(_ potential: inout MinimaxPotential, points: [Double], images: [Double], settings: BrenierMapSettings,
                       random: inout SeededGenerator) -> Bool {
        let steps = settings.initializationSteps
        guard steps > 0 else { return true }
        let d = potential.network.inputDimension, n = points.count / d, b = settings.batchSize
        let workspace = InputGradientWorkspace(architecture: potential.network.architecture, batchCapacity: b)
        var x = [Double](repeating: 0, count: d * b), target = x, cotangent = x
        for step in 0..<steps {
            for s in 0..<b {                                                             // gather a batch with replacement
                let i = random.nextIndex(below: n)
                for k in 0..<d { x[s * d + k] = points[i * d + k]; target[s * d + k] = images[i * d + k] }
            }
            potential.clearGradient()
            x.withUnsafeBufferPointer { xs in
                cotangent.withUnsafeMutableBufferPointer { u in
                    potential.network.inputGradientForward(xs.baseAddress!, batch: b, workspace: workspace, inputGradient: u.baseAddress!)
                    for k in 0..<(d * b) { u[k] = 2 * (u[k] - target[k]) / Double(b) }          // ∂/∂G of (1/b) Σ ‖G − T₀‖²
                    potential.gradient.withUnsafeMutableBufferPointer { g in
                        potential.network.inputGradientBackward(xs.baseAddress!, batch: b, cotangent: u.baseAddress!, workspace: workspace,
                                                                parameterGradient: g.baseAddress!)
                    }
                }
            }
            guard potential.step(learningRate: settings.learningRate(step: step, of: steps)) else { return false }
        }
        return true
    }
}
