/// The one rule every solver's "infeasible", "unbounded" and mixed-integer "optimal" answer goes
/// through: a verdict of infeasible or unbounded leaves here only with a verified ray, and a
/// verdict the evidence contradicts is replaced.
extension RayFinder {
    /// Settles a solver's claim against certificates derived with `solver` (an LP solver for the
    /// auxiliary problems) and, for models with integer variables, `integerSolver` (to find an
    /// integer point):
    /// - infeasible / unbounded: the status becomes what a verified Farkas ray or improving ray
    ///   (with a feasible point, integral for a MIP) proves. When a verified feasible point exists
    ///   and no improving ray does, the claim is contradicted: status `numericalError`, that point
    ///   in `x`, and the reason in `diagnosis`. When no certificate can be derived (the auxiliary
    ///   solves fail, or a MIP whose relaxation is feasible is called infeasible — integer
    ///   infeasibility has no Farkas ray), the claim stays, without a ray: `verify` rejects it.
    /// - mixed-integer optimal: when the relaxation has a verified improving ray, the claimed
    ///   optimum (an integer feasible point) plus that ray prove the MIP unbounded (for rational
    ///   data the integer hull has the relaxation's recession cone): status `dualInfeasible`.
    /// Other answers are returned unchanged. No auxiliary solve starts after `deadline` (give the
    /// solvers the same deadline); an infeasible / unbounded claim left without a certificate at
    /// the deadline becomes `timeLimit`.
    public static func settle(_ claim: Solution, for model: LinearProgram, using solver: any LPSolver,
                              integerSolver: (any LPSolver)? = nil,
                              tolerances: VerificationTolerances = .init(), deadline: Deadline? = nil) throws -> Solution {
        switch claim.status {
        case .primalInfeasible, .dualInfeasible:
            return try settleInfeasibleOrUnbounded(claim, for: model, using: solver, integerSolver: integerSolver,
                                                   tolerances: tolerances, deadline: deadline)
        case .optimal where claim.isMixedInteger, .almostOptimal where claim.isMixedInteger:
            if deadline?.hasPassed == true { return claim }     // no time to look for an improving ray: the solver's word stays
            return try settleMixedIntegerOptimum(claim, for: model, using: solver, tolerances: tolerances)
        default:
            return claim
        }
    }

    private static func settleInfeasibleOrUnbounded(_ claim: Solution, for model: LinearProgram, using solver: any LPSolver,
                                                    integerSolver: (any LPSolver)?, tolerances: VerificationTolerances,
                                                    deadline: Deadline?) throws -> Solution {
        var settled = claim
        settled.farkasRay = nil
        settled.improvingRay = nil
        settled.objective = .nan
        let said = "the solver (\(claim.solver)) said \(claim.status.summary)"
        switch try classify(model, using: solver, tolerances: tolerances, deadline: deadline) {
        case let .infeasible(farkasRay):
            settled.status = .primalInfeasible
            settled.farkasRay = farkasRay
            settled.x = []
            if claim.status != .primalInfeasible { settled.diagnosis = "\(said); a verified Farkas ray proves the problem infeasible" }
        case let .unbounded(ray, feasiblePoint):
            guard model.hasIntegerVariables else {
                settled.status = .dualInfeasible
                settled.improvingRay = ray
                settled.x = feasiblePoint
                if claim.status != .dualInfeasible { settled.diagnosis = "\(said); a verified improving ray and feasible point prove the problem unbounded" }
                break
            }
            switch try integerPoint(of: model, claim: claim, using: integerSolver, tolerances: tolerances) {
            case let .found(point):
                settled.status = .dualInfeasible
                settled.improvingRay = ray
                settled.x = point
                if claim.status != .dualInfeasible { settled.diagnosis = "\(said); an integer point and a verified improving ray of the relaxation prove the problem unbounded" }
            case .none:
                settled.status = .primalInfeasible
                settled.x = []
                settled.diagnosis = "the LP relaxation is unbounded but the integer problem has no feasible point (the integer solver's word): no Farkas ray can prove integer infeasibility"
            case let .unknown(reason):
                settled.status = .numericalError
                settled.x = []
                settled.diagnosis = "\(said); the LP relaxation is unbounded (verified improving ray) but no integer point was found to prove the integer problem unbounded: \(reason)"
            }
        case let .feasibleAndBounded(feasiblePoint):
            if model.hasIntegerVariables && claim.status == .primalInfeasible {
                settled.x = []
                settled.diagnosis = "\(said); its LP relaxation is feasible, so no Farkas ray can prove it: integer infeasibility is the solver's word"
            } else if !model.hasIntegerVariables && model.variables.allSatisfy({ $0.cost == 0 }) {
                // A zero objective makes every feasible point optimal, certified by y = 0 and d = 0.
                settled.status = .optimal
                settled.x = feasiblePoint
                settled.rowDuals = [Double](repeating: 0, count: model.constraintCount)
                settled.reducedCosts = [Double](repeating: 0, count: model.variableCount)
                settled.objective = model.objectiveConstant
                settled.diagnosis = "\(said), but a feasible point was verified, and with a zero objective it is optimal"
            } else {
                settled.status = .numericalError
                settled.x = feasiblePoint
                settled.diagnosis = "\(said), but the evidence contradicts it: a feasible point was verified and no improving ray exists (the problem has a finite optimum that this solver did not find)"
            }
        case let .undetermined(reason):
            settled.x = []
            if deadline?.hasPassed == true {
                settled.status = .timeLimit        // no unproved verdict: the limit came first
                settled.diagnosis = "\(said); the time limit was reached before a certificate was derived"
            } else {
                settled.diagnosis = "\(said), but no certificate could be derived: \(reason)"
            }
        }
        return settled
    }

