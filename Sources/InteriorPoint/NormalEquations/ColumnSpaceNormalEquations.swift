import Foundation
import LinearAlgebra

/// ``NormalEquations`` solved in the space of A's columns, for LPs with many singleton columns
/// (the slacks of inequality rows) and fewer other columns than rows — the epigraph LPs of
/// network encodings, whose rows all meet the input columns, so that A Θ Aᵀ is dense while the
/// columns of a layer meet only their neighbouring layers and the inputs.
///
/// Split A's columns into the singleton columns T and the others S, and its rows into those a
/// singleton meets (I) and the rest (E). Then M = A Θ Aᵀ + δ I = A_S Θ_S A_Sᵀ + D with
/// D = diag(Σ_{j∈T} θⱼ aᵢⱼ² + δ), and D_E = δ on the rows of E. With u = Θ_S A_Sᵀ v, M v = r is
///
///     D_I v_I + A_IS u = r_I,   δ v_E + A_ES u = r_E,   Θ_S⁻¹ u = A_ISᵀ v_I + A_ESᵀ v_E.
///
/// Eliminating v_I leaves K u = A_ISᵀ D_I⁻¹ r_I + A_ESᵀ v_E with K = Θ_S⁻¹ + A_ISᵀ D_I⁻¹ A_IS,
/// a |S| × |S| matrix: the Gram matrix B W Bᵀ of B = [A_ISᵀ | I] with weights W = (D_I⁻¹, Θ_S⁻¹),
/// factored by ``GramCholesky`` (sparse when the layered pattern allows). The rows of E keep
/// their own dense Schur complement C = A_ES K⁻¹ A_ESᵀ + δ I (pivots of dependent rows
/// replaced, as in ``DenseNormalEquations``):
///
///     h = K⁻¹ A_ISᵀ D_I⁻¹ r_I,   C v_E = r_E − A_ES h,   u = h + K⁻¹ A_ESᵀ v_E,   v_I = D_I⁻¹ (r_I − A_IS u).
///
/// The elimination loses accuracy as Θ spreads: the error of K's Cholesky reaches v_I through
/// D_I⁻¹ and Aᵀv through Θ_S (10⁸ on free columns). So every solve refines on the augmented
/// system
///
///     D v + A_S u = r,   A_Sᵀ v − Θ_S⁻¹ u = 0     (D = D_I on I, δ on E),
///
/// whose residuals (both blocks) go through the same elimination with a second right-hand side
/// g in the column equations (K u = A_ISᵀ D_I⁻¹ r_I − g + A_ESᵀ v_E) — refinement on the
/// augmented system recovers what the elimination's scaling lost, where refinement against
/// A Θ Aᵀ alone stalls (on the dispatch LP the error of a solve of known answer goes from 10 to
/// 1e-10). A solve whose refinement ends above ``acceptedResidual`` marks the factorization as
/// having lost its accuracy (``lostAccuracy``); the caller factors the same Θ again, and that
/// factorization takes the next step: K with a small multiple of the largest D_I⁻¹ on its
/// diagonal (``kRegularization``, which the refinement removes again), and after that the
/// row-space normal equations for the rest of the solve
/// (``NormalEquationsBackend/bestRowSpace(for:sparseFlopsFraction:unsplit:)``, built then).
/// `solve` allocates nothing beyond its temporary buffers.
struct ColumnSpaceNormalEquations: NormalEquations {
    let dimension: Int
    /// The non-singleton columns S (the order of K's rows).
    let coupledColumns: [Int]
    /// For each row i: its position in I (≥ 0), or −1 − its position in E.
    private let rowSlot: [Int]
    private let eliminatedRows: [Int]
    private let keptRows: [Int]

