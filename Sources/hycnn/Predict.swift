import ArgumentParser
import ConvexNetworks
import Foundation

/// `hycnn predict model.json data.csv [-o predictions.csv]`.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a saved model on the rows of a CSV file.",
        discussion: """
            The CSV must have the model's input columns (by name; other columns are ignored). \
            Writes the input columns plus a `prediction` column, in the data's own units, to \
            the output file or stdout.
            """)

    @Argument(help: "A model file written by `hycnn fit`.") var model: String
    @Argument(help: "CSV file with a header row.") var data: String
    @Option(name: [.short, .customLong("output")], help: "Write the CSV here instead of stdout.") var output: String?

    func run() throws {
        do {
            let regression = try RegressionModel(contentsOfFile: model)
            let table = try CSVTable(contentsOfFile: data)
            let columns = try regression.inputNames.map { try table.column(named: $0) }
            let n = table.rowCount, d = regression.inputDimension
            var inputs = [Double](repeating: 0, count: n * d)
            for (j, column) in columns.enumerated() {
                for s in 0..<n { inputs[s * d + j] = column[s] }
            }
            let predictions = try regression.predict(inputs)
            let header = regression.inputNames + ["prediction"]
            if let output {
                try CSVTable.write(header: header, columns: columns + [predictions], toFile: output)
                printError("wrote \(n) predictions to \(output)")
            } else {
                print(try CSVTable.text(header: header, columns: columns + [predictions]), terminator: "")
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
