import Foundation

/// The regression runs aggregated over seeds: one row per (target, d, model), in the order the
/// runs came, with the best model of each (target, d) marked.
struct RegressionSummary {
    struct Row {
        let target: RegressionTarget
        let dimension: Int
        let model: ModelSpec
        let parameterCount: Int
        let runs: Int
        let diverged: Int
        /// Mean and sample standard deviation of the test MSE over the runs that did not diverge
        /// (NaN when none is left; the deviation is 0 for a single run).
        let testMean: Double, testDeviation: Double
        let trainMean: Double
        /// Mean wall-clock seconds per run, diverged runs included.
        let secondsMean: Double
        /// Lowest mean test MSE of its (target, d) among rows without a diverged run.
        var isBest = false
    }

    private(set) var rows: [Row] = []

    init(_ runs: [RegressionRun]) {
        rows = groupsInOrder(runs) { run in "\(run.target.rawValue)|\(run.dimension)|\(run.model.key)" }.map { Self.row($0) }
        var bestOf: [String: Int] = [:]                                    // "target|d" → row index
        for (k, row) in rows.enumerated() where row.diverged == 0 && row.testMean.isFinite {
            let key = "\(row.target.rawValue)|\(row.dimension)"
            if let b = bestOf[key], rows[b].testMean <= row.testMean { continue }
            bestOf[key] = k
        }
        for k in bestOf.values { rows[k].isBest = true }
    }

    private static func row(_ runs: [RegressionRun]) -> Row {
        let first = runs[0]
        let finite = runs.filter { !$0.diverged }
        let test = finite.map(\.testMSE)
        let mean = test.isEmpty ? Double.nan : test.reduce(0, +) / Double(test.count)
        // s = √(Σ (xᵢ − x̄)² / (k − 1)), 0 for k = 1
        let deviation = test.count < 2 ? (test.isEmpty ? Double.nan : 0)
            : (test.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(test.count - 1)).squareRoot()
        let train = finite.map(\.trainMSE)
        return Row(target: first.target, dimension: first.dimension, model: first.model, parameterCount: first.parameterCount,
                   runs: runs.count, diverged: runs.count - finite.count, testMean: mean, testDeviation: deviation,
                   trainMean: train.isEmpty ? .nan : train.reduce(0, +) / Double(train.count),
                   secondsMean: runs.map(\.seconds).reduce(0, +) / Double(runs.count))
    }

    /// The human-readable table (Markdown): test MSE as mean ± sd, "diverged" where every seed diverged.
    var table: ResultTable {
        var table = ResultTable(columns: [
            .init(title: "target", alignment: .left), .init(title: "d", alignment: .right),
            .init(title: "model", alignment: .left), .init(title: "params", alignment: .right),
            .init(title: "test MSE (mean ± sd)", alignment: .right), .init(title: "train MSE", alignment: .right),
            .init(title: "s/run", alignment: .right), .init(title: "best", alignment: .left),
        ])
        for row in rows {
            var test: String
            if row.diverged == row.runs {
                test = "diverged"
            } else {
                let kept = row.runs - row.diverged
                test = kept == 1 ? Self.format(row.testMean) : "\(Self.format(row.testMean)) ± \(Self.format(row.testDeviation, like: row.testMean))"
                if row.diverged > 0 { test += " (\(row.diverged)/\(row.runs) diverged)" }
            }
            table.append([row.target.rawValue, String(row.dimension), row.model.label, String(row.parameterCount), test,
                          row.trainMean.isFinite ? Self.format(row.trainMean) : "–", String(format: "%.1f", row.secondsMean),
                          row.isBest ? "*" : ""])
        }
        return table
    }

    /// The same rows for machines: full-precision numbers, nan for missing ones, best as 1/0.
    var csvTable: ResultTable {
        let titles = ["target", "d", "model", "params", "runs", "diverged", "test_mse_mean", "test_mse_sd",
                      "train_mse_mean", "seconds_mean", "best"]
        var table = ResultTable(columns: titles.map { .init(title: $0, alignment: .left) })
        for row in rows {
            table.append([row.target.rawValue, String(row.dimension), row.model.key, String(row.parameterCount), String(row.runs),
                          String(row.diverged), "\(row.testMean)", "\(row.testDeviation)", "\(row.trainMean)",
                          String(format: "%.3f", row.secondsMean), row.isBest ? "1" : "0"])
        }
        return table
    }

    /// Four decimals, or three significant digits in scientific notation when `like` (default x)
    /// is below 10⁻³ or from 10⁵ in size, so a deviation is written in the style of its mean.
    static func format(_ x: Double, like reference: Double? = nil) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        let r = abs(reference ?? x)
        if r.isFinite && r != 0 && (r < 1e-3 || r >= 1e5) { return String(format: "%.2e", x) }
        return String(format: "%.4f", x)
    }
}
