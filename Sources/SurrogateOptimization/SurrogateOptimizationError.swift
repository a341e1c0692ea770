/// Misuse and bad input in surrogate problems, ``DataConvexity`` and ``ConvexRegression``;
/// solver outcomes are statuses, never errors.
public enum SurrogateOptimizationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A surrogate with a smooth nonlinearity (smooth max, softplus): no LP or MILP equals it.
    case smoothModel(surrogate: String, nonlinearity: String)
    case notEncodable(surrogate: String, reason: String)
    case notConvex(surrogate: String, reason: String)
    case unboundedInput(surrogate: String, input: Int)
    case inputCountMismatch(surrogate: String, expected: Int, actual: Int)
    case unknownName(kind: String, name: String, entry: String)
    case duplicateName(kind: String, name: String)
    case invalidProblem(entry: String, reason: String)
    case missingFile(path: String, entry: String)
    /// A data set without samples (``DataConvexity``, ``ConvexRegression``).
    case emptyDataset
    /// More samples than the data LPs accept (``DataConvexity``, ``ConvexRegression``).
    case tooManySamples(count: Int, limit: Int)
    /// A data LP ended without a usable answer; `sample` is 0-based, nil for a joint LP.
    case solverFailed(solver: String, sample: Int?, reason: String)
    /// A data tolerance outside [0, 1) (relative to the targets' range).
    case invalidTolerance(Double)

    public var description: String {
        switch self {
        case let .smoothModel(surrogate, nonlinearity):
            return "surrogate '\(surrogate)' cannot be encoded exactly: its \(nonlinearity) nonlinearity is smooth; "
                + "retrain it with a piecewise-linear one (the max gate or relu)"
        case let .notEncodable(surrogate, reason):
            return "surrogate '\(surrogate)' cannot be encoded exactly: \(reason)"
        case let .notConvex(surrogate, reason):
            return "surrogate '\(surrogate)' is not convex where an LP needs it to be: \(reason)"
        case let .unboundedInput(surrogate, input):
            return "surrogate '\(surrogate)': input \(input + 1) has no finite bounds; the MILP route needs finite lower and upper bounds on every variable it reads"
        case let .inputCountMismatch(surrogate, expected, actual):
            return "surrogate '\(surrogate)': the model has \(expected) inputs but \(actual) were given"
        case let .unknownName(kind, name, entry):
            return "\(entry): unknown \(kind) '\(name)'"
        case let .duplicateName(kind, name):
            return "two \(kind)s are named '\(name)'"
        case let .invalidProblem(entry, reason):
            return "\(entry): \(reason)"
        case let .missingFile(path, entry):
            return "\(entry): no such file \(path)"
        case .emptyDataset:
            return "the data set has no samples; add rows below the header"
        case let .tooManySamples(count, limit):
            return "\(count) samples is more than the \(limit) allowed here (the LPs grow like n²); use a random subset of at most \(limit) rows"
        case let .solverFailed(solver, sample, reason):
            let place = sample.map { "the interpolation LP of sample \($0) (0-based)" } ?? "the convex regression LP"
            return "\(solver) gave no usable answer for \(place): \(reason)"
        case let .invalidTolerance(value):
            return "the tolerance \(value) is not a number in [0, 1) (it is relative to the range of the targets)"
        }
    }
}
