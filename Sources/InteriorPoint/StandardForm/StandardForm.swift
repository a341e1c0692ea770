import LinearAlgebra
import LinearProgramming

/// The interior point's internal copy of an LP,
///
///     minimise cᵀx   subject to   A x = b,   lⱼ ≤ xⱼ ≤ uⱼ (either bound may be infinite),
///
/// built from a ``LinearProgram`` by: negating c for a maximisation; substituting fixed
/// variables (l = u) into the rows; dropping free rows; giving every non-equality row
/// `lo ≤ aᵀx ≤ up` a slack column, aᵀx − s = 0 with lo ≤ s ≤ up. A is a ``SparseMatrix``
/// (compressed columns); the caller's model is never modified.
struct StandardForm {
    /// A, rows × columns of the standard form.
    var matrix: SparseMatrix
    var b: [Double]
    var c: [Double]
    var lower: [Double]
    var upper: [Double]
    /// For each column: the model variable it came from, or −1 − i for the slack of model row i.
    var columnOrigin: [Int]
    /// For each row: the model row it came from.
    var rowOrigin: [Int]
    /// +1 for minimisation, −1 for maximisation (c = objectiveSign · c_model).
    let objectiveSign: Double
    /// Contribution of the fixed variables and the model's constant to the objective: model
    /// objective = objectiveSign · (cᵀx) + constantTerm.
    let constantTerm: Double

    var rowCount: Int { matrix.rows }
    var columnCount: Int { matrix.columns }

    enum Outcome {
        case form(StandardForm)
        /// A row left without variables whose bounds exclude its (fixed) activity.
        case infeasibleRow(Int)
    }

    /// The standard form of a validated `model` (no duplicate entries).
    /// - Throws: a ``LinearAlgebraError`` only if the model was not validated.
    static func build(from model: LinearProgram) throws -> Outcome {
        let sign: Double = model.sense == .minimize ? 1 : -1
        let variableCount = model.variableCount
        var newIndex = [Int](repeating: -1, count: variableCount)
        var columnOrigin: [Int] = []
        var constant = model.objectiveConstant
        var fixedValue = [Double](repeating: 0, count: variableCount)
        for (j, v) in model.variables.enumerated() {
            if v.lower == v.upper {
                fixedValue[j] = v.lower
                constant += v.cost * v.lower
            } else {
                newIndex[j] = columnOrigin.count
                columnOrigin.append(j)
            }
        }
        let structural = columnOrigin.count
        var columnEntries = [[(row: Int, value: Double)]](repeating: [], count: structural)
        var b: [Double] = [], rowOrigin: [Int] = []
        var slackRows: [(row: Int, lower: Double, upper: Double, modelRow: Int)] = []
        for (i, row) in model.constraints.enumerated() {
            guard row.lower.isFinite || row.upper.isFinite else { continue }   // free row: y = 0
            var shift = 0.0, hasEntries = false
            for k in row.columns.indices where row.coefficients[k] != 0 {
                let j = row.columns[k]
                if newIndex[j] < 0 { shift += row.coefficients[k] * fixedValue[j] } else { hasEntries = true }
            }
            let lo = row.lower - shift, up = row.upper - shift                    // lo ≤ aᵀx_free ≤ up
            guard hasEntries else {
                let tolerance = 1e-9 * (1 + abs(shift))
                if lo > tolerance || up < -tolerance { return .infeasibleRow(i) }
                continue
            }
            let r = rowOrigin.count
            rowOrigin.append(i)
            for k in row.columns.indices where row.coefficients[k] != 0 {
                let j = newIndex[row.columns[k]]
                if j >= 0 { columnEntries[j].append((r, row.coefficients[k])) }
            }
            if lo == up {
                b.append(lo)
            } else {
                b.append(0)
                slackRows.append((r, lo, up, i))
            }
        }
        var lower: [Double] = columnOrigin.map { model.variables[$0].lower }
        var upper: [Double] = columnOrigin.map { model.variables[$0].upper }
        var c: [Double] = columnOrigin.map { sign * model.variables[$0].cost }
        for slack in slackRows {                                                  // aᵀx − s = 0
            columnEntries.append([(slack.row, -1)])
            columnOrigin.append(-1 - slack.modelRow)
            lower.append(slack.lower)
            upper.append(slack.upper)
            c.append(0)
        }
        var columnStart = [0], rowIndex: [Int] = [], values: [Double] = []
        for entries in columnEntries {
            for e in entries.sorted(by: { $0.row < $1.row }) {
                rowIndex.append(e.row)
                values.append(e.value)
            }
            columnStart.append(rowIndex.count)
        }
        let matrix = try SparseMatrix(rows: rowOrigin.count, columns: columnOrigin.count, columnStart: columnStart,
                                      rowIndex: rowIndex, values: values)
        return .form(StandardForm(matrix: matrix, b: b, c: c, lower: lower, upper: upper, columnOrigin: columnOrigin,
                                  rowOrigin: rowOrigin, objectiveSign: sign, constantTerm: constant))
    }
}
