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
    /// Writes the iteration log to `logger` (iteration, objectives, residuals, gap, μ, step).
    public var verbose: Bool = false
    /// Receives log lines when `verbose` is set; the solver prints nothing itself.
    public var logger: (@Sendable (String) -> Void)? = nil

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
    }
}
