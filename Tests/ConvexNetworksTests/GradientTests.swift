import DataFiles
import Testing
@testable import ConvexNetworks

/// Every family's backward against central finite differences, for parameters and inputs.
@Suite struct GradientTests {
    static let architectures: [Architecture] = [
        .hycnn(inputDimension: 3, widths: [4, 3, 5]),
        .hycnn(inputDimension: 3, widths: [4, 5], gate: .smoothMaxGate(temperature: 0.7)),
        .groupMax(inputDimension: 3, widths: [4, 3]),
        .icnn(inputDimension: 3, widths: [5, 4], activation: .relu),
        .icnn(inputDimension: 3, widths: [5, 4], activation: .leakyRelu(slope: 0.2)),
        .icnn(inputDimension: 3, widths: [5, 4], activation: .softplus(temperature: 0.5)),
        .icnnQuadratic(inputDimension: 3, widths: [5, 4], activation: .relu, rank: 2),
        .icnnQuadratic(inputDimension: 3, widths: [4, 3], activation: .softplus(temperature: 0.5), rank: 1),
        .maxAffine(inputDimension: 3, pieces: 6),
        .mlp(inputDimension: 3, widths: [6, 5]),
    ]

    /// L(θ, x) = Σₛ wₛ f(xₛ) for fixed weights w: ∂L/∂f = w.
    static func loss(_ network: ConvexNetwork, _ x: [Double], _ w: [Double]) -> Double {
        zip(network.evaluate(x), w).reduce(0) { $0 + $1.0 * $1.1 }
    }

    static func randomProblem(_ architecture: Architecture, seed: UInt64, batch: Int = 7)
        throws -> (ConvexNetwork, [Double], [Double]) {
        var network = try NetworkInitializer.initialParameters(for: architecture, seed: seed)
        var random = SeededGenerator(seed: seed + 100)
        // Perturb every parameter so that no gate sits on a tie and biases are not all equal.
        for k in network.parameters.indices { network.parameters[k] += 0.3 * random.nextNormal() }
        network.projectConstrainedWeights()
        let x = (0..<(batch * architecture.inputDimension)).map { _ in random.nextNormal() }
        let w = (0..<batch).map { _ in random.nextNormal() }
        return (network, x, w)
    }

    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        let difference = zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let scale = max(a.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
        return difference / scale
    }

    @Test(arguments: architectures)
    func parameterGradientMatchesFiniteDifferences(architecture: Architecture) throws {
        let (network, x, w) = try Self.randomProblem(architecture, seed: 7)
        let batch = w.count
        let workspace = NetworkWorkspace(architecture: architecture, batchCapacity: batch)
        var gradient = [Double](repeating: .nan, count: architecture.parameterCount)
        x.withUnsafeBufferPointer { xs in
            network.forward(xs.baseAddress!, batch: batch, workspace: workspace)
            gradient.withUnsafeMutableBufferPointer { g in
                network.backward(xs.baseAddress!, batch: batch, outputGradient: w, workspace: workspace,
                                 parameterGradient: g.baseAddress!)
            }
        }
        let h = 1e-6
        var numerical = [Double](repeating: 0, count: gradient.count)
        for k in gradient.indices {
            var plus = network, minus = network
            plus.parameters[k] += h
            minus.parameters[k] -= h
            numerical[k] = (Self.loss(plus, x, w) - Self.loss(minus, x, w)) / (2 * h)   // central difference
        }
        let error = Self.relativeError(gradient, numerical)
        #expect(error < 1e-6, "\(architecture.family) \(architecture.nonlinearity.name): relative error \(error)")
    }

    @Test(arguments: architectures)
    func inputGradientMatchesFiniteDifferences(architecture: Architecture) throws {
        let (network, x, _) = try Self.randomProblem(architecture, seed: 11)
        let analytic = network.inputGradients(x)
        let h = 1e-6
        var numerical = [Double](repeating: 0, count: x.count)
        for k in x.indices {
            var plus = x, minus = x
            plus[k] += h
            minus[k] -= h
            let sample = k / architecture.inputDimension
            numerical[k] = (network.evaluate(plus)[sample] - network.evaluate(minus)[sample]) / (2 * h)
        }
        let error = Self.relativeError(analytic, numerical)
        #expect(error < 1e-6, "\(architecture.family) \(architecture.nonlinearity.name): relative error \(error)")
    }

    @Test func parameterCountMatchesThePaper() {
        // 2(dm + m) + (L−1)(2m² + 2dm + 2m) + (m + d + 1) with d = 50, 48×4.
        #expect(Architecture.hycnn(inputDimension: 50, widths: [48, 48, 48, 48]).parameterCount == 33_507)
    }
}

extension Architecture: CustomTestStringConvertible {
    public var testDescription: String {
        "\(family.rawValue) \(nonlinearity.name) \(widths)" + (quadraticRank > 0 ? " rank \(quadraticRank)" : "")
    }
}