    private let singletonEntries: [(row: Int, column: Int, value: Double)]
    /// B = [A_ISᵀ | I], |S| × (|I| + |S|), with the values of A.
    let operand: SparseMatrix
    /// The cost of assembling K (``DenseNormalEquations/formingFlops(_:)`` of B).
    let formingFlops: Double
    private var weights: [Double]
    /// δ of the last factorization.
    private var regularization = 0.0
    /// Refinement steps on the augmented system each solve of the last factorization may take.
    private var refinementSteps = refinementStepLimit
    var refinesItsSolves: Bool { !usesFallback }
    /// D on the rows of I (δ included), by position in I.
    private var eliminatedDiagonal: [Double]
    private var gram: GramCholesky
    /// A_S: the columns S of A (of the analysed form), in the order of `coupledColumns`.
    private let coupled: ProductMatrix
    /// Column-major |S| × |E|: A_ESᵀ, then (after `factor`) W = K⁻¹ A_ESᵀ in `keptSolves`.
    private let keptTranspose: [Double]
    private var keptSolves: [Double]
    /// |E| × |E|: C, then its Cholesky factor in the lower triangle.
    private var schur: [Double]
    private var schurDiagonal: [Double]
    private let sparseFlopsFraction: Double
    private var fallback: (any NormalEquations)?
    /// The row space's analysis when the caller already made it (for the prediction): the
    /// handover then does not analyse it again. Set by the caller after `init`.
    var analysedRowSpace: GramCholesky?
    /// True when the last factorization was the row-space one.
    private(set) var usesFallback = false
    /// K is factored densely without CHOLMOD's analysis when that takes at most this many flops
    /// (|S| ≈ 310): on the 48×4 encoding (|S| = 242) the analysis took longer than the dense
    /// factorizations it could have saved.
    static let denseBelow = 1e7
    /// Factorizations done in the column space so far.
    private(set) var columnSpaceFactorizations = 0
    /// Factorizations of K with ``kRegularization`` on its diagonal so far.
    private(set) var regularizedFactorizations = 0
    /// Set when the solves of a regularised K lose their accuracy too: Θ only spreads further as
    /// the iteration converges, so every later factorization is the row-space one.
    private(set) var rowSpaceFromNowOn = false
    /// Whether the last factorization's K was regularised.
    private var regularizedK = false
    /// Set by a solve that ends above ``acceptedResidual`` (a reference: `solve` does not mutate).
    private let accuracy = AccuracyFlag()
    var lostAccuracy: Bool { !usesFallback && accuracy.lost }

    /// The largest relative residual of the normal equations (``normalResidual``) a refined solve
    /// may end with. The augmented system's residuals alone can pass while the answer is wrong
    /// (Θ over 40 orders of magnitude: augmented residuals below 1e-5, normal residual 6, energy
    /// error 3.8); the normal residual follows the energy error (Θ over 30 orders: 9e-8 and
    /// 3e-7). Before the solves checked themselves, a probe solve of known answer per
    /// factorization did, at 6–10 % of the max-gate encodings' solve time.
    static let acceptedResidual = 1e-6
    /// Refinement steps on the augmented system per solve, at most; steps are taken while the
    /// residual (``augmentedResidual``) exceeds ``refinementTarget``, until two in a row fail to
    /// halve it. Even in the first iterations, where K is accurate, the plain solves leave
    /// relative residuals of 1e-5–1e-3 on the dispatch LP, and unrefined its primal
    /// infeasibility stays near 1 for seven iterations (with refinement: 0.77 → 6e-5); one step
    /// takes them to 1e-13–1e-16. Refining against A Θ Aᵀ instead took three steps per solve
    /// there (the iterations' time, one BLAS thread: 26.5 ms against 24 ms).
    static let refinementStepLimit = 3
    /// As the row space's refinement (``MehrotraMethod``): past 1e-10 the steps only polish
    /// rounding (dispatch LP: 21.2 → 20.6 ms against 1e-13, 12 iterations either way).
    static let refinementTarget = 1e-10
    /// When a factorization's solves lose their accuracy: K is factored again with this fraction of
    /// the largest D_I⁻¹ added to its diagonal, and the solves refine up to
    /// ``regularizedRefinementStepLimit`` steps against the unregularised system. On the dispatch
    /// LP's last iteration K lost its accuracy unregularised (a solve of known answer off by
    /// 24–170); with 1e-16 to 1e-12 of max D_I⁻¹ it came to 1e-8–1e-11 in 3–5 steps (the first
    /// step does not reduce the residual).
    static let kRegularization = 1e-14
    static let regularizedRefinementStepLimit = 8

