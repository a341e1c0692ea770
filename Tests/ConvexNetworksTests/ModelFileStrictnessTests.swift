import DataFiles
import Foundation
import Testing
@testable import ConvexNetworks

/// Model files: every key known, every size checked before anything is allocated.
@Suite struct ModelFileStrictnessTests {
    static func object() throws -> [String: Any] {
        try ModelFileTests.json(ModelFileTests.model(.hycnn(inputDimension: 2, widths: [3, 3])))
    }

    static func reason(_ object: [String: Any]) -> String? {
        do { _ = try ModelFileTests.reload(object) } catch let ConvexNetworksError.invalidModelFile(path, reason) {
            #expect(path == "edited.json")
            return reason
        } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    @Test func unknownKeysAtEveryLevelAreNamedWithTheNearestKey() throws {
        var object = try Self.object()
        object["widht"] = [3]
        #expect(Self.reason(object) == "unknown key \"widht\" at `widht`; did you mean `widths`?")

        object = try Self.object()
        var layers = object["layers"] as! [[String: Any]]
        layers[2]["bias"] = [0.0]
        object["layers"] = layers
        #expect(Self.reason(object)?.contains("`layers[2].bias`") == true)

        object = try Self.object()
        var scaler = object["inputScaler"] as! [String: Any]
        scaler["scal"] = [1.0, 1.0]
        object["inputScaler"] = scaler
        #expect(Self.reason(object) == "unknown key \"scal\" at `inputScaler.scal`; did you mean `scale`?")

        object = try Self.object()
        var nonlinearity = object["nonlinearity"] as! [String: Any]
        nonlinearity["temperature"] = 1.0
        object["nonlinearity"] = nonlinearity
        #expect(Self.reason(object)?.contains("`nonlinearity.temperature`") == true)
    }

    @Test func claimsTheArchitectureCannotBackAreRefused() throws {
        var object = try Self.object()
        object["nonlinearity"] = ["name": "max", "parameter": 5.0]
        #expect(Self.reason(object)?.contains("nonlinearity.parameter") == true)
        object = try ModelFileTests.json(ModelFileTests.model(.mlp(inputDimension: 2, widths: [3])))
        object["convex"] = true
        #expect(Self.reason(object)?.contains("\"convex\" is true") == true)
    }

    @Test func aNewerVersionIsReportedAsSuchNotAsUnknownKeys() throws {
        var object = try Self.object()
        object["version"] = 2
        object["newField"] = true
        #expect(throws: ConvexNetworksError.unsupportedVersion(found: 2, supported: 1)) { try ModelFileTests.reload(object) }
    }

    /// Declared sizes far beyond the arrays (1e9, 2^62) are refused from the declaration,
    /// naming the field, before a parameter buffer is allocated.
    @Test(arguments: [("widths", [1_000_000_000, 3], "widths[0]"), ("widths", [3, 1 << 62], "widths[1]"),
                      ("inputDimension", [1 << 62], "inputDimension"), ("inputDimension", [1_000_000_000], "inputDimension"),
                      ("lanes", [1 << 62], "lanes"), ("lanes", [100_000], "lanes")])
    func hugeDeclaredSizesAreRefused(field: String, value: [Int], named: String) throws {
        var object = try Self.object()
        object[field] = field == "widths" ? value as Any : value[0] as Any
        let reason = try #require(Self.reason(object))
        #expect(reason.contains(named) && reason.contains("too large"), "\(reason)")
    }

    @Test func arraysAreCheckedAgainstTheDeclaredShapes() throws {
        var object = try Self.object()
        object["widths"] = [3, 4]                         // within the limits, but the arrays are 3 wide
        #expect(Self.reason(object)?.contains("must be") == true)
    }

    @Test func architectureLimitsUseOverflowCheckedCounts() throws {
        let limit = Architecture.maximumUnitCount
        #expect(throws: Never.self) { try Architecture.hycnn(inputDimension: 3, widths: [64, 64]).validate() }
        #expect(throws: ConvexNetworksError.self) { try Architecture.maxAffine(inputDimension: 1, pieces: limit + 1).validate() }
        #expect(throws: ConvexNetworksError.self) { try Architecture.icnn(inputDimension: 1, widths: [Int.max / 2, Int.max / 2]).validate() }
        #expect(throws: ConvexNetworksError.self) { try Architecture.mlp(inputDimension: Int.max, widths: [1]).validate() }
        // Within the unit limit but over the parameter limit: 8192² · 2 weights per V.
        #expect(throws: ConvexNetworksError.self) { try Architecture.hycnn(inputDimension: 1, widths: [8192, 8192]).validate() }
        do {
            try Architecture.maxAffine(inputDimension: 1, pieces: 1 << 62).validate()
        } catch let ConvexNetworksError.invalidArchitecture(reason) {
            #expect(reason.contains("lanes = 4611686018427387904") && reason.contains("\(limit)"))
        }
    }

    @Test func specialAndOversizedFilesAreRefused() throws {
        #expect(throws: ConvexNetworksError.unreadableFile(path: "/dev/zero", reason: "it is a character device, not a regular file")) {
            try RegressionModel(contentsOfFile: "/dev/zero")
        }
        #expect(throws: CSVError.self) { try CSVTable(contentsOfFile: "/dev/zero") }
        let path = ModelFileTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "a,b\n1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CSVError.self) { try CSVTable(contentsOfFile: path, limit: 4) }
        #expect(try CSVTable(contentsOfFile: path, limit: 8).rowCount == 1)
    }
}
