import Foundation

/// How the constrained weights V of a convex network stay non-negative during training.
public enum NonNegativity: String, Sendable, Codable, CaseIterable {
    /// V = softplus(R) with R free (the paper's choice).
    case softplus
    /// V ← max(V, 0) after each step (keeps exact zeros; cheaper).
    case projection
}

/// Training settings; the defaults are the paper's.
public struct TrainingSettings: Sendable {
    public var epochs = 100
    /// Samples per step; the last batch of an epoch may be smaller.
    public var batchSize = 1000
    public var learningRate = 1e-2
    public var beta1 = 0.9
    public var beta2 = 0.999
    /// Seeds the initialisation, the validation split and the shuffling.
    public var seed: UInt64 = 0
    /// Share of the samples held out for validation (0: none).
    public var validationFraction = 0.1
    /// Cosine decay of the learning rate from `learningRate` to `finalLearningRate` over all steps.
    public var cosineDecay = false
    public var finalLearningRate = 1e-4
    public var nonNegativity = NonNegativity.softplus
    /// Return the parameters of the epoch with the lowest validation (or training) loss.
    public var restoreBestEpoch = true
    /// Threads that share each minibatch (default: the active cores, at most 8). The model is
    /// bit-for-bit reproducible for a given seed and thread count.
    public var threads = min(ProcessInfo.processInfo.activeProcessorCount, 8)

    public init() {}

    /// Throws `invalidSetting` naming the first bad value.
    public func validate() throws {
        func fail(_ name: String, _ value: Any, _ reason: String) -> ConvexNetworksError {
            .invalidSetting(name: name, value: "\(value)", reason: reason)
        }
        guard epochs > 0 else { throw fail("epochs", epochs, "must be positive") }
        guard batchSize > 0 else { throw fail("batchSize", batchSize, "must be positive") }
        guard threads > 0 else { throw fail("threads", threads, "must be positive") }
        guard learningRate > 0, learningRate.isFinite else { throw fail("learningRate", learningRate, "must be a positive number") }
        guard finalLearningRate > 0, finalLearningRate.isFinite else { throw fail("finalLearningRate", finalLearningRate, "must be a positive number") }
        guard (0..<1).contains(beta1), (0..<1).contains(beta2) else { throw fail("beta", "(\(beta1), \(beta2))", "each must lie in [0, 1)") }
        guard (0..<1).contains(validationFraction) else { throw fail("validationFraction", validationFraction, "must lie in [0, 1)") }
    }
}

/// One epoch's figures, in the target's original units.
public struct EpochReport: Sendable {
    public var epoch: Int
    public var epochs: Int
    /// Mean squared error over the epoch's batches (before each step).
    public var trainingMSE: Double
    public var validationMSE: Double?
    public var learningRate: Double
    public var seconds: Double
    public var samplesPerSecond: Double
}
