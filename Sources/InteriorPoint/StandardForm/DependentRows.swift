import LinearAlgebra

/// The rows of a standard form's A that are linear combinations of the others (flow
/// conservation over a connected network, a balanced transport problem's last row), found
/// before the interior point starts so that it works with a matrix of full row rank.
///
/// Only rows without a column of their own can take part in a dependency Σᵢ λᵢaᵢ = 0: a column
/// with a single entry (a slack, or a variable in one row) forces that row's λᵢ to 0. The
/// others are factored once, A_D·A_Dᵀ = L·Lᵀ (sparse, AMD order, θ = 1), and each row whose
/// pivot cancels to within ``PivotReplacingCholesky/pivotTolerance`` of its diagonal depends
/// on the rows eliminated before it. The iterations then need no pivot replacement for them,
/// and the Cholesky order no longer decides which rows are dropped (with dfl001's 13 dependent
/// rows in place, METIS's order stalls the iteration at a primal residual of 5e-5).
///
/// Whether the right-hand sides agree with the dependency is not checked here: the solver
/// verifies its answer against every row and solves again with all of them when it fails.
enum DependentRows {
    /// The factorization is skipped when CHOLMOD predicts more flops than this (a dense
    /// column makes A·Aᵀ dense; the iteration splits such columns off, this does not).
    static let flopBudget = 3e9

    /// The dependent rows of `form` (sorted), empty when there are none or the search is not
    /// worth its cost.
    static func find(in form: StandardForm) -> [Int] {
        let a = form.matrix, m = a.rows
        var hasOwnColumn = [Bool](repeating: false, count: m)
        for j in 0..<a.columns where a.columnStart[j + 1] - a.columnStart[j] == 1 {
            hasOwnColumn[a.rowIndex[a.columnStart[j]]] = true
        }
        let candidates = (0..<m).filter { !hasOwnColumn[$0] }
        guard candidates.count >= 2 else { return [] }
        var newRow = [Int](repeating: -1, count: m)
        for (r, i) in candidates.enumerated() { newRow[i] = r }
        var columnStart = [0], rowIndex: [Int] = [], values: [Double] = []
        for j in 0..<a.columns {
            for k in a.columnStart[j]..<a.columnStart[j + 1] where newRow[a.rowIndex[k]] >= 0 {
                rowIndex.append(newRow[a.rowIndex[k]])
                values.append(a.values[k])
            }
            if rowIndex.count > columnStart.last! { columnStart.append(rowIndex.count) }
        }
        guard let rows = try? SparseMatrix(rows: candidates.count, columns: columnStart.count - 1, columnStart: columnStart,
                                           rowIndex: rowIndex, values: values) else { return [] }
        var normal = SparseNormalEquations(pattern: rows)
        guard normal.factorFlops <= flopBudget,
              normal.factor(rows, theta: [Double](repeating: 1, count: rows.columns), regularization: 0) != nil else { return [] }
        return normal.replacedRows.map { candidates[$0] }
    }
}

extension StandardForm {
    /// This form without the rows `removed` (sorted, distinct); mapped back, their y is 0. Nil
    /// only if the reduced matrix failed its own checks (it is the old one less whole rows).
    func removingRows(_ removed: [Int]) -> StandardForm? {
        var newRow = Array(0..<rowCount)
        for i in removed { newRow[i] = -1 }
        var next = 0
        for i in 0..<rowCount where newRow[i] >= 0 { newRow[i] = next; next += 1 }
        var columnStart = [0], rowIndex: [Int] = [], values: [Double] = []
        rowIndex.reserveCapacity(matrix.nonzeroCount)
        values.reserveCapacity(matrix.nonzeroCount)
        for j in 0..<columnCount {
            for k in matrix.columnStart[j]..<matrix.columnStart[j + 1] where newRow[matrix.rowIndex[k]] >= 0 {
                rowIndex.append(newRow[matrix.rowIndex[k]])
                values.append(matrix.values[k])
            }
            columnStart.append(rowIndex.count)
        }
        guard let matrix = try? SparseMatrix(rows: next, columns: columnCount, columnStart: columnStart,
                                             rowIndex: rowIndex, values: values) else { return nil }
        var reduced = self
        reduced.matrix = matrix
        reduced.b = b.indices.filter { newRow[$0] >= 0 }.map { b[$0] }
        reduced.rowOrigin = rowOrigin.indices.filter { newRow[$0] >= 0 }.map { rowOrigin[$0] }
        return reduced
    }
}

extension RuizScaling {
    /// This scaling without the rows `removed` (sorted, distinct), for ``StandardForm/removingRows(_:)``.
    func removingRows(_ removed: [Int]) -> RuizScaling {
        var reduced = self
        let gone = Set(removed)
        reduced.rowScale = rowScale.indices.filter { !gone.contains($0) }.map { rowScale[$0] }
        return reduced
    }
}
