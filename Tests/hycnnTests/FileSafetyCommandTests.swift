import Foundation
import Testing

/// Inputs with bounds and outputs that never destroy inputs, across every command that reads
/// or writes files (README "Files: inputs and outputs").
@Suite(.serialized) struct FileSafetyCommandTests {
    /// A folder with data.csv (y = x², 40 rows), model.json fitted to it, two point clouds and a problem file.
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-files-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var data = "x,y\n"
        for k in 0..<40 { let x = -2 + 4 * Double(k) / 39; data += "\(x),\(x * x)\n" }
        try! data.write(to: url.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        var cloud = "a,b\n"
        for k in 0..<12 { cloud += "\(Double(k) / 12),\(Double(k * k % 7) / 7)\n" }
        try! cloud.write(to: url.appendingPathComponent("source.csv"), atomically: true, encoding: .utf8)
        try! cloud.write(to: url.appendingPathComponent("target.csv"), atomically: true, encoding: .utf8)
        let fit = try! ToolRunner.run(["fit", url.appendingPathComponent("data.csv").path, "--target", "y", "--widths", "4x1",
                                       "--epochs", "5", "--quiet", "-o", url.appendingPathComponent("model.json").path])
        precondition(fit.exitCode == 0, fit.stderr)
        try! """
            {"variables": [{"name": "x", "lower": -2, "upper": 2}],
             "surrogates": [{"name": "f", "model": "model.json", "inputs": ["x"], "data": "data.csv"}],
             "objective": {"sense": "minimize", "surrogates": ["f"]}}
            """.write(to: url.appendingPathComponent("problem.json"), atomically: true, encoding: .utf8)
        return url
    }()

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func contents(_ name: String) -> Data? { FileManager.default.contents(atPath: path(name)) }

