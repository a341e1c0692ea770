/// What a solver solves. LP solvers refuse integer columns instead of silently solving the
/// relaxation: ask for it with ``LinearProgram/linearRelaxation()``.
public enum SolverScope: Sendable {
    /// An LP solver (simplex, interior point): integer columns are refused.
    case linearOnly
    /// A mixed-integer solver (branch-and-cut).
    case mixedInteger
}

extension LinearProgram {
    /// The one entry every solver calls first: ``validate()``, the integer rule of `scope`
    /// (`LinearProgrammingError.integerColumnsInLPSolver` for an LP solver given integer
    /// columns), then the ``NumericPolicy``. The solver solves the returned program; check its
    /// answer against the same program (the policy is idempotent, so re-applying it is safe).
    public func preparedForSolver(_ scope: SolverScope, policy: NumericPolicy = .standard) throws -> PreparedProgram {
        try validate()
        if scope == .linearOnly {
            guard integerVariableCount == 0 else {
                throw LinearProgrammingError.integerColumnsInLPSolver(count: integerVariableCount)
            }
        }
        return try policy.apply(to: self)
    }

    /// A copy with every integer and binary variable continuous and every bound kept: the LP
    /// relaxation, for an LP solver when the relaxation is what is wanted.
    public func linearRelaxation() -> LinearProgram {
        var relaxed = self
        for j in relaxed.variables.indices { relaxed.variables[j].kind = .continuous }
        return relaxed
    }

    /// The number of integer and binary variables.
    public var integerVariableCount: Int { variables.count { $0.isInteger } }
}