    /// Whether `form` has enough singleton columns for the column space to be worth analysing:
    /// |S| + |E| < m (else K and C together are at least as large as A Θ Aᵀ).
    static func mightPay(_ form: StandardForm) -> Bool {
        let (singleton, rowsMet) = singletons(form.matrix)
        let coupled = singleton.filter { !$0 }.count, kept = rowsMet.filter { !$0 }.count
        return rowsMet.contains(true) && coupled + kept < form.rowCount
    }

    /// Which columns are singletons, and which rows a singleton meets.
    private static func singletons(_ a: SparseMatrix) -> (columns: [Bool], rows: [Bool]) {
        var rows = [Bool](repeating: false, count: a.rows)
        let columns = (0..<a.columns).map { j in
            guard a.columnStart[j + 1] - a.columnStart[j] == 1 else { return false }
            rows[a.rowIndex[a.columnStart[j]]] = true
            return true
        }
        return (columns, rows)
    }

    /// Splits `form` and analyses K's pattern; `factor` must be given the same form (values
    /// included: B holds A's values). Nil when no column is a singleton, or when a lower bound
    /// on forming K and factoring it (dense: |S|³/3; sparse: a column of B with k nonzeros costs
    /// k³/3; C costs |E|³/3) already exceeds `flopBudget` — checked before B is built and again
    /// with K's forming cost, so a rejected column space costs little and K is never analysed.
    init?(pattern form: StandardForm, sparseFlopsFraction: Double, flopBudget: Double = .infinity) {
        let a = form.matrix, m = form.rowCount
        let (isSingleton, rowMet) = Self.singletons(a)
        guard rowMet.contains(true) else { return nil }
        dimension = m
        self.sparseFlopsFraction = sparseFlopsFraction
        coupledColumns = (0..<a.columns).filter { !isSingleton[$0] }
        eliminatedRows = (0..<m).filter { rowMet[$0] }
        keptRows = (0..<m).filter { !rowMet[$0] }
        var slot = [Int](repeating: 0, count: m)
        for (position, i) in eliminatedRows.enumerated() { slot[i] = position }
        for (position, i) in keptRows.enumerated() { slot[i] = -1 - position }
        rowSlot = slot
        singletonEntries = (0..<a.columns).filter { isSingleton[$0] }.map { j in
            let p = a.columnStart[j]
            return (a.rowIndex[p], j, a.values[p])
        }
        // A_S, and B = [A_ISᵀ | I]: column c of B lists the S-entries of row eliminatedRows[c].
        let s = coupledColumns.count, e = keptRows.count
        // Counted first, so that every entry is written once into its place.
        let eliminated = eliminatedRows.count, coupledOrder = coupledColumns
        let aStart = a.columnStart, aRows = a.rowIndex, aValues = a.values
        var start = [Int](repeating: 0, count: eliminated + s + 1)
        for j in coupledOrder {
            for p in aStart[j]..<aStart[j + 1] where slot[aRows[p]] >= 0 { start[slot[aRows[p]] + 1] += 1 }
        }
        // A lower bound on the predicted cost, before anything is built: forming K costs at least
        // Σ nnz² over B's columns (every estimate of `formingFlops` is), factoring it |S|³/3 when it
        // is dense (below `denseBelow`) and else at least k³/3 for B's widest column (a clique).
        var formingBound = Double(s), widestRow = 0
        for c in 0..<eliminated {
            formingBound += Double(start[c + 1]) * Double(start[c + 1])
            widestRow = max(widestRow, start[c + 1])
        }
        let denseK = pow(Double(s), 3) / 3
        let factorBound = (denseK <= Self.denseBelow ? denseK : pow(Double(widestRow), 3) / 3) + pow(Double(e), 3) / 3
        guard formingBound + factorBound < flopBudget else { return nil }
        for c in 0..<eliminated { start[c + 1] += start[c] }
        for k in 0..<s { start[eliminated + k + 1] = start[eliminated + k] + 1 }
        var rows = [Int](repeating: 0, count: start[eliminated + s]), values = [Double](repeating: 1, count: start[eliminated + s])
        var keptTranspose = [Double](repeating: 0, count: s * e)
        var fill = start
        for (k, j) in coupledOrder.enumerated() {                        // columns k in order: B's columns stay sorted
            for p in aStart[j]..<aStart[j + 1] {
                let i = aRows[p], v = aValues[p]
                let position = slot[i]
                if position >= 0 {
                    rows[fill[position]] = k
                    values[fill[position]] = v
                    fill[position] += 1
                } else {
                    keptTranspose[(-1 - position) * s + k] = v
                }
            }
        }
        for k in 0..<s { rows[start[eliminated + k]] = k }                     // the identity block, values 1
        guard let operand = try? SparseMatrix(rows: s, columns: eliminatedRows.count + s, columnStart: start, rowIndex: rows,
                                              values: values) else { return nil }
        let panels = CompressedPanels(pattern: operand)
        formingFlops = DenseNormalEquations.formingFlops(operand, panels: panels)
        guard formingFlops + factorBound < flopBudget else { return nil }
        self.operand = operand
        coupled = ProductMatrix(a.columns(coupledOrder))
        self.keptTranspose = keptTranspose
        keptSolves = keptTranspose
        weights = [Double](repeating: 0, count: operand.columns)
        eliminatedDiagonal = [Double](repeating: 0, count: eliminatedRows.count)
        schur = [Double](repeating: 0, count: e * e)
        schurDiagonal = [Double](repeating: 0, count: e)
        gram = GramCholesky(pattern: operand, sparseFlopsFraction: sparseFlopsFraction, denseBelow: Self.denseBelow, panels: panels)
    }

