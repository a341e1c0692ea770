import CLinearAlgebra

/// The BLAS routines (OpenBLAS): a checked wrapper for column-major ``Matrix`` values here,
/// the unchecked kernels over raw buffers in `BLAS+Buffers.swift`.
///
/// The checked wrapper validates every shape and throws ``LinearAlgebraError/dimensionMismatch(what:expected:actual:)``
/// before any C call. The output is overwritten in place, so nothing is allocated when it is
/// uniquely referenced. When `beta` is 0 the output's old contents are ignored.
public enum BLAS {
    /// Which triangle of a symmetric matrix is read or written.
    public enum Triangle: Sendable, Equatable {
        case lower
        case upper
    }

    /// General matrix product: C ← α op(A) op(B) + β C, where op(X) is X, or Xᵀ when the
    /// matching `transpose` flag is set.
    /// - Throws: `dimensionMismatch` unless op(A) is m × k, op(B) is k × n and C is m × n.
    public static func gemm(_ a: Matrix, _ b: Matrix, into c: inout Matrix,
                            transposeA: Bool = false, transposeB: Bool = false,
                            alpha: Double = 1, beta: Double = 0) throws {
        let m = transposeA ? a.columns : a.rows  // op(A) is m × k
        let k = transposeA ? a.rows : a.columns
        let kOfB = transposeB ? b.columns : b.rows  // op(B) is kOfB × n
        let n = transposeB ? b.rows : b.columns
        guard kOfB == k else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "gemm: rows of op(B) (must equal the columns of op(A))", expected: k, actual: kOfB)
        }
        guard c.rows == m else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "gemm: rows of C (must equal the rows of op(A))", expected: m, actual: c.rows)
        }
        guard c.columns == n else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "gemm: columns of C (must equal the columns of op(B))", expected: n, actual: c.columns)
        }
        guard m > 0 && n > 0 else { return }
        cblas_dgemm(CblasColMajor, operation(transposeA), operation(transposeB),
                    Int32(m), Int32(n), Int32(k),
                    alpha, a.elements, leadingDimension(a), b.elements, leadingDimension(b),
                    beta, &c.elements, leadingDimension(c))
    }

    /// The CBLAS flag for op(X) = X or Xᵀ.
    static func operation(_ transpose: Bool) -> CBLAS_TRANSPOSE {
        transpose ? CblasTrans : CblasNoTrans
    }

    /// The leading dimension BLAS needs: the row count, at least 1.
    static func leadingDimension(_ matrix: Matrix) -> Int32 {
        Int32(max(1, matrix.rows))
    }
}
