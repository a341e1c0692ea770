import CLinearAlgebra

/// The factorization A = L D Lᵀ of a symmetric, possibly indefinite matrix with Bunch–Kaufman
/// pivoting (LAPACK `sytrf`): L is unit lower triangular up to a permutation, D is block
/// diagonal with 1 × 1 and 2 × 2 blocks. Kept to solve A X = B (`sytrs`).
public struct SymmetricIndefiniteFactorization: Sendable {
    /// The order n of the factored matrix.
    public let dimension: Int
    /// L and D as `sytrf` packs them into the lower triangle.
    let factors: Matrix
    /// The interchanges and block structure of D as `sytrf` returns them (1-based; a negative
    /// pair marks a 2 × 2 block).
    let pivots: [Int32]

    /// Factors the symmetric matrix `a`, reading only its lower triangle.
    /// - Throws: `dimensionMismatch` if `a` is not square, `nonFinite` for a NaN or infinite
    ///   entry in its lower triangle, `singular(pivot:)` with LAPACK's `info` when D has an
    ///   exactly zero diagonal block (the matrix is singular).
    public init(_ a: Matrix) throws {
        guard a.rows == a.columns else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "LDLᵀ: columns of A (A must be square)", expected: a.rows, actual: a.columns)
        }
        try a.requireFinite(lowerTriangleOnly: true)
        let n = a.rows
        var factors = a
        var pivots = [Int32](repeating: 0, count: n)
        let info = LAPACKE_dsytrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n),
                                  &factors.elements, BLAS.leadingDimension(factors), &pivots)
        if info < 0 { throw LinearAlgebraError.lapackRejected(info) }
        if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info)) }
        dimension = n
        self.factors = factors
        self.pivots = pivots
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
                what: "LDLᵀ solve: rows of the right-hand side (must equal the order of A)",
                expected: dimension, actual: b.rows)
        }
        try b.requireFinite()
        var x = b
        let info = LAPACKE_dsytrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(dimension),
                                  Int32(b.columns), factors.elements, BLAS.leadingDimension(factors),
                                  pivots, &x.elements, BLAS.leadingDimension(x))
        if info != 0 { throw LinearAlgebraError.lapackRejected(info) }
        return x
    }
}
