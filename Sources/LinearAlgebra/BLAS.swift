import CLinearAlgebra

/// Checked wrappers over the CBLAS routines (OpenBLAS) for column-major ``Matrix`` values.
///
/// Each wrapper validates every shape and throws ``LinearAlgebraError/dimensionMismatch(what:expected:actual:)``
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

    /// Matrix-vector product: y ← α op(A) x + β y, where op(A) is A, or Aᵀ when `transpose`.
    /// - Throws: `dimensionMismatch` unless op(A) is m × n, `x.count == n` and `y.count == m`.
    public static func gemv(_ a: Matrix, _ x: [Double], into y: inout [Double],
                            transpose: Bool = false, alpha: Double = 1, beta: Double = 0) throws {
        let m = transpose ? a.columns : a.rows  // op(A) is m × n
        let n = transpose ? a.rows : a.columns
        guard x.count == n else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "gemv: length of x (must equal the columns of op(A))", expected: n, actual: x.count)
        }
        guard y.count == m else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "gemv: length of y (must equal the rows of op(A))", expected: m, actual: y.count)
        }
        guard n > 0 else {
            // y = β y; BLAS would return early and leave y unscaled when op(A) has no columns
            for i in y.indices {
                y[i] = beta == 0 ? 0 : beta * y[i]
            }
            return
        }
        guard m > 0 else { return }
        cblas_dgemv(CblasColMajor, operation(transpose), Int32(a.rows), Int32(a.columns),
                    alpha, a.elements, leadingDimension(a), x, 1, beta, &y, 1)
    }

    /// Symmetric rank-k update: C ← α A Aᵀ + β C, or C ← α Aᵀ A + β C when `transpose`.
    ///
    /// Only `triangle` of C is read and written; the other triangle is left untouched.
    /// Call ``symmetrize(_:from:)`` afterwards for the full symmetric matrix.
    /// - Throws: `dimensionMismatch` unless C is n × n, with n the rows of A (columns when `transpose`).
    public static func syrk(_ a: Matrix, into c: inout Matrix, transpose: Bool = false,
                            triangle: Triangle = .lower, alpha: Double = 1, beta: Double = 0) throws {
        let n = transpose ? a.columns : a.rows  // C is n × n
        let k = transpose ? a.rows : a.columns
        guard c.rows == n else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "syrk: rows of C (must equal the \(transpose ? "columns" : "rows") of A)", expected: n, actual: c.rows)
        }
        guard c.columns == n else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "syrk: columns of C (must equal the \(transpose ? "columns" : "rows") of A)", expected: n, actual: c.columns)
        }
        guard n > 0 else { return }
        cblas_dsyrk(CblasColMajor, triangle == .lower ? CblasLower : CblasUpper, operation(transpose),
                    Int32(n), Int32(k), alpha, a.elements, leadingDimension(a),
                    beta, &c.elements, leadingDimension(c))
    }

    /// Copies `triangle` of the square matrix C onto the other triangle, so C becomes symmetric.
    /// - Throws: `dimensionMismatch` if C is not square.
    public static func symmetrize(_ c: inout Matrix, from triangle: Triangle) throws {
        guard c.rows == c.columns else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "symmetrize: columns of C (a symmetric matrix must be square)", expected: c.rows, actual: c.columns)
        }
        let n = c.rows
        for j in 0..<n {
            for i in (j + 1)..<n {
                // lower (i, j) ↔ upper (j, i), i > j
                if triangle == .lower {
                    c.elements[j + i * n] = c.elements[i + j * n]
                } else {
                    c.elements[i + j * n] = c.elements[j + i * n]
                }
            }
        }
    }

    /// The CBLAS flag for op(X) = X or Xᵀ.
    private static func operation(_ transpose: Bool) -> CBLAS_TRANSPOSE {
        transpose ? CblasTrans : CblasNoTrans
    }

    /// The leading dimension BLAS needs: the row count, at least 1.
    static func leadingDimension(_ matrix: Matrix) -> Int32 {
        Int32(max(1, matrix.rows))
    }
}
