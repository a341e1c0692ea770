import CLinearAlgebra

/// Solves min ‖A x − b‖₂ for a full-rank A with LAPACK `gels` (QR when m ≥ n, LQ when m < n).
///
/// For a tall or square A (m ≥ n) this is the least-squares solution; for a wide A (m < n) it
/// is the minimum-norm solution of A x = b. Either way the result has n = `a.columns` entries.
/// - Throws: `dimensionMismatch` unless `b.count == a.rows`; `nonFinite` for a NaN or infinite
///   entry; `rankDeficient(info:)` with LAPACK's `info` when the triangular factor has an
///   exactly zero diagonal entry. Nearly rank-deficient matrices are not detected.
public func leastSquares(_ a: Matrix, _ b: [Double]) throws -> [Double] {
    try leastSquares(a, Matrix(rows: b.count, columns: 1, elements: b)).elements
}

/// Solves min ‖A X − B‖ column by column, each column as the one-vector version does;
/// the result is `a.columns × b.columns`. Throws as the one-vector version does.
public func leastSquares(_ a: Matrix, _ b: Matrix) throws -> Matrix {
    let m = a.rows
    let n = a.columns
    guard b.rows == m else {
        throw LinearAlgebraError.dimensionMismatch(
            what: "least squares: rows of the right-hand side (must equal the rows of A)", expected: m, actual: b.rows)
    }
    try a.requireFinite()
    try b.requireFinite()
    var factors = a
    var work = Matrix(rows: max(m, n), columns: b.columns)  // gels needs B padded to max(m, n) rows
    for j in 0..<b.columns {
        for i in 0..<m {
            work[i, j] = b[i, j]
        }
    }
    let info = LAPACKE_dgels(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(m), Int32(n),
                             Int32(b.columns), &factors.elements, BLAS.leadingDimension(factors),
                             &work.elements, BLAS.leadingDimension(work))
    if info < 0 { throw LinearAlgebraError.lapackRejected(info) }
    if info > 0 { throw LinearAlgebraError.rankDeficient(info: Int(info)) }
    var x = Matrix(rows: n, columns: b.columns)
    for j in 0..<b.columns {
        for i in 0..<n {
            x[i, j] = work[i, j]
        }
    }
    return x
}
