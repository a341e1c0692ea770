import Foundation
import LinearAlgebra

/// The Cholesky factorization of B W Bᵀ + δ I for a fixed sparse operand B and positive
/// weights W: the dense one (``DenseNormalEquations``) or the sparse one
/// (``SparseNormalEquations``), whichever is predicted cheaper when the value is made: sparse
/// when its flops (CHOLMOD's count after AMD) are below `sparseFlopsFraction` of a dense
/// factorization's n³/3. The row-space normal equations are the case B = A, W = Θ; the
/// column-space ones (``ColumnSpaceNormalEquations``) factor one with B = A's rows.
///
/// The sparse analysis is skipped when the answer is already known: a column of B with k
/// nonzeros makes those k rows a clique of B Bᵀ, which every elimination order factors in at
/// least k³/3 flops, so cliques worth fraction·n³/3 together mean dense (``factorFlopsBound(_:skipping:)``).
struct GramCholesky: NormalEquations {
    /// Exactly one of the two is set.
    private var dense: DenseNormalEquations?
    private var sparse: SparseNormalEquations?

    /// `denseBelow`: a dense factorization of at most this many flops is taken without the
    /// sparse analysis (whose cost it would not repay).
    /// `bound`: ``factorFlopsBound(_:skipping:)`` of `b` when the caller has it.
    /// `panels`: B's groups (``CompressedPanels``) when the caller has them.
    init(pattern b: SparseMatrix, sparseFlopsFraction: Double, denseBelow: Double = 0, bound: Double? = nil,
         panels: CompressedPanels? = nil) {
        let known = Self.denseWithoutAnalysis(rows: b.rows, bound: bound ?? Self.factorFlopsBound(b),
                                              sparseFlopsFraction: sparseFlopsFraction, denseBelow: denseBelow)
        if known == nil {
            let candidate = SparseNormalEquations(pattern: b, panels: panels)
            if candidate.factorFlops < sparseFlopsFraction * pow(Double(b.rows), 3) / 3 { sparse = candidate; return }   // NaN: dense
        }
        dense = DenseNormalEquations(pattern: b, panels: panels)
    }

    /// The dense factorization's flops n³/3 (n = `rows`) when `init` takes it without the sparse
    /// analysis — at most `denseBelow`, or when even the lower `bound` on any sparse
    /// factorization reaches `sparseFlopsFraction` of it — else nil.
    static func denseWithoutAnalysis(rows: Int, bound: Double, sparseFlopsFraction: Double, denseBelow: Double = 0) -> Double? {
        let denseFlops = pow(Double(rows), 3) / 3
        return denseFlops <= denseBelow || bound >= sparseFlopsFraction * denseFlops ? denseFlops : nil
    }

    /// A lower bound on the flops of any Cholesky of B Bᵀ, the larger of two, from one greedy
    /// pass over B's columns, widest first:
    /// - cliques: a column with k nonzeros makes those rows a clique, which costs at least k³/3
    ///   whatever the order, and cliques without a common row add up; each column counts only
    ///   the f rows no earlier one took (a part of a clique is a clique);
    /// - fill: the same column's k² − (k − f)² entries of B Bᵀ that involve a row no earlier
    ///   column took are new, so they sum to at most nnz(B Bᵀ); a Cholesky factor has at least
    ///   its lower triangle, (nnz + n)/2 entries, and Σ cⱼ² ≥ (Σ cⱼ)²/n over its column counts —
    ///   so a nearly dense B Bᵀ whose cliques overlap is seen too.
    /// `skipping`: columns of B left out (B's other columns' Gram matrix is bounded).
    static func factorFlopsBound(_ b: SparseMatrix, skipping: [Int] = []) -> Double {
        let starts = b.columnStart, rows = b.rowIndex, n = Double(b.rows)
        var counts = (0..<b.columns).map { starts[$0 + 1] - starts[$0] }
        for j in skipping { counts[j] = 0 }
        let widestFirst = (0..<b.columns).sorted { counts[$0] > counts[$1] }
        var taken = [Bool](repeating: false, count: b.rows), cliques = 0.0, entries = 0.0
        for j in widestFirst {
            guard counts[j] > 1 else { break }
            var fresh = 0
            for p in starts[j]..<starts[j + 1] where !taken[rows[p]] {
                taken[rows[p]] = true
                fresh += 1
            }
            let k = Double(counts[j]), f = Double(fresh)
            cliques += f * f * f / 3
            entries += k * k - (k - f) * (k - f)
        }
        let lower = (min(entries, n * n) + n) / 2
        return max(cliques, n > 0 ? lower * lower / n : 0)
    }

    /// The dense (`sparse` false) or the sparse Cholesky, as forced.
    init(pattern b: SparseMatrix, sparse forced: Bool) {
        if forced { sparse = SparseNormalEquations(pattern: b) } else { dense = DenseNormalEquations(pattern: b) }
    }

    var isSparse: Bool { sparse != nil }

    /// Flops of one factorization: CHOLMOD's count for the sparse one, n³/3 for the dense one.
    var factorFlops: Double {
        if let sparse { return sparse.factorFlops }
        return pow(Double(dense!.dimension), 3) / 3
    }

    /// Nonzeros of the factor L (a solve costs about 4 flops per nonzero).
    var factorNonzeros: Double {
        if let sparse { return sparse.factorNonzeros }
        let n = Double(dense!.dimension)
        return n * (n + 1) / 2
    }

    /// Pivots replaced in the last factorization (dependent rows of B).
    var replacedPivots: Int { sparse?.replacedPivots ?? dense!.replacedPivots }

    /// Forms and factors B W Bᵀ + δ I; the δ used, or nil on a non-finite value.
    mutating func factor(_ b: SparseMatrix, weights: [Double], regularization: Double) -> Double? {
        if sparse != nil { return sparse!.factor(b, theta: weights, regularization: regularization) }
        return dense!.factor(b, theta: weights, regularization: regularization)
    }

    mutating func factor(_ form: StandardForm, theta: [Double], regularization: Double) -> Double? {
        factor(form.matrix, weights: theta, regularization: regularization)
    }

    func solve(_ rhs: inout [Double]) {
        rhs.withUnsafeMutableBufferPointer { if let base = $0.baseAddress { solve(base) } }
    }

    /// v ← (B W Bᵀ + δ I)⁻¹ v over a buffer of B's row count, with the last factorization.
    func solve(_ v: UnsafeMutablePointer<Double>) {
        if let sparse { sparse.solve(v) } else { dense!.solve(v) }
    }
}
