/// Re-checks a solution against the model alone, trusting nothing the solver computed but the
/// vectors it returned: x and y for an optimal LP (primal residual, dual sign conditions of the
/// recomputed reduced costs c − Aᵀy, complementarity, duality gap), x for a MIP (feasibility,
/// integrality), the Farkas ray of an infeasible problem, the improving ray and feasible point
/// of an unbounded one. The report says which check fails.
public func verify(_ solution: Solution, for model: LinearProgram,
                   tolerances: VerificationTolerances = .init()) -> CertificateReport {
    do { try model.validate() } catch {
        return CertificateReport(kind: .none, failures: ["the model is invalid: \(error)"])
    }
    let verifier = CertificateVerifier(model: model, tolerances: tolerances)
    switch solution.status {
    case .optimal, .almostOptimal:
        return solution.isMixedInteger ? verifier.checkMixedInteger(solution) : verifier.checkOptimality(solution)
    case .primalInfeasible:
        guard let ray = solution.farkasRay else {
            return CertificateReport(kind: .none, failures: ["no Farkas ray was given to prove infeasibility"])
        }
        return verifier.checkFarkasRay(ray)
    case .dualInfeasible:
        guard let ray = solution.improvingRay else {
            return CertificateReport(kind: .none, failures: ["no improving ray was given to prove unboundedness"])
        }
        return verifier.checkImprovingRay(ray, feasiblePoint: solution.x)
    case .iterationLimit, .timeLimit, .numericalError:
        var report = CertificateReport(kind: .none, failures: ["the solver stopped without an answer (\(solution.status.summary))"])
        if solution.x.count == model.variableCount {
            report.primalResidual = verifier.primalResidual(solution.x).value
        }
        return report
    }
}

/// The arithmetic behind ``verify(_:for:tolerances:)``; `model` must be valid.
struct CertificateVerifier {
    let model: LinearProgram
    let tolerances: VerificationTolerances

    /// Largest relative violation, and where it is.
    struct Residual {
        var value = 0.0
        var location = ""
        mutating func record(_ violation: Double, scale: Double, at place: @autoclosure () -> String) {
            let relative = violation / scale
            if relative > value || relative.isNaN { value = relative; location = place() }
        }
    }

    /// max over bounds of violation / (1 + |bound|) and over rows of
    /// violation / (1 + max(|bound|, Σ|aᵢⱼ xⱼ|)): relative to the terms the row adds up.
    func primalResidual(_ x: [Double]) -> Residual {
        var residual = Residual()
        for (j, v) in model.variables.enumerated() {
            if x[j] < v.lower { residual.record(v.lower - x[j], scale: 1 + abs(v.lower), at: "variable '\(v.name)' below its lower bound") }
            if x[j] > v.upper { residual.record(x[j] - v.upper, scale: 1 + abs(v.upper), at: "variable '\(v.name)' above its upper bound") }
            if !x[j].isFinite { residual.record(.infinity, scale: 1, at: "variable '\(v.name)' is \(x[j])") }
        }
        for row in model.constraints {
            let (activity, magnitude) = row.activityAndMagnitude(x)
            if activity < row.lower { residual.record(row.lower - activity, scale: 1 + max(abs(row.lower), magnitude), at: "constraint '\(row.name)' below its lower bound") }
            if activity > row.upper { residual.record(activity - row.upper, scale: 1 + max(abs(row.upper), magnitude), at: "constraint '\(row.name)' above its upper bound") }
        }
        return residual
    }

    /// The bound a multiplier pairs with: its sign picks lower (> 0) or upper (< 0); a tiny
    /// multiplier on a doubly bounded entry pairs with the bound nearest the primal value.
    /// Returns the bound (nil when the needed one is infinite) and the sign violation.
    static func pairedBound(multiplier m: Double, lower: Double, upper: Double, value: Double,
                            tiny: Double) -> (bound: Double?, violation: Double) {
        let hasLower = lower.isFinite, hasUpper = upper.isFinite
        switch (hasLower, hasUpper) {
        case (false, false): return (nil, abs(m))
        case (true, false): return (lower, max(-m, 0))
        case (false, true): return (upper, max(m, 0))
        case (true, true):
            if abs(m) <= tiny { return (abs(value - lower) <= abs(upper - value) ? lower : upper, 0) }
            return (m > 0 ? lower : upper, 0)
        }
    }

