import LinearProgramming

/// Settings of an ``InteriorPointSolver``: one flat struct, validated when a solve starts.
public struct InteriorPointSettings: Sendable {
    /// Relative duality gap |cᵀx − bᵀy| / (1 + |cᵀx|) at which a solution counts as optimal.
    public var gapTolerance: Double = 1e-8
    /// Relative primal and dual infeasibility ‖r‖∞ / (1 + ‖data‖∞) at which a point counts as feasible.
    public var feasibilityTolerance: Double = 1e-8
    /// Iteration limit; reaching it ends with status `iterationLimit` and the last iterate.
    public var maxIterations: Int = 200
    /// Wall-clock limit in seconds (nil: none); reaching it ends with status `timeLimit`.
    public var timeLimit: Double? = nil
    /// An absolute deadline shared with the caller's other work (nil: none); the solve stops at
    /// the earlier of it and `timeLimit` after the solve began, with status `timeLimit` — also
    /// when it passes during presolve or the infeasibility / unboundedness certificate search.
    public var deadline: Deadline? = nil
    /// Simple presolve (empty/singleton rows, fixed/empty columns) before the interior point.
    public var presolve: Bool = true
    /// Ruiz equilibration of the internal copy of A (the caller's model is never modified).
    public var scaling: Bool = true
    /// Receives the log (presolve, the backend chosen, one line per iteration with objectives,
    /// residuals, gap, μ and step lengths, how the iteration ended); nil: quiet. The solver
    /// prints nothing itself.
    public var logger: (@Sendable (String) -> Void)? = nil

    // MARK: Working constants of the iteration
    // The defaults are the values all of Netlib solves with; they are settings so that an
    // experiment can vary them, not knobs a caller needs.

    /// Proximal regularisation ρ added to Θ⁻¹ = z_l/w_l + z_u/w_u + ρ for a column with a finite bound.
    public var boundedColumnRegularization: Double = 1e-12
    /// Proximal regularisation ρ for a free column (no finite bound), where it alone keeps Θ finite.
    public var freeColumnRegularization: Double = 1e-8
    /// Regularisation δ of the normal equations A Θ Aᵀ + δ I for Mehrotra's starting point.
    public var startingRegularization: Double = 1e-10
    /// Smallest δ: after a step that did not collapse, δ relaxes to max(this, δ/10).
    public var minimumRegularization: Double = 1e-12
    /// After a collapsed step the iteration re-factors with δ ← max(`regularizationGrowth`·δ,
    /// `retryRegularization`).
    public var regularizationGrowth: Double = 1e3
    /// The smallest δ of a re-factorization after a collapsed step.
    public var retryRegularization: Double = 1e-9
    /// A step collapsed when both step lengths are below this (the factorization lost accuracy).
    public var collapsedStepLength: Double = 1e-6
    /// Re-factorizations with a larger δ after a collapsed step before the step is taken anyway.
    public var factorizationRetries: Int = 3
    /// The run has stalled (and ends at its best iterate) after this many iterations without
    /// halving the merit max(primal infeasibility, dual infeasibility, gap).
    public var stallIterations: Int = 30
    /// Once the best merit is at most `nearlyOptimalMerit` — an iterate the independent `verify`
    /// (tolerance 1e-6, relative) will most likely accept — the run has stalled after this many
    /// iterations without halving it. dfl001 reached a merit of 2.4e-7 at iteration 48 and then
    /// spent 30 more iterations (1.3 s) without getting below it, to end at that iterate anyway.
    public var nearlyOptimalStallIterations: Int = 5
    /// See ``nearlyOptimalStallIterations``.
    public var nearlyOptimalMerit: Double = 1e-6
    /// A step is tiny when both step lengths are below this ...
    public var tinyStepLength: Double = 1e-7
    /// ... and the run has stalled after this many tiny steps in a row.
    public var tinyStepLimit: Int = 5
    /// Each step goes this fraction of the way to the boundary of w, z ≥ 0 (at most a full step).
    public var fractionToBoundary: Double = 0.9995
    /// The iterates diverge (a sign of infeasibility or unboundedness) when some |xⱼ|, zⱼ or |yᵢ| exceeds this.
    public var divergenceLimit: Double = 1e13
    /// Gondzio's centrality correctors after Mehrotra's corrector, at most this many per
    /// iteration, each one more solve with the same factorization (0: Mehrotra's alone). Used
    /// with the sparse row-space Cholesky: on Netlib two cut the iterations by 12 % and the
    /// time by 15 % (dfl001 77 → 46 iterations; one corrector: 81). The dense and column-space
    /// paths of network encodings skip them, where they cost more solve time than the
    /// iterations they save (48×4: 13 → 11 iterations, 28 → 33 ms), and so does the split path,
    /// whose Woodbury solves are not accurate enough for them (a random LP with dependent rows
    /// ended in a numerical error).
    public var centralityCorrectors: Int = 2
    /// Steps of iterative refinement of each normal-equations solve against the unregularised A Θ Aᵀ.
    public var refinementSteps: Int = 3
    /// The sparse Cholesky is used when its flop count is below this fraction of the dense one's
    /// (m³/3 for m rows); measured on Netlib, sparse is never slower by more than 0.04 s above 0.36.
    public var sparseFlopsFraction: Double = 0.3
    /// The Cholesky of the normal equations; `automatic` (the default) chooses by the fraction
    /// above, `dense`, `sparse` or `split` forces one (to compare them: all give the same answers).
    public var cholesky: CholeskyChoice = .automatic