    private static func settleMixedIntegerOptimum(_ claim: Solution, for model: LinearProgram, using solver: any LPSolver,
                                                  tolerances: VerificationTolerances) throws -> Solution {
        guard claim.x.count == model.variableCount else { return claim }
        let recession = try solver.solve(recessionProblem(for: continuousRelaxation(of: model)))
        guard recession.status.hasOptimalPoint, recession.objective < 0 else { return claim }
        let verifier = CertificateVerifier(model: model, tolerances: tolerances)
        guard verifier.checkImprovingRay(recession.x, feasiblePoint: claim.x).verified else { return claim }
        var settled = claim
        settled.status = .dualInfeasible
        settled.improvingRay = recession.x
        settled.objective = .nan
        settled.mipGap = nil
        settled.diagnosis = "the solver (\(claim.solver)) said optimal, but its integer point and a verified improving ray of the relaxation prove the problem unbounded"
        return settled
    }

    private enum IntegerPoint {
        case found([Double])
        case none
        case unknown(String)
    }

    /// An integer feasible point: the claim's own x when it is one, else the integer solver's
    /// answer to the model with a zero objective.
    private static func integerPoint(of model: LinearProgram, claim: Solution, using integerSolver: (any LPSolver)?,
                                     tolerances: VerificationTolerances) throws -> IntegerPoint {
        let verifier = CertificateVerifier(model: model, tolerances: tolerances)
        let limit = max(tolerances.primalFeasibility, tolerances.integrality)
        if claim.x.count == model.variableCount, verifier.integerResidual(claim.x).value <= limit { return .found(claim.x) }
        guard let integerSolver else { return .unknown("no integer solver was given") }
        var feasibility = model
        feasibility.objectiveConstant = 0
        for j in feasibility.variables.indices { feasibility.variables[j].cost = 0 }
        let answer = try integerSolver.solve(feasibility)
        switch answer.status {
        case .optimal, .almostOptimal:
            guard answer.x.count == model.variableCount else { return .unknown("the integer solver returned no point") }
            let residual = verifier.integerResidual(answer.x)
            return residual.value <= limit ? .found(answer.x) : .unknown("the integer point found fails its check (\(residual.location))")
        case .primalInfeasible: return .none
        default: return .unknown("the search for an integer point ended \(answer.status.summary)")
        }
    }
}
