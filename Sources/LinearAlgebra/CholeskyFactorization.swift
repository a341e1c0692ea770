import CLinearAlgebra

/// The Cholesky factorization A = L Lᵀ of a symmetric positive definite matrix (LAPACK `potrf`),
/// kept to solve A X = B for any number of right-hand sides (`potrs`).
public struct CholeskyFactorization: Sendable {
    /// The order n of the factored matrix.
    public let dimension: Int
    /// The lower-triangular factor L; its strict upper triangle is zero.
    public let factor: Matrix

    /// Factors the symmetric positive definite matrix `a`, reading only its lower triangle.
    /// - Throws: `dimensionMismatch` if `a` is not square, `nonFinite` for a NaN or infinite
    ///   entry in its lower triangle, `notPositiveDefinite(minor:)` with LAPACK's `info` (the
    ///   order of the first leading minor that is not positive definite).
    public init(_ a: Matrix) throws {
        guard a.rows == a.columns else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "Cholesky: columns of A (A must be square)", expected: a.rows, actual: a.columns)
        }
        try a.requireFinite(lowerTriangleOnly: true)
        let n = a.rows
        var l = a
        let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n),
                                  &l.elements, BLAS.leadingDimension(l))
        if info < 0 { throw LinearAlgebraError.lapackRejected(info) }
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(minor: Int(info)) }
        for j in 0..<n {
            for i in 0..<j {
                l.elements[i + j * n] = 0  // potrf leaves A's strict upper triangle in place
            }
        }
        dimension = n
        factor = l
    }

    /// Solves A x = b.
    /// - Throws: `dimensionMismatch` unless `b.count == dimension`; `nonFinite` for a NaN or
    ///   infinite entry of `b`.
    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, elements: b)).elements
    }

    /// Solves A X = B, one column of X per column of B.
    /// - Throws: `dimensionMismatch` unless `b.rows == dimension`; `nonFinite` for a NaN or
    ///   infinite entry of `b`.
    public func solve(_ b: Matrix) throws -> Matrix {
        guard b.rows == dimension else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "Cholesky solve: rows of the right-hand side (must equal the order of A)",
                expected: dimension, actual: b.rows)
        }
        try b.requireFinite()
        var x = b
        let info = LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(dimension),
                                  Int32(b.columns), factor.elements, BLAS.leadingDimension(factor),
                                  &x.elements, BLAS.leadingDimension(x))
        if info != 0 { throw LinearAlgebraError.lapackRejected(info) }
        return x
    }
}
