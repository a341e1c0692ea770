import Foundation
import Testing

/// `hycnn minimize` end to end on a small dispatch: two generators fitted by `hycnn fit`.
@Suite(.serialized) struct MinimizeCommandTests {
    /// A folder with g1.csv, g2.csv (quadratic costs, no noise) and their fitted models.
    static let folder: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-minimize-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (g, (a, b, pmax)) in [(0.02, 2.0, 80.0), (0.05, 1.0, 50.0)].enumerated() {
            var text = "P,cost\n"
            for k in 0...60 {
                let p = pmax * Double(k) / 60
                text += "\(p),\(a * p * p + b * p)\n"
            }
            let csv = directory.appendingPathComponent("g\(g + 1).csv").path
            try! text.write(toFile: csv, atomically: true, encoding: .utf8)
            let fit = try! ToolRunner.run(["fit", csv, "--target", "cost", "--widths", "16x2", "--epochs", "300", "--batch", "61",
                                           "--validation", "0", "--quiet", "-o", directory.appendingPathComponent("g\(g + 1).model.json").path])
            precondition(fit.exitCode == 0, fit.stderr)
        }
        return directory
    }()

    static func problem(_ json: String) throws -> String {
        let path = folder.appendingPathComponent("problem-\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let dispatch = """
        {"variables": [{"name": "P1", "lower": 0, "upper": 80}, {"name": "P2", "lower": 0, "upper": 50}],
         "surrogates": [{"name": "cost1", "model": "g1.model.json", "inputs": ["P1"], "data": "g1.csv"},
                        {"name": "cost2", "model": "g2.model.json", "inputs": ["P2"], "data": "g2.csv"}],
         "objective": {"sense": "minimize", "surrogates": ["cost1", "cost2"]},
         "constraints": [{"name": "demand", "linear": {"P1": 1, "P2": 1}, "equals": 60}],
         "reference": {"objective": 150.71428571428572, "variables": {"P1": 35.71428571428571, "P2": 24.285714285714292},
                       "truth": {"cost1": [0, 2, 0.02], "cost2": [0, 1, 0.05]}}}
        """

    @Test func writesTheCompiledProgramAsMPSForAnotherSolver() throws {
        let problem = try Self.problem(Self.dispatch)
        for name in ["dispatch.mps", "dispatch.mps.gz"] {
            let mps = Self.folder.appendingPathComponent(name).path
            let result = try ToolRunner.run(["minimize", problem, "--json", "--write-mps", mps])
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stderr.contains("wrote the LP (") && result.stderr.contains("to \(mps)"))
            let objective = try #require(try result.json()["objective"] as? Double)
            // Another solver reads the file: hycnn solve (free MPS), with the problem's own names.
            let solved = try ToolRunner.run(["solve", mps, "--free", "--solver", "simplex", "--json", "--all-variables"])
            #expect(solved.exitCode == 0, "\(solved.stderr)")
            let json = try solved.json()
            #expect(abs((json["objective"] as? Double ?? .nan) - objective) <= 1e-7 * (1 + abs(objective)))
            let variables = try #require(json["variables"] as? [String: Double])
            #expect(variables["P1"] != nil && variables["P2"] != nil)
            // Without --free the fixed-format reader fails, and says the file is free MPS.
            let fixed = try ToolRunner.run(["solve", mps])
            #expect(fixed.exitCode == 1 && fixed.stderr.contains("reads without error as free-format MPS; add --free"), "\(fixed.stderr)")
        }
        let refused = try ToolRunner.run(["minimize", problem, "--write-mps", problem])
        #expect(refused.exitCode == 1 && refused.stderr.contains("--write-mps names the input file"))
    }

    @Test func solvesExactlyWithEveryCertificateAndAPlot() throws {
        let svg = Self.folder.appendingPathComponent("plot.svg").path
        let result = try ToolRunner.run(["minimize", try Self.problem(Self.dispatch), "--json", "--svg", svg])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["status"] as? String == "optimal")
        #expect(json["route"] as? String == "lp")
        #expect(json["verified"] as? Bool == true)
        let variables = try #require(json["variables"] as? [String: Double])
        #expect(abs(variables["P1"]! + variables["P2"]! - 60) < 1e-6)
        let surrogates = try #require(json["surrogates"] as? [String: [String: Any]])
        for (_, entry) in surrogates { #expect((entry["exactnessGap"] as? Double ?? 1) <= 1e-7) }
        #expect((json["certificate"] as? [String: Any])?["verified"] as? Bool == true)
        #expect(json["convex"] as? Bool == true)
        #expect((json["surrogates"] as? [String: [String: Any]])?.values.allSatisfy { $0["convex"] as? Bool == true } == true)
        let reference = try #require(json["reference"] as? [String: Any])
        #expect(abs(reference["trueRelativeGap"] as? Double ?? 1) < 0.01)   // noiseless data: within 1 % of the truth
        let plot = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(plot.hasPrefix("<svg") && plot.contains("cost1") && plot.contains("<circle"))
    }

    @Test func theMILPRouteAgrees() throws {
        let path = try Self.problem(Self.dispatch)
        let lp = try ToolRunner.run(["minimize", path, "--json"]).json()
        let milp = try ToolRunner.run(["minimize", path, "--json", "--milp"])
        #expect(milp.exitCode == 0, "\(milp.stderr)")
        let json = try milp.json()
        #expect(json["route"] as? String == "milp")
        #expect(abs((json["objective"] as! Double) - (lp["objective"] as! Double)) < 1e-5)
    }

    @Test func autoTakesTheSimplexForASmallSurrogateLP() throws {
        let result = try ToolRunner.run(["minimize", try Self.problem(Self.dispatch), "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(try result.json()["solver"] as? String == "glpk-simplex")          // far below 10,000 nonzeros
        let auto = try ToolRunner.run(["minimize", try Self.problem(Self.dispatch), "--json", "--solver", "auto"])
        #expect(try auto.json()["solver"] as? String == "glpk-simplex")
        let help = try ToolRunner.run(["minimize", "--help"])
        #expect(help.stdout.contains("auto") && help.stdout.contains("10000"))
    }

    @Test func ourInteriorPointAgreesWithGLPKOnTheLPRoute() throws {
        let path = try Self.problem(Self.dispatch)
        let simplex = try ToolRunner.run(["minimize", path, "--json"]).json()
        let ipm = try ToolRunner.run(["minimize", path, "--json", "--solver", "ipm"])
        #expect(ipm.exitCode == 0, "\(ipm.stderr)")
        let json = try ipm.json()
        #expect(json["route"] as? String == "lp")
        #expect(json["verified"] as? Bool == true)
        #expect((json["certificate"] as? [String: Any])?["verified"] as? Bool == true)
        #expect(abs((json["objective"] as! Double) - (simplex["objective"] as! Double)) < 1e-6)
        let surrogates = try #require(json["surrogates"] as? [String: [String: Any]])
        for (_, entry) in surrogates { #expect((entry["exactnessGap"] as? Double ?? 1) <= 1e-7) }
    }

    @Test func infeasibleDemandExitsTwo() throws {
        let path = try Self.problem(Self.dispatch.replacingOccurrences(of: "\"equals\": 60", with: "\"equals\": 500"))
        let result = try ToolRunner.run(["minimize", path])
        #expect(result.exitCode == 2)
        #expect(result.stdout.contains("infeasible") && result.stdout.contains("Farkas ray (infeasibility): verified"))
    }

    @Test func badProblemFilesNameTheEntry() throws {
        let cases: [(String, String)] = [
            (Self.dispatch.replacingOccurrences(of: "g2.model.json", with: "missing.model.json"), "missing.model.json"),
            (Self.dispatch.replacingOccurrences(of: "\"inputs\": [\"P2\"]", with: "\"inputs\": [\"P2\", \"P1\"]"), "cost2"),
            (Self.dispatch.replacingOccurrences(of: "\"inputs\": [\"P2\"]", with: "\"inputs\": [\"P9\"]"), "P9"),
            (Self.dispatch.replacingOccurrences(of: "[\"cost1\", \"cost2\"]", with: "[\"cost1\", \"cost7\"]"), "cost7"),
            (Self.dispatch.replacingOccurrences(of: "\"upper\": 50}", with: "\"upper\": -5}"), "P2"),
            ("{not json", "JSON"),
        ]
        for (text, culprit) in cases {
            let result = try ToolRunner.run(["minimize", try Self.problem(text)])
            #expect(result.exitCode == 1, "\(culprit)")
            #expect(result.stderr.contains(culprit), "\(culprit): \(result.stderr)")
        }
        let missing = try ToolRunner.run(["minimize", "/no/such/problem.json"])
        #expect(missing.exitCode == 1 && missing.stderr.contains("/no/such/problem.json"))
    }

    @Test func smoothModelsAreRefused() throws {
        let smooth = Self.folder.appendingPathComponent("smooth.model.json").path
        let fit = try ToolRunner.run(["fit", Self.folder.appendingPathComponent("g1.csv").path, "--target", "cost", "--widths", "4x1",
                                      "--gate", "smooth", "--epochs", "2", "--quiet", "-o", smooth])
        #expect(fit.exitCode == 0)
        let result = try ToolRunner.run(["minimize", try Self.problem(Self.dispatch.replacingOccurrences(of: "g1.model.json", with: "smooth.model.json"))])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("smooth") && result.stderr.contains("--gate max"))
    }

    @Test func quadraticModelsAreRefused() throws {
        let quadratic = Self.folder.appendingPathComponent("quadratic.model.json").path
        let fit = try ToolRunner.run(["fit", Self.folder.appendingPathComponent("g1.csv").path, "--target", "cost", "--widths", "4x1",
                                      "--model", "icnn-quadratic", "--epochs", "2", "--quiet", "-o", quadratic])
        #expect(fit.exitCode == 0, "\(fit.stderr)")
        let result = try ToolRunner.run(["minimize", try Self.problem(Self.dispatch.replacingOccurrences(of: "g1.model.json", with: "quadratic.model.json"))])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("quadratic") && result.stderr.contains("--model icnn"), "\(result.stderr)")
    }
}

/// The duals of the problem's constraints and the training-data box, end to end.
@Suite(.serialized) struct MinimizeDualsCommandTests {
    static func objective(demand: Double, extra: String = "") throws -> (Double, [String: Any]) {
        let text = MinimizeCommandTests.dispatch.replacingOccurrences(of: "\"equals\": 60", with: "\"equals\": \(demand)")
        let result = try ToolRunner.run(["minimize", try MinimizeCommandTests.problem(text), "--json"] + (extra.isEmpty ? [] : [extra]))
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        return (try #require(json["objective"] as? Double), json)
    }

    /// The dual of demand is the marginal cost: between the objective's left and right slopes in
    /// the demand (the learned costs are piecewise linear, so the dual is a subgradient).
    @Test func theDualOfDemandIsItsMarginalCost() throws {
        let (at, json) = try Self.objective(demand: 60)
        let dual = try #require((json["duals"] as? [String: Double])?["demand"])
        let (below, _) = try Self.objective(demand: 59.5), (above, _) = try Self.objective(demand: 60.5)
        let left = (at - below) / 0.5, right = (above - at) / 0.5
        #expect(left - 1e-6 <= dual && dual <= right + 1e-6, "slopes \(left) … \(right), dual \(dual)")
        #expect(abs(dual - 3.4286) < 0.15, "true λ = 2 + 0.04·35.71 = 3.43; the learned one: \(dual)")
        #expect((json["activities"] as? [String: Double])?["demand"].map { abs($0 - 60) < 1e-9 } == true)
    }

    @Test func theReferenceDualIsPrintedBeside() throws {
        let text = MinimizeCommandTests.dispatch.replacingOccurrences(of: "\"truth\":", with: "\"duals\": {\"demand\": 3.4286}, \"truth\":")
        let result = try ToolRunner.run(["minimize", try MinimizeCommandTests.problem(text)])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("constraints  (activity, dual: the objective's change per unit of the bound)"), "\(result.stdout)")
        #expect(result.stdout.contains("(reference 3.4286, "), "\(result.stdout)")
        let unknown = text.replacingOccurrences(of: "\"duals\": {\"demand\"", with: "\"duals\": {\"supply\"")
        let refused = try ToolRunner.run(["minimize", try MinimizeCommandTests.problem(unknown)])
        #expect(refused.exitCode == 1 && refused.stderr.contains("supply"), "\(refused.stderr)")
    }

    @Test func theMILPRouteSaysItHasNoDuals() throws {
        let (_, json) = try Self.objective(demand: 60, extra: "--milp")
        #expect(json["duals"] == nil && json["activities"] != nil)
    }

    /// g1 was fitted on P1 ∈ [0, 80]: a demand of 125 with P2 ≤ 50 puts P1 ≥ 75, and with P1's
    /// bound raised to 100 and P2 capped at 40, P1 = 85 lies outside the data.
    @Test func anOptimumOutsideTheTrainingDataIsWarnedAbout() throws {
        let text = MinimizeCommandTests.dispatch
            .replacingOccurrences(of: "\"upper\": 80}", with: "\"upper\": 100}")
            .replacingOccurrences(of: "{\"name\": \"P2\", \"lower\": 0, \"upper\": 50}", with: "{\"name\": \"P2\", \"lower\": 0, \"upper\": 40}")
            .replacingOccurrences(of: "\"equals\": 60", with: "\"equals\": 125")
        let path = try MinimizeCommandTests.problem(text)
        let json = try ToolRunner.run(["minimize", path, "--json"])
        #expect(json.exitCode == 0, "\(json.stderr)")
        #expect(json.stderr.contains("warning: surrogate 'cost1' extrapolates at x*: input P = "), "\(json.stderr)")
        let cost1 = try #require((try json.json()["surrogates"] as? [String: [String: Any]])?["cost1"])
        let outside = try #require(cost1["outsideData"] as? [[String: Any]])
        #expect(outside.count == 1 && outside[0]["upper"] as? Double == 80 && (outside[0]["value"] as? Double ?? 0) > 80)
        let text2 = try ToolRunner.run(["minimize", path])
        #expect(text2.stdout.contains("warning      surrogate 'cost1' extrapolates"), "\(text2.stdout)")
        let inside = try ToolRunner.run(["minimize", try MinimizeCommandTests.problem(MinimizeCommandTests.dispatch), "--json"])
        #expect(!inside.stderr.contains("extrapolates"))
    }
}
