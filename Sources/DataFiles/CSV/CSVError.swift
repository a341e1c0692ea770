/// Bad CSV input, tables that cannot be built, and CSV files that cannot be read or written.
/// The messages say what is wrong and where (file, line, column), and what to do.
public enum CSVError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The text is malformed; `line` and `column` are 1-based (`column` is 0 for a whole line).
    case malformed(line: Int, column: Int, reason: String)
    /// A column name that the table does not have.
    case unknownColumn(name: String, available: [String])
    /// A header that cannot name a table's columns (`value` quotes it).
    case invalidHeader(value: String, reason: String)
    /// Columns of the wrong number or length.
    case dimensionMismatch(what: String, expected: Int, actual: Int)
    /// A value is NaN or infinite; `what` says where it sits.
    case nonFiniteValue(what: String)
    case fileNotFound(path: String)
    case unreadableFile(path: String, reason: String)
    case unwritableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .malformed(line, column, reason):
            let place = column > 0 ? "line \(line), column \(column)" : "line \(line)"
            return "CSV \(place): \(reason)"
        case let .unknownColumn(name, available):
            let list = available.isEmpty ? "the table has no columns" :
                "available columns: " + available.map { "'\($0)'" }.joined(separator: ", ")
            return "no column named '\(name)'; \(list)"
        case let .invalidHeader(value, reason):
            return "setting header = \(value): \(reason)"
        case let .dimensionMismatch(what, expected, actual):
            return "\(what): expected \(expected) entries, got \(actual)"
        case let .nonFiniteValue(what):
            return "\(what) is not a finite number; remove or repair NaN and infinite values"
        case let .fileNotFound(path):
            return "no such file: \(path)"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .unwritableFile(path, reason):
            return "cannot write \(path) (\(reason)); check that the folder exists and is writable"
        }
    }
}

extension CSVError {
    /// A ``FileError`` from reading or writing `path` as a CSV error: `.fileNotFound`,
    /// `.unreadableFile` or `.unwritableFile`.
    init(_ error: FileError, path: String, writing: Bool = false) {
        switch error {
        case .notFound: self = .fileNotFound(path: path)
        case .notRegularFile(_, "a directory"): self = .unreadableFile(path: path, reason: "it is a folder; give the path of a file")
        default: self = writing ? .unwritableFile(path: path, reason: error.reason) : .unreadableFile(path: path, reason: error.reason)
        }
    }
}