    public init() {}

    /// Throws ``InteriorPointError/invalidSetting(name:value:reason:)`` for a bad value.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ value: Double, _ reason: String) throws {
            if !ok { throw InteriorPointError.invalidSetting(name: name, value: value, reason: reason) }
        }
        try check(gapTolerance > 0 && gapTolerance < 1, "gapTolerance", gapTolerance, "must lie in (0, 1)")
        try check(feasibilityTolerance > 0 && feasibilityTolerance < 1, "feasibilityTolerance",
                  feasibilityTolerance, "must lie in (0, 1)")
        try check(maxIterations > 0, "maxIterations", Double(maxIterations), "must be positive")
        if let limit = timeLimit {
            try check(limit > 0 && limit.isFinite, "timeLimit", limit, "must be a positive number of seconds")
        }
        for (name, value) in [("boundedColumnRegularization", boundedColumnRegularization),
                              ("freeColumnRegularization", freeColumnRegularization),
                              ("startingRegularization", startingRegularization),
                              ("minimumRegularization", minimumRegularization),
                              ("retryRegularization", retryRegularization)] {
            try check(value > 0 && value < 1, name, value, "must lie in (0, 1)")
        }
        try check(regularizationGrowth > 1 && regularizationGrowth.isFinite, "regularizationGrowth",
                  regularizationGrowth, "must be a finite number above 1")
        for (name, value) in [("collapsedStepLength", collapsedStepLength), ("tinyStepLength", tinyStepLength),
                              ("fractionToBoundary", fractionToBoundary), ("sparseFlopsFraction", sparseFlopsFraction)] {
            try check(value > 0 && value < 1, name, value, "must lie in (0, 1)")
        }
        try check(divergenceLimit > 1 && divergenceLimit.isFinite, "divergenceLimit", divergenceLimit,
                  "must be a finite number above 1")
        try check(factorizationRetries >= 0, "factorizationRetries", Double(factorizationRetries), "must be zero or positive")
        try check(refinementSteps >= 0, "refinementSteps", Double(refinementSteps), "must be zero or positive")
        try check(centralityCorrectors >= 0, "centralityCorrectors", Double(centralityCorrectors), "must be zero or positive")
        try check(stallIterations > 0, "stallIterations", Double(stallIterations), "must be positive")
        try check(nearlyOptimalStallIterations > 0, "nearlyOptimalStallIterations", Double(nearlyOptimalStallIterations),
                  "must be positive")
        try check(nearlyOptimalMerit >= 0 && nearlyOptimalMerit.isFinite, "nearlyOptimalMerit", nearlyOptimalMerit,
                  "must be finite and non-negative")
        try check(tinyStepLimit > 0, "tinyStepLimit", Double(tinyStepLimit), "must be positive")
    }
}
