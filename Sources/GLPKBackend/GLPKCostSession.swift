import LinearProgramming

/// GLPK's simplex on one loaded problem, solved again for each new cost vector from the basis
/// the previous solve left (``CostSession``). Changing costs keeps that basis primal feasible,
/// so the primal simplex re-optimises in a few pivots instead of starting from GLPK's advanced
/// basis. When and how a solve is cold instead, and how its answer is settled: ``GLPKWarmSimplex``.
final class GLPKCostSession: CostSession {
    /// The loaded problem, whose program carries the costs of the latest solve (checked once by
    /// ``GLPKSolver/prepared(_:)``).
    private let simplex: GLPKWarmSimplex

    init(solver: GLPKSolver, program: LinearProgram) {
        simplex = GLPKWarmSimplex(solver: solver, program: program)
    }

    func solve(costs: [Double]) throws -> Solution {
        let costs = try NumericPolicy.standard.preparedCosts(costs, for: simplex.program)
        for j in costs.indices { simplex.program.variables[j].cost = costs[j] }
        return try simplex.solve(byDual: false) { $0.setCosts(costs) }
    }

    /// Deletes the GLPK problem; the session is not used again.
    func close() {
        simplex.close()
    }
}
