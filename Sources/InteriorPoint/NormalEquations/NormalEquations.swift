/// The linear algebra of one interior-point iteration: factor M = A Θ Aᵀ + δ I for the current
/// diagonal Θ, then solve M v = r for several right-hand sides. The algorithm sees only this
/// interface, so a sparse Cholesky can replace the dense one without touching it.
protocol NormalEquations {
    /// Forms and factors A Θ Aᵀ + δ I with δ ≥ `regularization`, raising δ when the factorization
    /// breaks down (rank-deficient rows). Returns the δ used, or nil if no δ worked.
    mutating func factor(_ form: StandardForm, theta: [Double], regularization: Double) -> Double?
    /// Overwrites `rhs` with M⁻¹ rhs, using the last successful factorization.
    func solve(_ rhs: inout [Double])
    /// True when the last factorization's solves refine themselves to working accuracy, so the
    /// caller's refinement against A Θ Aᵀ would only repeat the work.
    var refinesItsSolves: Bool { get }
}

extension NormalEquations {
    var refinesItsSolves: Bool { false }
}
