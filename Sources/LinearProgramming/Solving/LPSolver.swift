/// Anything that solves a ``LinearProgram``. Code that needs "a solver" takes `any LPSolver`.
///
/// `solve` throws only for bad input (see ``LinearProgram/validate()``) or invalid settings;
/// infeasible, unbounded and limit outcomes come back as a ``Solution`` status.
public protocol LPSolver: Sendable {
    /// A short name for reports, e.g. "glpk-simplex".
    var name: String { get }
    func solve(_ problem: LinearProgram) throws -> Solution
}
