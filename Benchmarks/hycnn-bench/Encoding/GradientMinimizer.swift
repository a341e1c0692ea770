import ConvexNetworks
import DataFiles
import Foundation
import LinearAlgebra

/// The baseline the exact encodings are compared with: first-order minimisation of f over the
/// feasible set from several seeded random starts, all starts advancing together as one batch.
///
/// Each iteration runs one forward and one backward pass of the network over the batch of
/// iterates (∇ₓf, the same computation as `RegressionModel.inputGradients`, which also yields
/// f), records the best f seen at any iterate (every iterate is feasible), then takes a step
/// and projects back onto the feasible set:
/// - `adam`: Adam on x with a cosine-decayed rate lr_t = lr·(0.01 + 0.99·½(1 + cos πt/T));
/// - `pgd`: projected subgradient descent with normalised steps, x ← P(x − η_t g/‖g‖₂),
///   η_t = lr·√d/√(t + 1) (the classical O(1/√t) rule, scaled to the box's diameter).
/// BLAS runs on one thread, like GLPK.
struct GradientMinimizer {
    enum Method: String, CaseIterable {
        case adam
        case pgd
    }

    struct Result {
        /// min f over every iterate of every start.
        let best: Double
        /// Where it was reached.
        let bestPoint: [Double]
        let seconds: Double
    }

    var method: Method
    var starts: Int
    var iterations: Int
    var learningRate: Double
    var seed: UInt64

    func minimize(_ instance: EncodingInstance) -> Result {
        let network = instance.model.network      // identity scalers: the prediction is f itself
        let d = instance.dimension, k = starts
        let clock = DispatchTime.now()
        var random = SeededGenerator(seed: seed)
        var x = (0..<(d * k)).map { _ in 2 * random.nextUniform() - 1 }     // d × k, one start per column
        var gradient = [Double](repeating: 0, count: d * k)
        let ones = [Double](repeating: 1, count: k)
        let workspace = NetworkWorkspace(architecture: network.architecture, batchCapacity: k)
        var adam = AdamOptimizer(parameterCount: d * k)
        var best = Double.infinity, bestPoint = [Double](repeating: 0, count: d)

        x.withUnsafeMutableBufferPointer { p in
            for s in 0..<k { instance.project(p.baseAddress! + s * d) }
        }
        /// f at the current iterates, recording the best; fills `gradient` with ∇ₓf when asked.
        func evaluate(withGradient: Bool) {
            x.withUnsafeBufferPointer { xs in
                let f = network.forward(xs.baseAddress!, batch: k, workspace: workspace)
                for s in 0..<k where f[s] < best {
                    best = f[s]
                    bestPoint = Array(xs[(s * d)..<((s + 1) * d)])
                }
                guard withGradient else { return }
                gradient.withUnsafeMutableBufferPointer { g in
                    g.update(repeating: 0)                                          // backward adds into it
                    network.backward(xs.baseAddress!, batch: k, outputGradient: ones, workspace: workspace,
                                     parameterGradient: nil, inputGradient: g.baseAddress!)
                }
            }
        }

        BLASThreads.with(1) {
            for t in 0..<iterations {
                evaluate(withGradient: true)
                switch method {
                case .adam:
                    let progress = Double(t) / Double(max(iterations - 1, 1))
                    let rate = learningRate * (0.01 + 0.99 * 0.5 * (1 + cos(Double.pi * progress)))
                    adam.update(&x, gradient: gradient, learningRate: rate)
                case .pgd:
                    let step = learningRate * Double(d).squareRoot() / Double(t + 1).squareRoot()
                    for s in 0..<k {
                        var norm = 0.0
                        for j in 0..<d { norm += gradient[s * d + j] * gradient[s * d + j] }
                        norm = norm.squareRoot()
                        guard norm > 0 else { continue }                            // a zero subgradient: x minimises f
                        for j in 0..<d { x[s * d + j] -= step * gradient[s * d + j] / norm }
                    }
                }
                x.withUnsafeMutableBufferPointer { p in
                    for s in 0..<k { instance.project(p.baseAddress! + s * d) }
                }
            }
            evaluate(withGradient: false)                                           // the last iterates
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - clock.uptimeNanoseconds) / 1e9
        return Result(best: best, bestPoint: bestPoint, seconds: seconds)
    }
}
