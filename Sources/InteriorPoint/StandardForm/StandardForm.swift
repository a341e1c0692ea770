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
        // Rows are visited in order, so counting each column's entries first lets every entry be
        // written straight into its place in the compressed columns, already sorted by row.
        let structural = columnOrigin.count
        var b: [Double] = [], rowOrigin: [Int] = []
        var slackRows: [(row: Int, lower: Double, upper: Double, modelRow: Int)] = []
        var count = [Int](repeating: 0, count: structural + 1)
        for (i, row) in model.constraints.enumerated() {
            guard row.lower.isFinite || row.upper.isFinite else { continue }   // free row: y = 0
            var shift = 0.0, entries = 0
            row.columns.withUnsafeBufferPointer { columns in
                row.coefficients.withUnsafeBufferPointer { coefficients in
                    for k in columns.indices where coefficients[k] != 0 {
                        let j = newIndex[columns[k]]
                        if j < 0 { shift += coefficients[k] * fixedValue[columns[k]] } else { entries += 1; count[j + 1] += 1 }
                    }
                }
            }
            let lo = row.lower - shift, up = row.upper - shift                    // lo ≤ aᵀx_free ≤ up
            guard entries > 0 else {
                let tolerance = 1e-9 * (1 + abs(shift))
                if lo > tolerance || up < -tolerance { return .infeasibleRow(i) }
                continue
            }
            let r = rowOrigin.count
            rowOrigin.append(i)
            if lo == up {
                b.append(lo)
            } else {
                b.append(0)
                slackRows.append((r, lo, up, i))
            }
        }
        var columnStart = count
        for j in 0..<structural { columnStart[j + 1] += columnStart[j] }
        let structuralEntries = columnStart[structural]
        var rowIndex = [Int](repeating: 0, count: structuralEntries + slackRows.count)
        var values = [Double](repeating: 0, count: structuralEntries + slackRows.count)
        var fill = columnStart
        for (r, i) in rowOrigin.enumerated() {
            let row = model.constraints[i]
            for k in row.columns.indices where row.coefficients[k] != 0 {
                let j = newIndex[row.columns[k]]
                if j >= 0 { rowIndex[fill[j]] = r; values[fill[j]] = row.coefficients[k]; fill[j] += 1 }
            }
        }
        var lower: [Double] = columnOrigin.map { model.variables[$0].lower }
        var upper: [Double] = columnOrigin.map { model.variables[$0].upper }
        var c: [Double] = columnOrigin.map { sign * model.variables[$0].cost }
        for (k, slack) in slackRows.enumerated() {                               // aᵀx − s = 0
            rowIndex[structuralEntries + k] = slack.row
            values[structuralEntries + k] = -1
            columnStart.append(structuralEntries + k + 1)
            columnOrigin.append(-1 - slack.modelRow)
            lower.append(slack.lower)
            upper.append(slack.upper)
            c.append(0)
        }
        let matrix = try SparseMatrix(rows: rowOrigin.count, columns: columnOrigin.count, columnStart: columnStart,
                                      rowIndex: rowIndex, values: values)
        return .form(StandardForm(matrix: matrix, b: b, c: c, lower: lower, upper: upper, columnOrigin: columnOrigin,
                                  rowOrigin: rowOrigin, objectiveSign: sign, constantTerm: constant))
    }
}
