import LinearProgramming

/// The program ``Presolve`` left, and the way back: which original rows and columns it keeps,
/// and the reductions to undo. `program` has the original sense, the remaining rows and
/// columns renumbered in their original order, tightened column bounds, shifted row bounds and
/// the objective constant plus Σ cⱼ vⱼ of the removed columns. It may have no columns at all
/// (everything was fixed): then it has no rows either, and `postsolve(x: [], rowDuals: [])`
/// gives the original solution.
struct PresolvedProgram: Sendable {
    let original: LinearProgram
    let program: LinearProgram
    /// Original index of each remaining row / column.
    let rowMap: [Int], columnMap: [Int]
    let steps: [PresolveStep]
    let statistics: PresolveStatistics
    /// The original matrix by columns (see ``PresolveState/columnwise(_:)``).
    private let columnStart: [Int], columnRows: [Int], columnValues: [Double]

    init(_ state: PresolveState) {
        let source = state.program
        original = source
        steps = state.steps
        (columnStart, columnRows, columnValues) = (state.columnStart, state.columnRows, state.columnValues)
        rowMap = source.constraints.indices.filter { state.rowActive[$0] }
        columnMap = source.variables.indices.filter { state.columnActive[$0] }
        var newIndex = [Int](repeating: -1, count: source.variableCount)
        for (k, j) in columnMap.enumerated() { newIndex[j] = k }

        var reduced = LinearProgram(name: source.name, sense: source.sense,
                                    objectiveConstant: source.objectiveConstant + state.constantShift)
        for j in columnMap {
            let v = source.variables[j]
            reduced.variables.append(Variable(name: v.name, lower: state.columnLower[j], upper: state.columnUpper[j],
                                              kind: .continuous, cost: v.cost))
        }
        let everyColumnKept = columnMap.count == source.variableCount     // then the rows keep their arrays
        for i in rowMap {
            let row = source.constraints[i]
            if everyColumnKept {
                reduced.constraints.append(Constraint(name: row.name, columns: row.columns, coefficients: row.coefficients,
                                                      lower: state.rowLower[i], upper: state.rowUpper[i]))
                continue
            }
            var columns: [Int] = [], coefficients: [Double] = []
            for k in row.columns.indices where newIndex[row.columns[k]] >= 0 {
                columns.append(newIndex[row.columns[k]])
                coefficients.append(row.coefficients[k])
            }
            reduced.constraints.append(Constraint(name: row.name, columns: columns, coefficients: coefficients,
                                                  lower: state.rowLower[i], upper: state.rowUpper[i]))
        }
        program = reduced
        var statistics = state.statistics
        statistics.rowsAfter = reduced.constraintCount
        statistics.columnsAfter = reduced.variableCount
        statistics.nonzerosAfter = reduced.nonzeroCount
        self.statistics = statistics
    }

    /// Maps a primal point and row duals of `program` to the original program: the removed
    /// columns get their values, removed rows their duals (0, or the multiplier a singleton or
    /// duplicate row takes over when its bound is the active one), and the reduced costs are
    /// recomputed as d = c − Aᵀy on the original. When (x, y) is optimal for `program` the
    /// result is optimal for the original.
    func postsolve(x reducedX: [Double], rowDuals reducedY: [Double]) -> (x: [Double], rowDuals: [Double], reducedCosts: [Double]) {
        precondition(reducedX.count == columnMap.count && reducedY.count == rowMap.count,
                     "postsolve needs \(columnMap.count) values and \(rowMap.count) duals")
        let s = original.sense.sign
        var x = [Double](repeating: 0, count: original.variableCount)
        var y = [Double](repeating: 0, count: original.constraintCount)
        for (k, j) in columnMap.enumerated() { x[j] = reducedX[k] }
        for (k, i) in rowMap.enumerated() { y[i] = reducedY[k] }
        for step in steps.reversed() {
            switch step {
            case let .removeColumn(j, value):
                x[j] = value
            case let .singletonRow(i, j, a, lowerFromRow, upperFromRow):
                // dⱼ = cⱼ − Σₖ aₖⱼ yₖ over the duals restored so far (yᵢ is still 0).
                let d = reducedCost(j, y)
                if (s * d > 0 && lowerFromRow) || (s * d < 0 && upperFromRow) { y[i] = d / a }
            case let .duplicateRow(kept, removed, ratio, lowerFromRemoved, upperFromRemoved):
                // a_removed = ratio·a_kept, so y_removed = y_kept / ratio leaves Aᵀy unchanged.
                let yk = y[kept]
                if (s * yk > 0 && lowerFromRemoved) || (s * yk < 0 && upperFromRemoved) {
                    y[removed] = yk / ratio
                    y[kept] = 0
                }
            }
        }
        let reducedCosts = original.variables.indices.map { reducedCost($0, y) }
        return (x, y, reducedCosts)
    }

    /// The original solution for a solution of `program`: x and duals mapped by
    /// ``postsolve(x:rowDuals:)`` when present with the reduced sizes, the objective recomputed
    /// on the original (NaN unless optimal or almost optimal). Rays are not mapped (they are
    /// dropped): for an infeasible or unbounded verdict solve the original program.
    func postsolve(_ solution: Solution) -> Solution {
        var result = solution
        result.farkasRay = nil
        result.improvingRay = nil
        let hasPoint = solution.x.count == columnMap.count
        let hasDuals = solution.rowDuals.count == rowMap.count && hasPoint
        if hasPoint {
            let mapped = postsolve(x: solution.x, rowDuals: hasDuals ? solution.rowDuals : [Double](repeating: 0, count: rowMap.count))
            result.x = mapped.x
            result.rowDuals = hasDuals ? mapped.rowDuals : []
            result.reducedCosts = hasDuals ? mapped.reducedCosts : []
        } else {
            result.x = []
            result.rowDuals = []
            result.reducedCosts = []
        }
        let optimal = solution.status.hasOptimalPoint
        result.objective = optimal && hasPoint ? original.objectiveValue(result.x) : .nan
        return result
    }

    /// dⱼ = cⱼ − Σᵢ aᵢⱼ yᵢ on the original column j.
    private func reducedCost(_ j: Int, _ y: [Double]) -> Double {
        var d = original.variables[j].cost
        for p in columnStart[j]..<columnStart[j + 1] { d -= columnValues[p] * y[columnRows[p]] }
        return d
    }
}
