import Foundation
import TestSupport
import Testing

/// `hycnn check-data` end to end: verdicts, certificates, exit codes, JSON keys and `--fit`.
@Suite struct CheckDataCommandTests {
    /// `rows` samples x ∈ [−1, 1]^d with target f(x), as a CSV file with columns x1 … xd, y.
    static func csv(rows: Int, dimension d: Int, seed: UInt64 = 777, _ f: ([Double]) -> Double) throws -> String {
        var state = seed
        func uniform() -> Double {                       // a small LCG: the test owns its data
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        var text = (1...d).map { "x\($0)" }.joined(separator: ",") + ",y\n"
        for _ in 0..<rows {
            let x = (0..<d).map { _ in uniform() }
            text += x.map { "\($0)" }.joined(separator: ",") + ",\(f(x))\n"
        }
        return try ToolRunner.temporaryFile(text, suffix: ".csv")
    }

    static func modelPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-check-data-\(UUID().uuidString).model.json").path
    }

    @Test func convexDataExitZero() throws {
        let data = try Self.csv(rows: 50, dimension: 2) { $0[0] * $0[0] + $0[1] * $0[1] + abs($0[0]) }
        let text = try ToolRunner.run(["check-data", data, "--target", "y"])
        #expect(text.exitCode == 0, "\(text.stderr)")
        #expect(text.stdout.contains("a convex function fits the data"))
        #expect(text.stdout.contains("50 samples"))

        let result = try ToolRunner.run(["check-data", data, "--target", "y", "--json"])
        #expect(result.exitCode == 0)
        let json = try result.json()
        #expect(json["convex"] as? Bool == true)
        #expect(json["certificate"] is NSNull)
        #expect(json["samples"] as? Int == 50)
        #expect(try #require(json["interpolationViolation"] as? Double) <= (try #require(json["tolerance"] as? Double)))
        #expect(json["status"] as? String == "convex")
    }

    @Test func nonConvexDataExitFourWithAVerifiedCertificate() throws {
        let data = try Self.csv(rows: 40, dimension: 1) { sin(3 * $0[0]) }
        let text = try ToolRunner.run(["check-data", data, "--target", "y"])
        #expect(text.exitCode == 4, "\(text.stderr)")
        #expect(text.stdout.contains("no convex function fits the data"))
        #expect(text.stdout.contains("CSV data rows, 1 = the first row below the header"))
        #expect(text.stdout.contains("certificate: verified exactly on the data"))
        #expect(text.stdout.contains("tolerance: τ = 1e-06 × the range of y"))

        let result = try ToolRunner.run(["check-data", data, "--target", "y", "--json"])
        #expect(result.exitCode == 4)
        let json = try result.json()
        #expect(json["convex"] as? Bool == false)
        let certificate = try #require(json["certificate"] as? [String: Any])
        #expect(certificate["verified"] as? Bool == true)
        let points = try #require(certificate["points"] as? [Int])
        #expect(points.count >= 2 && points.count <= 3 && points == points.sorted())
        #expect(points.allSatisfy { $0 >= 0 && $0 < 40 })
        #expect(certificate["csvRows"] as? [Int] == points.map { $0 + 1 })
        #expect((certificate["plainCheck"] as? [String: Any])?["passed"] as? Bool == true)
        // The text names the same rows, 1-based.
        #expect(text.stdout.contains("header): " + points.map { String($0 + 1) }.joined(separator: ", ")))
    }

    @Test func repeatedInputsWithDifferentTargets() throws {
        let data = try ToolRunner.temporaryFile("x,y\n0,1\n1,2\n0,3\n", suffix: ".csv")
        let result = try ToolRunner.run(["check-data", data, "--target", "y"])
        #expect(result.exitCode == 4)
        #expect(result.stdout.contains("same inputs"))
        #expect(result.stdout.contains("header): 1, 3"))
        let json = try ToolRunner.run(["check-data", data, "--target", "y", "--json"]).json()
        #expect((json["certificate"] as? [String: Any])?["points"] as? [Int] == [0, 2])
    }

