import LinearProgramming

/// A simple LP presolve: repeatedly drops empty and free rows, turns singleton rows into
/// variable bounds, substitutes out fixed columns and empty columns (at the bound their cost
/// prefers), and merges rows that are exact multiples of another, until nothing changes.
/// The result is a smaller program with the same optimal value, and a postsolve that maps its
/// primal and dual solutions back to the original (see ``PresolvedProgram``); or a verdict
/// (infeasible, unbounded-if-feasible) reached on the way, naming the row or column.
///
///     switch try Presolve().reduce(program) {
///     case .reduced(let presolved):   // solve presolved.program, then presolved.postsolve(…)
///     case .infeasible(let reason), .unbounded(let reason): // solve `program` itself for a ray
///     }
struct Presolve: Sendable {
    /// Relative tolerance of the feasibility tests: an empty row is infeasible when 0 misses
    /// [l, u] by more than tolerance·(1 + size of the numbers the bounds came from); crossed
    /// bounds likewise. Smaller crossings are rounding and are closed.
    var feasibilityTolerance = 1e-9
    /// Singleton rows with |a| ≤ this, and duplicate rows with |ratio| ≤ this, are left alone
    /// (dividing by them would blow up the bounds).
    var pivotTolerance = 1e-9
    /// Whether to look for rows that are exact multiples of another (one hash pass per sweep).
    var duplicateRows = true

    init() {}

    /// Reduces a continuous program (either sense).
    /// - Throws: the program's ``LinearProgram/validate()`` error, or
    ///   ``InteriorPointError/integerVariables(count:)``.
    func reduce(_ program: LinearProgram) throws -> PresolveOutcome {
        try program.validate()
        let integers = program.variables.filter(\.isInteger).count
        guard integers == 0 else { throw InteriorPointError.integerVariables(count: integers) }
        var state = PresolveState(program: program, tolerance: feasibilityTolerance, pivotTolerance: pivotTolerance)
        do {
            var changed = true
            while changed {
                changed = false
                state.statistics.passes += 1
                for i in 0..<program.constraintCount where state.rowActive[i] {
                    if try state.reduceRow(i) { changed = true }
                }
                for j in 0..<program.variableCount where state.columnActive[j] {
                    if try state.reduceColumn(j) { changed = true }
                }
                if !changed && duplicateRows { changed = try state.mergeDuplicateRows() }
            }
        } catch let finding as PresolveState.Finding {
            switch finding {
            case .infeasible(let reason): return .infeasible(reason: reason)
            case .unbounded(let reason): return .unbounded(reason: reason)
            }
        }
        return .reduced(PresolvedProgram(state))
    }
}
