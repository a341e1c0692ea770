/// Misuse and bad input of the conjugate computations; solver outcomes are verdicts, never errors.
public enum ConjugateError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The potential is not a convex piecewise-linear network, so no LP equals its conjugate.
    case notExactlyEncodable(reason: String)
    /// The potential has no piecewise-linear twin whose gap to it is bounded (it is not a smooth
    /// max gate or softplus network, or it is not certified convex).
    case notSmooth(reason: String)
    case dimensionMismatch(what: String, expected: Int, actual: Int)
    case nonFiniteValue(what: String)

    public var description: String {
        switch self {
        case let .notExactlyEncodable(reason):
            return "the conjugate cannot be computed exactly: \(reason)"
        case let .notSmooth(reason):
            return "no max-gate bracket applies: \(reason)"
        case let .dimensionMismatch(what, expected, actual):
            return "\(what): expected \(expected) values, got \(actual)"
        case let .nonFiniteValue(what):
            return "\(what) is not a finite number"
        }
    }
}
