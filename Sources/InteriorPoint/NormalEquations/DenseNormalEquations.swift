import LinearAlgebra

/// ``NormalEquations`` with a dense m × m matrix and a blocked Cholesky factorization over BLAS
/// (right-looking, as LAPACK's `dpotrf`: `dtrsm` panels and `dsyrk` trailing updates), whose
/// diagonal blocks replace the pivots of dependent rows (``PivotReplacingCholesky``).
///
/// A Θ Aᵀ is assembled in three parts, split once when the value is made: runs of columns with
/// nearly the same rows go through ``CompressedPanels`` (one `dsyrk` per group over only its
/// rows); of the others, those with at least ``panelFraction``·m nonzeros are copied, times √θⱼ,
/// into a dense m × k panel P whose product P Pᵀ is one `dsyrk`, and the rest add θⱼ aⱼ aⱼᵀ to
/// the lower triangle from their sparse entries (nnz(aⱼ)²/2 scattered updates). Nothing is
/// allocated by `factor` or `solve`.
struct DenseNormalEquations: NormalEquations {
    let dimension: Int
    /// Column-major m × m; after `factor`, its lower triangle holds the Cholesky factor L.
    private var matrix: [Double]
    private var diagonal: [Double]
    /// Columns of A in the panel, and those scattered from their sparse entries.
    private let panelColumns: [Int]
    private let scatteredColumns: [Int]
    private var compressed: CompressedPanels
    /// Column-major m × k: column c holds √θⱼ aⱼ for j = panelColumns[c]; its zeros never change.
    private var panel: [Double]
    /// Pivots that were replaced in the last factorization (dependent rows).
    private(set) var replacedPivots = 0

    /// Width of the panels of the blocked factorization: the trailing updates are `dsyrk`s of
    /// this many columns.
    static let blockSize = 96
    /// Width of the diagonal blocks that ``PivotReplacingCholesky`` factors one column at a time:
    /// a panel's own diagonal block is factored blocked in turn, the rest of it by BLAS-3. With
    /// 32-wide blocks instead of whole panels, the surrogate LPs' solves (`hycnn-bench
    /// surrogate-lp`, one BLAS thread) took 16×4 3.9 → 3.6 ms, 48×4 25.0 → 23.6 ms, 32×8 34.6 →
    /// 33.2 ms; 32-wide panels throughout made the 1025-row factorizations 35 % slower.
    static let scalarBlockSize = 32
    /// A column with at least this fraction of m nonzeros goes into the `dsyrk` panel: its m²/2
    /// updates there run at BLAS-3 speed, about ten times the rate of scattered ones.
    static let panelFraction = 0.3

    /// The cost of assembling A Θ Aᵀ from `a`, in flops at BLAS-3 speed: the compressed panels'
    /// (``CompressedPanels/groupFlops``), n² per column of the full-height panel and 10·nnz(aⱼ)²
    /// for each scattered column (nnz²/2 multiply–adds at about a tenth of that speed).
    /// `panels`: `a`'s groups when the caller has them.
    static func formingFlops(_ a: SparseMatrix, panels: CompressedPanels? = nil) -> Double {
        let grouping = panels.map { ($0.others, $0.groupFlops) } ?? { let g = CompressedPanels.grouping(of: a); return (g.others, g.flops) }()
        let n = Double(a.rows), starts = a.columnStart
        return grouping.0.reduce(grouping.1) { sum, j in
            let count = Double(starts[j + 1] - starts[j])
            return sum + (count >= panelFraction * n ? n * n : 10 * count * count)
        }
    }

    /// Splits the columns of `form`'s A; `factor` must be given a form with the same pattern.
    init(pattern form: StandardForm) {
        self.init(pattern: form.matrix)
    }

    /// Splits the columns of `a` (its values are not read); `factor` must be given the same pattern.
    /// `panels`: `a`'s groups when the caller has them.
    init(pattern a: SparseMatrix, panels: CompressedPanels? = nil) {
        let m = a.rows, starts = a.columnStart
        dimension = m
        matrix = [Double](repeating: 0, count: m * m)
        diagonal = [Double](repeating: 0, count: m)
        compressed = panels ?? CompressedPanels(pattern: a)
        let others = compressed.others
        panelColumns = others.filter { Double(starts[$0 + 1] - starts[$0]) >= Self.panelFraction * Double(m) }
        scatteredColumns = others.filter { Double(starts[$0 + 1] - starts[$0]) < Self.panelFraction * Double(m) }
        panel = [Double](repeating: 0, count: m * panelColumns.count)
    }

    mutating func factor(_ form: StandardForm, theta: [Double], regularization: Double) -> Double? {
        factor(form.matrix, theta: theta, regularization: regularization)
    }

    /// Forms and factors A Θ Aᵀ + δ I for an `operand` A of the analysed pattern.
    mutating func factor(_ operand: SparseMatrix, theta: [Double], regularization: Double) -> Double? {
        let m = dimension
        guard m > 0 else { return regularization }
        var replaced = 0
        fillPanel(operand, theta: theta)
        let scattered = scatteredColumns, panelCount = panelColumns.count
        matrix.withUnsafeMutableBufferPointer { buffer in
            panel.withUnsafeBufferPointer { p in
                Self.accumulate(operand, theta: theta, delta: regularization, dimension: m, panel: p.baseAddress,
                                panelCount: panelCount, scattered: scattered, into: buffer.baseAddress!)
            }
        }
        compressed.accumulate(operand, theta: theta, into: &matrix, dimension: m)
        let finite = matrix.withUnsafeMutableBufferPointer { buffer -> Bool in
            let a = buffer.baseAddress!
            for k in 0..<m { diagonal[k] = a[k * m + k] }
            return diagonal.withUnsafeBufferPointer { d in Self.cholesky(a, dimension: m, diagonal: d.baseAddress!, replaced: &replaced) }
        }
        replacedPivots = replaced
        return finite ? regularization : nil
    }

