/// Which Cholesky factors the normal equations A Θ Aᵀ + δ I of an ``InteriorPointSolver``:
/// in the space of A's rows (dense, sparse, split) or of its columns.
public enum CholeskyChoice: String, Sendable, CaseIterable {
    /// The cheaper one by the predicted flops of a factorization (``InteriorPointSettings/sparseFlopsFraction``),
    /// splitting off dense columns when that is cheaper.
    case automatic
    /// Dense blocked Cholesky over BLAS.
    case dense
    /// Supernodal sparse Cholesky on an AMD ordering.
    case sparse
    /// Supernodal sparse Cholesky of the columns that are not dense, the dense columns by the
    /// Sherman–Morrison–Woodbury identity (the unsplit Cholesky when that loses accuracy).
    case split
    /// The column-space normal equations: the singleton columns (slacks) folded into a
    /// diagonal, a Cholesky of a matrix of the other columns' size, and a dense Schur complement
    /// for the rows no singleton meets (the dense row-space Cholesky when K loses accuracy, or
    /// when no column is a singleton).
    case columnSpace
}
