import Dispatch
import LinearProgramming

/// One GLPK problem kept loaded between simplex solves of a changing program — what
/// ``GLPKCostSession`` and ``GLPKRowSession`` share. A solve starts from the basis the previous
/// one left, after the session has brought the loaded problem up to date; the first solve, a
/// solve after one that ended without a usable basis (numerical error, GLPK internal error) and
/// a warm solve that ends in a numerical error are cold: `program` is loaded afresh and solved
/// exactly as ``GLPKSolver/solve(_:)`` would. Every answer is settled by the same certificate
/// search, under the same error hook and time limits, as a cold solve.
final class GLPKWarmSimplex {
    let solver: GLPKSolver
    /// The program as GLPK holds it: what a cold solve loads and the certificate search works on.
    var program: LinearProgram
    private var problem: GLPKProblem?

    init(solver: GLPKSolver, program: LinearProgram) {
        self.solver = solver
        self.program = program
    }

    /// Solves `program`; a warm solve first applies `update` to the loaded problem (the changes
    /// made to `program` since the last solve) and runs the dual simplex when `byDual`.
    func solve(byDual: Bool, update: (inout GLPKProblem) -> Void) throws -> Solution {
        let start = DispatchTime.now()
        let stop = solver.settings.stop(startedAt: start.uptimeNanoseconds)
        if stop?.hasPassed == true { return Solution(status: .timeLimit, solver: solver.name) }
        let solution = GLPKTerminal.capture(logger: solver.settings.logger) { _ in run(stop: stop, byDual: byDual, update: update) }
        return try solver.finished(solution, for: program, stop: stop, start: start)
    }

    /// Deletes the GLPK problem; the next solve is cold.
    func close() {
        problem?.delete()
        problem = nil
    }

    private func run(stop: Deadline?, byDual: Bool, update: (inout GLPKProblem) -> Void) -> Solution {
        if var warm = problem {                                                 // a problem is kept only with a usable basis
            update(&warm)
            problem = warm
            let solution = solver.simplex(on: warm, model: program, stop: stop, warm: true, byDual: byDual)
            if solution.status != .numericalError { return solution }
        }
        close()                                                                 // cold: load afresh
        guard let fresh = GLPKProblem.loaded(program, integer: false) else {
            return Solution(status: .numericalError, solver: solver.simplexName)
        }
        let solution = solver.simplex(on: fresh, model: program, stop: stop, warm: false)
        if fresh.isFreed { return solution }
        problem = fresh
        if solution.status == .numericalError { close() }                       // no basis to start from
        return solution
    }
}
