import Foundation
import Testing

/// `hycnn-bench fuzz`, the seeded mutation fuzzer of the tool (Benchmarks/README.md, "Fuzzing"),
/// on a few hundred inputs per kind, and its independent re-checks on right and wrong answers.
@Suite(.serialized) struct FuzzTests {
    /// The fuzzer's executable, built beside the test bundle like `hycnn`.
    static var bench: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hycnn-bench")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return ToolRunner.packageRoot.appendingPathComponent(".build/debug/hycnn-bench")
    }

    /// Runs `executable arguments`; stderr goes to a file so that a long progress log cannot block.
    static func run(_ executable: URL, _ arguments: [String], folder: URL) throws -> (exitCode: Int32, stdout: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        let log = folder.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        try Data().write(to: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// No mutated MPS, CSV, problem or model file makes `hycnn` die by a signal, hang, exit
    /// outside its contract or print a claim that the re-check rejects (200 inputs per kind, seed 1).
    @Test func fuzzedInputsNeitherCrashNorHangNorLie() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.run(Self.bench, ["fuzz", "--count", "200", "--seed", "1", "--timeout", "10", "--jobs", "2",
                                               "--output-dir", folder.path, "--hycnn", ToolRunner.executable.path], folder: folder)
        let summary = try String(contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
        let rows = summary.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.map { $0[0] } == ["mps", "csv", "problem", "model"])
        let runs = try String(contentsOf: folder.appendingPathComponent("runs.csv"), encoding: .utf8)
        let findings = runs.split(separator: "\n").dropFirst().filter {
            let category = $0.split(separator: ",")[2]
            return category != "ok" && category != "undecided"
        }
        for row in rows {
            let examples = findings.filter { $0.hasPrefix(row[0] + ",") }.prefix(8).joined(separator: "\n")
            #expect(Int(row[1]) == 200, "\(row[0]): \(row[1]) inputs")
            // columns: kind, inputs, signal deaths, hangs, bad exit codes, rejected claims, undecided, ok
            #expect(row[2] == "0" && row[3] == "0" && row[4] == "0" && row[5] == "0",
                    "\(row[0]): \(row[2]) signal deaths, \(row[3]) hangs, \(row[4]) bad exit codes, \(row[5]) rejected claims; first findings:\n\(examples)")
        }
        #expect(result.exitCode == (findings.isEmpty ? 0 : 1))
    }

    /// The re-checks themselves accept the tool's right answers and reject altered ones.
    @Test func recheckAcceptsRightAndRejectsWrongAnswers() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // One input of one kind, to have the seed files written into folder/seeds.
        _ = try Self.run(Self.bench, ["fuzz", "--count", "1", "--kinds", "model", "--output-dir", folder.path,
                                      "--hycnn", ToolRunner.executable.path], folder: folder)
        let seeds = folder.appendingPathComponent("seeds")
        func tool(_ arguments: [String], to answer: String) throws -> Int32 {
            let result = try Self.run(ToolRunner.executable, arguments, folder: seeds)
            try result.stdout.write(to: seeds.appendingPathComponent(answer), atomically: true, encoding: .utf8)
            return result.exitCode
        }
        func edit(_ answer: String, to edited: String, _ change: (inout [String: Any]) -> Void) throws {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: seeds.appendingPathComponent(answer))) as? [String: Any])
            change(&object)
            try JSONSerialization.data(withJSONObject: object).write(to: seeds.appendingPathComponent(edited))
        }
        func recheck(_ arguments: [String]) throws -> String {
            let result = try Self.run(Self.bench, ["fuzz-recheck"] + arguments, folder: seeds)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return object?["outcome"] as? String ?? "no answer: \(result.stdout)"
        }

        #expect(try tool(["solve", "wyndor.mps", "--json"], to: "solve.json") == 0)
        #expect(try recheck(["--check", "solve", "--input", "wyndor.mps", "--answer", "solve.json"]) == "accepted")
        try edit("solve.json", to: "solve-objective.json") { $0["objective"] = 35.0 }
        #expect(try recheck(["--check", "solve", "--input", "wyndor.mps", "--answer", "solve-objective.json"]) == "rejected")
        try edit("solve.json", to: "solve-suboptimal.json") { $0["variables"] = ["x1": 4.0, "x2": 3.0]; $0["objective"] = 27.0 }
        #expect(try recheck(["--check", "solve", "--input", "wyndor.mps", "--answer", "solve-suboptimal.json"]) == "rejected")
        #expect(try tool(["solve", "smallmip.mps", "--json"], to: "mip.json") == 0)
        try edit("mip.json", to: "mip-fractional.json") { $0["variables"] = ["x": 4.25, "y": 2.25]; $0["objective"] = -6.5 }
        #expect(try recheck(["--check", "solve", "--input", "smallmip.mps", "--answer", "mip-fractional.json"]) == "rejected")

        #expect(try tool(["solve", "infeas.mps", "--json"], to: "infeasible.json") == 2)
        #expect(try recheck(["--check", "solve", "--input", "infeas.mps", "--answer", "infeasible.json", "--exit-code", "2"]) == "accepted")
        try edit("infeasible.json", to: "infeasible-ray.json") {
            $0["farkasRay"] = ($0["farkasRay"] as? [String: Double] ?? [:]).mapValues { _ in 1.0 }
        }
        #expect(try recheck(["--check", "solve", "--input", "infeas.mps", "--answer", "infeasible-ray.json", "--exit-code", "2"]) == "rejected")

        #expect(try tool(["minimize", "lp2d.json", "--json"], to: "minimize.json") == 0)
        #expect(try recheck(["--check", "minimize", "--input", "lp2d.json", "--answer", "minimize.json"]) == "accepted")
        try edit("minimize.json", to: "minimize-objective.json") { $0["objective"] = ($0["objective"] as? Double ?? 0) + 0.5 }
        #expect(try recheck(["--check", "minimize", "--input", "lp2d.json", "--answer", "minimize-objective.json"]) == "rejected")
        try edit("minimize.json", to: "minimize-outside.json") { $0["variables"] = ["x1": 5.0, "x2": 0.0] }
        #expect(try recheck(["--check", "minimize", "--input", "lp2d.json", "--answer", "minimize-outside.json"]) == "rejected")

        #expect(try tool(["certify", "mlp.model.json", "--json"], to: "certify.json") == 4)
        #expect(try recheck(["--check", "certify", "--input", "mlp.model.json", "--answer", "certify.json", "--exit-code", "4"]) == "accepted")
        try edit("certify.json", to: "certify-convex.json") { $0["convex"] = true }
        #expect(try recheck(["--check", "certify", "--input", "mlp.model.json", "--answer", "certify-convex.json"]) == "rejected")
        #expect(try recheck(["--check", "certify", "--input", "smooth.model.json", "--answer", "certify-convex.json"]) == "accepted")

        #expect(try tool(["transport", "source.csv", "target.csv", "--json", "-o", "plan.csv"], to: "transport.json") == 0)
        let transport = ["--check", "transport", "--input", "source.csv", "--target", "target.csv", "--plan", "plan.csv"]
        #expect(try recheck(transport + ["--answer", "transport.json"]) == "accepted")
        try edit("transport.json", to: "transport-cost.json") { $0["objective"] = ($0["objective"] as? Double ?? 0) * 1.01 }
        #expect(try recheck(transport + ["--answer", "transport-cost.json"]) == "rejected")

        #expect(try tool(["check-data", "concave.csv", "--target", "y", "--json"], to: "check.json") == 4)
        #expect(try recheck(["--check", "check-data", "--input", "concave.csv", "--answer", "check.json", "--exit-code", "4"]) == "accepted")
        try edit("check.json", to: "check-moved.json") {
            var certificate = $0["certificate"] as? [String: Any] ?? [:]
            certificate["weights"] = (certificate["weights"] as? [Double] ?? []).enumerated().map { $0.offset == 0 ? $0.element + 0.5 : $0.element }
            $0["certificate"] = certificate
        }
        #expect(try recheck(["--check", "check-data", "--input", "concave.csv", "--answer", "check-moved.json", "--exit-code", "4"]) == "rejected")
        try #"{"convex": true}"#.write(to: seeds.appendingPathComponent("convex-claim.json"), atomically: true, encoding: .utf8)
        #expect(try recheck(["--check", "check-data", "--input", "hull.csv", "--answer", "convex-claim.json"]) == "rejected")
        #expect(try recheck(["--check", "check-data", "--input", "convex.csv", "--answer", "convex-claim.json"]) == "accepted")
    }
}
