/// A balanced discrete transport problem
///
///     minimise Σᵢⱼ c_ij π_ij   subject to  Σⱼ π_ij = a_i,  Σᵢ π_ij = b_j,  π ≥ 0
///
/// with source masses a (one per cost row) and target masses b (one per cost column).
/// The initialiser validates shapes, weights (finite, ≥ 0, positive total) and balance:
/// Σa and Σb must agree to ``balanceTolerance`` relative; the costs must pass
/// ``TransportNumericPolicy`` (`unresolvableCosts` otherwise).
public struct TransportProblem: Sendable {
    /// Largest allowed |Σa − Σb| / max(Σa, Σb) for a balanced problem.
    public static let balanceTolerance = 1e-10

    public let sourceWeights: [Double]
    public let targetWeights: [Double]
    public let cost: CostMatrix

    public init(sourceWeights: [Double], targetWeights: [Double], cost: CostMatrix) throws {
        guard cost.rows > 0 else { throw TransportError.emptyCloud(side: "source") }
        guard cost.columns > 0 else { throw TransportError.emptyCloud(side: "target") }
        try PointCloud.validate(weights: sourceWeights, count: cost.rows, name: "source")
        try PointCloud.validate(weights: targetWeights, count: cost.columns, name: "target")
        let a = sourceWeights.reduce(0, +), b = targetWeights.reduce(0, +)
        guard abs(a - b) <= Self.balanceTolerance * max(a, b) else {
            throw TransportError.unbalancedMass(source: a, target: b)
        }
        if let reason = TransportNumericPolicy.violation(of: cost, sourceWeights: sourceWeights, targetWeights: targetWeights) {
            throw TransportError.unresolvableCosts(reason: reason)
        }
        self.sourceWeights = sourceWeights
        self.targetWeights = targetWeights
        self.cost = cost
    }

    /// The problem between two weighted clouds under a ground cost.
    public init(source: PointCloud, target: PointCloud, cost: GroundCost = .squaredEuclidean) throws {
        guard source.dimension == target.dimension else {
            throw TransportError.dimensionMismatch(source: source.dimension, target: target.dimension)
        }
        let a = source.totalMass, b = target.totalMass
        guard abs(a - b) <= Self.balanceTolerance * max(a, b) else {
            throw TransportError.unbalancedMass(source: a, target: b)
        }
        do {
            try self.init(sourceWeights: source.weights, targetWeights: target.weights,
                          cost: CostMatrix(from: source, to: target, cost: cost))
        } catch let error as TransportError {
            switch error {
            case .badCost, .unresolvableCosts:       // costs from coordinates: name the most outlying one
                throw TransportError.unresolvableCosts(reason: "\(error); \(Self.largestCoordinate(source, target))")
            default: throw error
            }
        }
    }

    /// "the largest coordinate is source point 18, coordinate 1 = -1e+20".
    static func largestCoordinate(_ source: PointCloud, _ target: PointCloud) -> String {
        var best = (side: "source", point: 0, coordinate: 0, value: 0.0)
        for (side, cloud) in [("source", source), ("target", target)] {
            for (k, x) in cloud.coordinates.enumerated() where abs(x) > abs(best.value) {
                best = (side, k / cloud.dimension, k % cloud.dimension, x)
            }
        }
        return "the largest coordinate is \(best.side) point \(best.point + 1), coordinate \(best.coordinate + 1) = \(best.value)"
    }

    public var sourceCount: Int { cost.rows }
    public var targetCount: Int { cost.columns }
    /// Σ a_i.
    public var totalMass: Double { sourceWeights.reduce(0, +) }
}
