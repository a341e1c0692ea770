import LinearAlgebra

/// ``NormalEquations`` for an A whose few dense columns would make A Θ Aᵀ dense: those columns
/// (``denseColumns(of:)``) are split off, M = S + U Uᵀ with S = A_s Θ_s A_sᵀ + δ I over the other
/// columns and U = A_d Θ_d^½ (m × k), and M⁻¹ r comes from the Sherman–Morrison–Woodbury identity
/// M⁻¹ = S⁻¹ − S⁻¹U (I + Uᵀ S⁻¹ U)⁻¹ Uᵀ S⁻¹: one sparse Cholesky of S (``SparseNormalEquations``,
/// analysed once) and a k × k Cholesky.
///
/// I + Uᵀ S⁻¹ U ⪰ I, so its Cholesky pivots are at least 1 in exact arithmetic. When S replaces
/// a pivot (a row met only by dense columns, or dependent rows), cancels a row to below
/// ``smallestSparsePivotRatio`` of its diagonal (nearly dependent rows), or a pivot of the small system
/// falls below ``smallestPivot`` (S⁻¹ lost its accuracy), or a probe solve of known answer misses
/// ``probeTolerance``, that factorization is done by the
/// unsplit normal equations instead (dense or sparse by the predicted cost, analysed at the
/// first such failure). `factor` and `solve` allocate nothing beyond what the sparse Cholesky does.
struct SplitNormalEquations: NormalEquations {
    let dimension: Int
    let denseColumns: [Int]
    private let sparseColumns: [Int]
    private var sparsePart: SparseNormalEquations
    /// Column-major m × k: column c holds √θⱼ aⱼ for j = denseColumns[c]; its zeros never change.
    private var u: [Double]
    /// Column-major m × k: S⁻¹ U.
    private var inverseTimesU: [Double]
    /// k × k: I + Uᵀ S⁻¹ U, then its Cholesky factor in the lower triangle.
    private var small: [Double]
    private var smallDiagonal: [Double]
    private let sparseFlopsFraction: Double
    private var fallback: GramCholesky?
    /// True when the last factorization was the unsplit one.
    private(set) var usesFallback = false

    /// A column is dense when it has more than ``densityFactor`` times the average nonzeros per
    /// column and more than ``rowFraction``·m of them.
    static let densityFactor = 10.0
    static let rowFraction = 0.1
    /// The smallest trusted pivot of the Cholesky of I + Uᵀ S⁻¹ U (exactly, every pivot is ≥ 1).
    static let smallestPivot = 0.5
    /// S's Cholesky may cancel at most this much of a row (pivot / Mₖₖ): rows nearly dependent
    /// among the sparse columns make S⁻¹U too inaccurate for the identity.
    static let smallestSparsePivotRatio = 1e-8
    /// The largest energy error of the probe solve (``NormalEquations/probeError(_:theta:regularization:)``)
    /// a split factorization may have: the tests above miss some losses
    /// (random LPs with duplicated rows, where a lost step threw the iteration off at 4e-6).
    static let probeTolerance = 1e-4

    /// The dense columns of `matrix` by the rule above.
    static func denseColumns(of matrix: SparseMatrix) -> [Int] {
        guard matrix.columns > 0 else { return [] }
        let average = Double(matrix.nonzeroCount) / Double(matrix.columns)
        let threshold = max(densityFactor * average, rowFraction * Double(matrix.rows))
        let starts = matrix.columnStart
        return (0..<matrix.columns).filter { Double(starts[$0 + 1] - starts[$0]) > threshold }
    }

    /// Splits `form`'s columns and analyses the sparse part; `factor` must be given the same pattern.
    /// `sparseFlopsFraction` chooses the unsplit fallback (``GramCholesky``).
    /// Nil if the sparse columns do not make a valid matrix (they always do for a valid A).
    init?(pattern form: StandardForm, denseColumns: [Int], sparseFlopsFraction: Double) {
        let m = form.rowCount, a = form.matrix, k = denseColumns.count
        dimension = m
        self.denseColumns = denseColumns
        self.sparseFlopsFraction = sparseFlopsFraction
        var isDense = [Bool](repeating: false, count: form.columnCount)
        for j in denseColumns { isDense[j] = true }
        sparseColumns = (0..<form.columnCount).filter { !isDense[$0] }
        var starts = [0], rows: [Int] = []
        for j in sparseColumns {
            rows += a.rowIndex[a.columnStart[j]..<a.columnStart[j + 1]]
            starts.append(rows.count)
        }
        guard let pattern = try? SparseMatrix(rows: m, columns: sparseColumns.count, columnStart: starts, rowIndex: rows,
                                              values: [Double](repeating: 1, count: rows.count)) else { return nil }
        sparsePart = SparseNormalEquations(pattern: pattern)
        u = [Double](repeating: 0, count: m * k)
        inverseTimesU = u
        small = [Double](repeating: 0, count: k * k)
        smallDiagonal = [Double](repeating: 0, count: k)
    }

    /// Flops of one factorization: S's sparse Cholesky, k solves with it (4 nnz(L) each), the
    /// product Uᵀ (S⁻¹U) and the k × k Cholesky.
    var factorFlops: Double {
        let k = Double(denseColumns.count), m = Double(dimension)
        return sparsePart.factorFlops + 4 * k * sparsePart.factorNonzeros + 2 * m * k * k + k * k * k / 3
    }

