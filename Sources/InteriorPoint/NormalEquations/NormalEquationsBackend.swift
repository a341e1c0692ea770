import Foundation

/// The ``NormalEquations`` a solve uses, chosen once per solve by the predicted cost of one
/// factorization (unless the settings force one): the sparse Cholesky when its flops (CHOLMOD's
/// count after AMD) are below `sparseFlopsFraction` of a dense one's m³/3, else the dense Cholesky;
/// and, when A has dense columns (``SplitNormalEquations/denseColumns(of:)``), the split normal
/// equations instead when their predicted flops are below those of the unsplit choice.
///
/// The sparse analysis (forming the pattern of A Aᵀ and ordering it) is skipped when the answer
/// is already known: a column of A with k nonzeros makes those k rows a clique of A Aᵀ, which
/// every elimination order factors in at least k³/3 flops, so k³ ≥ fraction·m³ means dense.
enum NormalEquationsBackend {
    case sparse(SparseNormalEquations)
    case dense(DenseNormalEquations)
    case split(SplitNormalEquations)

    init(for form: StandardForm, settings: InteriorPointSettings) {
        let fraction = settings.sparseFlopsFraction
        switch settings.cholesky {
        case .dense: self = .dense(DenseNormalEquations(pattern: form)); return
        case .sparse: self = .sparse(SparseNormalEquations(pattern: form)); return
        case .split:
            if let split = SplitNormalEquations(pattern: form, denseColumns: SplitNormalEquations.denseColumns(of: form.matrix),
                                                sparseFlopsFraction: fraction) {
                self = .split(split)
                return
            }
        case .automatic: break
        }
        let unsplit = Self.unsplitChoice(for: form, sparseFlopsFraction: fraction)
        let dense = SplitNormalEquations.denseColumns(of: form.matrix)
        if !dense.isEmpty,
           let split = SplitNormalEquations(pattern: form, denseColumns: dense, sparseFlopsFraction: fraction),
           split.factorFlops < unsplit.flops {                                           // NaN (failed analysis) never wins
            self = .split(split)
            return
        }
        self = unsplit.sparse.map { .sparse($0) } ?? .dense(DenseNormalEquations(pattern: form))
    }

    /// The unsplit normal equations by the predicted cost, as a value of the protocol.
    static func unsplit(for form: StandardForm, sparseFlopsFraction: Double) -> any NormalEquations {
        unsplitChoice(for: form, sparseFlopsFraction: sparseFlopsFraction).sparse ?? DenseNormalEquations(pattern: form)
    }

    /// The sparse normal equations if they are predicted cheaper (else nil: dense), and the flops
    /// of one factorization of the one chosen.
    private static func unsplitChoice(for form: StandardForm, sparseFlopsFraction: Double)
        -> (sparse: SparseNormalEquations?, flops: Double) {
        let m = Double(form.rowCount), starts = form.matrix.columnStart
        let widest = (0..<form.columnCount).map { starts[$0 + 1] - starts[$0] }.max() ?? 0
        let denseFlops = pow(m, 3) / 3
        if pow(Double(widest), 3) / 3 >= sparseFlopsFraction * denseFlops {          // clique bound: k³/3 ≤ sparse flops
            return (nil, denseFlops)
        }
        let sparse = SparseNormalEquations(pattern: form)
        return sparse.factorFlops < sparseFlopsFraction * denseFlops ? (sparse, sparse.factorFlops) : (nil, denseFlops)
    }
}
