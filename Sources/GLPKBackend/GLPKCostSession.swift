import CGLPK
import Dispatch
import LinearProgramming

/// GLPK's simplex on one loaded problem, solved again for each new cost vector from the basis
/// the previous solve left (``CostSession``). Changing costs keeps that basis primal feasible,
/// so the primal simplex re-optimises in a few pivots instead of starting from GLPK's advanced
/// basis. The first solve, a solve after one that ended without a usable basis (numerical error,
/// GLPK internal error) and a warm solve that ends in a numerical error are cold: the problem is
/// loaded afresh and solved exactly as ``GLPKSolver/solve(_:)`` would. Every answer is settled by
/// the same certificate search, under the same error hook and time limits, as a cold solve.
final class GLPKCostSession: CostSession {
    private let solver: GLPKSolver
    /// The program as GLPK holds it (checked once by ``GLPKSolver/prepared(_:)``), with the
    /// costs of the latest solve: what the certificate search works on.
    private var program: LinearProgram
    private var problem: GLPKProblem?
    /// Whether `problem` holds a basis from a previous solve that the next one may start from.
    private var hasBasis = false

    init(solver: GLPKSolver, program: LinearProgram) {
        self.solver = solver
        self.program = program
    }

    func solve(costs: [Double]) throws -> Solution {
        let costs = try NumericPolicy.standard.preparedCosts(costs, for: program)
        for j in costs.indices { program.variables[j].cost = costs[j] }
        let start = DispatchTime.now()
        let stop = solver.settings.stop(startedAt: start.uptimeNanoseconds)
        if stop?.hasPassed == true { return Solution(status: .timeLimit, solver: solver.name) }
        let solution = GLPKTerminal.capture(logger: solver.settings.logger) { _ in run(costs, stop: stop) }
        return try solver.finished(solution, for: program, stop: stop, start: start)
    }

    /// Deletes the GLPK problem; the session is not used again.
    func close() {
        problem?.delete()
        problem = nil
        hasBasis = false
    }

    private func run(_ costs: [Double], stop: Deadline?) -> Solution {
        if hasBasis, let problem {
            problem.setCosts(costs)
            let solution = solver.simplex(on: problem, model: program, stop: stop, warm: true)
            if solution.status != .numericalError { return solution }
        }
        close()                                                                 // cold: load afresh
        guard let fresh = GLPKProblem.loaded(program, integer: false) else {
            return Solution(status: .numericalError, solver: solver.simplexName)
        }
        problem = fresh
        let solution = solver.simplex(on: fresh, model: program, stop: stop, warm: false)
        hasBasis = !fresh.isFreed && solution.status != .numericalError
        if fresh.isFreed { problem = nil }
        return solution
    }
}
