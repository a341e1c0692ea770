import Foundation
import LinearProgramming

/// One LP through our interior point and then the crossover: the interior solve's time, the
/// crossover's time and pivots, the columns strictly between their bounds before and after
/// (a basic answer has at most as many as rows), nonzeros, and whether the answer kept is a
/// verified vertex with the interior objective.
struct CrossoverRun {
    var name: String
    var rows: Int
    var columns: Int
    var interiorSeconds = Double.nan
    var crossoverSeconds = Double.nan
    var pivots = 0
    var insideBefore = 0
    var insideAfter = 0
    var nonzerosBefore = 0
    var nonzerosAfter = 0
    /// "vertex" (optimal, verified, basic), or why the interior answer was kept.
    var outcome = "not run"
    /// |objective(vertex) − objective(interior)| / max(1, |objective(interior)|).
    var objectiveChange = Double.nan

    var isBasicVertex: Bool { outcome == "vertex" }

    static let columnsOfTable: [ResultTable.Column] = [
        .init(title: "LP", alignment: .left), .init(title: "rows", alignment: .right), .init(title: "columns", alignment: .right),
        .init(title: "ipm s", alignment: .right), .init(title: "crossover s", alignment: .right), .init(title: "added", alignment: .right),
        .init(title: "pivots", alignment: .right), .init(title: "inside bounds before → after", alignment: .right),
        .init(title: "nonzeros before → after", alignment: .right), .init(title: "outcome", alignment: .left),
    ]

    var cells: [String] {
        [name, "\(rows)", "\(columns)", Self.seconds(interiorSeconds), Self.seconds(crossoverSeconds),
         interiorSeconds > 0 ? String(format: "%.0f%%", 100 * crossoverSeconds / interiorSeconds) : "–",
         "\(pivots)", "\(insideBefore) → \(insideAfter)", "\(nonzerosBefore) → \(nonzerosAfter)", outcome]
    }

    static func seconds(_ value: Double) -> String { value.isNaN ? "–" : String(format: "%.3f", value) }

    /// Columns of `x` strictly between their bounds in `model`.
    static func inside(_ x: [Double], of model: LinearProgram) -> Int {
        zip(x, model.variables).count { value, variable in value > variable.lower && value < variable.upper }
    }
}
