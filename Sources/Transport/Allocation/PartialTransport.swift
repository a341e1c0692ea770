import LinearProgramming

/// Partial transport: move exactly `mass` (at most the smaller total) at least cost, each
/// source sending at most its weight and each target receiving at most its weight:
///
///     minimise Σ c_ij π_ij   subject to  Σⱼ π_ij ≤ a_i,  Σᵢ π_ij ≤ b_j,  Σ π_ij = mass,  π ≥ 0
public struct PartialTransport: Sendable {
    public let sourceWeights: [Double]
    public let targetWeights: [Double]
    public let cost: CostMatrix
    public let mass: Double

    /// Throws for bad weights or a mass outside (0, min(Σa, Σb)].
    public init(sourceWeights: [Double], targetWeights: [Double], cost: CostMatrix, mass: Double) throws {
        try CapacitatedAllocation.check(sourceWeights, count: cost.rows, side: "source")
        try CapacitatedAllocation.check(targetWeights, count: cost.columns, side: "target")
        let available = Swift.min(sourceWeights.reduce(0, +), targetWeights.reduce(0, +))
        guard mass.isFinite, mass > 0, mass <= available * (1 + 1e-12) else {
            throw TransportError.massOutOfRange(requested: mass, available: available)
        }
        self.sourceWeights = sourceWeights
        self.targetWeights = targetWeights
        self.cost = cost
        self.mass = mass
    }

    func model() -> AllocationModel {
        var model = AllocationModel(name: "partial-transport", cost: cost,
                                    sourceBounds: { (-.infinity, sourceWeights[$0]) },
                                    targetBounds: { (-.infinity, targetWeights[$0]) })
        model.program.addConstraint("mass", (0..<model.pairs.count).map { ($0, 1.0) }, .equal, mass)
        return model
    }

    /// The problem as an LP.
    public func linearProgram() -> LinearProgram { model().program }

    /// Solves with any LP solver; certificate = LP certificate + recomputed marginals and cost.
    /// The potentials are the duals of the source and target rows (≤ 0 at a minimum); the
    /// dual of the mass row is in the LP report's solution, not in the plan.
    public func solve(using solver: any LPSolver, tolerances: TransportTolerances = .init()) throws -> CertifiedTransportPlan {
        let model = model()
        let (solution, plan, rows, columns) = try model.solve(using: solver)
        var violation = abs(rows.reduce(0, +) - mass)                                              // Σπ = mass
        for i in 0..<cost.rows { violation = Swift.max(violation, rows[i] - sourceWeights[i]) }     // Σⱼ π_ij ≤ a_i
        for j in 0..<cost.columns { violation = Swift.max(violation, columns[j] - targetWeights[j]) } // Σᵢ π_ij ≤ b_j
        let certificate = AllocationModel.certificate(plan: plan, solution: solution, model: model, marginalError: violation / mass,
                                                      recomputedCost: plan.transportCost(cost), totalMass: mass,
                                                      costScale: cost.maxAbsoluteValue, tolerances: tolerances)
        return CertifiedTransportPlan(plan: plan, certificate: certificate)
    }
}
