/// Misuse of the interior-point solver; bad models are reported by `LinearProgram.validate()`
/// and solver outcomes are statuses, never errors.
public enum InteriorPointError: Error, CustomStringConvertible, Equatable, Sendable {
    case invalidSetting(name: String, value: Double, reason: String)
    case integerVariables(count: Int)

    public var description: String {
        switch self {
        case let .invalidSetting(name, value, reason):
            return "interior-point setting \(name) = \(value) \(reason)"
        case let .integerVariables(count):
            return "the interior-point presolve handles LPs only, but the model has \(count) integer variable(s); presolve its linear relaxation or use a mixed-integer solver"
        }
    }
}
