import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// What `minimize --svg` and `transport --svg` draw: well-formed SVG with the problem's names
/// on the axes, round ticks, the training data's range, a reference only when there is one, heat
/// panels for two-input surrogates, labels on small transport plans and a sampled view of large ones.
@Suite(.serialized) struct PictureCommandTests {
    /// Parses `svg` as XML; the first error, if any.
    static func xmlError(_ svg: String) -> String? {
        let parser = XMLParser(data: Data(svg.utf8))
        return parser.parse() ? nil : (parser.parserError.map { "\($0)" } ?? "unknown XML error")
    }

    static func drawMinimize(_ json: String) throws -> String {
        let svg = MinimizeCommandTests.folder.appendingPathComponent("plot-\(UUID().uuidString).svg").path
        let result = try ToolRunner.run(["minimize", try MinimizeCommandTests.problem(json), "--svg", svg])
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try String(contentsOfFile: svg, encoding: .utf8)
    }

    @Test func minimizePanelsNameTheProblemsVariablesAndShowTheData() throws {
        let svg = try Self.drawMinimize(MinimizeCommandTests.dispatch)
        #expect(Self.xmlError(svg) == nil, "\(Self.xmlError(svg) ?? "")")
        for words in [">P1 (model input P)<", ">P2 (model input P)<", "training data's range", "x* = ", ">reference<", "rotate(-90)"] {
            #expect(svg.contains(words), "\(words)")
        }
        #expect(svg.contains(">0<") && svg.contains(">20<"), "round ticks")
        let dispatch = MinimizeCommandTests.dispatch
        let cut = try #require(dispatch.range(of: "\"reference\""))
        let noReference = String(String(dispatch[..<cut.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines).dropLast()) + "}"
        let plain = try Self.drawMinimize(noReference)
        #expect(!plain.contains(">reference<") && Self.xmlError(plain) == nil)
    }

    /// A two-input surrogate is a heat panel: f(a, b) = a² + b² fitted, minimised on a + b = 1.
    @Test func twoInputSurrogatesAreHeatPanels() throws {
        let folder = MinimizeCommandTests.folder
        var text = "a,b,cost\n"
        for i in 0...10 { for j in 0...10 { let (a, b) = (Double(i) / 10, Double(j) / 10); text += "\(a),\(b),\(a * a + b * b)\n" } }
        let csv = folder.appendingPathComponent("bowl.csv").path
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let fit = try ToolRunner.run(["fit", csv, "--target", "cost", "--widths", "8x2", "--epochs", "100", "--batch", "121",
                                      "--validation", "0", "--quiet", "-o", folder.appendingPathComponent("bowl.model.json").path])
        #expect(fit.exitCode == 0, "\(fit.stderr)")
        let svg = try Self.drawMinimize("""
            {"variables": [{"name": "u", "lower": 0, "upper": 1}, {"name": "v", "lower": 0, "upper": 1}],
             "surrogates": [{"name": "bowl", "model": "bowl.model.json", "inputs": ["u", "v"], "data": "bowl.csv"}],
             "objective": {"sense": "minimize", "surrogates": ["bowl"]},
             "constraints": [{"name": "budget", "linear": {"u": 1, "v": 1}, "equals": 1}]}
            """)
        #expect(Self.xmlError(svg) == nil)
        #expect(svg.contains("fill=\"rgb(") && svg.contains(">u (model input a)<") && svg.contains(">v (model input b)<"))
        #expect(svg.contains("surrogate value (low → high)") && svg.contains("x* = ("))
    }

    @Test func transportPlotsHaveAxesLabelsAndASampledViewWhenLarge() throws {
        let small = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-plan-\(UUID().uuidString).svg").path
        let result = try ToolRunner.run(["transport", "Problems/transport/warehouses.csv", "Problems/transport/stores.csv",
                                         "--source-weights", "stock", "--target-weights", "demand", "--svg", small])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let svg = try String(contentsOfFile: small, encoding: .utf8)
        #expect(Self.xmlError(svg) == nil)
        #expect(svg.contains(">s1<") && svg.contains(">t8<") && svg.contains(">x<") && svg.contains(">y<") && svg.contains(">40<"))
        // 300 × 300 points: no labels, and an entropic plan's 90,000 entries drawn as a mass-weighted sample.
        let source = try TransportCommandTests.cloud(rows: 300, seed: 1), target = try TransportCommandTests.cloud(rows: 300, seed: 2, shift: 1)
        let large = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-plan-\(UUID().uuidString).svg").path
        let run = try ToolRunner.run(["transport", source, target, "--source-weights", "w", "--target-weights", "w",
                                      "--method", "sinkhorn", "--svg", large])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let dense = try String(contentsOfFile: large, encoding: .utf8)
        #expect(Self.xmlError(dense) == nil && !dense.contains(">s1<"))
        #expect(dense.contains("of 90000 entries drawn, sampled ∝ mass"), "\(dense.suffix(600))")
    }
}
