/// Which Cholesky factors the normal equations A Θ Aᵀ + δ I of an ``InteriorPointSolver``.
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
}
