/// The ray checks of ``CertificateVerifier``: Farkas rays of infeasible problems and improving
/// rays (with a feasible point) of unbounded ones, each sign condition relative to the
/// magnitudes of its own row or column.
extension CertificateVerifier {
    /// Farkas: with y scaled to ‖y‖∞ = 1 and d = −Aᵀy, every multiplier must pair with a finite
    /// bound of the right side and Σ y·bound + Σ d·bound > 0, contradicting 0 = yᵀAx + dᵀx ≥ that
    /// sum. Column j's sign violation is relative to maxᵢ |aᵢⱼ| + Σᵢ |aᵢⱼ yᵢ| (the terms dⱼ adds
    /// up, at least the column's largest entry times ‖y‖∞ = 1), a row's to the columns it touches
    /// (``rowInfluence(_:columnScale:)``).
    func checkFarkasRay(_ ray: [Double]) -> CertificateReport {
        var report = CertificateReport(kind: .farkasRay)
        guard let y = normalized(ray, name: "Farkas ray", count: model.constraintCount, of: "constraints", into: &report) else {
            return report
        }
        let (d, magnitude) = reducedCosts(y, costSign: 0)          // d = −Aᵀy
        var columnScale = magnitude                                 // maxᵢ |aᵢⱼ| + Σᵢ |aᵢⱼ yᵢ|
        var largest = [Double](repeating: 0, count: model.variableCount)
        for row in model.constraints {
            for k in row.columns.indices { largest[row.columns[k]] = max(largest[row.columns[k]], abs(row.coefficients[k])) }
        }
        for j in columnScale.indices { columnScale[j] += largest[j] }
        var residual = Residual()
        var proof = CompensatedSum(), proofScale = 0.0
        for (i, row) in model.constraints.enumerated() {
            let (bound, violation) = Self.pairedBound(multiplier: y[i], lower: row.lower, upper: row.upper)
            let influence = rowInfluence(row, columnScale: columnScale)
            residual.record(violation * influence, scale: 1, at: "multiplier of constraint '\(row.name)' has the wrong sign")
            if let bound { proof.add(y[i], times: bound); proofScale += abs(y[i] * bound) }
        }
        for (j, v) in model.variables.enumerated() {
            let (bound, violation) = Self.pairedBound(multiplier: d[j], lower: v.lower, upper: v.upper)
            residual.record(violation, scale: columnScale[j] > 0 ? columnScale[j] : 1, at: "column '\(v.name)' of −Aᵀy has the wrong sign")
            if let bound { proof.add(d[j], times: bound); proofScale += abs(d[j] * bound) }
        }
        report.rayResidual = residual.value
        report.rayObjective = proof.value
        if !(residual.value <= tolerances.ray) {
            report.failures.append("Farkas ray residual \(residual.value) > \(tolerances.ray): \(residual.location)")
        }
        if !(proof.value > tolerances.ray * (1 + proofScale)) {
            report.failures.append("the Farkas ray's bound \(proof.value) is not positive (beyond \(tolerances.ray) × (1 + \(proofScale))), so it proves nothing")
        }
        return report
    }

    /// Improving ray: with r scaled to ‖r‖∞ = 1, r must stay inside the recession cone of the
    /// bounds (violation relative to ‖r‖∞ = 1) and A r inside that of the rows (violation of row i
    /// relative to maxⱼ |aᵢⱼ|), the minimisation-form slope s cᵀr must be negative beyond
    /// tolerance × (1 + Σ|cⱼ rⱼ|), and x must be feasible (and integral for integer variables).
    func checkImprovingRay(_ ray: [Double], feasiblePoint x: [Double]) -> CertificateReport {
        var report = CertificateReport(kind: .improvingRay)
        guard let r = normalized(ray, name: "improving ray", count: model.variableCount, of: "variables", into: &report) else {
            return report
        }
        var residual = Residual()
        for (j, v) in model.variables.enumerated() {
            if v.lower.isFinite { residual.record(max(-r[j], 0), scale: 1, at: "ray leaves the lower bound of '\(v.name)'") }
            if v.upper.isFinite { residual.record(max(r[j], 0), scale: 1, at: "ray leaves the upper bound of '\(v.name)'") }
        }
        for row in model.constraints {
            let activity = row.activity(r)
            let largest = row.coefficients.map(abs).max() ?? 0
            guard largest > 0 else { continue }
            if row.lower.isFinite { residual.record(max(-activity, 0), scale: largest, at: "ray leaves constraint '\(row.name)' (lower side)") }
            if row.upper.isFinite { residual.record(max(activity, 0), scale: largest, at: "ray leaves constraint '\(row.name)' (upper side)") }
        }
        let s = model.sense.sign
        var slope = CompensatedSum(), slopeScale = 0.0
        for (j, v) in model.variables.enumerated() { slope.add(s * v.cost, times: r[j]); slopeScale += abs(v.cost * r[j]) }
        report.rayResidual = residual.value
        report.rayObjective = slope.value
        if !(residual.value <= tolerances.ray) {
            report.failures.append("improving ray residual \(residual.value) > \(tolerances.ray): \(residual.location)")
        }
        if !(slope.value < -tolerances.ray * (1 + slopeScale)) {
            report.failures.append("the ray's objective slope \(slope.value) does not improve the objective")
        }
        if x.count == model.variableCount {
            let primal = model.hasIntegerVariables ? integerResidual(x) : primalResidual(x)
            report.primalResidual = primal.value
            if !(primal.value <= max(tolerances.primalFeasibility, model.hasIntegerVariables ? tolerances.integrality : 0)) {
                report.failures.append("the feasible point is not feasible\(model.hasIntegerVariables ? " (with integrality)" : ""): residual \(primal.value) at \(primal.location)")
            }
        } else {
            report.failures.append("no feasible point was given: the ray alone proves only that the dual is infeasible")
        }
        return report
    }

    /// The ray scaled to ‖ray‖∞ = 1, or nil with the failure recorded when it has the wrong
    /// length, is zero or is not finite.
    private func normalized(_ ray: [Double], name: String, count: Int, of what: String,
                            into report: inout CertificateReport) -> [Double]? {
        guard ray.count == count else {
            report.failures.append("the \(name) has \(ray.count) entries; the model has \(count) \(what)")
            return nil
        }
        let norm = ray.map(abs).max() ?? 0
        guard norm > 0, norm.isFinite else {
            report.failures.append("the \(name) is zero or not finite")
            return nil
        }
        return ray.map { $0 / norm }
    }
}
