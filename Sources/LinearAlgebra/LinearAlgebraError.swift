import CLinearAlgebra

/// Misuse and bad input in the LinearAlgebra module, and the failures LAPACK reports.
///
/// Every LAPACK failure carries LAPACK's `info` value: a positive `info` names the pivot,
/// minor or diagonal entry (1-based, as LAPACK counts) where the factorization broke down.
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
    /// An input entry is NaN or infinite (0-based; a vector entry has `column` 0).
    case nonFinite(row: Int, column: Int)
    /// Cholesky failed: the leading minor of order `minor` (1-based) is not positive definite.
    case notPositiveDefinite(minor: Int)
    /// LDLᵀ found an exactly zero diagonal block at `pivot` (1-based): the matrix is singular.
    case singular(pivot: Int)
    /// Least squares found an exactly zero diagonal entry `info` (1-based) in the triangular
    /// factor: the matrix does not have full rank.
    case rankDeficient(info: Int)
    /// LAPACK rejected its argument number `position`; validation should have prevented it.
    case invalidArgument(position: Int)
    /// LAPACKE could not allocate its workspace (it returned `info`, -1010 or -1011).
    case workspaceAllocationFailed(info: Int)

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
        case let .nonFinite(row, column):
            return "entry (\(row), \(column)) is NaN or infinite; factorizations and solves need finite input"
        case let .notPositiveDefinite(minor):
            return "the matrix is not positive definite: Cholesky broke down at the leading minor of order \(minor); use SymmetricIndefiniteFactorization or regularize the matrix"
        case let .singular(pivot):
            return "the matrix is singular: the LDLᵀ factorization has an exactly zero diagonal block at pivot \(pivot); the system has no unique solution"
        case let .rankDeficient(info):
            return "the matrix does not have full rank: diagonal entry \(info) of its triangular factor is exactly zero; remove dependent columns (or rows) first"
        case let .invalidArgument(position):
            return "LAPACK rejected argument \(position); this is a bug in LinearAlgebra's validation, please report it"
        case let .workspaceAllocationFailed(info):
            return "LAPACKE could not allocate workspace (info \(info)); the problem is too large for the available memory"
        }
    }

    /// The error for a negative LAPACKE `info`: an allocation failure or a rejected argument.
    static func lapackRejected(_ info: Int32) -> LinearAlgebraError {
        if info == LAPACK_WORK_MEMORY_ERROR || info == LAPACK_TRANSPOSE_MEMORY_ERROR {
            return .workspaceAllocationFailed(info: Int(info))
        }
        return .invalidArgument(position: Int(-info))
    }
}
