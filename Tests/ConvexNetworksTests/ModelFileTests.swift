import DataFiles
import Foundation
import Testing
@testable import ConvexNetworks

@Suite struct ModelFileTests {
    static func model(_ architecture: Architecture, seed: UInt64 = 1) throws -> RegressionModel {
        var network = try NetworkInitializer.initialParameters(for: architecture, seed: seed)
        var random = SeededGenerator(seed: seed)
        for k in network.parameters.indices { network.parameters[k] += 0.01 * random.nextNormal() / 3 }
        network.projectConstrainedWeights()
        let d = architecture.inputDimension
        return try RegressionModel(network: network,
                                   inputScaler: Standardizer(mean: (0..<d).map { 0.1 * Double($0) }, scale: (0..<d).map { 1 + Double($0) }),
                                   targetScaler: Standardizer(mean: [3.3], scale: [0.7]),
                                   inputNames: (0..<d).map { "in\($0)" }, targetName: "out")
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-model-\(UUID().uuidString).json").path
    }

    @Test(arguments: GradientTests.architectures)
    func saveThenLoadGivesIdenticalPredictions(architecture: Architecture) throws {
        let original = try Self.model(architecture)
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try original.save(to: path)
        let loaded = try RegressionModel(contentsOfFile: path)
        #expect(loaded == original)
        var random = SeededGenerator(seed: 5)
        let x = (0..<(64 * architecture.inputDimension)).map { _ in 3 * random.nextNormal() }
        #expect(try loaded.predict(x) == original.predict(x))        // bit for bit
    }

    static func json(_ model: RegressionModel) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: model.jsonData()) as! [String: Any]
    }

    static func reload(_ object: [String: Any]) throws -> RegressionModel {
        try RegressionModel(jsonData: JSONSerialization.data(withJSONObject: object), path: "edited.json")
    }

    @Test func theFileIsVersionedAndReadable() throws {
        let object = try Self.json(Self.model(.hycnn(inputDimension: 2, widths: [3, 3])))
        #expect(object["format"] as? String == "hycnn-model")
        #expect(object["version"] as? Int == 1)
        #expect(object["convex"] as? Bool == true)
        #expect((object["layers"] as? [Any])?.count == 3)
    }

    @Test func unknownVersionWrongShapesAndNegativeWeightsAreRejected() throws {
        let model = try Self.model(.hycnn(inputDimension: 2, widths: [3, 3]))
        var object = try Self.json(model)
        object["version"] = 7
        #expect(throws: ConvexNetworksError.unsupportedVersion(found: 7, supported: 1)) { try Self.reload(object) }

        object = try Self.json(model)
        var layers = object["layers"] as! [[String: Any]]
        layers[1]["b"] = [1.0, 2.0]
        object["layers"] = layers
        #expect(throws: ConvexNetworksError.invalidModelFile(path: "edited.json", reason: "layer 2: b must be 1 × 6")) { try Self.reload(object) }

        object = try Self.json(model)
        layers = object["layers"] as! [[String: Any]]
        var v = layers[1]["V"] as! [[Double]]
        v[0][1] = -0.25
        layers[1]["V"] = v
        object["layers"] = layers
        #expect(throws: ConvexNetworksError.notConvex(layer: 2, minimumWeight: -0.25)) { try Self.reload(object) }

        object = try Self.json(model)
        object["format"] = "something-else"
        #expect(throws: ConvexNetworksError.self) { try Self.reload(object) }
        object = try Self.json(model)
        object.removeValue(forKey: "widths")
        #expect(throws: ConvexNetworksError.self) { try Self.reload(object) }
    }

    @Test func anMLPMayHaveNegativeWeights() throws {
        let mlp = try Self.model(.mlp(inputDimension: 2, widths: [5, 5]))
        #expect(mlp.network.minimumConstrainedWeights.allSatisfy { $0 == nil })
        let reloaded = try Self.reload(Self.json(mlp))
        #expect(reloaded == mlp)
    }

    @Test func missingAndMalformedFiles() throws {
        #expect(throws: ConvexNetworksError.fileNotFound(path: "/no/such/model.json")) { try RegressionModel(contentsOfFile: "/no/such/model.json") }
        #expect(throws: ConvexNetworksError.self) { try RegressionModel(jsonData: Data("{not json".utf8)) }
    }
}
