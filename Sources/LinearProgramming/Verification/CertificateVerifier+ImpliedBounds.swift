/// Bounds the rows imply, for the safe dual bound: a multiplier whose needed bound is infinite
/// (a reduced cost dⱼ < 0 on a column without an upper bound, say) makes the Lagrangian bound
/// −∞, and forgiving it "within tolerance" forgives an error that is large in absolute terms
/// when the duals are large (dⱼ = −10 passes 1e-6 relative beside duals of 1e9). When the rows
/// bound that side after all, the multiplier is charged at that bound instead, so the dual
/// bound stays valid: min over the implied box of the Lagrangian ≤ the optimum.
extension CertificateVerifier {
    /// Per column, the bound one pass of row-activity propagation implies on each side
    /// (±∞ when none): for row i, aᵢⱼ xⱼ ≤ Uᵢ − Σ_{k≠j} min(aᵢₖ lₖ, aᵢₖ uₖ) and
    /// aᵢⱼ xⱼ ≥ Lᵢ − Σ_{k≠j} max(aᵢₖ lₖ, aᵢₖ uₖ), over the model's own bounds; for the columns
    /// marked in `wanted` (nil for the others).
    func impliedColumnBounds(for wanted: [Bool]) -> [(lower: Double, upper: Double)?] {
        var implied = [(lower: Double, upper: Double)?](repeating: nil, count: wanted.count)
        guard wanted.contains(true) else { return implied }
        for j in wanted.indices where wanted[j] { implied[j] = (model.variables[j].lower, model.variables[j].upper) }
        for row in model.constraints where row.columns.contains(where: { wanted[$0] }) {
            let activity = ActivityRange(row, lower: columnLower, upper: columnUpper)
            for (k, j) in row.columns.enumerated() where wanted[j] {
                let a = row.coefficients[k]
                guard a != 0, var bounds = implied[j] else { continue }
                let term = ActivityRange.term(a, columnLower[j], columnUpper[j])
                if row.upper.isFinite, let others = activity.lowest(excluding: term.low) {
                    let limit = (row.upper - others) / a                   // a xⱼ ≤ U − min of the others
                    if a > 0 { bounds.upper = min(bounds.upper, limit) } else { bounds.lower = max(bounds.lower, limit) }
                }
                if row.lower.isFinite, let others = activity.highest(excluding: term.high) {
                    let limit = (row.lower - others) / a                   // a xⱼ ≥ L − max of the others
                    if a > 0 { bounds.lower = max(bounds.lower, limit) } else { bounds.upper = min(bounds.upper, limit) }
                }
                implied[j] = bounds
            }
        }
        return implied
    }

    /// The range of a row's activity over the column bounds, when finite: [Σ min aₖxₖ, Σ max aₖxₖ].
    func impliedRowActivity(_ row: Constraint) -> (lower: Double, upper: Double) {
        let activity = ActivityRange(row, lower: columnLower, upper: columnUpper)
        return (activity.lowest(excluding: 0) ?? -.infinity, activity.highest(excluding: 0) ?? .infinity)
    }
}

/// Σ min and Σ max of a row's terms aₖxₖ over the column bounds, kept as a finite sum plus the
/// count of infinite terms, so that the sum without one term is available in O(1).
struct ActivityRange {
    var finiteLow = 0.0, infiniteLow = 0
    var finiteHigh = 0.0, infiniteHigh = 0

    init(_ row: Constraint, lower: [Double], upper: [Double]) {
        for (k, j) in row.columns.enumerated() {
            let term = Self.term(row.coefficients[k], lower[j], upper[j])
            if term.low.isFinite { finiteLow += term.low } else { infiniteLow += 1 }
            if term.high.isFinite { finiteHigh += term.high } else { infiniteHigh += 1 }
        }
    }

    /// min and max of a·x over x ∈ [lower, upper] (a ≠ 0; 0 for a = 0).
    static func term(_ a: Double, _ lower: Double, _ upper: Double) -> (low: Double, high: Double) {
        if a == 0 { return (0, 0) }
        return a > 0 ? (a * lower, a * upper) : (a * upper, a * lower)
    }

    /// Σ min without the term whose minimum is `own` (pass 0 to exclude nothing); nil when infinite.
    func lowest(excluding own: Double) -> Double? {
        if own.isFinite { return infiniteLow == 0 ? finiteLow - own : nil }
        return infiniteLow == 1 ? finiteLow : nil
    }

    /// Σ max without the term whose maximum is `own`; nil when infinite.
    func highest(excluding own: Double) -> Double? {
        if own.isFinite { return infiniteHigh == 0 ? finiteHigh - own : nil }
        return infiniteHigh == 1 ? finiteHigh : nil
    }
}
