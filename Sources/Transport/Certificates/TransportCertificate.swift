import LinearProgramming

/// Tolerances of ``TransportCertificate``. Every measure is relative, as documented per field.
public struct TransportTolerances: Sendable {
    /// Largest allowed max(0, u_i + v_j − c_ij) / max|c| over all pairs.
    public var dualFeasibility = 1e-9
    /// Largest allowed marginal violation / total mass (balanced: |Σⱼ π_ij − a_i| and
    /// |Σᵢ π_ij − b_j|; LP allocation problems: the violation of their own mass rows).
    public var marginal = 1e-9
    /// Largest allowed |Σ a_i u_i + Σ b_j v_j − Σ c_ij π_ij| / (Σ|c_ij π_ij| + Σ a_i|u_i| + Σ b_j|v_j|):
    /// the gap relative to the size of the terms it adds up.
    public var gap = 1e-9
    /// Largest allowed max(0, −min π_ij) / total mass.
    public var negativity = 1e-12
    /// Largest allowed |reported cost − recomputed cost| / max(|recomputed|, max|c| · total mass · 1e-12).
    public var cost = 1e-9

    public init() {}
}

/// The check of a transport plan that trusts nothing the solver computed but the plan's
/// entries and potentials: everything below is recomputed from the problem.
///
/// For a balanced problem (``check(_:for:tolerances:)``) the certificate is the dual pair
/// (u, v): dual feasibility over all n·m pairs, the marginals of the plan, the duality gap and
/// the sign of every mass; by weak duality a verified certificate proves the plan optimal to
/// the stated tolerances. For the LP allocation problems the duals are checked by
/// `LinearProgramming.verify` (the LP certificate, ``lpReport``) and the plan's cost and
/// marginals are recomputed here against the problem's own constraints.
public struct TransportCertificate: Sendable {
    public enum Kind: String, Sendable {
        /// Dual potentials of a balanced problem, checked over every pair.
        case dualPotentials
        /// An LP certificate (``lpReport``) plus the recomputed cost and marginals.
        case linearProgram
    }

    public var kind: Kind
    /// max over (i, j) of max(0, u_i + v_j − c_ij) / max|c| (balanced); the LP dual residual otherwise.
    public var maxDualViolation: Double
    /// Largest marginal violation / total mass.
    public var marginalError: Double
    /// Relative duality gap (see ``TransportTolerances/gap``); the LP's relative gap otherwise.
    public var gap: Double
    /// max(0, −min π_ij) / total mass.
    public var negativeMass: Double
    /// Σ c_ij π_ij (+ penalties for unbalanced transport), recomputed from the entries.
    public var recomputedCost: Double
    /// Σ a_i u_i + Σ b_j v_j (balanced), or the LP's recomputed dual objective.
    public var dualObjective: Double
    /// The LP certificate, for plans that came out of an LP solver.
    public var lpReport: CertificateReport?
    /// Which checks failed, in words; empty when verified.
    public var failures: [String]

    /// True when every check passed.
    public var verified: Bool { failures.isEmpty }

    public init(kind: Kind, maxDualViolation: Double, marginalError: Double, gap: Double, negativeMass: Double,
                recomputedCost: Double, dualObjective: Double, lpReport: CertificateReport?, failures: [String]) {
        self.kind = kind
        self.maxDualViolation = maxDualViolation
        self.marginalError = marginalError
        self.gap = gap
        self.negativeMass = negativeMass
        self.recomputedCost = recomputedCost
        self.dualObjective = dualObjective
        self.lpReport = lpReport
        self.failures = failures
    }

