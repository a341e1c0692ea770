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
    /// True when a solve of the last factorization could not reach its accuracy: the caller
    /// factors the same Θ again, and the normal equations take more care in that factorization.
    var lostAccuracy: Bool { get }
}

extension NormalEquations {
    var refinesItsSolves: Bool { false }
    var lostAccuracy: Bool { false }

    /// The energy error ‖Θ^½Aᵀ(v − p)‖ / ‖Θ^½Aᵀp‖ of the solve of M v = M p for p = (1, −1, 1, …)
    /// with the last factorization: a check of a factorization whose accuracy is not assured.
    /// Allocates: once per factorization.
    func probeError(_ form: StandardForm, theta: [Double], regularization: Double) -> Double {
        let m = form.rowCount, n = theta.count, a = form.matrix
        let p = Self.probe(rows: m)
        var t = [Double](repeating: 0, count: n)
        a.transposeMultiply(p, writingTo: &t)
        var base = 0.0
        for j in 0..<n { base += theta[j] * t[j] * t[j]; t[j] *= theta[j] }
        var r = [Double](repeating: 0, count: m)
        a.multiply(t, writingTo: &r)
        for i in 0..<m { r[i] += regularization * p[i] }
        solve(&r)
        for i in 0..<m { r[i] -= p[i] }
        a.transposeMultiply(r, writingTo: &t)
        var error = 0.0
        for j in 0..<n { error += theta[j] * t[j] * t[j] }
        return (error / base).squareRoot()
    }

    /// The probe p = (1, −1, 1, …) of `probeError`.
    static func probe(rows m: Int) -> [Double] { (0..<m).map { $0 % 2 == 0 ? 1.0 : -1.0 } }
}
