import Foundation

/// The ``NormalEquations`` a solve uses, chosen once per solve by the predicted cost of one
/// factorization (unless the settings force one): the sparse Cholesky when its flops (CHOLMOD's
/// count after AMD) are below `sparseFlopsFraction` of a dense one's m³/3, else the dense Cholesky.
///
/// The sparse analysis (forming the pattern of A Aᵀ and ordering it) is skipped when the answer
/// is already known: a column of A with k nonzeros makes those k rows a clique of A Aᵀ, which
/// every elimination order factors in at least k³/3 flops, so k³ ≥ fraction·m³ means dense.
enum NormalEquationsBackend {
    case sparse(SparseNormalEquations)
    case dense(DenseNormalEquations)

    init(for form: StandardForm, settings: InteriorPointSettings) {
        switch settings.cholesky {
        case .dense: self = .dense(DenseNormalEquations(pattern: form)); return
        case .sparse: self = .sparse(SparseNormalEquations(pattern: form)); return
        case .automatic: break
        }
        let sparseFlopsFraction = settings.sparseFlopsFraction
        let m = Double(form.rowCount), starts = form.matrix.columnStart
        let widest = (0..<form.columnCount).map { starts[$0 + 1] - starts[$0] }.max() ?? 0
        let denseFlops = pow(m, 3) / 3
        if pow(Double(widest), 3) / 3 >= sparseFlopsFraction * denseFlops {          // clique bound: k³/3 ≤ sparse flops
            self = .dense(DenseNormalEquations(pattern: form))
            return
        }
        let sparse = SparseNormalEquations(pattern: form)
        self = sparse.factorFlops < sparseFlopsFraction * denseFlops ? .sparse(sparse) : .dense(DenseNormalEquations(pattern: form))
    }
}
