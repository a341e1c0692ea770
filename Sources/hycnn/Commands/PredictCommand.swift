import ArgumentParser
import ConvexNetworks
import DataFiles
import Foundation

/// `hycnn predict model.json data.csv [-o predictions.csv]`.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Evaluate a saved model on the rows of a CSV file.",
        discussion: """
            The CSV must have the model's input columns (by name; other columns are ignored). \
            Writes the input columns plus a `prediction` column, in the data's own units, to \
            the output file or stdout. With --potential f or g, the file is a transport map file \
            (`hycnn ot-map`) and the named potential is evaluated.
            """)

    @Argument(help: "A model file written by `hycnn fit`, or a map file with --potential.") var model: String
    @Option(help: "The potential of a map file to evaluate: f (forward) or g (inverse).") var potential: PotentialChoice?
    @Argument(help: "CSV file with a header row.") var data: String
    @Option(name: [.short, .customLong("output")], help: "Write the CSV here instead of stdout.") var output: String?

    func run() throws {
        do {
            let destination = try output.map { try OutputFile(path: $0, role: "-o", inputs: [model, data]) }
            let regression = try PotentialChoice.model(at: model, potential: potential)
            let table = try CSVTable(contentsOfFile: data)
            let columns = try regression.inputNames.map { try table.column(named: $0) }
            let n = table.rowCount, d = regression.inputDimension
            var inputs = [Double](repeating: 0, count: n * d)
            for (j, column) in columns.enumerated() {
                for s in 0..<n { inputs[s * d + j] = column[s] }
            }
            let predictions = try regression.predict(inputs)
            let header = regression.inputNames + ["prediction"]
            if let destination {
                try destination.write(CSVTable.text(header: header, columns: columns + [predictions]))
                printError("wrote \(n) predictions to \(destination.path)")
            } else {
                try StandardOutput.write(CSVTable.text(header: header, columns: columns + [predictions]))
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
