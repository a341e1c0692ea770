import LinearProgramming
import Solvers

/// The solvers the Netlib benchmark knows by name (the names of its result tables), each a
/// ``SolverChoice`` built with a time limit where the solver supports one. Everything else in
/// the benchmark works on `any LPSolver`.
enum NetlibSolvers {
    /// Names in the default order of `--solvers`, with the solver each stands for.
    static let choices: [(name: String, choice: SolverChoice)] = [("ipm", .ipm), ("glpk-simplex", .simplex), ("glpk-interior", .interior)]

    /// Names in the default order of `--solvers`.
    static let names = choices.map(\.name)

    /// Whether the solver stops itself at `--time-limit` (the others are stopped by the benchmark).
    static func honoursTimeLimit(_ name: String) -> Bool { choice(named: name)?.honoursTimeLimit ?? true }

    /// The solver called `name`, or nil for an unknown name.
    static func solver(named name: String, timeLimit: Double?) -> (any LPSolver)? {
        // GLPK's interior point has no time limit; the benchmark kills its process instead.
        choice(named: name).map { $0.makeSolver(timeLimit: $0.honoursTimeLimit ? timeLimit : nil) }
    }

    static func choice(named name: String) -> SolverChoice? {
        choices.first { $0.name == name }?.choice
    }
}
