import Foundation
import LinearProgramming

/// Exact balanced optimal transport by the primal network simplex with block-search pricing
/// (LEMON's `NetworkSimplex`, the algorithm behind POT's `ot.emd`), written in Swift over
/// flat buffers; see ``NetworkSimplexTree``.
///
/// Masses are Doubles, as in LEMON/POT, not scaled to integers: a pivot's flow change is the
/// smallest flow on the cycle, so flows stay sums and differences of the input masses, and
/// the tree's flows and potentials are recomputed from scratch every ``NetworkSimplexSettings/refreshInterval``
/// pivots and at the end, so rounding does not accumulate. Zero-weight points are dropped
/// before solving (they carry no mass) and get the largest potentials that keep
/// u_i + v_j ≤ c_ij; target masses are scaled by Σa/Σb so the totals agree to rounding.
/// The returned plan has at most n + m − 1 entries; its cost is Σ c_ij π_ij and its potentials
/// certify it (check them with ``TransportCertificate``).
///
/// Termination: the tree stays strongly feasible as in LEMON (the initial tree has positive
/// flow on every arc; the leaving arc is the last blocking arc met from the join in the
/// entering arc's direction, Cunningham's rule), which rules out cycling in exact arithmetic;
/// the pricing ignores reduced costs within the potentials' rounding error, and the pivot
/// limit (default 1000 · (n + m)) ends any solve with status `iterationLimit`. Problems reach
/// the solver only through ``TransportProblem``, whose ``TransportNumericPolicy`` refuses costs
/// the pivots cannot resolve.
public struct NetworkSimplex: Sendable {
    public var settings: NetworkSimplexSettings

    public init(settings: NetworkSimplexSettings = .init()) { self.settings = settings }

    public static let methodName = "network-simplex"

    public func solve(_ problem: TransportProblem) throws -> TransportPlan {
        try settings.validate()
        let start = DispatchTime.now()
        let rows = problem.sourceCount, columns = problem.targetCount
        let keptSources = (0..<rows).filter { problem.sourceWeights[$0] > 0 }
        let keptTargets = (0..<columns).filter { problem.targetWeights[$0] > 0 }
        let n = keptSources.count, m = keptTargets.count
        let scale = problem.totalMass / problem.targetWeights.reduce(0, +)     // Σa / Σb
        let supplies = keptSources.map { problem.sourceWeights[$0] } + keptTargets.map { -problem.targetWeights[$0] * scale }

        // The kept block of the cost matrix (the matrix itself when nothing was dropped).
        let compact: [Double]? = (n == rows && m == columns) ? nil : keptSources.flatMap { i in
            keptTargets.map { j in problem.cost[i, j] }
        }
        let arcs = n * m
        let blockSize = settings.blockSize ?? Swift.max(10, Int(Double(arcs).squareRoot()))
        var status = SolutionStatus.optimal
        var iterations = 0
        let (entries, u, v) = (compact ?? problem.cost.values).withUnsafeBufferPointer { c in
            let tree = NetworkSimplexTree(sources: n, targets: m, cost: c.baseAddress!, supplies: supplies,
                                          blockSize: blockSize, pricingTolerance: settings.pricingTolerance)
            let refreshInterval = settings.refreshInterval ?? (n + m)
            let limit = settings.iterationLimit ?? NetworkSimplexSettings.defaultIterationLimit(sources: n, targets: m)
            var sinceRefresh = 0
            while true {
                if iterations >= limit { status = .iterationLimit; break }
                if iterations & 15 == 0, let timeLimit = settings.timeLimit, Self.elapsed(since: start) > timeLimit {
                    status = .timeLimit
                    break
                }
                var entering = tree.findEnteringArc()
                if entering < 0 {
                    tree.refresh(clamp: true)      // a last pass with exact potentials decides optimality
                    sinceRefresh = 0
                    entering = tree.findEnteringArc()
                    if entering < 0 { break }
                }
                tree.pivot(entering)
                iterations += 1
                sinceRefresh += 1
                if sinceRefresh >= refreshInterval { tree.refresh(clamp: true); sinceRefresh = 0 }
            }
            tree.refresh(clamp: false)
            return tree.extract()
        }

        // Back to the problem's indices; dropped points get the largest feasible potentials.
        let total = problem.totalMass
        var plan: [TransportPlan.Entry] = []
        plan.reserveCapacity(entries.count)
        for e in entries where e.mass > 0 || e.mass < -1e-14 * total {     // drop rounding-level negatives
            plan.append(TransportPlan.Entry(source: keptSources[e.source], target: keptTargets[e.target], mass: e.mass))
        }
        plan.sort { ($0.source, $0.target) < ($1.source, $1.target) }
        var sourcePotentials = [Double](repeating: .nan, count: rows)
        var targetPotentials = [Double](repeating: .nan, count: columns)
        for (k, i) in keptSources.enumerated() { sourcePotentials[i] = u[k] }
        for (k, j) in keptTargets.enumerated() { targetPotentials[j] = v[k] }
        for i in 0..<rows where problem.sourceWeights[i] == 0 {
            sourcePotentials[i] = keptTargets.map { problem.cost[i, $0] - targetPotentials[$0] }.min()!   // u_i = min_j c_ij − v_j
        }
        for j in 0..<columns where problem.targetWeights[j] == 0 {
            targetPotentials[j] = (0..<rows).map { problem.cost[$0, j] - sourcePotentials[$0] }.min()!    // v_j = min_i c_ij − u_i
        }
        let cost = status == .optimal ? plan.reduce(0) { $0 + problem.cost[$1.source, $1.target] * $1.mass } : .nan
        return TransportPlan(entries: plan, cost: cost, sourcePotentials: sourcePotentials, targetPotentials: targetPotentials,
                             status: status, iterations: iterations, seconds: Self.elapsed(since: start), method: Self.methodName)
    }

    static func elapsed(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
