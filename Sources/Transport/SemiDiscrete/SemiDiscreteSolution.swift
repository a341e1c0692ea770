import LinearProgramming

/// The exact semi-discrete solution over a finite sample set (see
/// ``SemiDiscreteTransport/solveExact(samples:dimension:sites:weights:using:settings:)``).
public struct SemiDiscreteSolution: Sendable {
    /// The sites, weights and ψ (normalised to Σ bⱼ ψⱼ = 0).
    public var potential: SemiDiscretePotential
    /// The optimal correlation E⟨x, T(x)⟩ = max over plans of Σᵢⱼ Pᵢⱼ ⟨xᵢ, yⱼ⟩, recomputed from ψ:
    /// (1/n) Σᵢ maxⱼ (⟨xᵢ, yⱼ⟩ − ψⱼ) + Σⱼ bⱼ ψⱼ.
    public var correlation: Double
    /// The semi-dual LP's optimum as the solver reported it (= −correlation at an exact optimum).
    public var lpObjective: Double
    /// |lpObjective + correlation| / (1 + |correlation|): how far the returned ψ (after centring)
    /// is from the LP optimum.
    public var objectiveGap: Double
    /// The optimal plan from the LP's row duals: (sample, site, mass) for every positive entry.
    public var plan: [(sample: Int, site: Int, mass: Double)]
    /// The cells of the returned map over the samples, ties split as the plan splits them.
    public var cells: SemiDiscreteCells
    /// Whether ψ was centred by the second LP (false when it was not asked for or that LP failed).
    public var centered: Bool
    /// The smallest gap, over the samples the plan does not split, between the score of the
    /// sample's site and of any other site (the centring LP's optimum; nil when not centred).
    public var margin: Double?
    /// The independent check of the semi-dual LP's solution (primal and dual feasibility, gap).
    public var lpReport: CertificateReport
    public var solver: String
    public var seconds: Double
}