    func solve(_ rhs: inout [Double]) {
        let m = dimension
        guard m > 0 else { return }
        rhs.withUnsafeMutableBufferPointer { solve($0.baseAddress!) }
    }

    /// `solve` over a raw buffer of `dimension` values.
    func solve(_ rhs: UnsafeMutablePointer<Double>) {
        let m = dimension
        guard m > 0 else { return }
        matrix.withUnsafeBufferPointer { factor in
            BLAS.trsvLower(n: m, l: factor.baseAddress!, lda: m, x: rhs)                    // L v = r
            BLAS.trsvLower(transpose: true, n: m, l: factor.baseAddress!, lda: m, x: rhs)   // Lᵀ x = v
        }
    }

    /// Column c of the panel ← √θⱼ aⱼ for j = panelColumns[c] (only the pattern's entries).
    private mutating func fillPanel(_ sparse: SparseMatrix, theta: [Double]) {
        let m = dimension
        panel.withUnsafeMutableBufferPointer { buffer in
            for (c, j) in panelColumns.enumerated() {
                let column = buffer.baseAddress! + c * m, root = theta[j].squareRoot()
                for p in sparse.columnStart[j]..<sparse.columnStart[j + 1] {
                    column[sparse.rowIndex[p]] = root * sparse.values[p]               // P_ic = √θⱼ a_ij
                }
            }
        }
    }

    /// Lower triangle of M = P Pᵀ + Σ (scattered j) θⱼ aⱼ aⱼᵀ + δ I, column-major.
    private static func accumulate(_ sparse: SparseMatrix, theta: [Double], delta: Double, dimension m: Int,
                                   panel: UnsafePointer<Double>?, panelCount: Int, scattered: [Int],
                                   into a: UnsafeMutablePointer<Double>) {
        if let panel, panelCount > 0 {
            BLAS.syrk(triangle: .lower, n: m, k: panelCount, alpha: 1, a: panel, lda: m, beta: 0, c: a, ldc: m)   // M ← P Pᵀ
        } else {
            for k in 0..<m { (a + k * m + k).update(repeating: 0, count: m - k) }   // zero the lower triangle
        }
        sparse.rowIndex.withUnsafeBufferPointer { rows in
            sparse.values.withUnsafeBufferPointer { values in
                for j in scattered {
                    let t = theta[j], start = sparse.columnStart[j], end = sparse.columnStart[j + 1]
                    for p in start..<end {
                        let column = a + rows[p] * m
                        let scaled = t * values[p]
                        for q in p..<end { column[rows[q]] += scaled * values[q] }   // M[r_q, r_p] += θ a_p a_q
                    }
                }
            }
        }
        for k in 0..<m { a[k * m + k] += delta }
    }

    /// In-place blocked Cholesky M = L Lᵀ of the lower triangle (pivots of dependent rows
    /// replaced); false if a non-finite value appears.
    static func cholesky(_ a: UnsafeMutablePointer<Double>, dimension m: Int,
                         diagonal: UnsafePointer<Double>, replaced: inout Int) -> Bool {
        cholesky(a, dimension: m, leadingDimension: m, diagonal: diagonal, blockSize: blockSize, replaced: &replaced)
    }

    /// Right-looking blocked Cholesky of the n × n lower triangle at `a` (leading dimension
    /// `lda`), panels of `blockSize` columns; each panel's diagonal block is factored the same way
    /// with ``scalarBlockSize`` columns, and those by the scalar kernel. `diagonal[j]` is Mⱼⱼ.
    private static func cholesky(_ a: UnsafeMutablePointer<Double>, dimension n: Int, leadingDimension lda: Int,
                                 diagonal: UnsafePointer<Double>, blockSize: Int, replaced: inout Int) -> Bool {
        var k = 0
        while k < n {
            let kb = min(blockSize, n - k)
            let block = a + k * lda + k
            if kb <= scalarBlockSize {
                guard PivotReplacingCholesky.factorBlock(a, leadingDimension: lda, start: k, size: kb, diagonal: diagonal,
                                                         replaced: &replaced) else { return false }
            } else {
                guard cholesky(block, dimension: kb, leadingDimension: lda, diagonal: diagonal + k,
                               blockSize: scalarBlockSize, replaced: &replaced) else { return false }
            }
            let rest = n - k - kb
            if rest > 0 {
                let panel = block + kb, trailing = a + (k + kb) * lda + k + kb
                BLAS.trsmRightLowerTransposed(m: rest, n: kb, l: block, lda: lda, b: panel, ldb: lda)   // P ← P L_kk⁻ᵀ
                BLAS.syrk(triangle: .lower, n: rest, k: kb, alpha: -1, a: panel, lda: lda,
                          beta: 1, c: trailing, ldc: lda)                                   // T ← T − P Pᵀ
            }
            k += kb
        }
        return true
    }
}
