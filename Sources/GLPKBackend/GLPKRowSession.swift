import LinearProgramming

/// GLPK's simplex on one loaded problem that grows by rows (``RowSession``). New rows enter with
/// their auxiliary variables basic, so the previous optimal basis stays a basis and stays dual
/// feasible: the dual simplex (presolve off) re-optimises from it in a few pivots instead of
/// solving the enlarged problem from scratch. When and how a solve is cold instead (with every
/// row so far), and how its answer is settled: ``GLPKWarmSimplex``.
final class GLPKRowSession: RowSession {
    /// The loaded problem, whose program holds every row so far (checked once by
    /// ``GLPKSolver/prepared(_:)``, added rows by ``LinearProgram/preparedRows(_:policy:)``).
    private let simplex: GLPKWarmSimplex
    private var nonzeros: Int
    /// Rows added since the last solve, not yet in the loaded problem.
    private var pending: [Constraint] = []

    init(solver: GLPKSolver, program: LinearProgram) {
        simplex = GLPKWarmSimplex(solver: solver, program: program)
        nonzeros = program.nonzeroCount
    }

    func addRows(_ rows: [Constraint]) throws {
        let rows = try simplex.program.preparedRows(rows)
        let added = rows.reduce(0) { $0 + $1.columns.count }
        guard simplex.program.constraintCount + rows.count < Int(Int32.max), nonzeros + added < Int(Int32.max) else {
            throw LinearProgrammingError.solverFailure(solver: simplex.solver.name, reason: "the model is too large for GLPK's 32-bit indices")
        }
        simplex.program.constraints += rows
        nonzeros += added
        pending += rows
    }

    func solve() throws -> Solution {
        let rows = pending
        pending = []                                                            // a cold solve loads them with the rest
        return try simplex.solve(byDual: true) { $0.addRows(rows) }
    }

    /// Deletes the GLPK problem; the session is not used again.
    func close() {
        simplex.close()
    }
}
