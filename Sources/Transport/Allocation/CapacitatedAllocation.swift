import LinearProgramming

/// Capacitated allocation: ship every target's demand from sources whose capacity bounds what
/// they send, at least cost, never over a forbidden pair:
///
///     minimise Σ c_ij π_ij   subject to  Σⱼ π_ij ≤ capacity_i,  Σᵢ π_ij = demand_j,
///                                       π_ij ≥ 0,  π_ij = 0 for forbidden (i, j)
///
/// Infeasible when capacities cannot cover the demands through the allowed pairs; the solver's
/// status says so and the LP certificate carries the verified Farkas ray.
public struct CapacitatedAllocation: Sendable {
    public let capacities: [Double]
    public let demands: [Double]
    public let cost: CostMatrix
    /// Forbidden pairs as i·columns + j.
    public let forbidden: Set<Int>

    /// Throws for capacities or demands that are negative or not finite, wrong lengths, or
    /// forbidden pairs outside the problem.
    public init(capacities: [Double], demands: [Double], cost: CostMatrix,
                forbidden: [(source: Int, target: Int)] = []) throws {
        try Self.check(capacities, count: cost.rows, side: "capacity")
        try Self.check(demands, count: cost.columns, side: "demand")
        var set = Set<Int>()
        for pair in forbidden {
            guard (0..<cost.rows).contains(pair.source), (0..<cost.columns).contains(pair.target) else {
                throw TransportError.pairOutOfRange(source: pair.source, target: pair.target, sources: cost.rows, targets: cost.columns)
            }
            set.insert(pair.source * cost.columns + pair.target)
        }
        self.capacities = capacities
        self.demands = demands
        self.cost = cost
        self.forbidden = set
    }

    static func check(_ values: [Double], count: Int, side: String) throws {
        guard count > 0 else { throw TransportError.emptyCloud(side: side == "capacity" || side == "source" ? "source" : "target") }
        guard values.count == count else {
            throw TransportError.shapeMismatch(what: "\(side) values", expected: "\(count)", actual: "\(values.count)")
        }
        if let k = values.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw TransportError.badWeight(side: side, index: k, value: values[k])
        }
    }

    func model() -> AllocationModel {
        AllocationModel(name: "capacitated-allocation", cost: cost, forbidden: forbidden,
                        sourceBounds: { (-.infinity, capacities[$0]) },
                        targetBounds: { (demands[$0], demands[$0]) })
    }

    /// The problem as an LP (variables "x<i>_<j>" for the allowed pairs).
    public func linearProgram() -> LinearProgram { model().program }

    /// Solves with any LP solver; the certificate is the LP certificate plus the capacity and
    /// demand violations and the cost recomputed from the plan.
    public func solve(using solver: any LPSolver, tolerances: TransportTolerances = .init()) throws -> CertifiedTransportPlan {
        let model = model()
        let (solution, plan, rows, columns) = try model.solve(using: solver)
        let total = Swift.max(demands.reduce(0, +), Double.leastNormalMagnitude)
        var violation = 0.0
        for i in 0..<cost.rows { violation = Swift.max(violation, rows[i] - capacities[i]) }       // shipped ≤ capacity
        for j in 0..<cost.columns { violation = Swift.max(violation, abs(columns[j] - demands[j])) } // demand met
        for e in plan.entries where forbidden.contains(e.source * cost.columns + e.target) {
            violation = Swift.max(violation, abs(e.mass))
        }
        let certificate = AllocationModel.certificate(plan: plan, solution: solution, model: model, marginalError: violation / total,
                                                      recomputedCost: plan.transportCost(cost), totalMass: total,
                                                      costScale: cost.maxAbsoluteValue, tolerances: tolerances)
        return CertifiedTransportPlan(plan: plan, certificate: certificate)
    }
}
