import ConvexNetworks
import DataFiles
import Foundation
import Testing
import TransportMaps

@Suite("Transport map files")
struct TransportMapFileTests {
    static let columns = ["gene a", "gene b", "pc3"]

    static func potential(_ architecture: Architecture, seed: UInt64, name: String) throws -> RegressionModel {
        var network = try NetworkInitializer.initialParameters(for: architecture, seed: seed)
        var random = SeededGenerator(seed: seed)
        for k in network.parameters.indices { network.parameters[k] += 0.01 * random.nextNormal() / 3 }
        network.projectConstrainedWeights()
        let d = architecture.inputDimension
        return try RegressionModel(network: network,
                                   inputScaler: Standardizer(mean: (0..<d).map { 0.1 * Double($0) + 1 / 3 }, scale: (0..<d).map { 1 + Double($0) / 7 }),
                                   targetScaler: Standardizer(mean: [0.3], scale: [1.7]),
                                   inputNames: Array(columns.prefix(d)), targetName: name)
    }

    static func map() throws -> TransportMap {
        let f = try potential(.hycnn(inputDimension: 3, widths: [6, 4], gate: .smoothMaxGate(temperature: 10)), seed: 1, name: "f")
        let g = try potential(.icnn(inputDimension: 3, widths: [5], activation: .softplus(temperature: 1)), seed: 2, name: "g")
        let record = MapTrainingRecord(method: "minimax", seed: 0xDEAD_BEEF_1234_5678, iterations: 1000, innerSteps: 5, batchSize: 256,
                                       learningRate: 0.01, initialization: "paper", dualEstimate: 1.0 / 3, seconds: 12.5,
                                       sourceCount: 5000, targetCount: 4999)
        return try TransportMap(forward: f, backward: g, columns: columns, training: record)
    }

