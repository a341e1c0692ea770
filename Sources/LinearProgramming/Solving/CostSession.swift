/// One LP loaded into a solver and solved again for new objective costs, its constraints and
/// bounds unchanged. A solver that can warm start (GLPK's simplex) re-optimises from the previous
/// basis, which stays primal feasible when only costs change; any other solver solves each cost
/// vector from scratch (``ColdCostSession``). Either way every answer is the ``Solution`` a cold
/// `solve` of the program with those costs would give: status, point, duals, reduced costs and
/// the certificate-search rays. Open one with ``LPSolver/withCostSession(for:_:)``; it lives only
/// inside that call, on its thread.
public protocol CostSession {
    /// The LP with `costs` (one per variable, in place of its objective coefficients) solved.
    /// Throws for a wrong count or a cost the ``NumericPolicy`` refuses (non-finite, too large).
    func solve(costs: [Double]) throws -> Solution
}

/// The session of a solver without warm starts: each ``solve(costs:)`` is a cold `solve` of the
/// program with its costs replaced (validated and prepared as any solve is).
public struct ColdCostSession: CostSession {
    public let solver: any LPSolver
    public let program: LinearProgram

    public init(solver: any LPSolver, program: LinearProgram) {
        self.solver = solver
        self.program = program
    }

    public func solve(costs: [Double]) throws -> Solution {
        try solver.solve(program.replacingCosts(costs))
    }
}

extension LPSolver {
    /// The cold fallback: ``ColdCostSession``.
    public func withCostSession<Result>(for problem: LinearProgram,
                                        _ body: (any CostSession) throws -> Result) throws -> Result {
        try body(ColdCostSession(solver: self, program: problem))
    }
}

extension LinearProgram {
    /// A copy with `costs` as the objective coefficients (one per variable; otherwise
    /// `LinearProgrammingError.dimensionMismatch`). Other checks are the solver's.
    public func replacingCosts(_ costs: [Double]) throws -> LinearProgram {
        guard costs.count == variableCount else {
            throw LinearProgrammingError.dimensionMismatch(what: "objective costs (one per variable)", expected: variableCount, actual: costs.count)
        }
        var program = self
        for j in program.variables.indices { program.variables[j].cost = costs[j] }
        return program
    }
}
