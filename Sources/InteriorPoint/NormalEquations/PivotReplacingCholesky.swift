/// The diagonal-block kernel shared by ``DenseNormalEquations`` and ``SupernodalFactor``:
/// unblocked Cholesky of a square block that replaces a pivot ≤ ``pivotTolerance``·Mⱼⱼ (or
/// not positive) by ``hugePivot`` — Wright's modified Cholesky for interior points, so a row
/// that depends on earlier rows gets Δyⱼ ≈ 0 instead of a breakdown.
enum PivotReplacingCholesky {
    /// A pivot below this fraction of its row's original diagonal counts as zero.
    static let pivotTolerance = 1e-14
    static let hugePivot = 1e128

    /// Factors the block of columns and rows `start ..< start + size` of the column-major matrix
    /// `a` (leading dimension `lda`) in place; `diagonal[j]` is Mⱼⱼ before any elimination, with
    /// the same j. Returns false if a pivot is not finite.
    static func factorBlock(_ a: UnsafeMutablePointer<Double>, leadingDimension lda: Int, start: Int, size: Int,
                            diagonal: UnsafePointer<Double>, replaced: inout Int) -> Bool {
        let end = start + size
        for j in start..<end {
            let column = a + j * lda
            for p in start..<j {                                                         // left-looking, column at a time:
                let ljp = a[p * lda + j], source = a + p * lda
                for i in j..<end { column[i] -= ljp * source[i] }                         // M_ij − Σ_p L_ip L_jp, i ≥ j
            }
            var pivot = column[j]                                                        // d_j = M_jj − Σ L_jp²
            guard pivot.isFinite else { return false }
            if pivot <= pivotTolerance * max(diagonal[j], 0) || pivot <= 0 {
                pivot = hugePivot
                replaced += 1
            }
            let root = pivot.squareRoot()
            column[j] = root
            for i in (j + 1)..<end { column[i] /= root }                                 // L_ij = (M_ij − Σ L_ip L_jp)/L_jj
        }
        return true
    }
}
