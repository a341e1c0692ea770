/// Misuse and bad input in surrogate problems; solver outcomes are statuses, never errors.
public enum SurrogateOptimizationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A surrogate with a smooth nonlinearity (smooth max, softplus): no LP or MILP equals it.
    case smoothModel(surrogate: String, nonlinearity: String)
    /// A surrogate with a quadratic first layer (icnn-quadratic): no LP or MILP equals it.
    case quadraticModel(surrogate: String)
    case notEncodable(surrogate: String, reason: String)
    case notConvex(surrogate: String, reason: String)
    case unboundedInput(surrogate: String, input: Int)
    case inputCountMismatch(surrogate: String, expected: Int, actual: Int)
    case unknownName(kind: String, name: String, entry: String)
    case duplicateName(kind: String, name: String)
    case invalidProblem(entry: String, reason: String)
    case missingFile(path: String, entry: String)

    public var description: String {
        switch self {
        case let .smoothModel(surrogate, nonlinearity):
            return "surrogate '\(surrogate)' cannot be encoded exactly: its \(nonlinearity) nonlinearity is smooth; "
                + "retrain it with a piecewise-linear one (the max gate or relu)"
        case let .quadraticModel(surrogate):
            return "surrogate '\(surrogate)' cannot be encoded exactly: its first layer has a quadratic term (icnn-quadratic); "
                + "retrain it without one (an icnn or a max-gate hycnn)"
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
        }
    }
}
