import Foundation
import Testing

/// `hycnn fit`, `predict` and `certify` end to end.
@Suite struct FitCommandTests {
    /// cost = x1² + x2² + small noise, as a CSV file.
    static func squaredNormCSV(rows: Int = 400) throws -> String {
        var text = "x1,x2,cost\n"
        var state: UInt64 = 12345
        func uniform() -> Double {                       // a small LCG: the test owns its data
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        for _ in 0..<rows {
            let a = uniform(), b = uniform()
            text += "\(a),\(b),\(a * a + b * b + 0.01 * uniform())\n"
        }
        return try ToolRunner.temporaryFile(text, suffix: ".csv")
    }

    static func modelPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-cli-\(UUID().uuidString).model.json").path
    }

    @Test func fitPredictCertifyAHyCNN() throws {
        let data = try Self.squaredNormCSV(), model = Self.modelPath()
        let fit = try ToolRunner.run(["fit", data, "--target", "cost", "--widths", "8x2", "--epochs", "20", "--batch", "100", "-o", model])
        #expect(fit.exitCode == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("certified convex"))
        #expect(fit.stdout.contains("validation   MSE"))
        #expect(fit.stderr.contains("epoch  20/20"))                      // the progress bar's last line

        let certify = try ToolRunner.run(["certify", model, "--json"])
        #expect(certify.exitCode == 0)
        let json = try certify.json()
        #expect(json["convex"] as? Bool == true)
        #expect(json["counterexample"] is NSNull)
        #expect((json["layers"] as? [Any])?.count == 3)

        let predictions = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-preds-\(UUID().uuidString).csv").path
        let predict = try ToolRunner.run(["predict", model, data, "-o", predictions])
        #expect(predict.exitCode == 0, "\(predict.stderr)")
        let lines = try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "x1,x2,cost,prediction")                    // every column of the data, then the prediction
        #expect(lines.count == 401)
        let first = lines[1].split(separator: ",").compactMap { Double($0) }
        #expect(abs(first[3] - (first[0] * first[0] + first[1] * first[1])) < 0.2)
        #expect(predict.stderr.contains("error against 'cost' over 400 rows: RMSE"), "\(predict.stderr)")
    }

    @Test func fitAndPredictSpeakJSONAndPredictKeepsEveryColumn() throws {
        let data = try Self.squaredNormCSV(rows: 200), model = Self.modelPath()
        let fit = try ToolRunner.run(["fit", data, "--target", "cost", "--widths", "8x2", "--epochs", "5", "--quiet", "-o", model, "--json"])
        #expect(fit.exitCode == 0, "\(fit.stderr)")
        let fitted = try fit.json()
        #expect(fitted["status"] as? String == "saved" && fitted["convex"] as? Bool == true && fitted["samples"] as? Int == 200)
        let range = try #require((fitted["model"] as? [String: Any])?["inputRange"] as? [String: [Double]])
        #expect(range["lower"]!.allSatisfy { $0 >= -1 } && range["upper"]!.allSatisfy { $0 <= 1 })

        // ids, a quoted label with a comma, and the target pass through; the error is measured against the target.
        let table = try ToolRunner.temporaryFile("id,x1,label,x2,cost\nr1,0.5,\"a, b\",0.5,0.5\nr2,0,plain,0,0\n", suffix: ".csv")
        let predict = try ToolRunner.run(["predict", model, table])
        #expect(predict.exitCode == 0, "\(predict.stderr)")
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines[0] == "id,x1,label,x2,cost,prediction" && lines[1].hasPrefix("r1,0.5,\"a, b\",0.5,0.5,"), "\(predict.stdout)")
        #expect(predict.stderr.contains("error against 'cost' over 2 rows"))
        let json = try ToolRunner.run(["predict", model, table, "--json"]).json()
        #expect((json["predictions"] as? [Double])?.count == 2 && (json["error"] as? [String: Any])?["rows"] as? Int == 2)

        // Without the target column there is no error to report; a taken 'prediction' column is refused.
        let noTarget = try ToolRunner.temporaryFile("x1,x2\n0.1,0.2\n", suffix: ".csv")
        let quiet = try ToolRunner.run(["predict", model, noTarget, "--json"])
        let quietJSON = try quiet.json()
        #expect(quiet.exitCode == 0 && !quiet.stderr.contains("error against") && quietJSON["error"] is NSNull)
        let taken = try ToolRunner.temporaryFile("x1,x2,prediction\n0.1,0.2,3\n", suffix: ".csv")
        let refused = try ToolRunner.run(["predict", model, taken])
        #expect(refused.exitCode == 1 && refused.stderr.contains("already has a column 'prediction'"), "\(refused.stderr)")
        let badInput = try ToolRunner.temporaryFile("x1,x2\n0.1,abc\n", suffix: ".csv")
        let bad = try ToolRunner.run(["predict", model, badInput])
        #expect(bad.exitCode == 1 && bad.stderr.contains("line 2") && bad.stderr.contains("'abc' is not a number"), "\(bad.stderr)")
    }

    @Test func anMLPIsNotConvexWithACounterexample() throws {
        let data = try Self.squaredNormCSV(), model = Self.modelPath()
        let fit = try ToolRunner.run(["fit", data, "--target", "cost", "--model", "mlp", "--widths", "16,16",
                                      "--epochs", "10", "--quiet", "-o", model])
        #expect(fit.exitCode == 0, "\(fit.stderr)")
        #expect(fit.stderr.isEmpty)                                         // --quiet: no progress bar
        let certify = try ToolRunner.run(["certify", model, "--json"])
        #expect(certify.exitCode == 4)
        let json = try certify.json()
        #expect(json["convex"] as? Bool == false)
        let counterexample = try #require(json["counterexample"] as? [String: Any])
        let midpoint = try #require(counterexample["midpointValue"] as? Double)
        let chord = try #require(counterexample["chordValue"] as? Double)
        #expect(midpoint > chord)
        #expect((counterexample["a"] as? [Double])?.count == 2)
    }

    @Test func badDataIsAClearError() throws {
        let ragged = try ToolRunner.temporaryFile("x1,x2,cost\n1,2,3\n4,5\n", suffix: ".csv")
        let result = try ToolRunner.run(["fit", ragged, "--target", "cost", "-o", Self.modelPath()])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("line 3"))
        let nan = try ToolRunner.temporaryFile("x1,cost\n1,2\nnan,3\n", suffix: ".csv")
        let nanResult = try ToolRunner.run(["fit", nan, "--target", "cost", "-o", Self.modelPath()])
        #expect(nanResult.exitCode == 1)
        #expect(nanResult.stderr.contains("line 3") && nanResult.stderr.contains("column 1"))
        let unknown = try ToolRunner.run(["fit", try Self.squaredNormCSV(rows: 5), "--target", "price", "-o", Self.modelPath()])
        #expect(unknown.exitCode == 1)
        #expect(unknown.stderr.contains("price") && unknown.stderr.contains("cost"))
        let widths = try ToolRunner.run(["fit", try Self.squaredNormCSV(rows: 5), "--target", "cost", "--widths", "48y4", "-o", Self.modelPath()])
        #expect(widths.exitCode == 1)
        #expect(widths.stderr.contains("--widths"))
    }

    @Test func certifyRejectsABrokenFile() throws {
        let broken = try ToolRunner.temporaryFile("{\"format\": \"hycnn-model\", \"version\": 9}", suffix: ".json")
        let result = try ToolRunner.run(["certify", broken])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("error"))
    }

    @Test func fitPredictCertifyAQuadraticICNN() throws {
        let data = try Self.squaredNormCSV(), model = Self.modelPath()
        let fit = try ToolRunner.run(["fit", data, "--target", "cost", "--model", "icnn-quadratic", "--rank", "2", "--widths", "8x2",
                                      "--activation", "softplus", "--epochs", "40", "--batch", "100", "--quiet", "-o", model])
        #expect(fit.exitCode == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("icnn-quadratic") && fit.stdout.contains("quadratic rank 2"))
        #expect(fit.stdout.contains("certified convex") && fit.stdout.contains("quadratic first layer, so not exactly LP-encodable"))

        let certify = try ToolRunner.run(["certify", model, "--json"])
        #expect(certify.exitCode == 0, "\(certify.stderr)")
        let json = try certify.json()
        #expect(json["convex"] as? Bool == true)
        #expect(json["lpEncodable"] as? Bool == false)

        let predictions = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-preds-\(UUID().uuidString).csv").path
        let predict = try ToolRunner.run(["predict", model, data, "-o", predictions])
        #expect(predict.exitCode == 0, "\(predict.stderr)")
        let lines = try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n")
        let first = lines[1].split(separator: ",").compactMap { Double($0) }
        #expect(abs(first[2] - (first[0] * first[0] + first[1] * first[1])) < 0.2)
    }

    @Test func rankAppliesOnlyToTheQuadraticICNN() throws {
        let data = try Self.squaredNormCSV(rows: 20)
        for arguments in [["--model", "icnn", "--rank", "2"], ["--rank", "1"], ["--model", "icnn-quadratic", "--rank", "0"]] {
            let result = try ToolRunner.run(["fit", data, "--target", "cost", "--epochs", "1", "--quiet", "-o", Self.modelPath()] + arguments)
            #expect(result.exitCode != 0, "\(arguments)")
            #expect(result.stderr.contains("--rank"), "\(arguments): \(result.stderr)")
        }
    }
}