    /// Runs hycnn with extra environment variables and stdout sent to `stdoutPath` (e.g. /dev/full).
    static func run(_ arguments: [String], environment: [String: String] = [:], stdoutPath: String? = nil) throws -> ToolRunner.Result {
        let process = Process()
        process.executableURL = ToolRunner.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        if let stdoutPath { process.standardOutput = FileHandle(forWritingAtPath: stdoutPath) } else { process.standardOutput = out }
        process.standardError = err
        try process.run()
        let stdout = stdoutPath == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "ended by a signal: \(arguments)")
        return ToolRunner.Result(exitCode: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                 stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Every (command, output that names an input): exit 1, a message, the input unchanged.
    @Test func outputsThatNameAnInputAreRefused() throws {
        let link = Self.path("link-to-data.csv")
        try? FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: Self.path("data.csv"))
        let cases: [([String], String)] = [
            (["fit", Self.path("data.csv"), "--target", "y", "--epochs", "1", "--quiet", "-o", Self.path("data.csv")], "data.csv"),
            (["fit", Self.path("data.csv"), "--target", "y", "--epochs", "1", "--quiet", "-o", link], "data.csv"),
            (["predict", Self.path("model.json"), Self.path("data.csv"), "-o", Self.path("model.json")], "model.json"),
            (["predict", Self.path("model.json"), Self.path("data.csv"), "-o", Self.folder.path + "/./data.csv"], "data.csv"),
            (["check-data", Self.path("data.csv"), "--target", "y", "--fit", "l1", "-o", Self.path("data.csv")], "data.csv"),
            (["transport", Self.path("source.csv"), Self.path("target.csv"), "-o", Self.path("target.csv")], "target.csv"),
            (["transport", Self.path("source.csv"), Self.path("target.csv"), "--svg", Self.path("source.csv")], "source.csv"),
            (["minimize", Self.path("problem.json"), "--svg", Self.path("problem.json")], "problem.json"),
            (["minimize", Self.path("problem.json"), "--svg", Self.path("model.json")], "model.json"),
            (["minimize", Self.path("problem.json"), "--svg", Self.path("data.csv")], "data.csv"),
        ]
        for (arguments, input) in cases {
            let before = Self.contents(input)
            let result = try Self.run(arguments)
            #expect(result.exitCode == 1, "\(arguments)")
            #expect(result.stderr.contains("names the input file"), "\(arguments): \(result.stderr)")
            #expect(Self.contents(input) == before, "\(input) was changed by \(arguments)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == Self.path("data.csv"))
    }

    @Test func devicesFoldersAndTwoOutputsOnOneFileAreRefused() throws {
        for output in ["/dev/null", Self.folder.path] {
            let result = try Self.run(["predict", Self.path("model.json"), Self.path("data.csv"), "-o", output])
            #expect(result.exitCode == 1 && result.stderr.contains("regular file"), "\(output): \(result.stderr)")
        }
        let both = Self.path("both.out")
        let result = try Self.run(["transport", Self.path("source.csv"), Self.path("target.csv"), "-o", both, "--svg", both])
        #expect(result.exitCode == 1 && result.stderr.contains("same file"))
        #expect(!FileManager.default.fileExists(atPath: both))
    }

    /// The output folder is checked before training: a long fit fails at once.
    @Test func fitChecksItsOutputBeforeTraining() throws {
        let start = Date()
        let result = try Self.run(["fit", Self.path("data.csv"), "--target", "y", "--epochs", "100000", "--quiet",
                                   "-o", Self.path("no-such-folder/model.json")])
        #expect(result.exitCode == 1 && result.stderr.contains("does not exist"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(start) < 10)
    }

    /// A failed or time-limited run leaves the previous outputs as they were.
    @Test func aRunThatDoesNotSucceedKeepsThePreviousOutput() throws {
        let plan = Self.path("plan.csv")
        let good = try Self.run(["transport", Self.path("source.csv"), Self.path("target.csv"), "-o", plan])
        #expect(good.exitCode == 0)
        let before = try #require(FileManager.default.contents(atPath: plan))
        let limited = try Self.run(["transport", Self.path("source.csv"), Self.path("target.csv"), "-o", plan, "--time-limit", "1e-9"])
        #expect(limited.exitCode == 3 && limited.stderr.contains("was not written"), "\(limited.exitCode) \(limited.stderr)")
        #expect(FileManager.default.contents(atPath: plan) == before)
        // A fit that fails (no such target column) leaves an earlier model in place.
        let model = Self.path("kept.model.json")
        try Data("previous".utf8).write(to: URL(fileURLWithPath: model))
        let failed = try Self.run(["fit", Self.path("data.csv"), "--target", "nope", "--quiet", "-o", model])
        #expect(failed.exitCode == 1)
        #expect(FileManager.default.contents(atPath: model) == Data("previous".utf8))
    }

    /// Results onto a full stdout: exit 1 with a message on stderr, never a trap.
    @Test func aFullStandardOutputIsAnErrorNotATrap() throws {
        let cases: [[String]] = [
            ["certify", Self.path("model.json"), "--json"],
            ["certify", Self.path("model.json")],
            ["predict", Self.path("model.json"), Self.path("data.csv")],
            ["transport", Self.path("source.csv"), Self.path("target.csv"), "--json"],
            ["minimize", Self.path("problem.json"), "--json"],
            ["check-data", Self.path("data.csv"), "--target", "y"],
        ]
        for arguments in cases {
            let result = try Self.run(arguments, stdoutPath: "/dev/full")
            #expect(result.exitCode == 1, "\(arguments)")
            #expect(result.stderr.contains("standard output") && result.stderr.contains("No space left"), "\(arguments): \(result.stderr)")
        }
    }

    /// FIFOs, devices and folders are refused at once; a gzip that inflates past the limit stops.
    @Test func inputsAreBounded() throws {
        let fifo = Self.path("fifo.csv")
        try? FileManager.default.removeItem(atPath: fifo)
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases: [[String]] = [
            ["predict", Self.path("model.json"), fifo], ["predict", Self.path("model.json"), "/dev/zero"],
            ["certify", fifo], ["certify", "/dev/zero"], ["solve", fifo], ["solve", "/dev/zero"], ["minimize", fifo],
            ["check-data", "/dev/zero", "--target", "y"], ["transport", fifo, Self.path("target.csv")], ["solve", Self.folder.path],
        ]
        for arguments in cases {
            let result = try Self.run(arguments)
            #expect(result.exitCode == 1 && result.stderr.contains("not a regular file"), "\(arguments): \(result.stderr)")
        }
        // 4 MB of spaces compress to a few kB; with a 1 MB limit reading stops with a clear error.
        let bomb = Self.path("bomb.mps.gz")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "head -c 4000000 /dev/zero | tr '\\0' ' ' | gzip > '\(bomb)'"]
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)
        let result = try Self.run(["solve", bomb], environment: ["HYCNN_MAX_INPUT_BYTES": "1000000"])
        #expect(result.exitCode == 1 && result.stderr.contains("inflates to more than the input limit of 1000000 bytes"), "\(result.stderr)")
        let large = try Self.run(["predict", Self.path("model.json"), Self.path("data.csv")], environment: ["HYCNN_MAX_INPUT_BYTES": "100"])
        #expect(large.exitCode == 1 && large.stderr.contains("larger than the input limit"), "\(large.stderr)")
    }

    /// Declared sizes that cannot be allocated: a clear error naming the field, never a crash.
    @Test func hugeModelSizesAreRefused() throws {
        let text = try #require(Self.contents("model.json"))
        let object = try #require(JSONSerialization.jsonObject(with: text) as? [String: Any])
        for (field, value, named) in [("widths", [1_000_000_000] as Any, "widths[0]"), ("inputDimension", 1 << 62 as Any, "inputDimension"),
                                      ("lanes", 1 << 62 as Any, "lanes")] {
            var edited = object
            edited[field] = value
            let path = Self.path("huge-\(field).json")
            try JSONSerialization.data(withJSONObject: edited).write(to: URL(fileURLWithPath: path))
            for arguments in [["certify", path], ["predict", path, Self.path("data.csv")]] {
                let result = try Self.run(arguments)
                #expect(result.exitCode == 1 && result.stderr.contains(named) && result.stderr.contains("too large"), "\(arguments): \(result.stderr)")
            }
        }
        for arguments in [["--widths", "1000000000x2"], ["--model", "maxaffine", "--pieces", "4611686018427387904"], ["--widths", "30000,30000"]] {
            let result = try Self.run(["fit", Self.path("data.csv"), "--target", "y", "--quiet", "-o", Self.path("never.json")] + arguments)
            #expect(result.exitCode == 1 && result.stderr.contains("too large"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func misspeltKeysAreErrorsWithTheNearestKey() throws {
        let problem = Self.path("misspelt.json")
        let original = try #require(Self.contents("problem.json"))
        try String(decoding: original, as: UTF8.self)
            .replacingOccurrences(of: #""surrogates": ["f"]"#, with: #""surogates": ["f"]"#).write(toFile: problem, atomically: true, encoding: .utf8)
        let result = try Self.run(["minimize", problem])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("unknown key \"surogates\" at `objective.surogates`; did you mean `surrogates`?"), "\(result.stderr)")
        #expect(!result.stdout.contains("verified"))
    }
}
