/// Which Cholesky factors the normal equations A Θ Aᵀ + δ I of an ``InteriorPointSolver``.
public enum CholeskyChoice: String, Sendable, CaseIterable {
    /// The cheaper one by the predicted flops of a factorization (``InteriorPointSettings/sparseFlopsFraction``).
    case automatic
    /// Dense blocked Cholesky over BLAS.
    case dense
    /// Supernodal sparse Cholesky on an AMD ordering.
    case sparse
}
