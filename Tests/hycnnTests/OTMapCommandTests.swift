import ConvexNetworks
import Foundation
import Testing
import TransportMaps

/// `hycnn ot-map apply` and `ot-map certify` end to end, and `certify`/`predict --potential`.
@Suite struct OTMapCommandTests {
    typealias Fixtures = OTMapFixtures

    /// Row-major points of a CSV in the map's column order.
    static func coordinates(_ path: String, columns: [String] = Fixtures.columns) throws -> [Double] {
        let table = try Fixtures.read(path)
        let values = try columns.map { try table.column(named: $0) }
        return (0..<table.rowCount).flatMap { i in values.map { $0[i] } }
    }

    @Test func forwardAndGradientInverseMatchTheLibraryAndKeepTheHeader() throws {
        let mapPath = try Fixtures.maxGateMap(), map = try TransportMap(contentsOfFile: mapPath)
        let points = try Fixtures.cloud(12, seed: 3)
        let xy = try Self.coordinates(points)
        let swapped = try Fixtures.points((0..<12).map { [xy[2 * $0 + 1], xy[2 * $0]] }, header: ["y", "x"])   // columns by name
        for inverse in [false, true] {
            let output = Fixtures.temporaryPath(".csv")
            let result = try ToolRunner.run(["ot-map", "apply", mapPath, swapped, "-o", output] + (inverse ? ["--inverse"] : []))
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(try Fixtures.read(output).header == ["y", "x"])
            let expected = inverse ? try map.applyInverse(Self.coordinates(points)) : try map.apply(Self.coordinates(points))
            let written = try Self.coordinates(output)
            #expect(written.count == 24)
            for (a, b) in zip(written, expected) { #expect(abs(a - b) <= 1e-14 * max(1, abs(b))) }
        }
        let gradient = Fixtures.temporaryPath(".csv")
        #expect(try ToolRunner.run(["ot-map", "apply", mapPath, swapped, "-o", gradient, "--inverse", "gradient", "--json"]).exitCode == 0)
    }

    @Test func exactInverseOfAMaxAffinePotentialIsItsKnownMaximiser() throws {
        let mapPath = try Fixtures.maxAffineMap()
        let points = try Fixtures.points([[0.2, 0.3], [0.1, 0.1], [-0.3, -0.2]])
        let output = Fixtures.temporaryPath(".csv")
        let result = try ToolRunner.run(["ot-map", "apply", mapPath, points, "-o", output, "--inverse", "exact", "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["direction"] as? String == "inverse-exact")
        #expect((json["exact"] as? [String: Any])?["outsideDomainRows"] as? [Int] == [])
        for value in try Self.coordinates(output) { #expect(abs(value) <= 1e-7) }             // x*(y) = 0 inside the triangle
    }

    @Test func aPointOutsideTheConjugateDomainIsNamedAndNothingIsWritten() throws {
        let mapPath = try Fixtures.maxAffineMap()
        let points = try Fixtures.points([[0.2, 0.3], [5, 5]])
        let output = Fixtures.temporaryPath(".csv")
        let result = try ToolRunner.run(["ot-map", "apply", mapPath, points, "-o", output, "--inverse", "exact", "--solver", "simplex"])
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains("data row 2 lies outside dom f*"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func exactInverseRefusesASmoothPotential() throws {
        let mapPath = try Fixtures.mapFile(f: Fixtures.network(Fixtures.smooth, seed: 1), g: Fixtures.network(Fixtures.maxGate, seed: 2))
        let result = try ToolRunner.run(["ot-map", "apply", mapPath, Fixtures.cloud(3, seed: 1), "-o", Fixtures.temporaryPath(".csv"),
                                         "--inverse", "exact"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("--inverse exact needs a piecewise-linear f"))
    }

    @Test func svgDrawsPointsImagesAndArrows() throws {
        let svg = Fixtures.temporaryPath(".svg")
        let result = try ToolRunner.run(["ot-map", "apply", try Fixtures.maxGateMap(), Fixtures.cloud(40, seed: 4),
                                         "-o", Fixtures.temporaryPath(".csv"), "--svg", svg])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.components(separatedBy: "<circle").count - 1 == 80 + 2)
        #expect(text.contains("marker-end=\"url(#head)\""))
        #expect(text.contains("30 of 40 drawn"))
    }

    @Test func certifyFindsZeroGapsOnGradientPairsOfAMaxGatePotential() throws {
        let result = try ToolRunner.run(["ot-map", "certify", try Fixtures.maxGateMap(), Fixtures.cloud(25, seed: 5), "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.contains("conjugate LPs 25/25"))
        let json = try result.json()
        #expect(json["verified"] as? Bool == true)
        #expect((json["f"] as? [String: Any])?["convex"] as? Bool == true)
        #expect((json["g"] as? [String: Any])?["convex"] as? Bool == true)
        let gaps = try #require(json["gaps"] as? [String: Any])
        #expect(gaps["method"] as? String == "exact")
        #expect(gaps["withinTolerance"] as? Int == 25)
        #expect(try #require(gaps["largest"] as? Double) <= 1e-7)
        let points = try #require(gaps["points"] as? [[String: Any]])
        #expect(points.count == 25)
        for key in ["row", "x", "y", "gap", "lower", "upper", "tolerance", "status"] { #expect(points[0][key] != nil, "\(key)") }

        let text = try ToolRunner.run(["ot-map", "certify", try Fixtures.maxGateMap(), Fixtures.cloud(3, seed: 5)])
        #expect(text.exitCode == 0)
        #expect(text.stdout.contains("within tolerance: 3 of 3 points"))
        #expect(text.stdout.contains("verdict: verified"))
    }

    @Test func aTimeLimitExitsThreeAndNamesWhatWasNotReached() throws {
        let result = try ToolRunner.run(["ot-map", "certify", try Fixtures.maxGateMap(), Fixtures.cloud(3000, seed: 11),
                                         "--time-limit", "0.05", "--trials", "0"])
        #expect(result.exitCode == 3, "\(result.stderr)")
        #expect(result.stdout.contains("points not reached"))
        #expect(result.stdout.contains("verdict: NOT verified"))
    }

    @Test func inverseGivenBeforeThePointsIsAFlag() throws {
        let output = Fixtures.temporaryPath(".csv")
        let result = try ToolRunner.run(["ot-map", "apply", try Fixtures.maxGateMap(), "--inverse", Fixtures.cloud(2, seed: 12), "-o", output])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("∇g (inverse, learned)"))
    }

    @Test func certifyBracketsASmoothPotential() throws {
        let mapPath = try Fixtures.mapFile(f: Fixtures.network(Fixtures.smooth, seed: 1), g: Fixtures.network(Fixtures.maxGate, seed: 2))
        let result = try ToolRunner.run(["ot-map", "certify", mapPath, Fixtures.cloud(4, seed: 6), "--json"])
        let gaps = try #require(try result.json()["gaps"] as? [String: Any])
        #expect(gaps["method"] as? String == "bracket")
        #expect(try #require(gaps["offset"] as? Double) > 0)
        for point in try #require(gaps["points"] as? [[String: Any]]) {
            #expect(try #require(point["lower"] as? Double) <= (point["upper"] as? Double ?? .nan) + 1e-9)
        }
        #expect(result.exitCode == (gaps["withinTolerance"] as? Int == 4 ? 0 : 1))
    }

    @Test func aNonConvexPotentialExitsFour() throws {
        let mapPath = try Fixtures.mapFile(f: Fixtures.network(Fixtures.maxGate, seed: 1),
                                           g: Fixtures.network(.mlp(inputDimension: 2, widths: [4]), seed: 2))
        let result = try ToolRunner.run(["ot-map", "certify", mapPath, Fixtures.cloud(3, seed: 7)])
        #expect(result.exitCode == 4, "\(result.stderr)")
        #expect(result.stdout.contains("potential g: not"))
    }

    @Test func certifyAndPredictReadAPotentialOfAMapFile() throws {
        let f = try Fixtures.network(Fixtures.maxGate, seed: 1), g = try Fixtures.network(Fixtures.smooth, seed: 2)
        let mapPath = try Fixtures.mapFile(f: f, g: g)
        let points = try Fixtures.cloud(5, seed: 8)
        for (name, model) in [("f", f), ("g", g)] {
            let modelPath = Fixtures.temporaryPath(".json")
            try model.save(to: modelPath)
            let fromMap = try ToolRunner.run(["certify", mapPath, "--potential", name, "--json"])
            let fromModel = try ToolRunner.run(["certify", modelPath, "--json"])
            #expect(fromMap.exitCode == 0 && fromModel.exitCode == 0)
            #expect(fromMap.stdout == fromModel.stdout)
            let predicted = try ToolRunner.run(["predict", mapPath, points, "--potential", name])
            #expect(predicted.exitCode == 0, "\(predicted.stderr)")
            #expect(predicted.stdout == (try ToolRunner.run(["predict", modelPath, points])).stdout)
        }
    }

    @Test func aMapFileNeedsPotentialAndAModelFileRefusesIt() throws {
        let mapPath = try Fixtures.maxGateMap(), points = try Fixtures.cloud(2, seed: 9)
        for arguments in [["certify", mapPath], ["predict", mapPath, points]] {
            let result = try ToolRunner.run(arguments)
            #expect(result.exitCode == 1)
            #expect(result.stderr.contains("is a transport map file holding two potentials: choose one with --potential f"))
        }
        let modelPath = Fixtures.temporaryPath(".json")
        try Fixtures.maxAffine().save(to: modelPath)
        for arguments in [["certify", modelPath, "--potential", "f"], ["predict", modelPath, points, "--potential", "g"]] {
            let result = try ToolRunner.run(arguments)
            #expect(result.exitCode == 1)
            #expect(result.stderr.contains("--potential applies only to a transport map file"))
        }
    }

    @Test func badInputsAreClearErrors() throws {
        let mapPath = try Fixtures.maxGateMap()
        let modelPath = Fixtures.temporaryPath(".json")
        try Fixtures.maxAffine().save(to: modelPath)
        let otherJSON = try ToolRunner.temporaryFile(#"{"format": "something-else", "version": 1}"#, suffix: ".json")
        let good = try Fixtures.cloud(3, seed: 10)
        let cases: [(arguments: [String], message: String)] = [
            (["ot-map", "apply", mapPath, try Fixtures.points([[1, 2]], header: ["x", "z"]), "-o", Fixtures.temporaryPath(".csv")],
             "the columns must be the map's columns 'x', 'y'; missing 'y'; not in the map 'z'"),
            (["ot-map", "certify", mapPath, try Fixtures.points([[1, 2, 3]], header: ["x", "y", "w"])], "not in the map 'w'"),
            (["ot-map", "apply", mapPath, try ToolRunner.temporaryFile("x,y\n1,2\nnan,3\n", suffix: ".csv"), "-o", Fixtures.temporaryPath(".csv")],
             "line 3"),
            (["ot-map", "certify", mapPath, try ToolRunner.temporaryFile("x,y\n", suffix: ".csv")], "no points"),
            (["ot-map", "certify", mapPath, try ToolRunner.temporaryFile("0.5,1\n2,3\n", suffix: ".csv")], "has no header"),
            (["ot-map", "apply", modelPath, good, "-o", Fixtures.temporaryPath(".csv")], "not a transport map file"),
            (["ot-map", "certify", otherJSON, good], "not a transport map file: its \"format\" is \"something-else\""),
            (["ot-map", "apply", mapPath, good, "-o", Fixtures.temporaryPath(".csv"), "--solver", "simplex"],
             "--solver is only used with --inverse exact"),
            (["ot-map", "apply", mapPath, good, "-o", good], "-o"),
            (["ot-map", "certify", mapPath, good, "--tolerance", "0"], "--tolerance must be a positive number"),
        ]
        for (arguments, message) in cases {
            let result = try ToolRunner.run(arguments)
            #expect(result.exitCode == 1, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
