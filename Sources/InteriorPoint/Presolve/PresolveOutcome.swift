/// What ``Presolve/reduce(_:)`` found: a smaller equivalent program, or a proof-less verdict
/// reached while reducing. The verdicts carry no ray: solve the original program to get one.
enum PresolveOutcome: Sendable {
    /// The reduced program and how to map its solutions back.
    case reduced(PresolvedProgram)
    /// No point satisfies the constraints; `reason` names the row or column that shows it.
    case infeasible(reason: String)
    /// The objective improves without limit along one column **if** the program is feasible
    /// (presolve does not check feasibility of the rest); `reason` names the column.
    case unbounded(reason: String)
}
