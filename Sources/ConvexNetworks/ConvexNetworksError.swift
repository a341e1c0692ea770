/// Misuse and bad input in the ConvexNetworks module: data sets, settings, architectures and
/// model files. Training that diverges is thrown (`trainingDiverged`): it leaves no usable model.
public enum ConvexNetworksError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A vector or matrix has the wrong number of entries.
    case dimensionMismatch(what: String, expected: Int, actual: Int)
    /// A column name that the table does not have.
    case unknownColumn(name: String, available: [String])
    /// A data set with nothing to learn from.
    case emptyDataset(reason: String)
    /// A value given to the library is NaN or infinite; `what` says where it sits.
    case nonFiniteValue(what: String)
    case invalidSetting(name: String, value: String, reason: String)
    /// A finite value too large to train on: `what` says where it sits, `limit` is the largest magnitude allowed.
    case valueTooLarge(what: String, value: Double, limit: Double)
    /// Training produced a non-finite loss or parameter at `epoch` (1-based), `step` (1-based, counted over all
    /// epochs; 0 when the untrained network's loss is already not finite).
    case trainingDiverged(epoch: Int, step: Int, what: String, learningRate: Double)
    case invalidArchitecture(reason: String)
    case invalidModelFile(path: String, reason: String)
    case unsupportedVersion(found: Int, supported: Int)
    /// Layer `layer` (1-based) has a weight that must be non-negative but is `minimumWeight`.
    case notConvex(layer: Int, minimumWeight: Double)
    case fileNotFound(path: String)
    case unreadableFile(path: String, reason: String)
    case unwritableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .dimensionMismatch(what, expected, actual):
            return "\(what): expected \(expected) entries, got \(actual)"
        case let .unknownColumn(name, available):
            let list = available.isEmpty ? "the table has no columns" :
                "available columns: " + available.map { "'\($0)'" }.joined(separator: ", ")
            return "no column named '\(name)'; \(list)"
        case let .emptyDataset(reason):
            return "empty data set: \(reason)"
        case let .nonFiniteValue(what):
            return "\(what) is not a finite number; remove or repair NaN and infinite values"
        case let .invalidSetting(name, value, reason):
            return "setting \(name) = \(value): \(reason)"
        case let .valueTooLarge(what, value, limit):
            return "\(what) is \(value), beyond ±\(limit), the largest magnitude training accepts (squares of larger "
                + "values overflow a Double); rescale that column (e.g. divide it by a power of ten) before fitting"
        case let .trainingDiverged(_, 0, what, _):
            return "training cannot start: \(what) is not a finite number before any step; no model was produced. "
                + "Check the architecture's settings (e.g. the temperature) and the data's range"
        case let .trainingDiverged(epoch, step, what, learningRate):
            return "training diverged in epoch \(epoch) (step \(step)): \(what) is not a finite number at learning rate "
                + "\(learningRate); no model was produced. Lower the learning rate (e.g. tenfold), or check the data for "
                + "extreme values"
        case let .invalidArchitecture(reason):
            return "invalid architecture: \(reason)"
        case let .invalidModelFile(path, reason):
            return "invalid model file \(path): \(reason)"
        case let .unsupportedVersion(found, supported):
            return "model file version \(found) is not supported (this build reads version \(supported)); "
                + "re-fit the model or use a matching version of hycnn"
        case let .notConvex(layer, minimumWeight):
            return "layer \(layer) is not convex: its smallest constrained weight is \(minimumWeight) < 0; "
                + "the weights feeding a convex layer must be non-negative"
        case let .fileNotFound(path):
            return "no such file: \(path)"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .unwritableFile(path, reason):
            return "cannot write \(path) (\(reason)); check that the folder exists and is writable"
        }
    }
}
