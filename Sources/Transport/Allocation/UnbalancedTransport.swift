import LinearProgramming

/// Unbalanced transport with a per-unit penalty on destroyed source mass and created target
/// mass (total-variation marginal penalties):
///
///     minimise Σ c_ij π_ij + λ_d Σᵢ dᵢ + λ_c Σⱼ eⱼ
///     subject to  Σⱼ π_ij + dᵢ = a_i,  Σᵢ π_ij + eⱼ = b_j,  π, d, e ≥ 0
///
/// where dᵢ is source mass destroyed and eⱼ target mass created. A pair ships exactly when it
/// is worth it: c_ij < λ_d + λ_c. The totals need not agree.
public struct UnbalancedTransport: Sendable {
    public let sourceWeights: [Double]
    public let targetWeights: [Double]
    public let cost: CostMatrix
    /// λ_d: cost per unit of source mass left unshipped.
    public let destructionPenalty: Double
    /// λ_c: cost per unit of target mass not delivered.
    public let creationPenalty: Double

    /// Throws for bad weights or penalties that are negative or not finite.
    public init(sourceWeights: [Double], targetWeights: [Double], cost: CostMatrix,
                destructionPenalty: Double, creationPenalty: Double) throws {
        try CapacitatedAllocation.check(sourceWeights, count: cost.rows, side: "source")
        try CapacitatedAllocation.check(targetWeights, count: cost.columns, side: "target")
        for (name, value) in [("destructionPenalty", destructionPenalty), ("creationPenalty", creationPenalty)] {
            guard value.isFinite, value >= 0 else {
                throw TransportError.invalidSetting(name: name, reason: "must be a finite number ≥ 0, got \(value)")
            }
        }
        self.sourceWeights = sourceWeights
        self.targetWeights = targetWeights
        self.cost = cost
        self.destructionPenalty = destructionPenalty
        self.creationPenalty = creationPenalty
    }

    func model() -> AllocationModel {
        var model = AllocationModel(name: "unbalanced-transport", cost: cost,
                                    sourceBounds: { (sourceWeights[$0], sourceWeights[$0]) },
                                    targetBounds: { (targetWeights[$0], targetWeights[$0]) })
        model.addSlacks(penalty: destructionPenalty, toSources: true)
        model.addSlacks(penalty: creationPenalty, toSources: false)
        return model
    }

    /// The problem as an LP.
    public func linearProgram() -> LinearProgram { model().program }

    /// Solves with any LP solver. The plan's cost is the full objective (transport plus
    /// penalties), recomputed as Σ c π + λ_d Σ(a − rows) + λ_c Σ(b − columns).
    public func solve(using solver: any LPSolver, tolerances: TransportTolerances = .init()) throws -> CertifiedTransportPlan {
        let model = model()
        let (solution, plan, rows, columns) = try model.solve(using: solver)
        var violation = 0.0, destroyed = 0.0, created = 0.0
        for i in 0..<cost.rows {
            violation = Swift.max(violation, rows[i] - sourceWeights[i])      // dᵢ = a_i − Σⱼ π_ij ≥ 0
            destroyed += sourceWeights[i] - rows[i]
        }
        for j in 0..<cost.columns {
            violation = Swift.max(violation, columns[j] - targetWeights[j])   // eⱼ = b_j − Σᵢ π_ij ≥ 0
            created += targetWeights[j] - columns[j]
        }
        let total = Swift.max(sourceWeights.reduce(0, +), targetWeights.reduce(0, +), Double.leastNormalMagnitude)
        let recomputed = plan.transportCost(cost) + destructionPenalty * destroyed + creationPenalty * created
        let scale = Swift.max(cost.maxAbsoluteValue, destructionPenalty, creationPenalty)
        let certificate = AllocationModel.certificate(plan: plan, solution: solution, model: model, marginalError: violation / total,
                                                      recomputedCost: recomputed, totalMass: total,
                                                      costScale: scale, tolerances: tolerances)
        return CertifiedTransportPlan(plan: plan, certificate: certificate)
    }
}
