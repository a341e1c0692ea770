/// Misuse and I/O failures of the benchmark tool; each message says what to change.
enum BenchError: Error, CustomStringConvertible {
    /// A command-line option whose value cannot be used.
    case badOption(name: String, value: String, reason: String)
    /// A results file or folder that cannot be created or written.
    case unwritableFile(path: String, reason: String)

    var description: String {
        switch self {
        case let .badOption(name, value, reason):
            return "\(name) \(value): \(reason)"
        case let .unwritableFile(path, reason):
            return "cannot write \(path) (\(reason)); choose another path with --csv or check that the folder is writable"
        }
    }
}
