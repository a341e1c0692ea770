import ConvexNetworks
import LinearProgramming
import SurrogateOptimization

/// The convex conjugate f*(y) = sup_x ⟨x, y⟩ − f(x) of a convex piecewise-linear potential (a
/// max-gate HyCNN or GroupMaxNet, a max-affine model, a ReLU or leaky-ReLU ICNN), computed
/// exactly by one LP per y: minimise t − ⟨x, y⟩ over the epigraph encoding {(x, units) : t ≥ f(x)}
/// that surrogate problems use (``SurrogateProblem/compile(forceMixedInteger:tightening:deadline:)``),
/// optionally with x in a box. f*(y) = −(LP optimum) and the LP's x is a maximiser x*(y) = ∇f*(y).
///
/// Units: f is the model's prediction in data units, f(x) = ty·g((x − m)/s) + tm (g the network,
/// m, s the input scaler, tm, ty > 0 the target scaler), because the encoding reads x in data
/// units. Substituting x = m + s⊙u gives the identity the tests check:
/// f*(y) = ⟨m, y⟩ − tm + ty·g*(s⊙y / ty) and x*(y) = m + s⊙u*(s⊙y / ty).
///
/// With a box the result is the conjugate of f restricted to the box (finite for every y); without
/// one, y outside the convex hull of f's slopes makes the LP unbounded, and the verified improving
/// ray is the certificate that y ∉ dom f*.
public struct ExactConjugate: Sendable {
    public let model: RegressionModel
    /// Per-coordinate bounds on x in data units, or nil for x ∈ ℝᵈ.
    public let box: [ClosedRange<Double>]?
    /// min f(x) over the epigraph: columns 0..<d are x, the rest the hidden units (y enters only
    /// through the costs of x, see ``program(for:)``).
    public let epigraph: LinearProgram
    /// The costs f's own output puts on x (its input skips), before −y is added.
    private let skipCosts: [Double]

    /// Throws ``ConjugateError/notExactlyEncodable(reason:)`` unless the model is certified convex
    /// and piecewise linear; `box` must give one range per input.
    public init(model: RegressionModel, box: [ClosedRange<Double>]? = nil) throws {
        let d = model.inputDimension
        let certificate = ConvexityCertificate.certify(model, trials: 0)
        guard certificate.lpEncodable else {
            throw ConjugateError.notExactlyEncodable(reason: certificate.reasons.joined(separator: "; "))
        }
        if let box {
            guard box.count == d else { throw ConjugateError.dimensionMismatch(what: "box (one range per input)", expected: d, actual: box.count) }
            if let j = box.firstIndex(where: { $0.lowerBound.isNaN || $0.upperBound.isNaN }) {
                throw ConjugateError.nonFiniteValue(what: "box bound of input \(j + 1)")
            }
        }
        var problem = SurrogateProblem(name: "conjugate")
        for j in 0..<d {
            problem.addVariable("x\(j + 1)", lower: box?[j].lowerBound ?? -.infinity, upper: box?[j].upperBound ?? .infinity)
        }
        let f = try problem.addSurrogate("f", model: model, variables: Array(0..<d))
        problem.objectiveSurrogates = [(surrogate: f, weight: 1)]
        let compiled = try problem.compile()
        guard compiled.route == .lp else {
            throw ConjugateError.notExactlyEncodable(reason: "the surrogate encoding did not take the LP route")
        }
        self.model = model
        self.box = box
        epigraph = compiled.program
        skipCosts = (0..<d).map { compiled.program.variables[$0].cost }
    }

    public var inputDimension: Int { model.inputDimension }

    /// The LP whose optimum is −f*(y): min f(x) − ⟨x, y⟩ over the epigraph.
    public func program(for y: [Double]) -> LinearProgram {
        var program = epigraph
        for j in 0..<inputDimension { program.variables[j].cost = skipCosts[j] - y[j] }    // c_x = c_f − y
        return program
    }

    /// f*(y) by one LP solved with `solver`, checked by ``verify(_:for:tolerances:)``. An
    /// unbounded or infeasible claim that does not verify as given (a solver without rays) is
    /// settled by ``RayFinder`` with the same solver first.
    public func evaluate(at y: [Double], using solver: any LPSolver,
                         tolerances: VerificationTolerances = .init()) throws -> ConjugateValue {
        let d = inputDimension
        guard y.count == d else { throw ConjugateError.dimensionMismatch(what: "conjugate argument y", expected: d, actual: y.count) }
        if let j = y.firstIndex(where: { !$0.isFinite }) { throw ConjugateError.nonFiniteValue(what: "coordinate \(j + 1) of y") }
        let lp = program(for: y)
        var solution = try solver.solve(lp)
        var report = verify(solution, for: lp, tolerances: tolerances)
        if !report.verified, solution.status == .dualInfeasible || solution.status == .primalInfeasible {
            solution = try RayFinder.settle(solution, for: lp, using: solver, tolerances: tolerances)
            report = verify(solution, for: lp, tolerances: tolerances)
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
