import ConvexNetworks
import DataFiles

/// Potentials for the conjugate tests: max-affine models with given pieces, and seeded random
/// convex networks with non-identity scalers.
enum ConjugateTestModels {
    /// f(x) = maxₖ aₖᵀx + bₖ in identity scalers.
    static func maxAffine(slopes: [[Double]], intercepts: [Double]) throws -> RegressionModel {
        let d = slopes[0].count, pieces = slopes.count
        let architecture = Architecture.maxAffine(inputDimension: d, pieces: pieces)
        let shapes = architecture.layers
        var theta = [Double](repeating: 0, count: architecture.parameterCount)
        for k in 0..<pieces {
            for j in 0..<d { theta[shapes[0].wIndex(row: k, column: j)] = slopes[k][j] }
            theta[shapes[0].bOffset + k] = intercepts[k]
        }
        theta[shapes[1].vOffset] = 1                                  // output = 1·max + 0
        return try RegressionModel(network: ConvexNetwork(architecture: architecture, parameters: theta),
                                   inputScaler: .identity(dimension: d), targetScaler: .identity(dimension: 1),
                                   inputNames: (0..<d).map { "x\($0 + 1)" }, targetName: "f")
    }

    /// The paper's initialisation perturbed by seeded noise, V projected to ≥ 0, with input
    /// scalers (means 0.2j − 0.1, scales 0.7 + 0.3j) and target scaler (mean 1.5, scale 2.5).
    static func random(_ architecture: Architecture, seed: UInt64, perturbation: Double = 0.3,
                       identityScalers: Bool = false) throws -> RegressionModel {
        var network = try NetworkInitializer.initialParameters(for: architecture, seed: seed)
        var random = SeededGenerator(seed: seed &+ 17)
        for k in network.parameters.indices { network.parameters[k] += perturbation * random.nextNormal() }
        network.projectConstrainedWeights()
        let d = architecture.inputDimension
        let inputs = identityScalers ? Standardizer.identity(dimension: d)
            : try Standardizer(mean: (0..<d).map { 0.2 * Double($0) - 0.1 }, scale: (0..<d).map { 0.7 + 0.3 * Double($0) })
        let target = identityScalers ? Standardizer.identity(dimension: 1) : try Standardizer(mean: [1.5], scale: [2.5])
        return try RegressionModel(network: network, inputScaler: inputs, targetScaler: target,
                                   inputNames: (0..<d).map { "x\($0 + 1)" }, targetName: "f")
    }

    /// The same model with identity scalers (the bare network g).
    static func bare(_ model: RegressionModel) throws -> RegressionModel {
        let d = model.inputDimension
        return try RegressionModel(network: model.network, inputScaler: .identity(dimension: d), targetScaler: .identity(dimension: 1),
                                   inputNames: model.inputNames, targetName: model.targetName)
    }

    /// Uniform points in [−r, r]^d, column-major d × n.
    static func points(dimension d: Int, count n: Int, radius r: Double, seed: UInt64) -> [Double] {
        var random = SeededGenerator(seed: seed)
        return (0..<(d * n)).map { _ in r * (2 * random.nextUniform() - 1) }
    }
}
