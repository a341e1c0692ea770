import Foundation
import Testing

/// `hycnn transport --mass` (partial), `--unbalanced`, `--plan` and `--potentials` end to end.
@Suite struct TransportVariantsCommandTests {
    /// Three sources of masses 1, 1, 2 and two targets of masses 1, 1 in the plane.
    static func files() throws -> (String, String) {
        (try ToolRunner.temporaryFile("x,y,w\n0,0,1\n1,0,1\n0,1,2\n", suffix: ".csv"),
         try ToolRunner.temporaryFile("x,y,w\n0,0.1,1\n2,2,1\n", suffix: ".csv"))
    }

    static func run(_ extra: [String]) throws -> (ToolRunner.Result, [String: Any]?) {
        let (source, target) = try files()
        let result = try ToolRunner.run(["transport", source, target, "--source-weights", "w", "--target-weights", "w", "--json"] + extra)
        return (result, result.exitCode == 0 ? try result.json() : nil)
    }

    /// Partial transport of 1.5: the cheapest 1.5 units are source 1 → target 1 (cost 0.01)
    /// and half a unit from source 3 (0, 1) → target 2 (2, 2) at cost 5, or from source 2
    /// (1, 0) at cost 5: 0.01 + 0.5 · 5 = 2.51.
    @Test func partialTransportMovesTheMassAtLeastCost() throws {
        for solver in ["simplex", "ipm"] {
            let (result, json) = try Self.run(["--mass", "1.5", "--solver", solver])
            #expect(result.exitCode == 0, "\(solver): \(result.stderr)")
            let object = try #require(json)
            #expect(object["variant"] as? String == "partial" && object["mass"] as? Double == 1.5)
            #expect(abs((object["objective"] as? Double ?? 0) - 2.51) < 1e-7, "\(solver): \(object["objective"] ?? "nil")")
            #expect((object["certificate"] as? [String: Any])?["verified"] as? Bool == true)
            let unmatched = try #require(object["unmatched"] as? [String: Double])
            #expect(abs(unmatched["shipped"]! - 1.5) < 1e-7 && abs(unmatched["destroyed"]! - 2.5) < 1e-7 && abs(unmatched["created"]! - 0.5) < 1e-7)
        }
    }

    /// Unbalanced with penalty 3 per unit each side: a pair ships when its cost is below 6, so
    /// source 1 → target 1 (0.01) and one unit to target 2 at cost 5; the other 2 source units
    /// are destroyed at 3: 0.01 + 5 + 2 · 3 = 11.01. With penalty 2 target 2 stays unserved.
    @Test func unbalancedTransportWeighsShippingAgainstThePenalties() throws {
        let (result, json) = try Self.run(["--unbalanced", "3", "--plan"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try #require(json)
        #expect(abs((object["objective"] as? Double ?? 0) - 11.01) < 1e-9)
        #expect(abs((object["transportCost"] as? Double ?? 0) - 5.01) < 1e-9)
        let plan = try #require(object["plan"] as? [[String: Any]])
        #expect(plan.count == 2 && plan.allSatisfy { ($0["mass"] as? Double) == 1 })
        let potentials = try #require(object["potentials"] as? [String: [Double]])
        #expect(potentials["source"]?.count == 3 && potentials["target"]?.count == 2)
        let (cheap, cheapJSON) = try Self.run(["--unbalanced", "2,2"])
        #expect(cheap.exitCode == 0)
        #expect(abs((cheapJSON?["objective"] as? Double ?? 0) - (0.01 + 3 * 2 + 1 * 2)) < 1e-9, "\(cheapJSON ?? [:])")
    }

    @Test func thePlanAndPotentialsAsCSVAndText() throws {
        let (source, target) = try Self.files()
        let potentials = try ToolRunner.temporaryFile("", suffix: ".csv")
        try? FileManager.default.removeItem(atPath: potentials)
        let result = try ToolRunner.run(["transport", source, target, "--source-weights", "w", "--target-weights", "w",
                                         "--mass", "2", "--potentials", potentials, "--plan"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("plan entries (source row, target row, mass, cost):"), "\(result.stdout)")
        #expect(result.stdout.contains("mass: 2 shipped; 2 of the sources' and 0 of the targets' left unmatched"), "\(result.stdout)")
        #expect(!result.stdout.contains("penalties"))                       // partial transport has none
        let unbalanced = try ToolRunner.run(["transport", source, target, "--source-weights", "w", "--target-weights", "w", "--unbalanced", "3"])
        #expect(unbalanced.stdout.contains("cost: 11.01 (transport 5.01, penalties 6)"), "\(unbalanced.stdout)")
        let lines = try String(contentsOfFile: potentials, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "side,row,potential" && lines.count == 6)
        // Balanced problems give their potentials too.
        let balanced = try ToolRunner.run(["transport", "Problems/transport/warehouses.csv", "Problems/transport/stores.csv",
                                           "--source-weights", "stock", "--target-weights", "demand", "--json", "--plan"])
        #expect(balanced.exitCode == 0, "\(balanced.stderr)")
        let json = try balanced.json()
        #expect((json["potentials"] as? [String: [Double]])?["source"]?.count == 5 && json["variant"] as? String == "balanced")
        #expect((json["plan"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func optionsThatDoNotFitAreRefused() throws {
        let (source, target) = try Self.files()
        let base = ["transport", source, target, "--source-weights", "w", "--target-weights", "w"]
        for (extra, words) in [(["--mass", "1", "--method", "exact"], "--mass is solved as an LP"),
                               (["--mass", "1", "--unbalanced", "2"], "exclude each other"),
                               (["--unbalanced=-1"], "--unbalanced takes one penalty"),
                               (["--unbalanced", "1,2,3"], "--unbalanced takes one penalty"),
                               (["--mass", "0"], "--mass must be a positive"),
                               (["--mass", "9"], "mass")] {
            let result = try ToolRunner.run(base + extra)
            #expect(result.exitCode != 0 && result.stderr.contains(words), "\(extra): \(result.stderr)")
        }
        let unequal = try ToolRunner.run(base)
        #expect(unequal.exitCode == 1 && unequal.stderr.contains("--mass m moves m units"), "\(unequal.stderr)")
    }
}
