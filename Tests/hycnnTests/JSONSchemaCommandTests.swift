import Foundation
import TestSupport
import Testing

/// Every `--json` output against its schema in docs/schemas (JSONSchema: type, properties,
/// required, additionalProperties, items, enum, const, anyOf, $ref): each key documented, every
/// fixed-key object closed, `command` and `schemaVersion` present. Each command runs in the
/// situations that bring out its optional keys.
@Suite(.serialized) struct JSONSchemaCommandTests {
    static func schema(_ command: String) throws -> JSONSchema {
        let file = command.replacingOccurrences(of: " ", with: "-") + ".schema.json"
        return try JSONSchema(contentsOf: ToolRunner.packageRoot.appendingPathComponent("docs/schemas/" + file))
    }

    /// Runs `arguments` (which must include --json) and checks its stdout against the command's schema.
    static func conforms(_ arguments: [String], exitCodes: Set<Int32> = [0]) throws {
        let command = arguments[0] == "ot-map" ? "ot-map " + arguments[1] : arguments[0]
        let result = try ToolRunner.run(arguments)
        #expect(exitCodes.contains(result.exitCode), "\(arguments): exit \(result.exitCode): \(result.stderr)")
        let value = try JSONValue(data: Data(result.stdout.utf8))
        guard case .object(let members) = value else { Issue.record("\(arguments): not an object"); return }
        #expect(members["command"] == .string(command) && members["schemaVersion"] == .number(1), "\(arguments)")
        let violations = try schema(command).violations(of: value)
        let described = "\(arguments.joined(separator: " ")):\n" + violations.joined(separator: "\n")
        #expect(violations.isEmpty, "\(described)")
    }

