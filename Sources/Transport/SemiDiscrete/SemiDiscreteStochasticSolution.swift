/// The result of averaged stochastic gradient ascent on the semi-dual.
public struct SemiDiscreteStochasticSolution: Sendable, Equatable {
    /// The averaged ψ (normalised to Σ bⱼ ψⱼ = 0) with its sites and weights.
    public var potential: SemiDiscretePotential
    /// The last iterate ψ_K, normalised the same way.
    public var lastIterate: [Double]
    /// Cells of the averaged map over the evaluation samples (fresh ones from a stream, or the
    /// whole sample set); nil when no evaluation samples were asked for.
    public var cells: SemiDiscreteCells?
    /// Steps taken (samples drawn for the ascent) and iterates averaged.
    public var steps: Int
    public var averagedIterates: Int
    /// γ₀ as used (given or automatic).
    public var stepSize: Double
    public var seconds: Double
}
