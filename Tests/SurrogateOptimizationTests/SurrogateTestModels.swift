import ConvexNetworks
import Foundation

/// Models for the surrogate tests: seeded random networks with non-identity scalers, and the
/// closed-form width-2 approximation of x² (HYCNN.md §1).
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
        let architecture = Architecture.hycnn(inputDimension: 1, widths: Array(repeating: 2, count: L))
        var theta = [Double](repeating: 0, count: architecture.parameterCount)
        let shapes = architecture.layers
        func setV(_ shape: LayerShape, _ row: Int, _ column: Int, _ value: Double) { theta[shape.vOffset + column * shape.rows + row] = value }
        theta[shapes[0].wIndex(row: 0, column: 0)] = 1; theta[shapes[0].bOffset + 0] = -0.5
        theta[shapes[0].wIndex(row: 2, column: 0)] = -1; theta[shapes[0].bOffset + 2] = 0.5
        for m in 1..<L {
            let shape = shapes[m], delta = pow(2, Double(-2 * m - 1))
            setV(shape, 0, 0, 1); setV(shape, 1, 0, 0.5); setV(shape, 1, 1, 0.5)
            setV(shape, 2, 1, 1); setV(shape, 3, 0, 0.5); setV(shape, 3, 1, 0.5)
            theta[shape.bOffset + 0] = -delta
            theta[shape.bOffset + 2] = delta
        }
        let output = shapes[L]
        theta[output.vOffset] = 0.5; theta[output.vOffset + 1] = 0.5
        theta[output.wIndex(row: 0, column: 0)] = 1
        theta[output.bOffset] = -(1...L).reduce(0) { $0 + pow(4, Double(-$1)) } - pow(2, Double(-2 * L - 3))
        return try RegressionModel(network: ConvexNetwork(architecture: architecture, parameters: theta),
                                   inputScaler: .identity(dimension: 1), targetScaler: .identity(dimension: 1),
                                   inputNames: ["x"], targetName: "y")
    }
}
