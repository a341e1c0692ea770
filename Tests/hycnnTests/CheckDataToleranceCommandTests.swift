import Dispatch
import Foundation
import Testing

/// `hycnn check-data` on inputs that differ by tiny amounts: the tolerance is stated and decides,
/// exit 4 always carries an exactly verified certificate, and what cannot be decided says so
/// (exit 3, status "undecided"); `--time-limit` stops the check (exit 3, status "timeLimit").
@Suite struct CheckDataToleranceCommandTests {
    /// Four corners of a square and a fifth sample at `fifth`, 2.5 (half the range) above the
    /// average of the corners' targets that its inputs are a combination of.
    static func square(fifth: String) throws -> String {
        try ToolRunner.temporaryFile("x1,x2,y\n0,0,0\n4,0,0\n0,4,5\n4,4,0\n\(fifth),5\n", suffix: ".csv")
    }

    @Test func insideTheHullToTinyAmountsIsProvedNotConvex() throws {
        for fifth in ["1.000000000000000000000000000001,2", "1e-30,2", "1e-17,2", "1e-12,2"] {
            let file = try Self.square(fifth: fifth)
            let text = try ToolRunner.run(["check-data", file, "--target", "y"])
            #expect(text.exitCode == 4, "\(fifth): \(text.stdout)\(text.stderr)")
            #expect(text.stdout.contains("tolerance: τ = 1e-06 × the range of y = 5e-06"))
            #expect(text.stdout.contains("certificate: verified exactly on the data"))
            let result = try ToolRunner.run(["check-data", file, "--target", "y", "--json"])
            let json = try result.json()
            #expect(json["status"] as? String == "notConvex")
            #expect(json["tolerance"] as? Double == 5e-6)
            let certificate = try #require(json["certificate"] as? [String: Any])
            #expect(certificate["verified"] as? Bool == true)
            #expect(certificate["point"] as? Int == 4)
            let plain = try #require(certificate["plainCheck"] as? [String: Any])
            #expect(plain["passed"] as? Bool == true)
            #expect(try #require(plain["provedExcess"] as? Double) > 5e-6)
        }
    }

    @Test func justOutsideTheHullIsNeverCalledNotConvex() throws {
        for fifth in ["-1e-30,2", "-1e-17,2"] {                       // a convex fit exists, with slope ~1e30
            let file = try Self.square(fifth: fifth)
            let result = try ToolRunner.run(["check-data", file, "--target", "y", "--json"])
            #expect(result.exitCode == 3 || result.exitCode == 0, "\(fifth): \(result.stdout)")
            let json = try result.json()
            #expect(json["certificate"] is NSNull)
            if result.exitCode == 3 {
                #expect(json["status"] as? String == "undecided")
                #expect(json["undecidedSamples"] as? [Int] == [4])
                let text = try ToolRunner.run(["check-data", file, "--target", "y"])
                #expect(text.stdout.contains("undecided at this tolerance"))
            }
        }
    }

    /// A seeded fuzzer's 6 × 4 grid: row 11 lies on the segment between rows 10 and 12 (equal x1),
    /// its target far above theirs; the proof encloses the weights in x2 and balances x1 exactly.
    @Test func aSampleInsideAGridRowIsProvedNotConvex() throws {
        let x1 = ["-2.0", "-1.2", "-0.3999999999999999", "0.40000000000000036", "1.2000000000000002", "2.0"]
        let x2 = ["-1.0", "-0.33333333333333337", "0.33333333333333326", "1.0"]
        let y = ["4.0", "3.333333333333333", "3.333333333333333", "4.0", "1.8399999999999999", "1.1733333333333333",
                 "1.1733333333333333", "1.8399999999999999", "0.96", "0.29333333333333333", "0.2933333333333332", "-0",
                 "1.3600000000000005", "0.6933333333333338", "0.6933333333333337", "1.3600000000000005", "3.0400000000000005",
                 "2.373333333333334", "2.373333333333334", "3.0400000000000005", "6.0", "5.333333333333333", "5.333333333333333", "6.0"]
        let rows = x1.enumerated().flatMap { a, u in x2.enumerated().map { b, v in "\(u),\(v),\(y[4 * a + b])" } }
        let file = try ToolRunner.temporaryFile("x1,x2,y\n" + rows.joined(separator: "\n") + "\n", suffix: ".csv")
        let text = try ToolRunner.run(["check-data", file, "--target", "y"])
        #expect(text.exitCode == 4, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains("certificate: verified exactly on the data"))
        #expect(text.stdout.contains("in x2 (x1 balances exactly)"))
        let json = try ToolRunner.run(["check-data", file, "--target", "y", "--json"]).json()
        #expect(json["status"] as? String == "notConvex")
        let certificate = try #require(json["certificate"] as? [String: Any])
        #expect(certificate["verified"] as? Bool == true)
        let plain = try #require(certificate["plainCheck"] as? [String: Any])
        #expect(plain["method"] as? String == "enclosure" && plain["enclosedInputs"] as? [String] == ["x2"])
        // Every sample on the line x2 = 2·x1 but one, a single ulp off it and raised: never "not convex".
        let line = (0..<9).map { "\($0),\(2 * $0),\($0 * $0)" } + ["3.5,\((7.0).nextUp),100"]
        let off = try ToolRunner.temporaryFile("x1,x2,y\n" + line.joined(separator: "\n") + "\n", suffix: ".csv")
        let result = try ToolRunner.run(["check-data", off, "--target", "y", "--json"])
        #expect(result.exitCode == 0 || result.exitCode == 3, "\(result.stdout)")
        #expect(try result.json()["certificate"] is NSNull)
    }

    @Test func theToleranceDecidesRepeatedInputs() throws {
        let file = try ToolRunner.temporaryFile("x,y\n0,0\n1,1\n1,1.0000001\n2,4\n", suffix: ".csv")
        #expect(try ToolRunner.run(["check-data", file, "--target", "y"]).exitCode == 0)                    // 1e-7 ≤ τ = 4e-6
        let strict = try ToolRunner.run(["check-data", file, "--target", "y", "--tolerance", "0", "--json"])
        #expect(strict.exitCode == 4)
        #expect((try strict.json()["certificate"] as? [String: Any])?["reason"] as? String == "repeatedInput")
        for bad in ["-1", "1", "nan"] {
            let refused = try ToolRunner.run(["check-data", file, "--target", "y", "--tolerance", bad])
            #expect(refused.exitCode != 0 && refused.exitCode != 3 && refused.exitCode != 4)
        }
    }

    @Test func theTimeLimitStopsTheCheck() throws {
        var state: UInt64 = 11
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        var text = "a,b,c,d,y\n"
        for _ in 0..<4000 {                                           // about 20 s of point LPs without a limit
            let x = (0..<4).map { _ in uniform() }
            text += x.map { "\($0)" }.joined(separator: ",") + ",\(x.reduce(0) { $0 + $1 * $1 })\n"
        }
        let file = try ToolRunner.temporaryFile(text, suffix: ".csv")
        let start = DispatchTime.now()
        let result = try ToolRunner.run(["check-data", file, "--target", "y", "--time-limit", "1", "--json"])
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        #expect(result.exitCode == 3)
        #expect(seconds < 3, "took \(seconds) s")
        #expect(try result.json()["status"] as? String == "timeLimit")
    }
}
