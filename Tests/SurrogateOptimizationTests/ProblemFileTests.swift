import ConvexNetworks
import DataFiles
import Foundation
import GLPKBackend
import Testing
@testable import SurrogateOptimization

/// Problem files: strict keys, keys that exclude each other, bounds omitted or null = infinite.
@Suite struct ProblemFileTests {
    /// A folder with a one-input convex model `m.model.json`.
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-problem-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try! SurrogateTestModels.random(.hycnn(inputDimension: 1, widths: [4]), seed: 3).save(to: url.appendingPathComponent("m.model.json").path)
        return url
    }()

    static func load(_ json: String) throws -> ProblemFile {
        let path = folder.appendingPathComponent("p-\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return try ProblemFile(contentsOfFile: path)
    }

    static func problem(variables: String = #"[{"name": "x", "lower": -1, "upper": 1}]"#,
                        objective: String = #"{"sense": "minimize", "surrogates": ["c"]}"#,
                        constraints: String = "[]", extra: String = "") -> String {
        """
        {"variables": \(variables),
         "surrogates": [{"name": "c", "model": "m.model.json", "inputs": ["x"]}],
         "objective": \(objective), "constraints": \(constraints)\(extra)}
        """
    }

    static func unknownKey(_ json: String) -> (path: String, suggestion: String?)? {
        do { _ = try load(json) } catch let FileError.unknownKey(_, _, path, suggestion, _) {
            return (path, suggestion)
        } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    @Test func theBaseProblemLoads() throws {
        let file = try Self.load(Self.problem())
        #expect(file.problem.objectiveSurrogates.count == 1)
        #expect(file.modelFiles["c"] == Self.folder.appendingPathComponent("m.model.json").path)
    }

    @Test func unknownKeysAnywhereAreErrorsWithPathAndSuggestion() {
        let cases: [(String, String, String?)] = [
            (Self.problem(objective: #"{"sense": "minimize", "surogates": ["c"]}"#), "objective.surogates", "surrogates"),
            (Self.problem(variables: #"[{"name": "x", "lowr": 0}]"#), "variables[0].lowr", "lower"),
            (Self.problem(constraints: #"[{"linear": {"x": 1}, "upper": 1}, {"linear": {"x": 1}, "uper": 1}]"#), "constraints[1].uper", "upper"),
            (Self.problem(objective: #"{"surrogates": [{"name": "c", "wieght": 2}]}"#), "objective.surrogates[0].wieght", "weight"),
            (Self.problem(extra: #", "referense": {}"#), "referense", "reference"),
            (Self.problem(extra: #", "reference": {"objective": 1, "sorce": "x"}"#), "reference.sorce", "source"),
            (Self.problem().replacingOccurrences(of: #""inputs": ["x"]"#, with: #""inputs": [{"lineer": {"x": 1}}]"#),
             "surrogates[0].inputs[0].lineer", "linear"),
            (Self.problem().replacingOccurrences(of: #""model": "#, with: #""modell": "m.model.json", "model": "#), "surrogates[0].modell", "model"),
        ]
        for (json, path, suggestion) in cases {
            let found = Self.unknownKey(json)
            #expect(found?.path == path && found?.suggestion == suggestion, "\(path): \(String(describing: found))")
        }
    }

    @Test func constraintKeysThatExcludeEachOtherAreRefused() {
        for (constraint, keys) in [(#"{"linear": {"x": 1}, "equals": 0, "lower": -1}"#, ["equals", "lower"]),
                                   (#"{"surrogate": "c", "linear": {"x": 1}, "upper": 1}"#, ["surrogate", "linear"]),
                                   (#"{"surrogate": "c", "constant": 1, "upper": 1}"#, ["surrogate", "constant"])] {
            #expect(throws: FileError.self, "\(keys)") { try Self.load(Self.problem(constraints: "[\(constraint)]")) }
            do { _ = try Self.load(Self.problem(constraints: "[\(constraint)]")) } catch let FileError.conflictingKeys(_, path, found) {
                #expect(path == "constraints[0]" && found == keys)
            } catch { Issue.record("unexpected \(error)") }
        }
    }

    @Test func valuesOfTheWrongKindAreRefusedNotIgnored() {
        let cases = [
            Self.problem(objective: #"{"sense": 1, "surrogates": ["c"]}"#),
            Self.problem(objective: #"{"surrogates": "c"}"#),
            Self.problem(constraints: #"[{"surrogate": 3, "upper": 1}]"#),
            Self.problem(constraints: #"[{"linear": {"x": 1}, "equals": null}]"#),
            Self.problem(constraints: #"[{"upper": 1}]"#),
            Self.problem(constraints: #"[{"name": 7, "linear": {"x": 1}, "upper": 1}]"#),
            Self.problem(variables: #"[{"name": "x", "lower": "0"}]"#),
            Self.problem(extra: #", "reference": {"objective": "12"}"#),
            Self.problem(extra: #", "reference": {"truth": [1, 2]}"#),
            Self.problem().replacingOccurrences(of: #""inputs": ["x"]"#, with: #""inputs": ["x"], "data": 5"#),
        ]
        for json in cases {
            #expect(throws: SurrogateOptimizationError.self, "\(json)") { try Self.load(json) }
        }
    }

    @Test func boundsOmittedOrNullAreInfinite() throws {
        let omitted = try Self.load(Self.problem(variables: #"[{"name": "x"}]"#))
        #expect(omitted.problem.variables[0].lower == -.infinity && omitted.problem.variables[0].upper == .infinity)
        let null = try Self.load(Self.problem(variables: #"[{"name": "x", "lower": null, "upper": 2}]"#))
        #expect(null.problem.variables[0].lower == -.infinity && null.problem.variables[0].upper == 2)
        let onlyLower = try Self.load(Self.problem(variables: #"[{"name": "x", "lower": 0}]"#))
        #expect(onlyLower.problem.variables[0].lower == 0 && onlyLower.problem.variables[0].upper == .infinity)
        let constraint = try Self.load(Self.problem(constraints: #"[{"linear": {"x": 1}, "lower": null, "upper": 3}]"#))
        #expect(constraint.problem.linearRows[0].lower == -.infinity && constraint.problem.linearRows[0].upper == 3)
        // Both sides infinite says nothing: refused.
        #expect(throws: SurrogateOptimizationError.self) { try Self.load(Self.problem(constraints: #"[{"linear": {"x": 1}, "lower": null}]"#)) }
    }

    @Test func aFreeVariableIsSolvedOnTheLPRoute() throws {
        // min c(x) + 0 with x free and x ≥ −1 from a constraint: the LP route needs no variable box.
        let file = try Self.load(Self.problem(variables: #"[{"name": "x"}]"#, constraints: #"[{"linear": {"x": 1}, "lower": -1, "upper": 1}]"#))
        #expect(file.problem.variables[0].lower == -.infinity)
        let compiled = try file.problem.compile()
        let solution = try compiled.solve(using: GLPKSolver(method: .primalSimplex))
        #expect(solution.route == .lp && solution.status == .optimal && solution.verified, "\(solution.certificate.failures)")
        #expect(solution.x[0] >= -1 - 1e-9 && solution.x[0] <= 1 + 1e-9)
    }
}