    @Test func fitSavesACertifiedConvexModel() throws {
        let data = try Self.csv(rows: 40, dimension: 2) { $0[0] * $0[0] + 0.5 * $0[1] * $0[1] }
        let model = Self.modelPath()
        let result = try ToolRunner.run(["check-data", data, "--target", "y", "--fit", "l1", "-o", model, "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let fit = try #require(try result.json()["fit"] as? [String: Any])
        #expect(fit["norm"] as? String == "l1")
        #expect(fit["pieces"] as? Int == 40)
        #expect(fit["certifiedConvex"] as? Bool == true)
        #expect(try #require(fit["maxAbsoluteError"] as? Double) <= 1e-7)   // noiseless convex data: exact
        let certify = try ToolRunner.run(["certify", model, "--json"])
        #expect(certify.exitCode == 0)
        #expect(try certify.json()["convex"] as? Bool == true)
    }

    @Test func fitOfNonConvexDataStillSavesTheModel() throws {
        let data = try Self.csv(rows: 30, dimension: 1) { -$0[0] * $0[0] }
        let model = Self.modelPath()
        let result = try ToolRunner.run(["check-data", data, "--target", "y", "--fit", "linf", "-o", model])
        #expect(result.exitCode == 4, "\(result.stderr)")
        #expect(result.stdout.contains("L∞ convex regression"))
        #expect(result.stdout.contains("certified convex"))
        #expect(result.stdout.contains("max |error|"))
        #expect(FileManager.default.fileExists(atPath: model))
        #expect(try ToolRunner.run(["certify", model]).exitCode == 0)
    }

    @Test func misuseIsAClearError() throws {
        let data = try Self.csv(rows: 10, dimension: 1) { $0[0] * $0[0] }
        let missing = try ToolRunner.run(["check-data", "/nonexistent/data.csv", "--target", "y"])
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.contains("error"))
        let unknown = try ToolRunner.run(["check-data", data, "--target", "cost"])
        #expect(unknown.exitCode == 1)
        #expect(unknown.stderr.contains("cost") && unknown.stderr.contains("x1"))
        let noOutput = try ToolRunner.run(["check-data", data, "--target", "y", "--fit", "l1"])
        #expect(noOutput.exitCode == 1)
        #expect(noOutput.stderr.contains("-o"))
        let badNorm = try ToolRunner.run(["check-data", data, "--target", "y", "--fit", "l2", "-o", Self.modelPath()])
        #expect(badNorm.exitCode == 1)
        // Above 500 samples --fit works on a seeded subsample and says so; --max-samples beyond 500 is refused.
        let tooMany = try Self.csv(rows: 501, dimension: 1) { $0[0] * $0[0] }
        let model = Self.modelPath()
        let large = try ToolRunner.run(["check-data", tooMany, "--target", "y", "--fit", "l1", "-o", model, "--json"])
        #expect(large.exitCode == 0, "\(large.stderr)")
        #expect(large.stderr.contains("random subsample of 500 of the 501 samples"), "\(large.stderr)")
        #expect(try large.json()["fitSamples"] as? Int == 500)
        let small = try ToolRunner.run(["check-data", tooMany, "--target", "y", "--fit", "l1", "-o", model, "--max-samples", "50"])
        #expect(small.exitCode == 0 && small.stdout.contains("max-affine, 50 pieces"), "\(small.stdout)")
        let refused = try ToolRunner.run(["check-data", tooMany, "--target", "y", "--fit", "l1", "-o", model, "--max-samples", "600"])
        #expect(refused.exitCode != 0 && refused.stderr.contains("--max-samples must be between 1 and 500"), "\(refused.stderr)")
    }

    /// Samples of x² with a bump of 0.3 near 0: not convex; δ* brackets the smallest uniform change
    /// that makes them so, and tolerances just below and above 2δ* / range decide either way.
    @Test func theDistanceToConvexityDecidesTheTolerance() throws {
        var random = SplitMix64(seed: 9)
        var text = "x,y\n"
        for _ in 0..<60 {
            let x = random.nextUniform(from: -1, to: 1)
            text += "\(x),\(x * x + (abs(x) < 0.1 ? 0.3 : 0) + 0.01 * random.nextUniform(from: -1, to: 1))\n"
        }
        let data = try ToolRunner.temporaryFile(text, suffix: ".csv")
        let result = try ToolRunner.run(["check-data", data, "--target", "y", "--json"])
        #expect(result.exitCode == 4, "\(result.stderr)")
        let distance = try #require(try result.json()["distance"] as? [String: Any])
        let lower = try #require(distance["lower"] as? Double), upper = try #require(distance["upper"] as? Double)
        #expect(distance["lowerVerified"] as? Bool == true && lower <= upper && upper - lower <= 1e-6 * (1 + upper) && lower > 0.05)
        let needed = try #require(distance["toleranceToFit"] as? Double)
        let below = try ToolRunner.run(["check-data", data, "--target", "y", "--tolerance", "\(needed * 0.99)"])
        let above = try ToolRunner.run(["check-data", data, "--target", "y", "--tolerance", "\(needed * 1.01)"])
        #expect(below.exitCode == 4 && above.exitCode == 0, "below: \(below.stdout)\nabove: \(above.stdout)")
        #expect(try ToolRunner.run(["check-data", data, "--target", "y"]).stdout.contains("distance to convexity: "))
    }
}
