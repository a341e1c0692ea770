import Foundation
import Testing

/// `hycnn transport` end to end: the shipped example, methods, files, exit codes and bad input.
@Suite struct TransportCommandTests {
    static let warehouses = "Problems/transport/warehouses.csv", stores = "Problems/transport/stores.csv"
    /// The example's optimum, also found by GLPK's simplex and by POT's ot.emd (see its README).
    static let exampleCost = 4223.651763191041

    static func example(_ extra: [String]) -> [String] {
        ["transport", warehouses, stores, "--source-weights", "stock", "--target-weights", "demand", "--cost", "euclidean"] + extra
    }

    /// `rows` seeded 2-D points (x, y) plus a weight column w of positive masses summing to 1.
    static func cloud(rows: Int, seed: UInt64, shift: Double = 0, dimension: Int = 2) throws -> String {
        var state = seed
        func uniform() -> Double {                       // a small LCG: the test owns its data
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let points = (0..<rows).map { _ in (0..<dimension).map { _ in uniform() + shift } }
        let masses = (0..<rows).map { _ in 0.5 + uniform() }
        let total = masses.reduce(0, +)
        var text = (1...dimension).map { "x\($0)" }.joined(separator: ",") + ",w\n"
        for (p, w) in zip(points, masses) { text += p.map { "\($0)" }.joined(separator: ",") + ",\(w / total)\n" }
        return try ToolRunner.temporaryFile(text, suffix: ".csv")
    }

    static func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-transport-\(UUID().uuidString)\(suffix)").path
    }