    /// Flops of one factorization: K's Cholesky, |E| solves with it (4 nnz(L) each), the product
    /// A_ES W (2|S||E|²) and C's Cholesky (|E|³/3).
    var factorFlops: Double {
        let s = Double(coupledColumns.count), e = Double(keptRows.count)
        return gram.factorFlops + 4 * e * gram.factorNonzeros + 2 * s * e * e + e * e * e / 3
    }



    var description: String {
        "column-space \(gram.isSparse ? "sparse" : "dense") Cholesky of \(coupledColumns.count) columns"
            + (keptRows.isEmpty ? "" : ", \(keptRows.count) row\(keptRows.count == 1 ? "" : "s") kept")
    }

    /// Factors K for `theta`; when the previous factorization's solves lost their accuracy
    /// (``lostAccuracy``), this one takes the next step — K regularised, then the row space.
    mutating func factor(_ form: StandardForm, theta: [Double], regularization: Double) -> Double? {
        guard dimension > 0 else { return regularization }
        let retry = lostAccuracy
        accuracy.lost = false
        if retry && regularizedK { rowSpaceFromNowOn = true }
        if rowSpaceFromNowOn { return factorRowSpace(form, theta: theta, regularization: regularization) }
        for t in theta { guard t >= 0, t.isFinite else { return nil } }
        for j in coupledColumns { guard theta[j] > 0 else { return nil } }
        self.regularization = regularization
        for position in eliminatedDiagonal.indices { eliminatedDiagonal[position] = regularization }
        for entry in singletonEntries {                                                  // D_i = δ + Σ_{j∈T} θⱼ aᵢⱼ²
            eliminatedDiagonal[rowSlot[entry.row]] += theta[entry.column] * entry.value * entry.value
        }
        let eliminated = eliminatedRows.count
        var largest = 0.0
        for position in 0..<eliminated {                                                 // W = (D_I⁻¹, Θ_S⁻¹)
            weights[position] = 1 / eliminatedDiagonal[position]
            largest = max(largest, weights[position])
        }
        for (k, j) in coupledColumns.enumerated() { weights[eliminated + k] = 1 / theta[j] }
        regularizedK = retry
        refinementSteps = retry ? Self.regularizedRefinementStepLimit : Self.refinementStepLimit
        if gram.factor(operand, weights: weights, regularization: retry ? Self.kRegularization * largest : 0) != nil,   // K (+ ρI)
           factorSchurComplement(regularization: regularization) {
            usesFallback = false
            columnSpaceFactorizations += 1
            if retry { regularizedFactorizations += 1 }
            return regularization
        }
        rowSpaceFromNowOn = true
        return factorRowSpace(form, theta: theta, regularization: regularization)
    }

