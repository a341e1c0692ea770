import LinearAlgebra

/// ``NormalEquations`` with a sparse Cholesky factorization: ``SparseCholeskyAnalysis`` (CHOLMOD)
/// orders A Aᵀ (AMD) and computes its supernodal structure once, when the value is made; each
/// `factor` assembles A Θ Aᵀ + δ I supernode by supernode from the √θ-scaled columns of A
/// (``SparseMatrix/scaledValues(columnFactors:writingTo:)``) and factors it with
/// ``SupernodalFactor`` (BLAS on the dense blocks). Dependent rows are treated exactly as by
/// ``DenseNormalEquations`` (``PivotReplacingCholesky``).
///
/// Worth it when L is much sparser than a dense triangle: compare `factorFlops` with m³/3.
/// A value type: a copy that factors gets its own numeric storage (copy on write).
struct SparseNormalEquations: NormalEquations {
    /// CHOLMOD's analysis; nil when it failed (out of memory): `factor` then reports failure.
    private let structure: SupernodalStructure?
    /// The numeric factor, made at the first `factor` (a prediction that is not taken never pays
    /// for its buffers).
    private var storage: SupernodalFactor?
    private let patternStart: [Int], patternRows: [Int]
    /// A's runs of similar columns, for the analysis and the factor's assembly.
    private let panels: CompressedPanels
    /// Values of A times √θⱼ, rewritten by every `factor` (one spare entry: never empty); a
    /// caller that scales A itself writes them and calls `factorScaled`.
    var scaled: [Double]
    /// √θⱼ of the last `factor`.
    private var rootTheta: [Double]
    let dimension: Int
    let columnCount: Int
    let entryCount: Int

    /// Orders and analyses the pattern of `form`'s A Aᵀ; `factor` must be given the same pattern.
    init(pattern form: StandardForm) {
        self.init(pattern: form.matrix)
    }

    /// Orders and analyses the pattern of `matrix`'s A Aᵀ (its values are not read). When A has
    /// runs of similar columns (``CompressedPanels``; `given` when the caller has them), the
    /// analysis is given A Aᵀ's pattern from them (``GramPattern``).
    init(pattern matrix: SparseMatrix, panels given: CompressedPanels? = nil) {
        dimension = matrix.rows
        columnCount = matrix.columns
        entryCount = matrix.nonzeroCount
        scaled = [Double](repeating: 0, count: entryCount + 1)
        rootTheta = [Double](repeating: 0, count: columnCount)
        panels = given ?? CompressedPanels(pattern: matrix)
        if !panels.groups.isEmpty, let gram = GramPattern.upper(of: matrix, panels: panels) {
            structure = SparseCholeskyAnalysis.analyze(gramUpper: gram, entries: matrix.nonzeroCount)
        } else {
            structure = SparseCholeskyAnalysis.analyze(matrix)
        }
        patternStart = matrix.columnStart
        patternRows = matrix.rowIndex
    }

    /// Nonzeros of L and flops of one factorization, as CHOLMOD's analysis counts them (NaN if
    /// the analysis failed); a dense factorization costs m³/3 flops.
    var factorNonzeros: Double { structure?.factorNonzeros ?? .nan }
    var factorFlops: Double { structure?.factorFlops ?? .nan }
    /// Pivots replaced in the last factorization (dependent rows).
    var replacedPivots: Int { storage?.replacedPivots ?? 0 }
    /// min over k of pivot / Mₖₖ in the last factorization (``SupernodalFactor/smallestPivotRatio``).
    var smallestPivotRatio: Double { storage?.smallestPivotRatio ?? .nan }

    mutating func factor(_ form: StandardForm, theta: [Double], regularization: Double) -> Double? {
        factor(form.matrix, theta: theta, regularization: regularization)
    }

    /// Forms and factors A Θ Aᵀ + δ I for an `operand` A of the analysed pattern.
    mutating func factor(_ operand: SparseMatrix, theta: [Double], regularization: Double) -> Double? {
        precondition(operand.rows == dimension && operand.columns == columnCount
                     && operand.nonzeroCount == entryCount, "factor: A's pattern differs from the analysed one")
        guard dimension > 0 else { return regularization }
        guard structure != nil, regularization.isFinite, regularization >= 0 else { return nil }
        for j in 0..<columnCount {
            let t = theta[j]
            guard t >= 0, t.isFinite else { return nil }
            rootTheta[j] = t.squareRoot()
        }
        operand.scaledValues(columnFactors: rootTheta, writingTo: &scaled)     // ã_ij = a_ij √θ_j
        return factorScaled(regularization: regularization)
    }

    /// Factors Ã Ãᵀ + δ I with `scaled` already holding the values of Ã (A times √θⱼ).
    mutating func factorScaled(regularization: Double) -> Double? {
        guard dimension > 0 else { return regularization }
        guard let structure, regularization.isFinite, regularization >= 0 else { return nil }
        if storage == nil {
            storage = SupernodalFactor(structure: structure, columnStart: patternStart, rowIndex: patternRows, panels: panels)
        } else if !isKnownUniquelyReferenced(&storage!) {
            storage = storage!.copy()
        }
        let finite = scaled.withUnsafeBufferPointer { buffer in
            storage!.factor(scaled: buffer.baseAddress!, delta: regularization)
        }
        return finite ? regularization : nil
    }

    func solve(_ rhs: inout [Double]) {
        precondition(rhs.count == dimension, "solve: right-hand side has the wrong length")
        guard let storage, storage.isFactored else { return }
        rhs.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { storage.solve(base) }
        }
    }

    /// `solve` over a raw buffer of `dimension` values.
    func solve(_ rhs: UnsafeMutablePointer<Double>) {
        guard let storage, storage.isFactored else { return }
        storage.solve(rhs)
    }
}