    @Test func theCheckerFindsWhatIsWrong() throws {
        let schema = JSONSchema(try JSONValue(data: Data("""
            {"type": "object", "additionalProperties": false, "required": ["status", "x"],
             "properties": {"status": {"enum": ["optimal", "infeasible"]}, "x": {"$ref": "#/$defs/vector"},
                            "gap": {"type": ["number", "null"]}, "names": {"type": "object", "additionalProperties": {"type": "integer"}},
                            "tag": {"anyOf": [{"const": "a"}, {"type": "boolean"}]}},
             "$defs": {"vector": {"type": "array", "items": {"type": "number"}}}}
            """.utf8)))
        let good = try JSONValue(data: Data(#"{"status": "optimal", "x": [1, 2.5], "gap": null, "names": {"a": 3}, "tag": true}"#.utf8))
        #expect(schema.violations(of: good).isEmpty)
        let bad = try JSONValue(data: Data(#"{"status": "solved", "x": [1, "2"], "gap": false, "names": {"a": 3.5}, "tag": "b", "extra": 1}"#.utf8))
        let found = schema.violations(of: bad)
        for path in ["$.status", "$.x[1]", "$.gap", "$.names.a", "$.tag", "'extra'"] {
            #expect(found.contains { $0.contains(path) }, "\(path) in \(found)")
        }
        #expect(schema.violations(of: try JSONValue(data: Data(#"{"x": []}"#.utf8))).contains { $0.contains("'status' is missing") })
        #expect(JSONSchema(.object(["type": .string("object"), "minProperties": .number(1)])).violations(of: .object([:]))
            .contains { $0.contains("unsupported schema keyword 'minProperties'") })
    }

    @Test func solve() throws {
        try Self.conforms(["solve", "Problems/production/production.mps", "--json"])
        try Self.conforms(["solve", "Problems/production/production.lp", "--json", "--solver", "ipm"])
        let infeasible = try ToolRunner.temporaryFile("Minimize\n obj: x\nSubject To\n c: x >= 2\nBounds\n x <= 1\nEnd\n", suffix: ".lp")
        try Self.conforms(["solve", infeasible, "--json"], exitCodes: [2])
        let unbounded = try ToolRunner.temporaryFile("Minimize\n obj: - x\nSubject To\n c: x >= 1\nEnd\n", suffix: ".lp")
        try Self.conforms(["solve", unbounded, "--json"], exitCodes: [2])
        let mip = try ToolRunner.temporaryFile("Maximize\n obj: 3 x + 2 y\nSubject To\n c: 2 x + y <= 7.5\nGenerals\n x y\nEnd\n", suffix: ".lp")
        try Self.conforms(["solve", mip, "--json"])
        try Self.conforms(["solve", mip, "--json", "--relax"])
        try Self.conforms(["solve", try TimeLimitCommandTests.marketSplitLP(), "--json", "--time-limit", "1"], exitCodes: [3])
    }

    @Test func minimize() throws {
        let problem = try MinimizeCommandTests.problem(MinimizeCommandTests.dispatch)
        try Self.conforms(["minimize", problem, "--json"])
        try Self.conforms(["minimize", problem, "--json", "--milp"])
    }

    @Test func fitPredictCertify() throws {
        let data = try FitCommandTests.squaredNormCSV(rows: 120), model = FitCommandTests.modelPath()
        try Self.conforms(["fit", data, "--target", "cost", "--widths", "4x2", "--epochs", "3", "--quiet", "-o", model, "--json"])
        try Self.conforms(["predict", model, data, "--json"])
        try Self.conforms(["predict", model, data, "--json", "-o", FitCommandTests.modelPath() + ".csv"])
        try Self.conforms(["certify", model, "--json"])
        let mlp = FitCommandTests.modelPath()
        #expect(try ToolRunner.run(["fit", data, "--target", "cost", "--model", "mlp", "--widths", "8,8", "--epochs", "3", "--quiet", "-o", mlp]).exitCode == 0)
        try Self.conforms(["certify", mlp, "--json"], exitCodes: [0, 4])
    }

    @Test func checkData() throws {
        let convex = try CheckDataCommandTests.csv(rows: 40, dimension: 2) { $0[0] * $0[0] + $0[1] * $0[1] }
        try Self.conforms(["check-data", convex, "--target", "y", "--json"])
        try Self.conforms(["check-data", convex, "--target", "y", "--json", "--fit", "linf", "-o", FitCommandTests.modelPath()])
        let concave = try CheckDataCommandTests.csv(rows: 40, dimension: 1) { -$0[0] * $0[0] }
        try Self.conforms(["check-data", concave, "--target", "y", "--json"], exitCodes: [4])
    }

    @Test func transport() throws {
        let base = ["transport", "Problems/transport/warehouses.csv", "Problems/transport/stores.csv",
                    "--source-weights", "stock", "--target-weights", "demand", "--json"]
        try Self.conforms(base + ["--plan"])
        try Self.conforms(base + ["--method", "lp", "--solver", "ipm"])
        try Self.conforms(base + ["--method", "sinkhorn"], exitCodes: [0, 3])
        let (source, target) = try TransportVariantsCommandTests.files()
        let weights = ["--source-weights", "w", "--target-weights", "w", "--json"]
        try Self.conforms(["transport", source, target, "--mass", "1.5", "--plan"] + weights)
        try Self.conforms(["transport", source, target, "--unbalanced", "3"] + weights)
    }

    @Test func otMap() throws {
        let source = try OTMapTrainCommandTests.sampleCSV(header: "a,b", rows: 60, scale: 1, shift: 0, seed: 1)
        let target = try OTMapTrainCommandTests.sampleCSV(header: "a,b", rows: 60, scale: 2, shift: 1, seed: 2)
        let map = OTMapFixtures.temporaryPath(".json")
        try Self.conforms(["ot-map", "train", source, target, "-o", map, "--json", "--quiet"] + OTMapTrainCommandTests.small)
        try Self.conforms(["ot-map", "train", source, target, "-o", OTMapFixtures.temporaryPath(".json"), "--json", "--quiet",
                           "--holdout", "0.3"] + OTMapTrainCommandTests.small)
        try Self.conforms(["ot-map", "apply", map, source, "-o", OTMapFixtures.temporaryPath(".csv"), "--json"])
        let maxAffine = try OTMapFixtures.maxAffineMap(), points = try OTMapFixtures.points([[0.2, 0.3], [0.1, -0.2]])
        try Self.conforms(["ot-map", "apply", maxAffine, points, "-o", OTMapFixtures.temporaryPath(".csv"), "--inverse", "exact", "--json"],
                          exitCodes: [0, 2])
        try Self.conforms(["ot-map", "certify", try OTMapFixtures.maxGateMap(), try OTMapFixtures.cloud(10, seed: 5), "--json"], exitCodes: [0, 4])
    }
}