    private mutating func factorRowSpace(_ form: StandardForm, theta: [Double], regularization: Double) -> Double? {
        usesFallback = true
        if fallback == nil {
            fallback = NormalEquationsBackend.bestRowSpace(for: form, sparseFlopsFraction: sparseFlopsFraction,
                                                           unsplit: analysedRowSpace).equations
        }
        return fallback!.factor(form, theta: theta, regularization: regularization)
    }

    /// W = K⁻¹ A_ESᵀ and the Cholesky of C = A_ES W + δ I; false on a non-finite value.
    private mutating func factorSchurComplement(regularization: Double) -> Bool {
        let s = coupledColumns.count, e = keptRows.count
        guard e > 0 else { return true }
        let gram = gram, keptTranspose = keptTranspose
        keptSolves.withUnsafeMutableBufferPointer { w in
            keptTranspose.withUnsafeBufferPointer { w.baseAddress!.update(from: $0.baseAddress!, count: s * e) }
            if s > 0 { for c in 0..<e { gram.solve(w.baseAddress! + c * s) } }              // column c of K⁻¹ A_ESᵀ
        }
        let keptSolves = keptSolves
        var replaced = 0, diagonal = schurDiagonal
        defer { schurDiagonal = diagonal }
        return schur.withUnsafeMutableBufferPointer { c in
            if s > 0 {
                keptTranspose.withUnsafeBufferPointer { at in
                    keptSolves.withUnsafeBufferPointer { w in
                        BLAS.gemm(transposeA: true, m: e, n: e, k: s, a: at.baseAddress!, lda: s, b: w.baseAddress!, ldb: s,
                                  beta: 0, c: c.baseAddress!, ldc: e)                   // C = A_ES K⁻¹ A_ESᵀ
                    }
                }
            } else {
                c.update(repeating: 0)
            }
            for k in 0..<e { c[k * e + k] += regularization; diagonal[k] = c[k * e + k] }   // C ← C + δ I
            return diagonal.withUnsafeBufferPointer { d in
                DenseNormalEquations.cholesky(c.baseAddress!, dimension: e, diagonal: d.baseAddress!, replaced: &replaced)
            }
        }
    }

