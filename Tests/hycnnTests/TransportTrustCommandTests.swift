import Foundation
import Testing

/// `hycnn transport` under issue 10: no silent reinterpretation of columns or options, honest
/// Sinkhorn status, refused unresolvable costs, pivot and memory limits.
@Suite struct TransportTrustCommandTests {
    static func cloud(_ rows: Int, _ seed: UInt64, _ shift: Double, _ dimension: Int) throws -> String {
        try TransportCommandTests.cloud(rows: rows, seed: seed, shift: shift, dimension: dimension)
    }

    /// 100 × 100 clouds (x1, x2, w) with one source coordinate set to `value`.
    static func outlier(_ value: Double) throws -> (String, String) {
        let target = try cloud(100, 21, 0, 2)
        var lines = try String(contentsOfFile: try cloud(100, 22, 0.2, 2), encoding: .utf8).split(separator: "\n").map(String.init)
        var fields = lines[18].split(separator: ",").map(String.init)
        fields[0] = "\(value)"
        lines[18] = fields.joined(separator: ",")
        return (try ToolRunner.temporaryFile(lines.joined(separator: "\n") + "\n", suffix: ".csv"), target)
    }

    @Test func aWeightColumnIsNeverASilentCoordinate() throws {
        let source = try Self.cloud(20, 1, 0, 2), target = try Self.cloud(20, 2, 0.3, 2)
        let refused = try ToolRunner.run(["transport", source, target])
        #expect(refused.exitCode == 1)
        #expect(refused.stderr.contains("column 'w'") && refused.stderr.contains("--source-weights w")
                && refused.stderr.contains("--coordinates x1,x2,w"), "\(refused.stderr)")
        for name in ["mass", "Demand", "supply_t", "stock", "capacity"] {
            let file = try ToolRunner.temporaryFile("x,y,\(name)\n0,0,1\n1,1,2\n", suffix: ".csv")
            let run = try ToolRunner.run(["transport", file, file])
            #expect(run.exitCode == 1 && run.stderr.contains("'\(name)'"), "\(name): \(run.stderr)")
        }
        let twice = try ToolRunner.run(["transport", source, target, "--coordinates", "x1,x1"])
        #expect(twice.exitCode == 1 && twice.stderr.contains("twice"))
        let unknown = try ToolRunner.run(["transport", source, target, "--coordinates", "x1,z"])
        #expect(unknown.exitCode == 1 && unknown.stderr.contains("'z'"))
        let explicit = try ToolRunner.run(["transport", source, target, "--coordinates", "x1,x2,w"])
        #expect(explicit.exitCode == 0, "\(explicit.stderr)")
        #expect(explicit.stderr.contains("coordinates x1, x2, w; weights uniform (1/20 each)"))
        let weighted = try ToolRunner.run(["transport", source, target, "--source-weights", "w", "--target-weights", "w", "--json"])
        #expect(weighted.exitCode == 0)
        let json = try weighted.json()
        let input = try #require(json["sourceInput"] as? [String: Any])
        #expect(input["coordinates"] as? [String] == ["x1", "x2"])
        #expect(input["weightColumn"] as? String == "w" && input["uniformWeights"] as? Bool == false)
        #expect(weighted.stderr.isEmpty)                                   // JSON mode: the columns are in the JSON
    }

    @Test func uniformWeightsAreAnnouncedOnStderrAndInJSON() throws {
        let plain = try ToolRunner.temporaryFile("x,y\n0,0\n1,0\n0,1\n", suffix: ".csv")
        let text = try ToolRunner.run(["transport", plain, plain])
        #expect(text.exitCode == 0, "\(text.stderr)")
        #expect(text.stderr.contains("source \(plain): coordinates x, y; weights uniform (1/3 each)"))
        let json = try ToolRunner.run(["transport", plain, plain, "--json"]).json()
        let target = try #require(json["targetInput"] as? [String: Any])
        #expect(target["uniformWeights"] as? Bool == true && target["weightColumn"] is NSNull)
    }

    @Test func optionsThatDoNotApplyAreRefused() throws {
        let source = try Self.cloud(5, 3, 0, 2)
        let matrix = try ToolRunner.temporaryFile("a,b,c,d,e\n" + String(repeating: "1,2,3,4,5\n", count: 5), suffix: ".csv")
        let weights = ["--source-weights", "w", "--target-weights", "w"]
        let cases: [([String], String)] = [
            (["--cost-matrix", matrix, "--cost", "euclidean"], "--cost and --cost-matrix"),
            (["--cost-matrix", matrix, "--coordinates", "x1,x2"], "--coordinates is not used"),
            (["--method", "lp", "--iteration-limit", "5"], "--iteration-limit is only used"),
            (["--epsilon", "0.1"], "sinkhorn"),
            (["--solver", "ipm"], "--method lp"),
        ]
        for (extra, words) in cases {
            let run = try ToolRunner.run(["transport", source, source] + weights + extra)
            #expect(run.exitCode == 1 && run.stderr.contains(words), "\(extra): \(run.stderr)")
        }
        let fine = try ToolRunner.run(["transport", source, source] + weights + ["--cost-matrix", matrix])
        #expect(fine.exitCode == 0, "\(fine.stderr)")
        #expect(fine.stderr.contains("coordinates not used (cost matrix); weights from column 'w'"))
        let ignored = try ToolRunner.run(["transport", source, source, "--cost-matrix", matrix])
        #expect(ignored.exitCode == 1 && ignored.stderr.contains("would be ignored") && ignored.stderr.contains("--source-weights w"))
    }

    @Test func sinkhornSaysApproximateNeverOptimal() throws {
        let source = try Self.cloud(30, 3, 0, 2), target = try Self.cloud(25, 4, 0.5, 2)
        let args = ["transport", source, target, "--source-weights", "w", "--target-weights", "w", "--method", "sinkhorn", "--epsilon", "0.001"]
        let json = try ToolRunner.run(args + ["--json"])
        #expect(json.exitCode == 0, "\(json.stderr)")
        #expect(try json.json()["status"] as? String == "approximate")
        let text = try ToolRunner.run(args)
        #expect(text.exitCode == 0)
        #expect(text.stdout.contains("status: approximate") && !text.stdout.contains("optimal\n"))
    }

    @Test func aCostMatrixWithoutHeaderIsToldTheHeaderIsRequired() throws {
        let workers = try ToolRunner.temporaryFile("w\n1\n1\n1\n", suffix: ".csv")
        for body in ["4,1,3\n2,0,5\n3,2,2\n", "1,1,3\n2,0,5\n3,2,2\n", "4,1,3\n2,1,5\n4,1,3\n", "4.5,1,3\n2,0,5\n3,2,2\n"] {
            let matrix = try ToolRunner.temporaryFile(body, suffix: ".csv")
            let run = try ToolRunner.run(["transport", workers, workers, "--source-weights", "w", "--target-weights", "w",
                                          "--cost-matrix", matrix])
            #expect(run.exitCode == 1)
            #expect(run.stderr.contains("has no header") && run.stderr.contains("t1,t2,t3"), "\(run.stderr)")
        }
        let points = try ToolRunner.temporaryFile("0,0\n1,1\n", suffix: ".csv")
        let headerless = try ToolRunner.run(["transport", points, points])
        #expect(headerless.exitCode == 1 && headerless.stderr.contains("has no header"), "\(headerless.stderr)")
    }

    @Test(arguments: [-1e20, 1e30, 1e8])
    func anOutlyingCoordinateEndsFastWithAClearAnswer(value: Double) throws {
        let (source, target) = try Self.outlier(value)
        let start = Date()
        let run = try ToolRunner.run(["transport", source, target, "--source-weights", "w", "--target-weights", "w"])
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(run.exitCode == 1)
        #expect(run.stderr.contains("can resolve them") && run.stderr.contains("source point 18, coordinate 1"), "\(run.stderr)")
    }

    @Test func aPivotLimitGivesExitThree() throws {
        let source = try Self.cloud(40, 5, 0, 2), target = try Self.cloud(40, 6, 0.3, 2)
        let run = try ToolRunner.run(["transport", source, target, "--source-weights", "w", "--target-weights", "w",
                                      "--iteration-limit", "3", "--json"])
        #expect(run.exitCode == 3, "\(run.stderr)")
        let json = try run.json()
        #expect(json["status"] as? String == "iterationLimit" && json["iterations"] as? Int == 3)
    }

    @Test func problemsBeyondTheMemoryLimitAreRefusedBeforeAllocating() throws {
        let source = try Self.cloud(2000, 7, 0, 2)
        let run = try ToolRunner.run(["transport", source, source, "--source-weights", "w", "--target-weights", "w",
                                      "--memory-limit", "0.05"])
        #expect(run.exitCode == 1)
        #expect(run.stderr.contains("2000 sources × 2000 targets") && run.stderr.contains("would need 96.3 MB"), "\(run.stderr)")
        let lp = try ToolRunner.run(["transport", source, source, "--source-weights", "w", "--target-weights", "w",
                                     "--method", "lp", "--memory-limit", "1"])
        #expect(lp.exitCode == 1 && lp.stderr.contains("GB"), "\(lp.stderr)")
    }
}

/// `--time-limit` stops Sinkhorn too: a small ε on 300 × 300 points needs thousands of
/// iterations, and the limit ends it with exit 3 within about a second.
@Suite struct SinkhornTimeLimitCommandTests {
    @Test func sinkhornStopsAtTheTimeLimit() throws {
        var lines = ["x,y"]
        var state: UInt64 = 7
        func next() -> Double {                       // a small LCG: the points only need to differ
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<300 { lines.append("\(next()),\(next())") }
        let cloud = try ToolRunner.temporaryFile(lines.joined(separator: "\n") + "\n", suffix: ".csv")
        let start = Date()
        let run = try ToolRunner.run(["transport", cloud, cloud, "--method", "sinkhorn", "--epsilon", "1e-5", "--time-limit", "0.3", "--json"])
        let seconds = Date().timeIntervalSince(start)
        #expect(run.exitCode == 3, "\(run.stderr)")
        #expect(run.stdout.contains("\"timeLimit\""), "\(run.stdout.prefix(300))")
        #expect(seconds < 5, "took \(seconds) s")
    }
}
