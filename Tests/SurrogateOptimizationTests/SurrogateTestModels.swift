import ConvexNetworks
import DataFiles
import Foundation
import TestSupport

/// Models for the surrogate tests: seeded random networks with non-identity scalers, and the
/// closed-form width-2 approximation of x².
enum SurrogateTestModels {
    static func random(_ architecture: Architecture, seed: UInt64, perturbation: Double = 0.3) throws -> RegressionModel {
        var network = try NetworkInitializer.initialParameters(for: architecture, seed: seed)
        var random = SeededGenerator(seed: seed &+ 17)
        for k in network.parameters.indices { network.parameters[k] += perturbation * random.nextNormal() }
        network.projectConstrainedWeights()
        let d = architecture.inputDimension
        return try RegressionModel(network: network,
                                   inputScaler: Standardizer(mean: (0..<d).map { 0.2 * Double($0) - 0.1 }, scale: (0..<d).map { 0.7 + 0.3 * Double($0) }),
                                   targetScaler: Standardizer(mean: [1.5], scale: [2.5]),
                                   inputNames: (0..<d).map { "x\($0 + 1)" }, targetName: "y")
    }

    /// f(x) ≈ x² on [0, 1] with sup error 2^(−2L−3), in identity scalers.
    static func square(layers L: Int) throws -> RegressionModel {
        try RegressionModel(network: ReferenceNetworks.squareApproximation(layers: L),
                            inputScaler: .identity(dimension: 1), targetScaler: .identity(dimension: 1),
                            inputNames: ["x"], targetName: "y")
    }
}