    func solve(_ rhs: inout [Double]) {
        precondition(rhs.count == dimension, "solve: right-hand side has the wrong length")
        if usesFallback { fallback!.solve(&rhs); return }
        guard dimension > 0 else { return }
        let s = coupledColumns.count, e = keptRows.count, m = dimension
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * s + e + 5 * m) { work in
            let u = work.baseAddress!, du = u + s, g = du + s, kept = g + s, first = kept + e
            let product = first + s, f = product + m, dv = f + m, au = dv + m, scaledRow = au + m
            rhs.withUnsafeMutableBufferPointer { buffer in
                let v = buffer.baseAddress!
                let steps = refinementSteps
                f.update(from: v, count: m)
                applyInverse(v, g: nil, u: u, kept: kept, product: product)
                au.update(from: product, count: m)                                         // A_S u, kept up to date
                var previous = Double.infinity, stalled = 0, residual = Double.infinity
                for step in 0...steps {                                                    // a check before each step and after the last
                    let firstReady: Bool
                    (residual, firstReady) = augmentedResidual(f, v: v, u: u, coupledProduct: au, rowPart: dv, columnPart: g,
                                                               scaledRowPart: scaledRow, firstProduct: first,
                                                               likelyToStep: step == 0)
                    guard residual > Self.refinementTarget, step < steps else { break }
                    stalled = residual < 0.5 * previous ? 0 : stalled + 1
                    guard stalled < 2 else { break }
                    previous = min(previous, residual)
                    applyInverse(dv, g: g, u: du, kept: kept, product: product, firstProduct: firstReady ? first : nil)
                    for i in 0..<m { v[i] += dv[i]; au[i] += product[i] }                   // A_S (u + Δu) = A_S u + A_S Δu
                    for k in 0..<s { u[k] += du[k] }
                }
                let normal = normalResidual(f, rowPart: dv, columnPart: g, weightedColumnPart: du, product: product)
                if !(normal <= Self.acceptedResidual) { accuracy.lost = true }
            }
        }
    }

    /// max |f − M v| / max |f| for M = A Θ Aᵀ + δ I, from the last check's augmented residuals:
    /// f − M v = ρ₁ + A_S Θ_S ρ₂. Θ_S amplifies ρ₂, which is at rounding level of A_Sᵀ v: with Θ
    /// spanning 40 orders of magnitude the augmented residuals pass while this is order 1.
    private func normalResidual(_ f: UnsafePointer<Double>, rowPart: UnsafePointer<Double>, columnPart: UnsafePointer<Double>,
                                weightedColumnPart w: UnsafeMutablePointer<Double>, product: UnsafeMutablePointer<Double>) -> Double {
        let m = dimension, eliminated = eliminatedRows.count
        for k in 0..<coupledColumns.count { w[k] = columnPart[k] / weights[eliminated + k] }   // Θ_S ρ₂
        coupled.multiply(w, writingTo: product)
        var norm = 0.0, scale = 0.0
        for i in 0..<m {
            norm = max(norm, abs(rowPart[i] + product[i]))                                  // ρ₁ + A_S Θ_S ρ₂
            scale = max(scale, abs(f[i]))
        }
        return norm / max(scale, .leastNormalMagnitude)
    }

    /// The residual of (v, u) in the augmented system D v + A_S u = f, A_Sᵀ v − Θ_S⁻¹ u = 0
    /// (D = D_I on I, δ on E), given `coupledProduct` = A_S u: `rowPart` ← f − D v − A_S u,
    /// `columnPart` ← Θ_S⁻¹ u − A_Sᵀ v; returns their largest entries relative to f and A_Sᵀ v.
    /// When a correction will likely follow (`likelyToStep`, or ρ₁ alone misses the target), the
    /// same pass over A_S also gives `firstProduct` ← A_ISᵀ D_I⁻¹ ρ₁ (the first product of
    /// `applyInverse` for it), through `scaledRowPart` ← D_I⁻¹ ρ₁ (0 on E); the second value
    /// says whether it did.
    private func augmentedResidual(_ f: UnsafePointer<Double>, v: UnsafePointer<Double>, u: UnsafePointer<Double>,
                                   coupledProduct product: UnsafePointer<Double>,
                                   rowPart: UnsafeMutablePointer<Double>, columnPart: UnsafeMutablePointer<Double>,
                                   scaledRowPart: UnsafeMutablePointer<Double>, firstProduct: UnsafeMutablePointer<Double>,
                                   likelyToStep: Bool) -> (residual: Double, firstProductReady: Bool) {
        let m = dimension, s = coupledColumns.count, eliminated = eliminatedRows.count
        var rowNorm = 0.0, rowScale = 0.0, columnNorm = 0.0, columnScale = 0.0
        for i in 0..<m {
            let slot = rowSlot[i]
            let d = slot >= 0 ? eliminatedDiagonal[slot] : regularization
            rowPart[i] = f[i] - d * v[i] - product[i]                                          // ρ₁ = f − D v − A_S u
            scaledRowPart[i] = slot >= 0 ? rowPart[i] / d : 0
            rowNorm = max(rowNorm, abs(rowPart[i]))
            rowScale = max(rowScale, abs(f[i]))
        }
        let rowResidual = rowNorm / max(rowScale, .leastNormalMagnitude)
        let both = likelyToStep || rowResidual > Self.refinementTarget
        if both {
            coupled.transposeMultiply(v, writingTo: columnPart, scaledRowPart, writingTo: firstProduct)
        } else {
            coupled.transposeMultiply(v, writingTo: columnPart)
        }
        for k in 0..<s {
            columnScale = max(columnScale, abs(columnPart[k]))
            columnPart[k] = weights[eliminated + k] * u[k] - columnPart[k]                     // ρ₂ = Θ_S⁻¹ u − A_Sᵀ v
            columnNorm = max(columnNorm, abs(columnPart[k]))
        }
        return (max(rowResidual, columnNorm / max(columnScale, .leastNormalMagnitude)), both)
    }

    /// The elimination above for the augmented right-hand side (r, g) — D v + A_S u = r,
    /// A_Sᵀ v − Θ_S⁻¹ u = g, g = 0 when nil: r ← v, `u` ← u, `product` ← A_S u; `kept` holds |E|
    /// values, `product` m. `firstProduct`: A_ISᵀ D_I⁻¹ r_I when the caller computed it.
    private func applyInverse(_ r: UnsafeMutablePointer<Double>, g: UnsafePointer<Double>?, u: UnsafeMutablePointer<Double>,
                              kept: UnsafeMutablePointer<Double>, product: UnsafeMutablePointer<Double>,
                              firstProduct: UnsafePointer<Double>? = nil) {
        let s = coupledColumns.count, e = keptRows.count, m = dimension
        if let firstProduct {
            u.update(from: firstProduct, count: s)
        } else {
            for i in 0..<m { product[i] = rowSlot[i] >= 0 ? r[i] / eliminatedDiagonal[rowSlot[i]] : 0 }   // D_I⁻¹ r_I, 0 on E
            coupled.transposeMultiply(product, writingTo: u)                                 // u = A_ISᵀ D_I⁻¹ r_I
        }
        if let g { for k in 0..<s { u[k] -= g[k] } }
        if s > 0 { gram.solve(u) }                                                          // h = K⁻¹ u
        if e > 0 {
            for (k, i) in keptRows.enumerated() { kept[k] = r[i] }
            if s > 0 {
                keptTranspose.withUnsafeBufferPointer { at in
                    BLAS.gemv(transpose: true, m: s, n: e, alpha: -1, a: at.baseAddress!, lda: s, x: u, beta: 1, y: kept)   // r_E − A_ES h
                }
            }
            schur.withUnsafeBufferPointer { l in
                BLAS.trsvLower(n: e, l: l.baseAddress!, lda: e, x: kept)
                BLAS.trsvLower(transpose: true, n: e, l: l.baseAddress!, lda: e, x: kept)   // v_E = C⁻¹ (r_E − A_ES h)
            }
            if s > 0 {
                keptSolves.withUnsafeBufferPointer { w in
                    BLAS.gemv(m: s, n: e, alpha: 1, a: w.baseAddress!, lda: s, x: kept, beta: 1, y: u)   // u = h + W v_E
                }
            }
        }
        coupled.multiply(u, writingTo: product)                                              // A_S u
        for i in 0..<m {
            let slot = rowSlot[i]
            r[i] = slot >= 0 ? (r[i] - product[i]) / eliminatedDiagonal[slot] : kept[-1 - slot]   // v_I = D_I⁻¹ (r_I − A_IS u)
        }
    }
}

/// Whether a solve of the last factorization lost its accuracy: set by `solve`, which does not
/// mutate the normal equations, read and cleared by the next `factor`.
final class AccuracyFlag {
    var lost = false
}