    func checkOptimality(_ solution: Solution) -> CertificateReport {
        var report = CertificateReport(kind: .optimality)
        let n = model.variableCount, m = model.constraintCount
        guard solution.x.count == n, solution.rowDuals.count == m else {
            report.failures.append("the solution has \(solution.x.count) values and \(solution.rowDuals.count) duals; the model has \(n) variables and \(m) constraints")
            return report
        }
        let x = solution.x
        let primal = primalResidual(x)
        report.primalResidual = primal.value
        if !(primal.value <= tolerances.primalFeasibility) {
            report.failures.append("primal residual \(primal.value) > \(tolerances.primalFeasibility): \(primal.location)")
        }

        // Minimisation form: c' = s c, y' = s y, d' = c' − Aᵀy' with s = ±1.
        let s = model.sense.sign
        let y = solution.rowDuals.map { s * $0 }
        let aty = model.transposeProduct(y)
        let costScale = 1 + (model.variables.map { abs($0.cost) }.max() ?? 0)
        let tiny = tolerances.dualFeasibility * costScale
        let primalObjective = model.objectiveValue(x)
        let minPrimal = s * primalObjective
        var dualObjective = s * model.objectiveConstant
        var dual = Residual()
        var complementarity = 0.0

        for (i, row) in model.constraints.enumerated() {
            let activity = row.activity(x)
            let (bound, violation) = Self.pairedBound(multiplier: y[i], lower: row.lower, upper: row.upper, value: activity, tiny: tiny)
            dual.record(violation, scale: costScale, at: "dual of constraint '\(row.name)' has the wrong sign")
            if let bound {
                dualObjective += y[i] * bound
                complementarity = max(complementarity, abs(y[i] * (activity - bound)))
            }
        }
        var reducedCostMismatch = 0.0
        for (j, v) in model.variables.enumerated() {
            let d = s * v.cost - aty[j]
            let (bound, violation) = Self.pairedBound(multiplier: d, lower: v.lower, upper: v.upper, value: x[j], tiny: tiny)
            dual.record(violation, scale: costScale, at: "reduced cost of variable '\(v.name)' has the wrong sign")
            if let bound {
                dualObjective += d * bound
                complementarity = max(complementarity, abs(d * (x[j] - bound)))
            }
            if solution.reducedCosts.count == n {
                reducedCostMismatch = max(reducedCostMismatch, abs(solution.reducedCosts[j] - s * d))
            }
        }
        let objectiveScale = 1 + abs(minPrimal)
        report.dualResidual = dual.value
        report.dualObjective = s * dualObjective
        report.dualityGap = abs(minPrimal - dualObjective) / objectiveScale
        report.complementarity = complementarity / objectiveScale
        if !(dual.value <= tolerances.dualFeasibility) {
            report.failures.append("dual residual \(dual.value) > \(tolerances.dualFeasibility): \(dual.location)")
        }
        if !(report.dualityGap! <= tolerances.gap) {
            report.failures.append("duality gap \(report.dualityGap!) > \(tolerances.gap): primal \(primalObjective), dual \(s * dualObjective)")
        }
        if !(report.complementarity! <= tolerances.gap) {
            report.failures.append("complementarity \(report.complementarity!) > \(tolerances.gap)")
        }
        if !(reducedCostMismatch / costScale <= tolerances.dualFeasibility) {
            report.failures.append("the solver's reduced costs differ from c − Aᵀy by \(reducedCostMismatch)")
        }
        checkReportedObjective(solution.objective, recomputed: primalObjective, into: &report)
        return report
    }

    func checkMixedInteger(_ solution: Solution) -> CertificateReport {
        var report = CertificateReport(kind: .mixedIntegerFeasibility)
        guard solution.x.count == model.variableCount else {
            report.failures.append("the solution has \(solution.x.count) values; the model has \(model.variableCount) variables")
            return report
        }
        var residual = primalResidual(solution.x)
        for (j, v) in model.variables.enumerated() where v.isInteger {
            residual.record(abs(solution.x[j] - solution.x[j].rounded()), scale: 1, at: "integer variable '\(v.name)' = \(solution.x[j])")
        }
        report.primalResidual = residual.value
        report.dualityGap = solution.mipGap
        if !(residual.value <= max(tolerances.primalFeasibility, tolerances.integrality)) {
            report.failures.append("primal residual \(residual.value): \(residual.location)")
        }
        checkReportedObjective(solution.objective, recomputed: model.objectiveValue(solution.x), into: &report)
        return report
    }

    private func checkReportedObjective(_ reported: Double, recomputed: Double, into report: inout CertificateReport) {
        let mismatch = abs(reported - recomputed) / (1 + abs(recomputed))
        if !(mismatch <= tolerances.gap) {
            report.failures.append("the reported objective \(reported) differs from cᵀx + constant = \(recomputed)")
        }
    }

