import Foundation

/// Bad input to a transport problem; solver outcomes are statuses, never errors.
public enum TransportError: Error, CustomStringConvertible, Equatable, Sendable {
    case emptyCloud(side: String)
    case dimensionMismatch(source: Int, target: Int)
    case badWeight(side: String, index: Int, value: Double)
    case unbalancedMass(source: Double, target: Double)
    case badCost(row: Int, column: Int, value: Double)
    case shapeMismatch(what: String, expected: String, actual: String)
    case invalidSetting(name: String, reason: String)
    /// A point coordinate that is NaN or infinite.
    case badCoordinate(side: String, point: Int, coordinate: Int, value: Double)
    /// Every weight on one side is zero: there is no mass to transport.
    case zeroMass(side: String)
    /// Partial transport asked to move more mass than both sides hold.
    case massOutOfRange(requested: Double, available: Double)
    /// A (source, target) pair outside the problem, e.g. in a forbidden-pair list.
    case pairOutOfRange(source: Int, target: Int, sources: Int, targets: Int)
    /// Costs outside ``TransportNumericPolicy`` (too large, or a range the solvers cannot resolve).
    case unresolvableCosts(reason: String)
    /// A problem whose arrays would need more memory than allowed.
    case tooLarge(what: String, bytes: Double, limit: Double)
    /// An LP solver did not return an optimum for a problem that always has one.
    case solverFailed(solver: String, reason: String)

    public var description: String {
        switch self {
        case let .emptyCloud(side):
            return "the \(side) cloud has no points"
        case let .dimensionMismatch(source, target):
            return "source points have \(source) coordinates but target points have \(target)"
        case let .badWeight(side, index, value):
            return "\(side) weight \(index + 1) is \(value); weights must be finite and ≥ 0"
        case let .unbalancedMass(source, target):
            return "total source mass \(source) differs from total target mass \(target); balanced transport needs equal totals (normalise the weights, or use partial / unbalanced transport)"
        case let .badCost(row, column, value):
            return "cost (\(row + 1), \(column + 1)) is \(value); costs must be finite"
        case let .shapeMismatch(what, expected, actual):
            return "\(what): expected \(expected), got \(actual)"
        case let .invalidSetting(name, reason):
            return "\(name) \(reason)"
        case let .badCoordinate(side, point, coordinate, value):
            return "\(side) point \(point + 1), coordinate \(coordinate + 1) is \(value); coordinates must be finite"
        case let .zeroMass(side):
            return "the \(side) weights are all zero; give at least one point positive mass"
        case let .massOutOfRange(requested, available):
            return "cannot move mass \(requested): it must be > 0 and at most \(available), the smaller of the two totals"
        case let .pairOutOfRange(source, target, sources, targets):
            return "pair (\(source + 1), \(target + 1)) is outside a problem with \(sources) sources and \(targets) targets"
        case let .unresolvableCosts(reason):
            return reason
        case let .tooLarge(what, bytes, limit):
            return "\(what) would need \(Self.gigabytes(bytes)) of memory, more than the limit of \(Self.gigabytes(limit)); "
                + "solve a smaller problem (or raise the limit if the machine can hold it)"
        case let .solverFailed(solver, reason):
            return "the LP solver \(solver) found no optimum: \(reason); try another solver or looser limits"
        }
    }

    /// "1.2 GB", "3.4 MB".
    static func gigabytes(_ bytes: Double) -> String {
        bytes >= 1e9 ? String(format: "%.3g GB", bytes / 1e9) : String(format: "%.3g MB", bytes / 1e6)
    }
}
