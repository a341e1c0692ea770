/// Anything that solves a ``LinearProgram``. Code that needs "a solver" takes `any LPSolver`.
///
/// `solve` throws only for bad input (see ``LinearProgram/validate()``) or invalid settings;
/// infeasible, unbounded and limit outcomes come back as a ``Solution`` status.
public protocol LPSolver: Sendable {
    /// A short name for reports, e.g. "glpk-simplex".
    var name: String { get }
    func solve(_ problem: LinearProgram) throws -> Solution
    /// Runs `body` with a ``CostSession`` holding `problem`, for solving it again and again with
    /// new costs (validated and prepared once where the solver keeps the model loaded). The
    /// default is ``ColdCostSession``; GLPK's simplex warm starts.
    func withCostSession<Result>(for problem: LinearProgram, _ body: (any CostSession) throws -> Result) throws -> Result
    /// Runs `body` with a ``RowSession`` holding `problem`, for solving it, adding rows and
    /// solving again (cutting planes). The default is ``ColdRowSession``; GLPK's simplex warm
    /// starts with its dual simplex.
    func withRowSession<Result>(for problem: LinearProgram, _ body: (any RowSession) throws -> Result) throws -> Result
}
