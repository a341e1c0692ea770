import CGLPK
import Dispatch
import LinearProgramming

/// GLPK's simplex on one loaded problem that grows by rows (``RowSession``). New rows enter with
/// their auxiliary variables basic, so the previous optimal basis stays a basis and stays dual
/// feasible: the dual simplex (presolve off) re-optimises from it in a few pivots instead of
/// solving the enlarged problem from scratch. The first solve, a solve after one that ended
/// without a usable basis (numerical error, GLPK internal error) and a warm solve that ends in a
/// numerical error (for instance a singular basis) are cold: the problem with every row so far is
/// loaded afresh and solved exactly as ``GLPKSolver/solve(_:)`` would. Every answer is settled by
/// the same certificate search, under the same error hook and time limits, as a cold solve.
final class GLPKRowSession: RowSession {
    private let solver: GLPKSolver
    /// The program as GLPK holds it (checked once by ``GLPKSolver/prepared(_:)``, added rows by
    /// ``LinearProgram/preparedRows(_:policy:)``): what the certificate search works on.
    private var program: LinearProgram
    private var nonzeros: Int
    private var problem: GLPKProblem?
    /// Whether `problem` holds a basis from a previous solve that the next one may start from.
    private var hasBasis = false

    init(solver: GLPKSolver, program: LinearProgram) {
        self.solver = solver
        self.program = program
        nonzeros = program.nonzeroCount
    }

    func addRows(_ rows: [Constraint]) throws {
        let rows = try program.preparedRows(rows)
        let added = rows.reduce(0) { $0 + $1.columns.count }
        guard program.constraintCount + rows.count < Int(Int32.max), nonzeros + added < Int(Int32.max) else {
            throw LinearProgrammingError.solverFailure(solver: solver.name, reason: "the model is too large for GLPK's 32-bit indices")
        }
        program.constraints += rows
        nonzeros += added
        if hasBasis, var loaded = problem {       // otherwise the next solve loads the whole program
            loaded.addRows(rows)
            problem = loaded
        }
    }

    func solve() throws -> Solution {
        let start = DispatchTime.now()
        let stop = solver.settings.stop(startedAt: start.uptimeNanoseconds)
        if stop?.hasPassed == true { return Solution(status: .timeLimit, solver: solver.name) }
        let solution = GLPKTerminal.capture(logger: solver.settings.logger) { _ in run(stop: stop) }
        return try solver.finished(solution, for: program, stop: stop, start: start)
    }

    /// Deletes the GLPK problem; the session is not used again.
    func close() {
        problem?.delete()
        problem = nil
        hasBasis = false
    }

    private func run(stop: Deadline?) -> Solution {
        if hasBasis, let problem {
            let solution = solver.simplex(on: problem, model: program, stop: stop, warm: true, byDual: true)
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
