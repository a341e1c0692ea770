import ArgumentParser
import ConvexNetworks
import DataFiles
import Foundation

/// `hycnn predict model.json data.csv [-o predictions.csv] [--json]`.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Evaluate a saved model on the rows of a CSV file.",
        discussion: """
            The CSV must have the model's input columns (by name). Writes every column of the \
            data as it was (ids, labels and the target included) plus a `prediction` column, in \
            the data's own units, to -o or stdout. When the data has the model's target column, \
            the prediction error over the rows (RMSE, MAE, largest |error|, R²) goes to stderr \
            (and to the JSON). --json prints one JSON object instead of the CSV on stdout: the \
            error, and the predictions unless -o writes them. With --potential f or g, the file \
            is a transport map file (`hycnn ot-map`) and the named potential is evaluated.
            """)

    @Argument(help: "A model file written by `hycnn fit`, or a map file with --potential.") var model: String
    @Option(help: "The potential of a map file to evaluate: f (forward) or g (inverse).") var potential: PotentialChoice?
    @Argument(help: "CSV file with a header row.") var data: String
    @Option(name: [.short, .customLong("output")], help: "Write the CSV here instead of stdout.") var output: String?
    @Flag(help: "Print one JSON object (the error against the target, and the predictions unless -o is given).") var json = false

    static let predictionColumn = "prediction"

    func run() throws {
        do {
            let destination = try output.map { try OutputFile(path: $0, role: "-o", inputs: [model, data]) }
            let regression = try PotentialChoice.model(at: model, potential: potential)
            let table = try CSVTextTable(contentsOfFile: data)
            if table.header.contains(Self.predictionColumn) {
                throw ValidationError("\(data) already has a column '\(Self.predictionColumn)', which predict adds; rename it")
            }
            let columns = try regression.inputNames.map { try table.numericColumn(named: $0) }
            let n = table.rowCount, d = regression.inputDimension
            var inputs = [Double](repeating: 0, count: n * d)
            for (j, column) in columns.enumerated() {
                for s in 0..<n { inputs[s * d + j] = column[s] }
            }
            let predictions = try regression.predict(inputs)
            let error = try PredictionError(table: table, target: regression.targetName, predictions: predictions)
            let written = try table.appending(column: Self.predictionColumn, values: predictions.map { "\($0)" }).text
            if let destination {
                try destination.write(written)
                printError("wrote \(n) prediction\(n == 1 ? "" : "s") to \(destination.path)")
            }
            if let error { printError(error.sentence) }
            if json {
                var object: [String: Any] = ["rows": n, "inputs": regression.inputNames,
                                             "target": regression.targetName, "output": destination?.path ?? NSNull(),
                                             "error": error?.json ?? NSNull()]
                if destination == nil { object["predictions"] = predictions.map(JSONOutput.number) }
                try JSONOutput.print(object, command: "predict")
            } else if destination == nil {
                try StandardOutput.write(written)
            }
        } catch let error as ValidationError {
            printError("error: \(error.message)")
            throw ExitCode.failure
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}

/// The prediction error against the data's target column, when it has one.
struct PredictionError {
    var target: String
    var rows: Int
    var rmse: Double, mae: Double, largest: Double, r2: Double

    /// Nil when the table has no column named `target`; throws when that column is not numeric.
    init?(table: CSVTextTable, target: String, predictions: [Double]) throws {
        guard table.header.contains(target), !predictions.isEmpty else { return nil }
        let truth = try table.numericColumn(named: target)
        let n = Double(truth.count)
        let mean = truth.reduce(0, +) / n
        var squares = 0.0, absolute = 0.0, largest = 0.0, total = 0.0
        for (y, p) in zip(truth, predictions) {
            squares += (p - y) * (p - y)
            absolute += abs(p - y)
            largest = max(largest, abs(p - y))
            total += (y - mean) * (y - mean)
        }
        self.target = target
        rows = truth.count
        rmse = (squares / n).squareRoot()                 // √(Σ(ŷ − y)² / n)
        mae = absolute / n
        self.largest = largest
        r2 = total > 0 ? 1 - squares / total : .nan       // 1 − Σ(ŷ − y)² / Σ(y − ȳ)²
    }

    var sentence: String {
        String(format: "error against '%@' over %d row%@: RMSE %.6g, MAE %.6g, largest |error| %.6g, R² %@",
               target, rows, rows == 1 ? "" : "s", rmse, mae, largest, r2.isFinite ? String(format: "%.6f", r2) : "undefined (constant target)")
    }

    var json: [String: Any] {
        ["target": target, "rows": rows, "rmse": JSONOutput.number(rmse), "mae": JSONOutput.number(mae),
         "largest": JSONOutput.number(largest), "r2": JSONOutput.number(r2)]
    }
}