    /// Farkas: with y scaled to ‖y‖∞ = 1 and d = −Aᵀy, every multiplier must pair with a finite
    /// bound of the right side and Σ y·bound + Σ d·bound > 0, contradicting 0 = yᵀAx + dᵀx ≥ that sum.
    func checkFarkasRay(_ ray: [Double]) -> CertificateReport {
        var report = CertificateReport(kind: .farkasRay)
        guard ray.count == model.constraintCount else {
            report.failures.append("the Farkas ray has \(ray.count) entries; the model has \(model.constraintCount) constraints")
            return report
        }
        let norm = ray.map(abs).max() ?? 0
        guard norm > 0, norm.isFinite else {
            report.failures.append("the Farkas ray is zero or not finite")
            return report
        }
        let y = ray.map { $0 / norm }
        let aty = model.transposeProduct(y)
        var magnitude = [Double](repeating: 0, count: model.variableCount) // Σᵢ |aᵢⱼ yᵢ|
        for (i, row) in model.constraints.enumerated() where y[i] != 0 {
            for k in row.columns.indices { magnitude[row.columns[k]] += abs(row.coefficients[k] * y[i]) }
        }
        var residual = Residual()
        var proof = 0.0, proofScale = 0.0
        for (i, row) in model.constraints.enumerated() {
            let (bound, violation) = Self.pairedBound(multiplier: y[i], lower: row.lower, upper: row.upper, value: 0, tiny: 0)
            residual.record(violation, scale: 1, at: "multiplier of constraint '\(row.name)' has the wrong sign")
            if let bound { proof += y[i] * bound; proofScale += abs(y[i] * bound) }
        }
        for (j, v) in model.variables.enumerated() {
            let d = -aty[j]
            let (bound, violation) = Self.pairedBound(multiplier: d, lower: v.lower, upper: v.upper, value: 0, tiny: 0)
            residual.record(violation, scale: 1 + magnitude[j], at: "column '\(v.name)' of −Aᵀy has the wrong sign")
            if let bound { proof += d * bound; proofScale += abs(d * bound) }
        }
        report.rayResidual = residual.value
        report.rayObjective = proof
        if !(residual.value <= tolerances.ray) {
            report.failures.append("Farkas ray residual \(residual.value) > \(tolerances.ray): \(residual.location)")
        }
        if !(proof > tolerances.ray * (1 + proofScale)) {
            report.failures.append("the Farkas ray's bound \(proof) is not positive, so it proves nothing")
        }
        return report
    }

    /// Improving ray: with r scaled to ‖r‖∞ = 1, A r and r must stay inside the recession cone
    /// of the rows and bounds, the minimisation-form slope s cᵀr must be negative, and x feasible.
    func checkImprovingRay(_ ray: [Double], feasiblePoint x: [Double]) -> CertificateReport {
        var report = CertificateReport(kind: .improvingRay)
        guard ray.count == model.variableCount else {
            report.failures.append("the improving ray has \(ray.count) entries; the model has \(model.variableCount) variables")
            return report
        }
        let norm = ray.map(abs).max() ?? 0
        guard norm > 0, norm.isFinite else {
            report.failures.append("the improving ray is zero or not finite")
            return report
        }
        let r = ray.map { $0 / norm }
        var residual = Residual()
        for (j, v) in model.variables.enumerated() {
            if v.lower.isFinite { residual.record(max(-r[j], 0), scale: 1, at: "ray leaves the lower bound of '\(v.name)'") }
            if v.upper.isFinite { residual.record(max(r[j], 0), scale: 1, at: "ray leaves the upper bound of '\(v.name)'") }
        }
        for row in model.constraints {
            let activity = row.activity(r)
            var magnitude = 0.0
            for k in row.columns.indices { magnitude += abs(row.coefficients[k] * r[row.columns[k]]) }
            if row.lower.isFinite { residual.record(max(-activity, 0), scale: 1 + magnitude, at: "ray leaves constraint '\(row.name)' (lower side)") }
            if row.upper.isFinite { residual.record(max(activity, 0), scale: 1 + magnitude, at: "ray leaves constraint '\(row.name)' (upper side)") }
        }
        let s = model.sense.sign
        var slope = 0.0, slopeScale = 0.0
        for (j, v) in model.variables.enumerated() { slope += s * v.cost * r[j]; slopeScale += abs(v.cost * r[j]) }
        report.rayResidual = residual.value
        report.rayObjective = slope
        if !(residual.value <= tolerances.ray) {
            report.failures.append("improving ray residual \(residual.value) > \(tolerances.ray): \(residual.location)")
        }
        if !(slope < -tolerances.ray * (1 + slopeScale)) {
            report.failures.append("the ray's objective slope \(slope) does not improve the objective")
        }
        if x.count == model.variableCount {
            let primal = primalResidual(x)
            report.primalResidual = primal.value
            if !(primal.value <= tolerances.primalFeasibility) {
                report.failures.append("the feasible point is not feasible: residual \(primal.value) at \(primal.location)")
            }
        } else {
            report.failures.append("no feasible point was given: the ray alone proves only that the dual is infeasible")
        }
        return report
    }
}