    /// Checks a plan of a balanced problem.
    public static func check(_ plan: TransportPlan, for problem: TransportProblem,
                             tolerances: TransportTolerances = .init()) -> TransportCertificate {
        let n = problem.sourceCount, m = problem.targetCount
        let a = problem.sourceWeights, b = problem.targetWeights
        let u = plan.sourcePotentials, v = plan.targetPotentials
        var failures: [String] = []
        var certificate = TransportCertificate(kind: .dualPotentials, maxDualViolation: .nan, marginalError: .nan, gap: .nan,
                                               negativeMass: .nan, recomputedCost: .nan, dualObjective: .nan,
                                               lpReport: nil, failures: [])
        guard plan.status.hasOptimalPoint else {
            certificate.failures = ["the solver stopped without an optimal plan (\(plan.status.summary))"]
            return certificate
        }
        guard u.count == n, v.count == m else {
            certificate.failures = ["the plan has \(u.count) source and \(v.count) target potentials; the problem has \(n) sources and \(m) targets"]
            return certificate
        }
        if let bad = plan.entries.first(where: { !(0..<n).contains($0.source) || !(0..<m).contains($0.target) || !$0.mass.isFinite }) {
            certificate.failures = ["plan entry (\(bad.source + 1), \(bad.target + 1), \(bad.mass)) is outside the problem or not finite"]
            return certificate
        }
        if u.contains(where: { !$0.isFinite }) || v.contains(where: { !$0.isFinite }) {
            certificate.failures = ["a potential is not finite"]
            return certificate
        }
        let total = problem.totalMass
        let costScale = problem.cost.maxAbsoluteValue > 0 ? problem.cost.maxAbsoluteValue : 1

        // Dual feasibility: max_ij (u_i + v_j − c_ij)⁺ / max|c|.
        var worst = -Double.infinity, worstPair = (0, 0)
        problem.cost.values.withUnsafeBufferPointer { c in
            v.withUnsafeBufferPointer { v in
                for i in 0..<n {
                    let row = i * m
                    var rowWorst = -Double.infinity, rowArg = 0
                    for j in 0..<m {
                        let slack = v[j] - c[row + j]            // v_j − c_ij
                        if slack > rowWorst { rowWorst = slack; rowArg = j }
                    }
                    if rowWorst + u[i] > worst { worst = rowWorst + u[i]; worstPair = (i, rowArg) }
                }
            }
        }
        certificate.maxDualViolation = max(0, worst) / costScale
        if !(certificate.maxDualViolation <= tolerances.dualFeasibility) {
            failures.append("dual violation \(certificate.maxDualViolation) > \(tolerances.dualFeasibility): u + v exceeds the cost at pair (\(worstPair.0 + 1), \(worstPair.1 + 1))")
        }

        // Marginals, negativity and the primal cost.
        var rows = [Double](repeating: 0, count: n), columns = [Double](repeating: 0, count: m)
        var primal = 0.0, primalMagnitude = 0.0, minimum = 0.0
        for e in plan.entries {
            rows[e.source] += e.mass
            columns[e.target] += e.mass
            let term = problem.cost[e.source, e.target] * e.mass   // c_ij π_ij
            primal += term
            primalMagnitude += abs(term)
            minimum = min(minimum, e.mass)
        }
        var marginal = 0.0
        for i in 0..<n { marginal = max(marginal, abs(rows[i] - a[i])) }
        for j in 0..<m { marginal = max(marginal, abs(columns[j] - b[j])) }
        certificate.marginalError = marginal / total
        certificate.negativeMass = minimum < 0 ? -minimum / total : 0
        certificate.recomputedCost = primal
        if !(certificate.marginalError <= tolerances.marginal) {
            failures.append("marginal error \(certificate.marginalError) > \(tolerances.marginal): the plan does not move the given masses")
        }
        if !(certificate.negativeMass <= tolerances.negativity) {
            failures.append("negative mass \(minimum) in the plan")
        }

        // Duality gap: |Σ a u + Σ b v − Σ c π| relative to the terms.
        var dual = 0.0, dualMagnitude = 0.0
        for i in 0..<n { dual += a[i] * u[i]; dualMagnitude += a[i] * abs(u[i]) }
        for j in 0..<m { dual += b[j] * v[j]; dualMagnitude += b[j] * abs(v[j]) }
        certificate.dualObjective = dual
        let scale = primalMagnitude + dualMagnitude
        certificate.gap = scale > 0 ? abs(dual - primal) / scale : abs(dual - primal)
        if !(certificate.gap <= tolerances.gap) {
            failures.append("duality gap \(certificate.gap) > \(tolerances.gap): plan cost \(primal), dual objective \(dual)")
        }
        checkCost(reported: plan.cost, recomputed: primal, costScale: costScale * total, tolerances: tolerances, into: &failures)
        certificate.failures = failures
        return certificate
    }

    /// Adds a failure when the solver's cost differs from the recomputed one.
    static func checkCost(reported: Double, recomputed: Double, costScale: Double,
                          tolerances: TransportTolerances, into failures: inout [String]) {
        let scale = max(abs(recomputed), costScale * 1e-12)
        let mismatch = scale > 0 ? abs(reported - recomputed) / scale : abs(reported - recomputed)
        if !(mismatch <= tolerances.cost) {
            failures.append("the reported cost \(reported) differs from the recomputed Σ c π = \(recomputed)")
        }
    }
}
