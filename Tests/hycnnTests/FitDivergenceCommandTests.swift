import Foundation
import Testing

/// `hycnn fit` on data or settings that overflow: exit 1 with a message, and the model at `-o` untouched.
@Suite struct FitDivergenceCommandTests {
    /// x on a grid in [−1, 1], y = x², with `edit` applied to row `s` (0-based) as text.
    static func csv(edit: (Int, Double) -> (String, String) = { _, x in ("\(x)", "\(x * x)") }) throws -> String {
        var text = "x,y\n"
        for s in 0..<80 {
            let x = Double(s % 21) / 10 - 1
            let (a, b) = edit(s, x)
            text += "\(a),\(b)\n"
        }
        return try ToolRunner.temporaryFile(text, suffix: ".csv")
    }

    /// A file standing for a good model from an earlier run.
    static func previousModel() throws -> (path: String, contents: String) {
        let contents = "{\"previous\": \"good model\"}\n"
        return (try ToolRunner.temporaryFile(contents, suffix: ".model.json"), contents)
    }

    static func expectFailureKeeping(_ arguments: [String], model: (path: String, contents: String),
                                     saying words: [String]) throws {
        let run = try ToolRunner.run(["fit"] + arguments + ["--target", "y", "--widths", "4x2", "--epochs", "5",
                                                             "--batch", "20", "--quiet", "-o", model.path])
        #expect(run.exitCode == 1, "\(run.stderr)")
        for word in words { #expect(run.stderr.contains(word), "\(run.stderr)") }
        #expect(run.stdout.isEmpty)
        #expect(try String(contentsOfFile: model.path, encoding: .utf8) == model.contents)
    }

    @Test func targetsOfPlusMinus1e200AreRefusedBeforeTraining() throws {
        let data = try Self.csv { s, x in ("\(x)", s % 2 == 0 ? "1e200" : "-1e200") }
        try Self.expectFailureKeeping([data], model: Self.previousModel(),
                                      saying: ["target 'y' of sample 1", "1e+150", "rescale"])
    }

    @Test func oneInputOf1e300IsRefusedNamingItsRow() throws {
        let data = try Self.csv { s, x in (s == 9 ? "1e300" : "\(x)", "\(x * x)") }
        try Self.expectFailureKeeping([data], model: Self.previousModel(), saying: ["input 'x' of sample 10", "1e+300"])
    }

    @Test(arguments: ["1e308", "1e100"])
    func aHugeLearningRateDivergesWithAdvice(rate: String) throws {
        let data = try Self.csv()
        try Self.expectFailureKeeping([data, "--lr", rate, "--model", "icnn"], model: Self.previousModel(),
                                      saying: ["training diverged", "Lower the learning rate", "no model was produced"])
    }
}