    static func object(_ map: TransportMap) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: map.jsonData()) as! [String: Any]
    }

    static func load(_ object: [String: Any]) throws -> TransportMap {
        try TransportMap(jsonData: JSONSerialization.data(withJSONObject: object), path: "edited.json")
    }

    /// The reason of an `invalidMapFile` error, or nil for any other outcome.
    static func reason(_ body: () throws -> TransportMap) -> String? {
        do { _ = try body(); return nil } catch let TransportMapsError.invalidMapFile(_, reason) { return reason } catch { return nil }
    }

    @Test("save → load is bit-exact: same potentials, metadata and images")
    func roundTrip() throws {
        let original = try Self.map()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-map-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try original.save(to: path)
        let loaded = try TransportMap(contentsOfFile: path)
        #expect(loaded == original)
        var random = SeededGenerator(seed: 9)
        let points = (0..<(50 * 3)).map { _ in 2 * random.nextNormal() }
        #expect(try loaded.apply(points) == original.apply(points))
        #expect(try loaded.applyInverse(points) == original.applyInverse(points))
        #expect(try loaded.jsonData() == original.jsonData())
    }

    @Test("each potential inside is a complete model file")
    func potentialsAreModelFiles() throws {
        let original = try Self.map()
        let root = try Self.object(original)
        for (name, model) in [("f", original.forward), ("g", original.backward)] {
            let entry = try JSONSerialization.data(withJSONObject: root[name]!)
            #expect(try RegressionModel(jsonData: entry) == model)
        }
        #expect(root["format"] as? String == "hycnn-ot-map" && root["version"] as? Int == 1)
    }

    @Test("the map is ∇f and its inverse ∇g")
    func applies() throws {
        let map = try Self.map()
        let x: [Double] = [0.5, -1, 2, 1, 1, 1]
        #expect(try map.apply(x) == map.forward.inputGradients(x))
        #expect(try map.applyInverse(x) == map.backward.inputGradients(x))
        #expect(throws: TransportMapsError.self) { try map.apply([1, 2]) }
        #expect(throws: TransportMapsError.self) { try map.apply([1, .nan, 3]) }
    }

    @Test("a model file, other JSON and non-JSON are not map files")
    func notAMap() throws {
        let model = try Self.map().forward
        #expect(throws: TransportMapsError.notAMapFile(path: "m.json", format: "hycnn-model")) {
            try TransportMap(jsonData: model.jsonData(), path: "m.json")
        }
        #expect(TransportMapsError.notAMapFile(path: "m.json", format: "hycnn-model").description.contains("model file"))
        #expect(throws: TransportMapsError.notAMapFile(path: "x", format: nil)) { try TransportMap(jsonData: Data("[1, 2]".utf8), path: "x") }
        #expect(throws: TransportMapsError.notAMapFile(path: "x", format: nil)) { try TransportMap(jsonData: Data("{oops".utf8), path: "x") }
    }

    @Test("wrong versions of the map and of a potential")
    func versions() throws {
        var root = try Self.object(Self.map())
        root["version"] = 2
        root["newKey"] = true
        #expect(throws: TransportMapsError.unsupportedMapVersion(path: "edited.json", found: 2, supported: 1)) { try Self.load(root) }
        root = try Self.object(Self.map())
        var g = root["g"] as! [String: Any]
        g["version"] = 7
        root["g"] = g
        #expect(Self.reason { try Self.load(root) }?.contains("potential g: model file version 7") == true)
    }

    @Test("unknown, repeated and missing keys are errors naming their path")
    func keys() throws {
        var root = try Self.object(Self.map())
        root["colums"] = root["columns"]
        #expect(Self.reason { try Self.load(root) }?.contains("colums") == true)
        root = try Self.object(Self.map())
        var training = root["training"] as! [String: Any]
        training["optimizer"] = "adam"
        root["training"] = training
        #expect(Self.reason { try Self.load(root) }?.contains("training.optimizer") == true)
        root = try Self.object(Self.map())
        var f = root["f"] as! [String: Any]
        f["extra"] = 1
        root["f"] = f
        #expect(Self.reason { try Self.load(root) }?.contains("f.extra") == true)
        root = try Self.object(Self.map())
        root["g"] = nil
        #expect(Self.reason { try Self.load(root) }?.contains("missing key \"g\"") == true)
        let text = String(decoding: try Self.map().jsonData(), as: UTF8.self).replacingOccurrences(of: "\"version\":1", with: "\"version\":1,\"version\":1")
        #expect(Self.reason { try TransportMap(jsonData: Data(text.utf8)) }?.contains("twice") == true)
    }

    @Test("mismatched dimensions or names between f, g and the columns")
    func mismatches() throws {
        let good = try Self.map()
        let small = try Self.potential(.hycnn(inputDimension: 2, widths: [3]), seed: 4, name: "g")
        #expect(throws: TransportMapsError.self) {
            try TransportMap(forward: good.forward, backward: small, columns: Self.columns, training: good.training)
        }
        var root = try Self.object(good)
        root["g"] = try JSONSerialization.jsonObject(with: small.jsonData())
        #expect(Self.reason { try Self.load(root) }?.contains("f has 3 inputs and g has 2") == true)
        root = try Self.object(good)
        root["columns"] = ["x", "y", "z"]
        #expect(Self.reason { try Self.load(root) }?.contains("input names of potential f") == true)
        root = try Self.object(good)
        var f = root["f"] as! [String: Any]
        f["layers"] = []
        root["f"] = f
        let reason = Self.reason { try Self.load(root) }
        #expect(reason?.hasPrefix("potential f: invalid model file f: 0 layers") == true, "\(reason ?? "no error")")
    }

    @Test("a missing file is a file error")
    func missingFile() {
        #expect(throws: TransportMapsError.file(.notFound(path: "/nonexistent/map.json"))) {
            try TransportMap(contentsOfFile: "/nonexistent/map.json")
        }
    }
}
