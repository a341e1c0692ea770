/// Settings of averaged stochastic gradient ascent on the semi-dual
/// (``SemiDiscreteTransport/solveStochastic(sites:weights:dimension:settings:source:)``).
///
/// Step k (one sample x each) moves ψ ← ψ + γₖ (e_{j*} − b) with j* = argmaxⱼ ⟨x, yⱼ⟩ − ψⱼ and
/// γₖ = γ₀/√k; the answer is the average of the iterates after the first
/// ``averagingStart`` × ``steps`` steps (Polyak–Ruppert averaging, Genevay et al. 2016).
public struct SemiDiscreteStochasticSettings: Sendable, Equatable {
    /// Samples drawn, one gradient step each (default 100 000).
    public var steps: Int = 100_000
    /// Samples requested from the source per call (default 1024); does not change the iterates.
    public var batchSize: Int = 1024
    /// γ₀ in score units (nil: the mean over sites of the standard deviation of ⟨x, yⱼ⟩ over the
    /// first batch, or 1 when that is 0).
    public var stepSize: Double? = nil
    /// Fraction of the steps run before averaging starts (default 0.5: the second half is averaged).
    public var averagingStart: Double = 0.5
    /// Seed of the resampling when the source is a finite sample set (default 0).
    public var seed: UInt64 = 0
    /// Fresh samples drawn after the run to estimate the cell masses of the averaged ψ
    /// (default 10 000; 0 skips the estimate). With a finite sample set all samples are used instead.
    public var evaluationSamples: Int = 10_000

    public init(steps: Int = 100_000, stepSize: Double? = nil, seed: UInt64 = 0) {
        self.steps = steps
        self.stepSize = stepSize
        self.seed = seed
    }

    /// Throws ``TransportError/invalidSetting(name:reason:)`` for a setting out of range.
    public func validate() throws {
        func bad(_ name: String, _ reason: String) -> TransportError { .invalidSetting(name: name, reason: reason) }
        guard steps > 0 else { throw bad("steps", "must be positive, got \(steps)") }
        guard batchSize > 0 else { throw bad("batchSize", "must be positive, got \(batchSize)") }
        if let step = stepSize, !(step > 0 && step.isFinite) { throw bad("stepSize", "must be positive and finite, got \(step)") }
        guard averagingStart >= 0, averagingStart < 1 else { throw bad("averagingStart", "must lie in [0, 1), got \(averagingStart)") }
        guard evaluationSamples >= 0 else { throw bad("evaluationSamples", "must be ≥ 0, got \(evaluationSamples)") }
    }
}
