/// Derives verified infeasibility and unboundedness certificates with any ``LPSolver``, for
/// solvers (like GLPK) that report "infeasible" or "unbounded" without a usable ray.
///
/// - Infeasibility: the elastic problem `min Σ (s⁺ᵢ + s⁻ᵢ)` s.t. `lower ≤ aᵢᵀx + s⁺ᵢ − s⁻ᵢ ≤ upper`,
///   x within its bounds, is always feasible and bounded; when its optimum is positive its row
///   duals y are a Farkas ray of the original problem (its reduced costs on x are exactly −Aᵀy).
/// - Unboundedness: the recession problem `min s·cᵀr` s.t. `aᵢᵀr ≥ 0` where lowerᵢ is finite,
///   `aᵢᵀr ≤ 0` where upperᵢ is finite, `rⱼ ≥ 0 / ≤ 0` where xⱼ's lower / upper bound is finite,
///   and `−1 ≤ r ≤ 1`; a negative optimum gives an improving ray. A feasible point comes from
///   the elastic problem.
/// Both work on the continuous relaxation (integrality dropped).
public enum RayFinder {
    public enum Outcome: Sendable {
        case infeasible(farkasRay: [Double])
        case unbounded(ray: [Double], feasiblePoint: [Double])
        /// Feasible with no improving ray: the problem has a finite optimum.
        case feasibleAndBounded(feasiblePoint: [Double])
        /// The auxiliary solves did not give a verified answer.
        case undetermined(reason: String)
    }

    /// Decides infeasible / unbounded / bounded for `model`, with verified rays. No auxiliary
    /// solve starts once `deadline` has passed (the outcome is then `undetermined`); give the
    /// solver the same deadline so that a solve in progress stops too.
    public static func classify(_ model: LinearProgram, using solver: any LPSolver,
                                tolerances: VerificationTolerances = .init(), deadline: Deadline? = nil) throws -> Outcome {
        let timeUp = Outcome.undetermined(reason: "the time limit was reached during the certificate search")
        try model.validate()
        let relaxation = continuousRelaxation(of: model)
        let verifier = CertificateVerifier(model: relaxation, tolerances: tolerances)

        let elastic = elasticProblem(for: relaxation)
        if deadline?.hasPassed == true { return timeUp }
        let elasticSolution = try solver.solve(elastic)
        guard elasticSolution.status.hasOptimalPoint,
              elasticSolution.rowDuals.count == elastic.constraintCount else {
            return .undetermined(reason: "the elastic problem ended \(elasticSolution.status.summary)")
        }
        let farkas = Array(elasticSolution.rowDuals.prefix(model.constraintCount))
        if elasticSolution.objective > 0, verifier.checkFarkasRay(farkas).verified {
            return .infeasible(farkasRay: farkas)
        }
        let point = Array(elasticSolution.x.prefix(model.variableCount))
        let pointResidual = verifier.primalResidual(point)
        guard pointResidual.value <= tolerances.primalFeasibility else {
            return .undetermined(reason: "the elastic problem's optimum \(elasticSolution.objective) neither proves infeasibility nor gives a feasible point (\(pointResidual.location))")
        }

        let recession = recessionProblem(for: relaxation)
        if deadline?.hasPassed == true { return timeUp }
        let recessionSolution = try solver.solve(recession)
        guard recessionSolution.status.hasOptimalPoint else {
            return .undetermined(reason: "the recession problem ended \(recessionSolution.status.summary)")
        }
        let ray = recessionSolution.x
        if recessionSolution.objective < 0, verifier.checkImprovingRay(ray, feasiblePoint: point).verified {
            return .unbounded(ray: ray, feasiblePoint: point)
        }
        return .feasibleAndBounded(feasiblePoint: point)
    }

    /// The model with every integer and binary variable made continuous.
    static func continuousRelaxation(of model: LinearProgram) -> LinearProgram {
        var relaxed = model
        for j in relaxed.variables.indices { relaxed.variables[j].kind = .continuous }
        return relaxed
    }

    /// min Σ (s⁺ᵢ + s⁻ᵢ) s.t. lowerᵢ ≤ aᵢᵀx + s⁺ᵢ − s⁻ᵢ ≤ upperᵢ; rows keep their indices.
    static func elasticProblem(for model: LinearProgram) -> LinearProgram {
        var elastic = LinearProgram(name: model.name + "-elastic")
        for v in model.variables { elastic.addVariable(v.name, lower: v.lower, upper: v.upper) }
        for row in model.constraints {
            var elasticRow = row
            if row.lower.isFinite || row.upper.isFinite {
                let plus = elastic.addVariable("\(row.name)+", cost: 1)
                let minus = elastic.addVariable("\(row.name)-", cost: 1)
                elasticRow.columns += [plus, minus]
                elasticRow.coefficients += [1, -1]
            }
            elastic.constraints.append(elasticRow)
        }
        return elastic
    }

    /// min s·cᵀr over the recession cone of the feasible set, boxed to −1 ≤ r ≤ 1.
    static func recessionProblem(for model: LinearProgram) -> LinearProgram {
        var recession = LinearProgram(name: model.name + "-recession")
        let s = model.sense.sign
        for v in model.variables {
            recession.addVariable(v.name, lower: v.lower.isFinite ? 0 : -1, upper: v.upper.isFinite ? 0 : 1, cost: s * v.cost)
        }
        for row in model.constraints where row.lower.isFinite || row.upper.isFinite {
            var cone = row
            cone.lower = row.lower.isFinite ? 0 : -.infinity
            cone.upper = row.upper.isFinite ? 0 : .infinity
            recession.constraints.append(cone)
        }
        return recession
    }
}