/// Misuse found while running names the flag and prints the subcommand's usage.
@Suite struct UsageMessageTests {
    @Test func aBadValueNamesItsFlagAndTheSubcommandsUsage() throws {
        let data = try FitCommandTests.squaredNormCSV(rows: 20)
        let widths = try ToolRunner.run(["fit", data, "--target", "cost", "-o", FitCommandTests.modelPath(), "--widths", "0x0"])
        #expect(widths.exitCode == 1 && widths.stderr.contains("--widths") && widths.stderr.contains("Usage: hycnn fit"), "\(widths.stderr)")
        #expect(widths.stderr.contains("See 'hycnn fit --help'"))
        for (extra, flag) in [(["--epochs", "0"], "--epochs"), (["--tau", "2"], "--tau applies only"), (["--pieces", "3"], "--pieces applies only"),
                              (["--model", "icnn", "--activation", "leaky-relu", "--slope", "2"], "--slope must lie in [0, 1]")] {
            let result = try ToolRunner.run(["fit", data, "--target", "cost", "-o", FitCommandTests.modelPath()] + extra)
            #expect(result.exitCode != 0 && result.stderr.contains(flag), "\(extra): \(result.stderr)")
        }
        let train = try ToolRunner.run(["ot-map", "train", data, data, "-o", FitCommandTests.modelPath(), "--batch", "0"])
        #expect(train.exitCode == 1 && train.stderr.contains("--batch: must be positive") && !train.stderr.contains("batchSize")
                && train.stderr.contains("Usage: hycnn ot-map train"), "\(train.stderr)")
    }
}
