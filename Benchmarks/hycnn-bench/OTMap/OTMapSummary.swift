import Foundation
import TransportMaps

/// The runs of `hycnn-bench otmap` aggregated over seeds: one row per (problem, d, model) in
/// the order the runs came, with the published figures beside.
struct OTMapSummary {
    struct Row {
        let problem: String
        let dimension: Int
        let model: OTMapModel
        let runs: Int
        /// Runs whose fit failed; the statistics are over the others (NaN when none is left).
        let failed: Int
        /// Mean and sample standard deviation (0 for one run) of ‖T̂ − T‖² and of the L2-UVP.
        let error: (mean: Double, deviation: Double)
        let unexplainedVariance: (mean: Double, deviation: Double)
        /// Mean dual W₂² estimate (neural models) and mean W₂² of the exact map.
        let dualEstimate: Double?
        let exactCost: Double
        /// Mean wall-clock seconds per run, failed runs included.
        let seconds: Double
    }

    private(set) var rows: [Row] = []

    init(_ runs: [OTMapRun]) {
        rows = groupsInOrder(runs) { run in "\(run.problem)|\(run.dimension)|\(run.model.rawValue)" }.map { Self.row($0) }
    }

    private static func row(_ runs: [OTMapRun]) -> Row {
        let kept = runs.filter { $0.failure == nil }
        let duals = kept.compactMap(\.dualEstimate)
        return Row(problem: runs[0].problem, dimension: runs[0].dimension, model: runs[0].model, runs: runs.count,
                   failed: runs.count - kept.count, error: statistics(kept.map(\.error)),
                   unexplainedVariance: statistics(kept.map(\.unexplainedVariance)),
                   dualEstimate: duals.isEmpty ? nil : statistics(duals).mean, exactCost: statistics(runs.map(\.exactCost)).mean,
                   seconds: statistics(runs.map(\.seconds)).mean)
    }

    /// Mean and sample standard deviation s = √(Σ (xᵢ − x̄)² / (k − 1)) (0 for k = 1, NaN for k = 0).
    static func statistics(_ values: [Double]) -> (mean: Double, deviation: Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return (mean, 0) }
        return (mean, (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot())
    }

    /// The Markdown table: errors as mean ± sd over the seeds, the published figures beside.
    var table: ResultTable {
        var table = ResultTable(columns: [
            .init(title: "problem", alignment: .left), .init(title: "d", alignment: .right),
            .init(title: "model", alignment: .left), .init(title: "seeds", alignment: .right),
            .init(title: "‖T̂−T‖² (mean ± sd)", alignment: .right), .init(title: "L2-UVP %", alignment: .right),
            .init(title: "W2² dual est.", alignment: .right), .init(title: "W2² exact map", alignment: .right),
            .init(title: "s/run", alignment: .right), .init(title: "paper", alignment: .right),
            .init(title: "PyTorch port (seed 0)", alignment: .right),
        ])
        for row in rows {
            let kept = row.runs - row.failed
            var error = kept == 0 ? "failed" : kept == 1 ? Self.format(row.error.mean)
                : "\(Self.format(row.error.mean)) ± \(Self.format(row.error.deviation, like: row.error.mean))"
            if row.failed > 0, kept > 0 { error += " (\(row.failed)/\(row.runs) failed)" }
            let uvp = kept == 0 ? "–" : kept == 1 ? String(format: "%.3g", row.unexplainedVariance.mean)
                : String(format: "%.3g ± %.2g", row.unexplainedVariance.mean, row.unexplainedVariance.deviation)
            let potential = ConvexPotential(rawValue: row.problem)
            let paper = potential.flatMap { OTMapReference.paper($0, dimension: row.dimension, model: row.model) }
            let port = potential.flatMap { OTMapReference.pytorchPort($0, dimension: row.dimension, model: row.model) }
            table.append([row.problem, String(row.dimension), row.model.label, String(row.runs), error, uvp,
                          row.dualEstimate.map { Self.format($0) } ?? "–", Self.format(row.exactCost),
                          String(format: "%.1f", row.seconds), paper.map { Self.format($0) } ?? "",
                          port.map { Self.format($0) } ?? ""])
        }
        return table
    }

    /// Three decimals below 10, two below 100, one above; scientific notation when `like`
    /// (default x) is below 10⁻³ or from 10⁵ in size, so a deviation is written like its mean.
    static func format(_ x: Double, like reference: Double? = nil) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        let r = abs(reference ?? x)
        if r.isFinite && r != 0 && (r < 1e-3 || r >= 1e5) { return String(format: "%.2e", x) }
        return String(format: r >= 100 ? "%.1f" : r >= 10 ? "%.2f" : "%.3f", x)
    }
}
