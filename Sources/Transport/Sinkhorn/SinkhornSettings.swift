/// Settings of log-domain Sinkhorn with ε-scaling (``Sinkhorn``). Validated when a solve starts.
///
/// The solve runs stages at ε₀ > ε₁ > … > ε: εₖ = max(ε, ε₀ / factorᵏ), each warm-started
/// from the previous stage's potentials. Intermediate stages stop when their marginal error is
/// below ``stageTolerance`` (or after ``stageIterations``); the last stage stops when it is below
/// ``tolerance`` or when ``maxIterations`` iterations (over all stages) have run.
public struct SinkhornSettings: Sendable, Equatable {
    /// The target regularisation ε > 0, in the units of the cost (default 0.01). The plan is
    /// ε·log(nm) away from optimal at worst (see ``EntropicPlan/regularizedCost``).
    public var epsilon: Double = 1e-2
    /// Stop when the marginal error Σᵢ |Σⱼ Pᵢⱼ − aᵢ| + Σⱼ |Σᵢ Pᵢⱼ − bⱼ| is at most
    /// `tolerance` × total mass (default 1e-9).
    public var tolerance: Double = 1e-9
    /// Iterations (one row pass and one column pass each) over all stages (default 10 000).
    public var maxIterations: Int = 10_000
    /// The first stage's ε₀ (nil: the cost range max C − min C, at least ``epsilon``).
    public var initialEpsilon: Double? = nil
    /// ε is divided by this between stages (default 2; must exceed 1). Set
    /// ``initialEpsilon`` = ``epsilon`` for plain Sinkhorn without scaling.
    public var scalingFactor: Double = 2
    /// An intermediate stage stops at this marginal error × total mass (default 1e-3).
    public var stageTolerance: Double = 1e-3
    /// An intermediate stage stops after this many iterations whatever its error (default 100).
    public var stageIterations: Int = 100
    /// Over-relaxation ω ∈ [1, 2): potentials move ω times the Sinkhorn step, f ← f + ω (f' − f)
    /// (Thibault et al. 2017); 1 is plain Sinkhorn (default 1).
    public var overRelaxation: Double = 1
    /// With ω > 1, every `checkInterval`-th iteration is a plain one that measures the marginal
    /// error (the others cannot: their other marginal is not exact) (default 10).
    public var checkInterval: Int = 10
    /// Stop after this many seconds with status `timeLimit` (nil: no limit), checked after every
    /// iteration (each costs O(n·m), so the limit is kept to one iteration's time).
    public var timeLimit: Double? = nil
    /// Worker threads for the row and column passes (default 1). Each row is computed by one
    /// thread and error sums are added in a fixed order, so the result does not depend on it.
    public var threads: Int = 1

    public init(epsilon: Double = 1e-2, tolerance: Double = 1e-9, maxIterations: Int = 10_000) {
        self.epsilon = epsilon
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Throws ``TransportError/invalidSetting(name:reason:)`` for a setting out of range.
    public func validate() throws {
        func bad(_ name: String, _ reason: String) -> TransportError { .invalidSetting(name: name, reason: reason) }
        guard epsilon > 0, epsilon.isFinite else { throw bad("epsilon", "must be positive and finite, got \(epsilon)") }
        guard tolerance > 0, tolerance.isFinite else { throw bad("tolerance", "must be positive and finite, got \(tolerance)") }
        guard maxIterations > 0 else { throw bad("maxIterations", "must be positive, got \(maxIterations)") }
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { throw bad("timeLimit", "must be a finite positive number of seconds, got \(timeLimit)") }
        if let e0 = initialEpsilon, !(e0 > 0 && e0.isFinite) {
            throw bad("initialEpsilon", "must be positive and finite, got \(e0)")
        }
        guard scalingFactor > 1, scalingFactor.isFinite else {
            throw bad("scalingFactor", "must be greater than 1 and finite, got \(scalingFactor)")
        }
        guard stageTolerance > 0, stageTolerance.isFinite else {
            throw bad("stageTolerance", "must be positive and finite, got \(stageTolerance)")
        }
        guard stageIterations > 0 else { throw bad("stageIterations", "must be positive, got \(stageIterations)") }
        guard overRelaxation >= 1, overRelaxation < 2 else {
            throw bad("overRelaxation", "must lie in [1, 2), got \(overRelaxation)")
        }
        guard checkInterval > 0 else { throw bad("checkInterval", "must be positive, got \(checkInterval)") }
        guard threads > 0 else { throw bad("threads", "must be positive, got \(threads)") }
    }
}
