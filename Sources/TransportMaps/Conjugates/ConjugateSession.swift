import LinearProgramming

/// Exact conjugates f*(y) of one potential for many y through one solver session: the epigraph
/// LP stays loaded and only the costs of x change (c_x = c_f − y), so a warm-starting solver
/// re-optimises from the previous y's basis. Every answer is verified exactly as a lone
/// ``ExactConjugate/evaluate(at:using:tolerances:)`` is. Obtained from
/// ``ExactConjugate/withSession(using:tolerances:_:)``; valid only inside that call.
public struct ConjugateSession {
    public let conjugate: ExactConjugate
    /// The solver the session re-solves with; unverified unbounded or infeasible claims are
    /// settled with it by ``RayFinder``.
    public let solver: any LPSolver
    public let tolerances: VerificationTolerances
    private let lp: any CostSession

    init(conjugate: ExactConjugate, solver: any LPSolver, lp: any CostSession, tolerances: VerificationTolerances) {
        self.conjugate = conjugate
        self.solver = solver
        self.lp = lp
        self.tolerances = tolerances
    }

    /// f*(y) by the session's LP with the costs of y, checked by ``verify(_:for:tolerances:)``
    /// against ``ExactConjugate/program(for:)``, which does not trust the solver. An unbounded or
    /// infeasible claim that does not verify as given (a solver without rays) is settled by
    /// ``RayFinder`` with the same solver first.
    public func evaluate(at y: [Double]) throws -> ConjugateValue {
        let model = conjugate.model, d = conjugate.inputDimension
        guard y.count == d else { throw ConjugateError.dimensionMismatch(what: "conjugate argument y", expected: d, actual: y.count) }
        if let j = y.firstIndex(where: { !$0.isFinite }) { throw ConjugateError.nonFiniteValue(what: "coordinate \(j + 1) of y") }
        let program = conjugate.program(for: y)
        var solution = try lp.solve(costs: program.variables.map(\.cost))
        var report = verify(solution, for: program, tolerances: tolerances)
        if !report.verified, solution.status == .dualInfeasible || solution.status == .primalInfeasible {
            solution = try RayFinder.settle(solution, for: program, using: solver, tolerances: tolerances)
            report = verify(solution, for: program, tolerances: tolerances)
        }
        let verdict = Verdict(solution, report: report)
        var result = ConjugateValue(y: y, verdict: verdict, value: .nan, exact: false, solution: solution, certificate: report)
        switch verdict.outcome {
        case .optimal:
            let x = Array(solution.x.prefix(d))
            let fx = try model.predict(x)[0]
            var pairing = 0.0, magnitude = abs(fx)
            for j in 0..<d { pairing += x[j] * y[j]; magnitude += abs(x[j] * y[j]) }
            result.value = -solution.objective                                   // f*(y) = −min (f(x) − ⟨x, y⟩)
            result.maximizer = x
            result.potentialAtMaximizer = fx
            result.lowerBound = pairing - fx                                     // ⟨x*, y⟩ − f(x*) ≤ f*(y)
            result.upperBound = report.dualObjective.map { -$0 }                 // f*(y) ≤ −(dual bound)
            let tolerance = tolerances.gap * (1 + magnitude)
            result.exactnessTolerance = tolerance
            result.exact = abs(result.value - (pairing - fx)) <= tolerance
        case .unbounded:
            result.value = .infinity
            result.ascentDirection = solution.improvingRay.map { Array($0.prefix(d)) }
            result.exact = true
        default:
            break
        }
        return result
    }
}