    mutating func factor(_ form: StandardForm, theta: [Double], regularization: Double) -> Double? {
        guard dimension > 0 else { return regularization }
        for t in theta { guard t >= 0, t.isFinite else { return nil } }
        let a = form.matrix, sparseColumns = sparseColumns
        sparsePart.scaled.withUnsafeMutableBufferPointer { out in
            var q = 0
            for j in sparseColumns {
                let root = theta[j].squareRoot()
                for p in a.columnStart[j]..<a.columnStart[j + 1] { out[q] = root * a.values[p]; q += 1 }   // ã_ij = a_ij √θⱼ
            }
        }
        if let delta = sparsePart.factorScaled(regularization: regularization), sparsePart.replacedPivots == 0,
           sparsePart.smallestPivotRatio >= Self.smallestSparsePivotRatio,
           factorSmallSystem(a, theta: theta) {
            usesFallback = false
            if probeError(form, theta: theta, regularization: delta) <= Self.probeTolerance { return delta }
        }
        usesFallback = true
        if fallback == nil { fallback = GramCholesky(pattern: form.matrix, sparseFlopsFraction: sparseFlopsFraction) }
        return fallback!.factor(form, theta: theta, regularization: regularization)
    }

    func solve(_ rhs: inout [Double]) {
        precondition(rhs.count == dimension, "solve: right-hand side has the wrong length")
        if usesFallback { fallback!.solve(&rhs); return }
        guard dimension > 0 else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(denseColumns.count, 1)) { work in
            rhs.withUnsafeMutableBufferPointer { applyWoodbury($0.baseAddress!, work: work.baseAddress!) }
        }
    }

    /// v ← M⁻¹ v by Woodbury: v ← S⁻¹ v, then v − S⁻¹U (I + Uᵀ S⁻¹ U)⁻¹ Uᵀ v; `work` holds k values.
    private func applyWoodbury(_ v: UnsafeMutablePointer<Double>, work t: UnsafeMutablePointer<Double>) {
        sparsePart.solve(v)                                                                  // v = S⁻¹ r
        let m = dimension, k = denseColumns.count
        guard k > 0 else { return }
        u.withUnsafeBufferPointer { u in
            inverseTimesU.withUnsafeBufferPointer { w in
                small.withUnsafeBufferPointer { l in
                    BLAS.gemv(transpose: true, m: m, n: k, alpha: 1, a: u.baseAddress!, lda: m, x: v, beta: 0, y: t)   // t = Uᵀ v
                    BLAS.trsvLower(n: k, l: l.baseAddress!, lda: k, x: t)
                    BLAS.trsvLower(transpose: true, n: k, l: l.baseAddress!, lda: k, x: t)   // t ← (I + Uᵀ S⁻¹ U)⁻¹ t
                    BLAS.gemv(m: m, n: k, alpha: -1, a: w.baseAddress!, lda: m, x: t, beta: 1, y: v)   // v ← v − S⁻¹U t
                }
            }
        }
    }

    /// U, S⁻¹U and the Cholesky of I + Uᵀ S⁻¹ U; false if a pivot is replaced, not finite or
    /// below ``smallestPivot``.
    private mutating func factorSmallSystem(_ a: SparseMatrix, theta: [Double]) -> Bool {
        let m = dimension, k = denseColumns.count
        guard k > 0 else { return true }
        for (c, j) in denseColumns.enumerated() {
            let root = theta[j].squareRoot()
            for p in a.columnStart[j]..<a.columnStart[j + 1] { u[c * m + a.rowIndex[p]] = root * a.values[p] }   // U_ic = √θⱼ a_ij
        }
        inverseTimesU.withUnsafeMutableBufferPointer { w in
            u.withUnsafeBufferPointer { w.baseAddress!.update(from: $0.baseAddress!, count: m * k) }
            for c in 0..<k { sparsePart.solve(w.baseAddress! + c * m) }                    // column c of S⁻¹ U
        }
        var replaced = 0
        let finite = small.withUnsafeMutableBufferPointer { c in
            u.withUnsafeBufferPointer { u in
                inverseTimesU.withUnsafeBufferPointer { w in
                    BLAS.gemm(transposeA: true, m: k, n: k, k: m, a: u.baseAddress!, lda: m, b: w.baseAddress!, ldb: m,
                              beta: 0, c: c.baseAddress!, ldc: k)                        // C = Uᵀ S⁻¹ U
                }
            }
            for i in 0..<k { c[i * k + i] += 1; smallDiagonal[i] = c[i * k + i] }          // C ← I + C
            return smallDiagonal.withUnsafeBufferPointer { d in
                PivotReplacingCholesky.factorBlock(c.baseAddress!, leadingDimension: k, start: 0, size: k,
                                                   diagonal: d.baseAddress!, replaced: &replaced)
            }
        }
        guard finite, replaced == 0 else { return false }
        return (0..<k).allSatisfy { small[$0 * k + $0] * small[$0 * k + $0] >= Self.smallestPivot }   // L_cc² is pivot c
    }
}
