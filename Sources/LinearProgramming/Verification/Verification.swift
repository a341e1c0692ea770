/// Re-checks a solution against the model alone, trusting nothing the solver computed but the
/// vectors it returned: x and y for an optimal LP (primal residual, dual sign conditions of the
/// recomputed reduced costs c − Aᵀy, complementarity, duality gap against a safe dual bound),
/// x for a MIP (feasibility, integrality), the Farkas ray of an infeasible problem, the
/// improving ray and feasible point of an unbounded one. Every tolerance is relative to the
/// magnitudes that enter the row or column it concerns (see ``VerificationTolerances``), never
/// to the largest number in the model. The report says which check fails.
public func verify(_ solution: Solution, for model: LinearProgram,
                   tolerances: VerificationTolerances = .init()) -> CertificateReport {
    do { try model.validate() } catch {
        return CertificateReport(kind: .none, failures: ["the model is invalid: \(error)"])
    }
    var report = checkCertificate(solution, for: model, tolerances: tolerances)
    report.tolerances = tolerances
    return report
}

private func checkCertificate(_ solution: Solution, for model: LinearProgram,
                              tolerances: VerificationTolerances) -> CertificateReport {
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
    /// The columns' bounds, as plain arrays for the loops over rows.
    let columnLower: [Double], columnUpper: [Double]

    init(model: LinearProgram, tolerances: VerificationTolerances) {
        self.model = model
        self.tolerances = tolerances
        columnLower = model.variables.map { $0.lower }
        columnUpper = model.variables.map { $0.upper }
    }

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

    /// The primal residual with, for every integer variable, its distance to the nearest integer.
    func integerResidual(_ x: [Double]) -> Residual {
        var residual = primalResidual(x)
        for (j, v) in model.variables.enumerated() where v.isInteger {
            residual.record(abs(x[j] - x[j].rounded()), scale: 1, at: "integer variable '\(v.name)' = \(x[j])")
        }
        return residual
    }

    /// The bound a multiplier pairs with in the safe dual bound min over [lower, upper] of m·value:
    /// lower when m > 0, upper when m < 0, none when m = 0. When the needed bound is infinite the
    /// bound is nil (the term is dropped, i.e. m is taken as 0) and |m| is the sign violation.
    static func pairedBound(multiplier m: Double, lower: Double, upper: Double) -> (bound: Double?, violation: Double) {
        if m > 0 { return lower.isFinite ? (lower, 0) : (nil, m) }
        if m < 0 { return upper.isFinite ? (upper, 0) : (nil, -m) }
        return (nil, m.isNaN ? .infinity : 0)
    }

    /// On a doubly bounded entry (lower < upper, both finite) sitting at one bound — within the
    /// primal tolerance of it and not of the other — a multiplier must have that bound's sign
    /// (> 0 at lower, < 0 at upper); returns the wrong-signed part. At a vertex this is the sign
    /// condition itself; an interior-point answer never violates it (its multiplier there is
    /// ≈ μ / distance, large and of the right sign). The safe dual bound pairs by sign anyway.
    /// "Within" is measured as in ``primalResidual(_:)``, `magnitude` being a row's Σ|aᵢⱼ xⱼ|.
    func positionViolation(multiplier m: Double, lower: Double, upper: Double, value: Double,
                           magnitude: Double = 0) -> Double {
        guard lower.isFinite, upper.isFinite, lower < upper else { return 0 }
        let tolerance = tolerances.primalFeasibility
        let atLower = value - lower <= tolerance * (1 + max(abs(lower), magnitude))
        let atUpper = upper - value <= tolerance * (1 + max(abs(upper), magnitude))
        if atLower && !atUpper { return max(-m, 0) }
        if atUpper && !atLower { return max(m, 0) }
        return 0
    }

    /// Minimisation-form reduced costs d = c' − Aᵀy (c' = costSign·c, compensated sums) and
    /// each column's dual magnitude μⱼ = |cⱼ| + Σᵢ |aᵢⱼ yᵢ|: the size of the terms d adds up.
    /// (Over raw buffers: the model is valid, so every column index is in range.)
    func reducedCosts(_ y: [Double], costSign: Double) -> (d: [Double], magnitude: [Double]) {
        var sums = model.variables.map { CompensatedSum(costSign * $0.cost) }
        var magnitude = model.variables.map { abs(costSign * $0.cost) }
        sums.withUnsafeMutableBufferPointer { sums in
            magnitude.withUnsafeMutableBufferPointer { magnitude in
                for (i, row) in model.constraints.enumerated() where y[i] != 0 {
                    let yi = y[i]
                    row.columns.withUnsafeBufferPointer { columns in
                        row.coefficients.withUnsafeBufferPointer { coefficients in
                            for k in columns.indices {
                                let j = columns[k], a = coefficients[k]
                                sums[j].add(-a, times: yi)                              // dⱼ = c'ⱼ − Σᵢ aᵢⱼ y'ᵢ
                                magnitude[j] += abs(a * yi)
                            }
                        }
                    }
                }
            }
        }
        return (sums.map(\.value), magnitude)
    }

    /// How strongly row i's multiplier moves the columns it touches, relative to their scales:
    /// ρᵢ = maxⱼ |aᵢⱼ| / scaleⱼ; 1 for an empty row. A sign violation v of yᵢ counts as v·ρᵢ:
    /// dropping yᵢ changes no column's reduced cost by more than that, relative to its scale.
    func rowInfluence(_ row: Constraint, columnScale: [Double]) -> Double {
        var influence = row.columns.isEmpty ? 1.0 : 0.0
        for k in row.columns.indices where columnScale[row.columns[k]] > 0 {
            influence = max(influence, abs(row.coefficients[k]) / columnScale[row.columns[k]])
        }
        return influence
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
        let (d, mu) = reducedCosts(y, costSign: s)
        let columnScale = mu.map { 1 + $0 }                          // 1 + |cⱼ| + Σᵢ |aᵢⱼ yᵢ|
        // P − constant − fixed columns' terms: the part of the objective the program optimises.
        var primalSum = CompensatedSum(s * model.objectiveConstant), optimised = CompensatedSum()
        for (j, v) in model.variables.enumerated() {
            primalSum.add(s * v.cost, times: x[j])
            if v.lower != v.upper { optimised.add(s * v.cost, times: x[j]) }
        }
        let minPrimal = primalSum.value
        let objectiveScale = 1 + abs(optimised.value)
        var dualSum = CompensatedSum(s * model.objectiveConstant)   // safe bound Σ min m·[lower, upper]
        var dual = Residual()
        var complementarity = 0.0
        // A wrong-signed multiplier whose bound is infinite is charged at the bound the rows imply.
        let unpaired = model.variables.indices.map { Self.pairedBound(multiplier: d[$0], lower: model.variables[$0].lower,
                                                                      upper: model.variables[$0].upper).violation > 0 }
        let implied = impliedColumnBounds(for: unpaired)

        for (i, row) in model.constraints.enumerated() {
            let (bound, violation) = Self.pairedBound(multiplier: y[i], lower: row.lower, upper: row.upper)
            let (activity, magnitude) = row.activityAndMagnitude(x)
            let wrong = max(violation, positionViolation(multiplier: y[i], lower: row.lower, upper: row.upper,
                                                         value: activity, magnitude: magnitude))
            dual.record(wrong * rowInfluence(row, columnScale: columnScale), scale: 1,
                        at: "dual \(s * y[i]) of constraint '\(row.name)' has the wrong sign")
            if let bound {
                dualSum.add(y[i], times: bound)
                complementarity = max(complementarity, abs(y[i] * (activity - bound)))
            } else if violation > 0 {
                let range = impliedRowActivity(row)
                let needed = y[i] > 0 ? range.lower : range.upper
                if needed.isFinite { dualSum.add(y[i], times: needed) }
            }
        }
        var reducedCostMismatch = Residual()
        for (j, v) in model.variables.enumerated() {
            let (bound, violation) = Self.pairedBound(multiplier: d[j], lower: v.lower, upper: v.upper)
            let wrong = max(violation, positionViolation(multiplier: d[j], lower: v.lower, upper: v.upper, value: x[j]))
            dual.record(wrong, scale: columnScale[j], at: "reduced cost \(s * d[j]) of variable '\(v.name)' has the wrong sign")
            if let bound {
                dualSum.add(d[j], times: bound)
                complementarity = max(complementarity, abs(d[j] * (x[j] - bound)))
            } else if violation > 0, let range = implied[j] {
                let needed = d[j] > 0 ? range.lower : range.upper
                if needed.isFinite { dualSum.add(d[j], times: needed) }
            }
            if solution.reducedCosts.count == n {
                reducedCostMismatch.record(abs(solution.reducedCosts[j] - s * d[j]), scale: columnScale[j], at: "variable '\(v.name)'")
            }
        }
        let dualObjective = dualSum.value
        report.dualResidual = dual.value
        report.dualObjective = s * dualObjective
        report.dualityGap = abs(minPrimal - dualObjective) / objectiveScale
        report.complementarity = complementarity / objectiveScale
        if !(dual.value <= tolerances.dualFeasibility) {
            report.failures.append("dual residual \(dual.value) > \(tolerances.dualFeasibility): \(dual.location)")
        }
        if !(report.dualityGap! <= tolerances.gap) {
            report.failures.append("duality gap \(report.dualityGap!) > \(tolerances.gap): primal \(s * minPrimal), dual bound \(s * dualObjective)")
        }
        if !(report.complementarity! <= tolerances.gap) {
            report.failures.append("complementarity \(report.complementarity!) > \(tolerances.gap)")
        }
        if !(reducedCostMismatch.value <= tolerances.dualFeasibility) {
            report.failures.append("the solver's reduced costs differ from c − Aᵀy by \(reducedCostMismatch.value) (relative) at \(reducedCostMismatch.location)")
        }
        checkReportedObjective(solution.objective, x: x, into: &report)
        return report
    }

    func checkMixedInteger(_ solution: Solution) -> CertificateReport {
        var report = CertificateReport(kind: .mixedIntegerFeasibility)
        guard solution.x.count == model.variableCount else {
            report.failures.append("the solution has \(solution.x.count) values; the model has \(model.variableCount) variables")
            return report
        }
        let residual = integerResidual(solution.x)
        report.primalResidual = residual.value
        report.dualityGap = solution.mipGap
        if !(residual.value <= max(tolerances.primalFeasibility, tolerances.integrality)) {
            report.failures.append("primal residual \(residual.value): \(residual.location)")
        }
        checkReportedObjective(solution.objective, x: solution.x, into: &report)
        return report
    }

    /// The solver's objective against cᵀx + constant recomputed (compensated), relative to
    /// 1 + |constant| + Σ|cⱼ xⱼ|: both sides add up the same terms, so only rounding may differ.
    private func checkReportedObjective(_ reported: Double, x: [Double], into report: inout CertificateReport) {
        var sum = CompensatedSum(model.objectiveConstant)
        var scale = 1 + abs(model.objectiveConstant)
        for (j, v) in model.variables.enumerated() {
            sum.add(v.cost, times: x[j])
            scale += abs(v.cost * x[j])
        }
        let mismatch = abs(reported - sum.value) / scale
        if !(mismatch <= tolerances.objectiveAgreement) {
            report.failures.append("the reported objective \(reported) differs from cᵀx + constant = \(sum.value) (relative \(mismatch) > \(tolerances.objectiveAgreement))")
        }
    }
}
