import Dispatch
import Foundation
import Testing

/// `--time-limit` counts from the start of the command: `solve` stops its certificate search and
/// `minimize --tighten` its bound tightening at the limit, with exit 3 and status timeLimit.
@Suite(.serialized) struct TimeLimitCommandTests {
    /// Free MPS: min cᵀx, Ax ≥ b random (n × n at `density`), x₀ ≤ 1 and the row x₀ ≥ 5, so GLPK's
    /// presolve says infeasible at once while the ray search's elastic LP takes about 10 s.
    static func infeasibleMPS(size n: Int, density: Double) throws -> String {
        var state: UInt64 = 5
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var columns = [[String]](repeating: [], count: n)
        var rhs = ""
        for i in 0..<n {
            for j in 0..<n where uniform() < density { columns[j].append("R\(i) \(uniform())") }
            rhs += " RHS R\(i) \(1 + 9 * uniform())\n"
        }
        var text = "NAME HARD\nROWS\n N COST\n" + (0..<n).map { " G R\($0)\n" }.joined() + " G Z\nCOLUMNS\n"
        for j in 0..<n {
            text += " X\(j) COST \(1 + uniform())\n"
            for entry in columns[j] { text += " X\(j) \(entry)\n" }
            if j == 0 { text += " X0 Z 1\n" }
        }
        text += "RHS\n" + rhs + " RHS Z 5\nBOUNDS\n UP BND X0 1\nENDATA\n"
        return try ToolRunner.temporaryFile(text)
    }

    static func timed(_ arguments: [String]) throws -> (result: ToolRunner.Result, seconds: Double) {
        let start = DispatchTime.now()
        let result = try ToolRunner.run(arguments)
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }

    @Test func solveStopsTheCertificateSearchAtTheLimit() throws {
        let file = try Self.infeasibleMPS(size: 2000, density: 0.05)
        for solver in ["simplex", "ipm"] {
            let (result, seconds) = try Self.timed(["solve", file, "--free", "--solver", solver, "--presolve", "--time-limit", "2", "--json"])
            #expect(result.exitCode == 3, "\(solver): \(result.stderr)")
            #expect(seconds < 4.5, "\(solver) took \(seconds) s")
            let json = try result.json()
            #expect(json["status"] as? String == "timeLimit")
            #expect(json["objective"] is NSNull)
        }
    }

    /// A market-split MIP (Cornuéjols–Dawande, 4 rows, 30 binaries) with slack columns: every x
    /// is feasible, so an incumbent comes at once, while the bound stays far below it for minutes.
    static func marketSplitLP() throws -> String {
        var state: UInt64 = 11
        func coefficient() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % 100
        }
        let (m, n) = (4, 30)
        var text = "Minimize\n obj: " + (0..<m).map { "sp\($0) + sm\($0)" }.joined(separator: " + ") + "\nSubject To\n"
        for i in 0..<m {
            let a = (0..<n).map { _ in coefficient() }
            text += " r\(i): " + a.enumerated().map { "\($1) x\($0)" }.joined(separator: " + ") + " + sp\(i) - sm\(i) = \(a.reduce(0, +) / 2)\n"
        }
        text += "Binaries\n " + (0..<n).map { "x\($0)" }.joined(separator: " ") + "\nEnd\n"
        return try ToolRunner.temporaryFile(text, suffix: ".lp")
    }

    @Test func branchAndCutShowsProgressAndStopsWithItsIncumbentAndBound() throws {
        let (result, seconds) = try Self.timed(["solve", try Self.marketSplitLP(), "--time-limit", "2.5", "--json"])
        #expect(result.exitCode == 3, "\(result.stderr)")
        #expect(seconds < 5, "took \(seconds) s")
        #expect(result.stderr.contains("branch-and-cut ") && result.stderr.contains(" nodes (") && result.stderr.contains("incumbent") && result.stderr.contains("bound"),
                "\(result.stderr)")
        let json = try result.json()
        #expect(json["status"] as? String == "timeLimit")
        let bound = try #require(json["mipBound"] as? Double), gap = try #require(json["mipGap"] as? Double)
        let variables = try #require(json["variables"] as? [String: Double])
        let incumbent = variables.filter { $0.key.hasPrefix("s") }.values.reduce(0, +)
        #expect(bound >= 0 && bound <= incumbent + 1e-9 && gap > 0, "bound \(bound), incumbent \(incumbent), gap \(gap)")
        let text = try ToolRunner.run(["solve", try Self.marketSplitLP(), "--time-limit", "1.5"])
        #expect(text.stdout.contains("incumbent    ") && text.stdout.contains("best bound"), "\(text.stdout)")
    }

    @Test func minimizeStopsBoundTighteningAtTheLimit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-time-limit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var text = "a,b,y\n"
        for k in 0..<200 {
            let a = Double(k % 20) / 10 - 1, b = Double(k / 20) / 5 - 1
            text += "\(a),\(b),\(a * a - b * b)\n"
        }
        let csv = folder.appendingPathComponent("saddle.csv").path
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("wide.model.json").path
        let fit = try ToolRunner.run(["fit", csv, "--target", "y", "--model", "mlp", "--widths", "200,200", "--epochs", "2",
                                      "--quiet", "-o", model])
        try #require(fit.exitCode == 0, "\(fit.stderr)")
        let problem = folder.appendingPathComponent("problem.json").path
        try """
            {"variables": [{"name": "a", "lower": -1, "upper": 1}, {"name": "b", "lower": -1, "upper": 1}],
             "surrogates": [{"name": "f", "model": "wide.model.json", "inputs": ["a", "b"]}],
             "objective": {"sense": "minimize", "surrogates": ["f"]}}
            """.write(toFile: problem, atomically: true, encoding: .utf8)
        // Without a limit the tightening of 400 hidden units runs for minutes.
        let (result, seconds) = try Self.timed(["minimize", problem, "--tighten", "--time-limit", "2", "--json"])
        #expect(result.exitCode == 3, "\(result.stderr)")
        #expect(seconds < 4, "took \(seconds) s")
        #expect(try result.json()["status"] as? String == "timeLimit")
    }

    @Test func aNonPositiveLimitIsRefused() throws {
        let file = try Self.infeasibleMPS(size: 5, density: 0.5)
        for limit in ["0", "-1", "nan"] {
            #expect(try ToolRunner.run(["solve", file, "--free", "--time-limit", limit]).exitCode != 0)
        }
    }
}
