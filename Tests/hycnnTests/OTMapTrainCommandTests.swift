import Foundation
import Testing

/// `hycnn ot-map train` end to end.
@Suite struct OTMapTrainCommandTests {
    /// n points of a 2-D sample: coordinates `scale`·z + `shift` with z from a small LCG's
    /// Box–Muller normals (the test owns its data).
    static func sampleCSV(header: String, rows: Int, scale: Double, shift: Double, seed: UInt64) throws -> String {
        var state = seed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
        var text = header + "\n"
        for _ in 0..<rows { text += "\(scale * normal() + shift),\(scale * normal() + shift)\n" }
        return try ToolRunner.temporaryFile(text, suffix: ".csv")
    }

    static func mapPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-otmap-\(UUID().uuidString).json").path
    }

    static let small = ["--widths", "8x2", "--iterations", "30", "--inner", "2", "--batch", "64", "--init", "identity"]

    @Test func trainsAndSavesAMap() throws {
        let source = try Self.sampleCSV(header: "a,b", rows: 200, scale: 1, shift: 0, seed: 1)
        let target = try Self.sampleCSV(header: "b,a", rows: 200, scale: 2, shift: 1, seed: 2)
        let output = Self.mapPath()
        let run = try ToolRunner.run(["ot-map", "train", source, target, "-o", output] + Self.small)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.contains("W2² estimate (dual)"))
        #expect(run.stdout.contains("f: convex"))
        #expect(run.stderr.contains("iteration   30/30"))                  // the progress bar's last line
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        #expect(file["format"] as? String == "hycnn-ot-map")
        #expect(file["columns"] as? [String] == ["a", "b"])

        let json = try ToolRunner.run(["ot-map", "train", source, target, "-o", output, "--json", "--quiet"] + Self.small).json()
        #expect((json["dualEstimate"] as? Double).map { $0.isFinite && $0 > 0 } == true)
        #expect((json["convexity"] as? [String: Any])?["convex"] as? Bool == true)
    }

    @Test func badInputGivesClearErrors() throws {
        let source = try Self.sampleCSV(header: "a,b", rows: 50, scale: 1, shift: 0, seed: 3)
        let other = try Self.sampleCSV(header: "a,c", rows: 50, scale: 1, shift: 0, seed: 4)
        let columns = try ToolRunner.run(["ot-map", "train", source, other, "-o", Self.mapPath()] + Self.small)
        #expect(columns.exitCode != 0 && columns.stderr.contains("differ from the source's a, b"))
        let single = try ToolRunner.temporaryFile("a,b\n1,2\n", suffix: ".csv")
        let few = try ToolRunner.run(["ot-map", "train", source, single, "-o", Self.mapPath()] + Self.small)
        #expect(few.exitCode == 1 && few.stderr.contains("target sample has 1 point, at least 2 needed"))
        let headerless = try ToolRunner.temporaryFile("0.5,1\n2,3\n4,5\n", suffix: ".csv")
        for (from, to) in [(headerless, source), (source, headerless)] {
            let refused = try ToolRunner.run(["ot-map", "train", from, to, "-o", Self.mapPath()] + Self.small)
            #expect(refused.exitCode == 1 && refused.stderr.contains("has no header"), "\(refused.stderr)")
        }
        let model = try ToolRunner.run(["ot-map", "train", source, source, "-o", Self.mapPath(), "--model", "mlp"])
        #expect(model.exitCode != 0 && model.stderr.contains("--model must be hycnn, groupmax, icnn or icnn-quadratic"))
    }

    @Test func drawsTwoDimensionalMapsAndRefusesOptionsThatDoNotApply() throws {
        let source = try Self.sampleCSV(header: "a,b", rows: 100, scale: 1, shift: 0, seed: 5)
        let target = try Self.sampleCSV(header: "a,b", rows: 100, scale: 2, shift: 1, seed: 6)
        let picture = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-otmap-\(UUID().uuidString).svg").path
        let drawn = try ToolRunner.run(["ot-map", "train", source, target, "-o", Self.mapPath(), "--svg", picture, "--quiet"] + Self.small)
        #expect(drawn.exitCode == 0, "\(drawn.stderr)")
        let svg = try String(contentsOfFile: picture, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("target y") && svg.contains("images ∇f(x)"))
        #expect(svg.components(separatedBy: "<circle").count - 1 >= 300)         // 100 sources, 100 images, 100 targets (+ legend)

        let threeD = try ToolRunner.temporaryFile("a,b,c\n1,2,3\n2,3,4\n3,1,2\n", suffix: ".csv")
        let projected = try ToolRunner.run(["ot-map", "train", threeD, threeD, "-o", Self.mapPath(), "--svg", picture, "--quiet"] + Self.small)
        #expect(projected.exitCode == 0, "\(projected.stderr)")
        let plane = try String(contentsOfFile: picture, encoding: .utf8)
        #expect(plane.contains("(a, b of 3 coordinates)") && plane.components(separatedBy: "<circle").count - 1 >= 9)
        let oneD = try ToolRunner.temporaryFile("a\n1\n2\n3\n", suffix: ".csv")
        let flat = try ToolRunner.run(["ot-map", "train", oneD, oneD, "-o", Self.mapPath(), "--svg", picture] + Self.small)
        #expect(flat.exitCode != 0 && flat.stderr.contains("--svg draws two coordinates; these points have one"))
        for (options, message) in [(["--model", "icnn", "--gate", "max"], "--gate applies to hycnn and groupmax"),
                                   (["--gate", "max", "--tau", "3"], "--tau applies to the smooth gate"),
                                   (["--activation", "softplus"], "--activation and --slope apply to icnn"),
                                   (["--model", "icnn", "--slope", "0.1"], "--slope applies to --activation leaky-relu only"),
                                   (["--rank", "2"], "--rank applies to --model icnn-quadratic only"),
                                   (["--init", "paper", "--init-steps", "10"], "--init-steps applies to --init identity or gaussian only")] {
            let refused = try ToolRunner.run(["ot-map", "train", source, target, "-o", Self.mapPath()] + Self.small + options)
            #expect(refused.exitCode != 0 && refused.stderr.contains(message), "\(options): \(refused.stderr)")
        }
    }

    @Test func holdoutComparesTheMapWithTheBaselinesOnHeldOutPoints() throws {
        let source = try Self.sampleCSV(header: "a,b", rows: 120, scale: 1, shift: 0, seed: 7)
        let target = try Self.sampleCSV(header: "a,b", rows: 100, scale: 2, shift: 3, seed: 8)
        let run = try ToolRunner.run(["ot-map", "train", source, target, "-o", Self.mapPath(), "--holdout", "0.3", "--quiet"] + Self.small)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.contains("held out 30 of 100 target points (--seed); the map and the baselines were fitted on the other 70"))
        for row in ["training target (two samples of the target)", "source, unmapped", "linear (Gaussian) map", "entropic map (ε = ",
                    "learned map ∇f"] {
            #expect(run.stdout.contains(row), "\(row)")
        }
        let json = try ToolRunner.run(["ot-map", "train", source, target, "-o", Self.mapPath(), "--holdout", "0.3", "--quiet", "--json"]
                                      + Self.small).json()
        let holdout = try #require(json["holdout"] as? [String: Any])
        #expect((holdout["heldOutRows"] as? [Int])?.count == 30 && holdout["heldOutCount"] as? Int == 30)
        let rows = try #require(holdout["rows"] as? [[String: Any]])
        #expect(rows.count == 5 && rows.allSatisfy { $0["verified"] as? Bool == true })
        let costs = Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as! String, $0["transportCost"] as! Double) })
        // The source sits about ‖(3, 3)‖² = 18 away from the target: every map must do far better than no map.
        let unmapped = try #require(costs["source, unmapped"]), learned = try #require(costs["learned map ∇f"])
        #expect(unmapped > 15 && learned < unmapped / 3)
        for (fraction, message) in [("1", "must lie strictly between 0 and 1, got 1.0"),
                                    ("0.01", "0.01 of 100 points holds out 1, leaving 99; each part needs at least 2")] {
            let refused = try ToolRunner.run(["ot-map", "train", source, target, "-o", Self.mapPath(), "--holdout", fraction] + Self.small)
            #expect(refused.exitCode != 0 && refused.stderr.contains("--holdout \(Double(fraction)!): " + message), "\(refused.stderr)")
        }
    }
}
