/// Sizes before and after ``Presolve`` and how many reductions of each kind it made.
struct PresolveStatistics: Sendable, Equatable {
    var rowsBefore = 0, columnsBefore = 0, nonzerosBefore = 0
    var rowsAfter = 0, columnsAfter = 0, nonzerosAfter = 0
    /// Rows with no variables left (dropped, dual 0).
    var emptyRows = 0
    /// Rows with both bounds infinite (dropped, dual 0).
    var freeRows = 0
    /// Rows with one variable left, turned into bounds on it.
    var singletonRows = 0
    /// Rows parallel to another row, merged into it.
    var duplicateRows = 0
    /// Columns with lower == upper (possibly after tightening), substituted out.
    var fixedColumns = 0
    /// Columns in no remaining row, set to the bound their cost prefers.
    var emptyColumns = 0
    /// Sweeps over the rows and columns until nothing changed.
    var passes = 0
}
