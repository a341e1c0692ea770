/// Misuse and bad input in the LinearAlgebra module.
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A size did not match: `what` names the quantity and the operation that checked it.
    case dimensionMismatch(what: String, expected: Int, actual: Int)
    /// A matrix was given a negative number of rows or columns.
    case negativeDimension(rows: Int, columns: Int)
    /// A (row, column) index lies outside a `rows × columns` matrix (0-based).
    case indexOutOfRange(row: Int, column: Int, rows: Int, columns: Int)
    /// Compressed-column arrays whose `columnStart[index]` breaks the rules: start at 0,
    /// never decrease, end at the number of stored entries.
    case invalidColumnStart(index: Int, value: Int)
    /// Compressed-column arrays whose row indices in `column` are unsorted or repeated.
    case rowIndicesNotIncreasing(column: Int)
    /// A LAPACK routine returned `info` ≠ 0: negative, argument −info was illegal; positive, the
    /// routine's own failure (for `dsyevd`, that many off-diagonal elements did not converge).
    case lapackFailure(routine: String, info: Int)
    /// A matrix given to a routine that cannot handle NaN or ±∞ held one (0-based entry).
    case notFinite(what: String, row: Int, column: Int)

    public var description: String {
        switch self {
        case let .dimensionMismatch(what, expected, actual):
            return "dimension mismatch: \(what) is \(actual), expected \(expected); check the shapes of the arguments"
        case let .negativeDimension(rows, columns):
            return "a matrix cannot be \(rows) × \(columns): rows and columns must be zero or positive"
        case let .indexOutOfRange(row, column, rows, columns):
            return "entry (\(row), \(column)) lies outside a \(rows) × \(columns) matrix; indices are 0-based, rows in 0..<\(rows), columns in 0..<\(columns)"
        case let .invalidColumnStart(index, value):
            return "columnStart[\(index)] = \(value) is invalid: columnStart must start at 0, never decrease, and end at the number of stored entries (rowIndex.count)"
        case let .rowIndicesNotIncreasing(column):
            return "row indices in column \(column) are not strictly increasing (unsorted or repeated); sort them within each column and merge duplicates, or build the matrix with init(rows:columns:triplets:)"
        case let .lapackFailure(routine, info):
            return info < 0
                ? "LAPACK \(routine) rejected its argument \(-info) (info = \(info)); this is a bug in the caller"
                : "LAPACK \(routine) failed to converge (info = \(info)); the matrix may be badly scaled"
        case let .notFinite(what, row, column):
            return "\(what) has a non-finite entry at (\(row), \(column)); NaN and infinity have no eigen-decomposition"
        }
    }
}
