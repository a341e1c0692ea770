import ConvexNetworks
import DataFiles
import Foundation
import TransportMaps

/// Map files and point files for the `ot-map` tests, built here from small networks and saved
/// with the library's map-file writer.
enum OTMapFixtures {
    static let columns = ["x", "y"]

    static func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-otmap-\(UUID().uuidString)\(suffix)").path
    }

    /// f(x) = max(x₁, x₂, −x₁ − x₂): dom f* is the triangle of the slopes (1, 0), (0, 1), (−1, −1),
    /// and x*(y) = 0 for every y inside it (the three pieces meet only at 0).
    static func maxAffine() throws -> RegressionModel {
        let slopes: [[Double]] = [[1, 0], [0, 1], [-1, -1]]
        let architecture = Architecture.maxAffine(inputDimension: 2, pieces: 3)
        let shapes = architecture.layers
        var theta = [Double](repeating: 0, count: architecture.parameterCount)
        for (k, slope) in slopes.enumerated() {
            for j in 0..<2 { theta[shapes[0].wIndex(row: k, column: j)] = slope[j] }
        }
        theta[shapes[1].vOffset] = 1                                  // output = 1·max + 0
        return try RegressionModel(network: ConvexNetwork(architecture: architecture, parameters: theta),
                                   inputScaler: .identity(dimension: 2), targetScaler: .identity(dimension: 1),
                                   inputNames: columns, targetName: "f")
    }

    /// A seeded network of `architecture` over x, y with non-identity scalers (V ≥ 0 where constrained).
    static func network(_ architecture: Architecture, seed: UInt64) throws -> RegressionModel {
        var network = try NetworkInitializer.initialParameters(for: architecture, seed: seed)
        var random = SeededGenerator(seed: seed &+ 5)
        for k in network.parameters.indices { network.parameters[k] += 0.3 * random.nextNormal() }
        network.projectConstrainedWeights()
        return try RegressionModel(network: network, inputScaler: Standardizer(mean: [0.2, -0.1], scale: [1.5, 0.8]),
                                   targetScaler: Standardizer(mean: [0.5], scale: [2]), inputNames: columns, targetName: "potential")
    }

    static let maxGate = Architecture.hycnn(inputDimension: 2, widths: [6, 4], gate: .maxGate)
    static let smooth = Architecture.hycnn(inputDimension: 2, widths: [6, 4], gate: .smoothMaxGate(temperature: 0.5))

    /// A map file with potentials f and g, saved; its path.
    static func mapFile(f: RegressionModel, g: RegressionModel) throws -> String {
        let map = try TransportMap(forward: f, backward: g, columns: columns, training: MapTrainingRecord(method: "test", seed: 1))
        let path = temporaryPath(".json")
        try map.save(to: path)
        return path
    }

    /// The max-affine f with a seeded max-gate HyCNN g.
    static func maxAffineMap() throws -> String { try mapFile(f: maxAffine(), g: network(maxGate, seed: 2)) }

    /// A max-gate HyCNN f with a smooth HyCNN g.
    static func maxGateMap() throws -> String { try mapFile(f: network(maxGate, seed: 1), g: network(smooth, seed: 2)) }

    /// A CSV with header `header` and these rows.
    static func points(_ rows: [[Double]], header: [String] = columns) throws -> String {
        let text = header.joined(separator: ",") + "\n" + rows.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        return try ToolRunner.temporaryFile(text, suffix: ".csv")
    }

    /// `count` seeded points in [−2, 2]².
    static func cloud(_ count: Int, seed: UInt64) throws -> String {
        var random = SeededGenerator(seed: seed)
        return try points((0..<count).map { _ in [4 * random.nextUniform() - 2, 4 * random.nextUniform() - 2] })
    }

    /// The rows of a CSV file written by the tool.
    static func read(_ path: String) throws -> CSVTable { try CSVTable(contentsOfFile: path) }
}