    @Test func shippedExampleExactWithVerifiedCertificate() throws {
        let result = try ToolRunner.run(Self.example(["--json"]))
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["status"] as? String == "optimal")
        #expect(json["solver"] as? String == "network-simplex")
        let cost = try #require(json["objective"] as? Double)
        #expect(abs(cost - Self.exampleCost) <= 1e-9 * Self.exampleCost)
        #expect(json["seconds"] is Double)
        let certificate = try #require(json["certificate"] as? [String: Any])
        #expect(certificate["verified"] as? Bool == true)
        for key in ["gap", "maxDualViolation", "marginalError"] {
            #expect(try #require(certificate[key] as? Double) <= 1e-9, "\(key)")
        }
        #expect(try #require(json["entries"] as? Int) <= 5 + 8 - 1)
    }

    @Test func lpMethodAgreesAndTextSaysVerified() throws {
        let lp = try ToolRunner.run(Self.example(["--method", "lp", "--json"]))
        #expect(lp.exitCode == 0, "\(lp.stderr)")
        let json = try lp.json()
        #expect(json["solver"] as? String == "lp:glpk-simplex")
        #expect(abs(try #require(json["objective"] as? Double) - Self.exampleCost) <= 1e-9 * Self.exampleCost)
        #expect((json["certificate"] as? [String: Any])?["verified"] as? Bool == true)

        let text = try ToolRunner.run(Self.example([]))
        #expect(text.exitCode == 0)
        #expect(text.stdout.contains("status: optimal"))
        #expect(text.stdout.contains("cost: 4223.651763"))
        #expect(text.stdout.contains("certificate: verified independently"))
    }

    @Test func interiorPointAgreesWithTheNetworkSimplex() throws {
        let source = try Self.cloud(rows: 40, seed: 7), target = try Self.cloud(rows: 30, seed: 8, shift: 0.3)
        let args = ["transport", source, target, "--source-weights", "w", "--target-weights", "w"]
        let exact = try ToolRunner.run(args + ["--json"])
        let ipm = try ToolRunner.run(args + ["--method", "lp", "--solver", "ipm", "--json"])
        #expect(exact.exitCode == 0 && ipm.exitCode == 0, "\(exact.stderr) \(ipm.stderr)")
        let json = try ipm.json()
        #expect(json["solver"] as? String == "lp:ipm")
        #expect(json["status"] as? String == "optimal")
        let a = try #require(try exact.json()["objective"] as? Double), b = try #require(json["objective"] as? Double)
        #expect(abs(a - b) <= 1e-7 * a, "IPM \(b) vs network simplex \(a)")   // an interior point: ~1e-8, not 1e-9
        let certificate = try #require(json["certificate"] as? [String: Any])
        #expect(certificate["verified"] as? Bool == true, "\(certificate["failures"] ?? "")")
        #expect(certificate["tolerance"] as? Double == 1e-7)
        for key in ["gap", "maxDualViolation", "marginalError"] {
            #expect(try #require(certificate[key] as? Double) <= 1e-7, "\(key)")
        }
        let text = try ToolRunner.run(args + ["--method", "lp", "--solver", "ipm"])
        #expect(text.exitCode == 0)
        #expect(text.stdout.contains("method: LP, our interior point"))
        #expect(text.stdout.contains("certificate: verified independently") && text.stdout.contains("each ≤ 1e-7"))
    }

    @Test func theInteriorPointsPlanIsBasicUnlessTheCrossoverIsOff() throws {
        let source = try Self.cloud(rows: 40, seed: 7), target = try Self.cloud(rows: 30, seed: 8, shift: 0.3)
        let args = ["transport", source, target, "--source-weights", "w", "--target-weights", "w", "--method", "lp", "--solver", "ipm", "--json"]
        let basic = try ToolRunner.run(args)
        #expect(basic.exitCode == 0, "\(basic.stderr)")
        #expect(try #require(try basic.json()["entries"] as? Int) <= 40 + 30 - 1, "a vertex: at most n + m − 1 entries")
        let interior = try ToolRunner.run(args + ["--crossover", "off"])
        #expect(interior.exitCode == 0, "\(interior.stderr)")
        #expect(try #require(try interior.json()["entries"] as? Int) > 40 + 30 - 1, "the interior point's plan is not basic")
        let misuse = try ToolRunner.run(["transport", source, target, "--crossover", "off"])
        #expect(misuse.exitCode != 0 && misuse.stderr.contains("--crossover is only used with --method lp"))
    }

    @Test func autoPicksTheInteriorPointAboveTheThreshold() throws {
        // auto takes the interior point above 2,000 source–target pairs.
        let large = try Self.cloud(rows: 45, seed: 9), other = try Self.cloud(rows: 45, seed: 11, shift: 0.2)
        let small = try Self.cloud(rows: 44, seed: 10, shift: 0.2)
        let base = ["--source-weights", "w", "--target-weights", "w", "--method", "lp", "--json"]
        let above = try ToolRunner.run(["transport", large, other] + base)            // 45 × 45: 2,025 pairs
        #expect(above.exitCode == 0, "\(above.stderr)")
        #expect(try above.json()["solver"] as? String == "lp:ipm")
        let below = try ToolRunner.run(["transport", small, large] + base)            // 44 × 45: 1,980 pairs
        #expect(below.exitCode == 0, "\(below.stderr)")
        let json = try below.json()
        #expect(json["solver"] as? String == "lp:glpk-simplex")
        #expect((json["certificate"] as? [String: Any])?["tolerance"] as? Double == 1e-9)
        let forced = try ToolRunner.run(["transport", large, other] + base + ["--solver", "simplex"])
        #expect(try forced.json()["solver"] as? String == "lp:glpk-simplex")
        let text = try ToolRunner.run(["transport", large, other, "--source-weights", "w", "--target-weights", "w", "--method", "lp"])
        #expect(text.stdout.contains("our interior point (--solver auto: 2025 pairs)"))
        let misuse = try ToolRunner.run(["transport", large, other, "--solver", "ipm"])
        #expect(misuse.exitCode == 1 && misuse.stderr.contains("--method lp"))
    }

    @Test func planCSVAndSVG() throws {
        let plan = Self.temporaryPath(".csv"), svg = Self.temporaryPath(".svg")
        let result = try ToolRunner.run(Self.example(["-o", plan, "--svg", svg]))
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: plan, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "source_row,target_row,mass,cost")
        // The rows add up to the stock column and the masses to the total 150.
        var shipped = [Double](repeating: 0, count: 5), total = 0.0, cost = 0.0
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",").map { Double($0)! }
            shipped[Int(fields[0]) - 1] += fields[2]
            total += fields[2]
            cost += fields[2] * fields[3]
        }
        #expect(shipped == [30, 25, 40, 35, 20])
        #expect(total == 150)
        #expect(abs(cost - Self.exampleCost) <= 1e-9 * Self.exampleCost)
        let drawing = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(drawing.hasPrefix("<svg"))
        let arcs = drawing.components(separatedBy: "<g stroke=\"#6c757d\"")[1].components(separatedBy: "</g>")[0]
        #expect(arcs.components(separatedBy: "<line").count - 1 == lines.count - 1)          // one per entry
        #expect(drawing.components(separatedBy: "<circle").count - 1 == 5 + 8 + 2)         // points + legend
    }

    @Test func randomCloudsExactEqualsLP() throws {
        let source = try Self.cloud(rows: 40, seed: 1), target = try Self.cloud(rows: 30, seed: 2, shift: 0.3)
        let exact = try ToolRunner.run(["transport", source, target, "--source-weights", "w", "--target-weights", "w", "--json"])
        let lp = try ToolRunner.run(["transport", source, target, "--source-weights", "w", "--target-weights", "w", "--method", "lp", "--json"])
        #expect(exact.exitCode == 0 && lp.exitCode == 0, "\(exact.stderr) \(lp.stderr)")
        let a = try #require(try exact.json()["objective"] as? Double), b = try #require(try lp.json()["objective"] as? Double)
        #expect(abs(a - b) <= 1e-9 * a)
        // Uniform weights with w named as a third coordinate (a mass-like name must be named explicitly).
        let uniform = try ToolRunner.run(["transport", source, target, "--coordinates", "x1,x2,w", "--json"])
        #expect(uniform.exitCode == 0, "\(uniform.stderr)")
        #expect(abs(try #require(try uniform.json()["totalMass"] as? Double) - 1) <= 1e-15)
    }

    @Test func costMatrixFile() throws {
        // Three workers, three jobs (an assignment problem), costs [[4, 1, 3], [2, 0, 5], [3, 2, 2]]:
        // of the six assignments the best is (1,2), (2,1), (3,3) at 1 + 2 + 2 = 5.
        let matrix = try ToolRunner.temporaryFile("j1,j2,j3\n4,1,3\n2,0,5\n3,2,2\n", suffix: ".csv")
        let workers = try ToolRunner.temporaryFile("w\n1\n1\n1\n", suffix: ".csv")
        let result = try ToolRunner.run(["transport", workers, workers, "--source-weights", "w", "--target-weights", "w",
                                         "--cost-matrix", matrix, "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["objective"] as? Double == 5)
        #expect((json["certificate"] as? [String: Any])?["verified"] as? Bool == true)
        let wrongShape = try ToolRunner.temporaryFile("j1,j2\n1,2\n3,4\n5,6\n", suffix: ".csv")
        let bad = try ToolRunner.run(["transport", workers, workers, "--source-weights", "w", "--target-weights", "w", "--cost-matrix", wrongShape])
        #expect(bad.exitCode == 1)
        #expect(bad.stderr.contains("3 rows × 3 columns"))
    }

    @Test func sinkhornIsCloseToTheExactCost() throws {
        let source = try Self.cloud(rows: 30, seed: 3), target = try Self.cloud(rows: 25, seed: 4, shift: 0.5)
        let args = ["transport", source, target, "--source-weights", "w", "--target-weights", "w", "--json"]
        let exact = try ToolRunner.run(args)
        let entropic = try ToolRunner.run(args + ["--method", "sinkhorn", "--epsilon", "0.001"])
        #expect(entropic.exitCode == 0, "\(entropic.stderr)")
        let json = try entropic.json()
        #expect(json["solver"] as? String == "sinkhorn")
        #expect(json["epsilon"] as? Double == 0.001)
        let a = try #require(try exact.json()["objective"] as? Double), b = try #require(json["objective"] as? Double)
        #expect(b >= a * (1 - 1e-9))                        // no plan beats the optimum
        #expect(b <= a * 1.05)
        let certificate = try #require(json["certificate"] as? [String: Any])
        #expect(try #require(certificate["marginalError"] as? Double) <= 1e-6)
    }

    @Test func badInputIsAClearError() throws {
        let source = try Self.cloud(rows: 5, seed: 5)
        let heavy = try ToolRunner.temporaryFile("x1,x2,w\n0,0,1\n1,1,1\n", suffix: ".csv")
        let unbalanced = try ToolRunner.run(["transport", source, heavy, "--source-weights", "w", "--target-weights", "w"])
        #expect(unbalanced.exitCode == 1)
        #expect(unbalanced.stderr.contains("total source mass") && unbalanced.stderr.contains("differs"))

        let negative = try ToolRunner.temporaryFile("x1,x2,w\n0,0,1.5\n1,1,-0.5\n", suffix: ".csv")
        let sign = try ToolRunner.run(["transport", source, negative, "--source-weights", "w", "--target-weights", "w"])
        #expect(sign.exitCode == 1)
        #expect(sign.stderr.contains("target weight 2 is -0.5"))

        let flat = try Self.cloud(rows: 5, seed: 6, dimension: 3)
        let dimensions = try ToolRunner.run(["transport", source, flat, "--source-weights", "w", "--target-weights", "w"])
        #expect(dimensions.exitCode == 1)
        #expect(dimensions.stderr.contains("2 coordinates") && dimensions.stderr.contains("3"))

        let empty = try ToolRunner.temporaryFile("x1,x2\n", suffix: ".csv")
        let none = try ToolRunner.run(["transport", empty, source, "--target-weights", "w"])
        #expect(none.exitCode == 1)
        #expect(none.stderr.contains("source cloud has no points"))

        let missing = try ToolRunner.run(["transport", "/nonexistent.csv", source])
        #expect(missing.exitCode == 1 && missing.stderr.contains("error"))
        let column = try ToolRunner.run(["transport", source, source, "--source-weights", "mass"])
        #expect(column.exitCode == 1 && column.stderr.contains("mass"))
        let svg = try ToolRunner.run(["transport", flat, flat, "--source-weights", "w", "--target-weights", "w",
                                      "--svg", Self.temporaryPath(".svg")])
        #expect(svg.exitCode == 1 && svg.stderr.contains("2-D"))
        let epsilon = try ToolRunner.run(["transport", source, source, "--epsilon", "0.1"])
        #expect(epsilon.exitCode == 1 && epsilon.stderr.contains("sinkhorn"))
        let method = try ToolRunner.run(["transport", source, source, "--method", "simplex"])
        #expect(method.exitCode == 1)
    }
}
