/// Misuse and bad input in ``DataConvexity`` and ``ConvexRegressionEstimator``; solver outcomes
/// are statuses, never errors.
public enum ConvexRegressionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A data set without samples.
    case emptyDataset
    /// More samples than the data LPs accept.
    case tooManySamples(count: Int, limit: Int)
    /// A data LP ended without a usable answer; `sample` is 0-based, nil for a joint LP.
    case solverFailed(solver: String, sample: Int?, reason: String)
    /// A data tolerance outside [0, 1) (relative to the targets' range).
    case invalidTolerance(Double)

    public var description: String {
        switch self {
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
