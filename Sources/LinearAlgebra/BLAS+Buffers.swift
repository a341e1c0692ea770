import CLinearAlgebra

/// The BLAS kernels over raw column-major buffers, for hot loops that own their storage (a
/// network's workspace, a supernodal factor, a Sinkhorn row, a dense normal matrix).
///
/// Each is exactly one CBLAS call (OpenBLAS): no allocation, no copy, no check. The caller
/// guarantees the shapes: `lda`, `ldb`, `ldc` are the leading dimensions (the distance between
/// two columns, at least the rows stored), vectors are contiguous (stride 1). Sizes are `Int`
/// and are converted to BLAS's 32-bit integers, which traps beyond `Int32.max`. The checked
/// ``Matrix`` versions (``gemm(_:_:into:transposeA:transposeB:alpha:beta:)``) are for code that
/// holds `Matrix` values.
extension BLAS {
    /// C ← α op(A) op(B) + β C (`dgemm`), with op(A) m × k, op(B) k × n and C m × n, where
    /// op(X) is X, or Xᵀ when the matching `transpose` flag is set.
    public static func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                            alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
                            b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasColMajor, operation(transposeA), operation(transposeB), Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `triangle` of C ← α A Aᵀ + β C (`dsyrk`), with A n × k and C n × n; the other triangle
    /// of C is not touched.
    public static func syrk(triangle: Triangle, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dsyrk(CblasColMajor, uplo(triangle), CblasNoTrans, Int32(n), Int32(k),
                    alpha, a, Int32(lda), beta, c, Int32(ldc))
    }

    /// B ← α B L⁻ᵀ (`dtrsm`, from the right), with B m × n and L the n × n lower triangle of
    /// `l` (its diagonal included): the panel step of a right-looking Cholesky.
    public static func trsmRightLowerTransposed(m: Int, n: Int, alpha: Double = 1, l: UnsafePointer<Double>, lda: Int,
                                                b: UnsafeMutablePointer<Double>, ldb: Int) {
        cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(m), Int32(n),
                    alpha, l, Int32(lda), b, Int32(ldb))
    }

    /// x ← L⁻¹ x, or L⁻ᵀ x when `transpose` (`dtrsv`), with L the n × n lower triangle of `l`
    /// (its diagonal included).
    public static func trsvLower(transpose: Bool = false, n: Int, l: UnsafePointer<Double>, lda: Int,
                                 x: UnsafeMutablePointer<Double>) {
        cblas_dtrsv(CblasColMajor, CblasLower, operation(transpose), CblasNonUnit, Int32(n), l, Int32(lda), x, 1)
    }

    /// y ← α op(A) x + β y (`dgemv`), with A m × n (as stored) and op(A) A, or Aᵀ when `transpose`.
    public static func gemv(transpose: Bool = false, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
                            x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>) {
        cblas_dgemv(CblasColMajor, operation(transpose), Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }

    /// Σᵢ |xᵢ| over `n` entries (`dasum`).
    public static func asum(n: Int, x: UnsafePointer<Double>) -> Double {
        cblas_dasum(Int32(n), x, 1)
    }

    /// xᵀy = Σᵢ xᵢ yᵢ over `n` entries (`ddot`).
    public static func dot(n: Int, x: UnsafePointer<Double>, y: UnsafePointer<Double>) -> Double {
        cblas_ddot(Int32(n), x, 1, y, 1)
    }

    /// The CBLAS flag for a triangle.
    private static func uplo(_ triangle: Triangle) -> CBLAS_UPLO {
        triangle == .lower ? CblasLower : CblasUpper
    }
}
