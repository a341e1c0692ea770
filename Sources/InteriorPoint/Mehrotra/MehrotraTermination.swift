/// How ``MehrotraMethod/run()`` ended.
enum MehrotraTermination: Equatable {
    case optimal
    case iterationLimit
    case timeLimit
    /// No progress: steps vanished or the merit stopped decreasing.
    case stalled
    /// Iterates grew without bound, the usual sign of infeasibility or unboundedness.
    case diverging
    case factorizationFailed
}
