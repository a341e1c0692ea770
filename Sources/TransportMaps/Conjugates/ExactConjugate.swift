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

    /// f*(y) by one LP solved with `solver`, checked by ``verify(_:for:tolerances:)`` (see
    /// ``ConjugateSession/evaluate(at:)``).
    public func evaluate(at y: [Double], using solver: any LPSolver,
                         tolerances: VerificationTolerances = .init()) throws -> ConjugateValue {
        try withSession(using: solver, tolerances: tolerances) { try $0.evaluate(at: y) }
    }

    /// f*(y) for every y of `ys` in order, through one ``ConjugateSession``: the LPs after the
    /// first re-start from the previous answer where the solver can (GLPK's simplex).
    public func evaluate(at ys: [[Double]], using solver: any LPSolver,
                         tolerances: VerificationTolerances = .init()) throws -> [ConjugateValue] {
        try withSession(using: solver, tolerances: tolerances) { session in try ys.map { try session.evaluate(at: $0) } }
    }

    /// Runs `body` with a ``ConjugateSession``: the epigraph LP loaded once into `solver`
    /// (``LPSolver/withCostSession(for:_:)``) and solved for each y it is asked about.
    public func withSession<Result>(using solver: any LPSolver, tolerances: VerificationTolerances = .init(),
                                    _ body: (ConjugateSession) throws -> Result) throws -> Result {
        try solver.withCostSession(for: epigraph) { lp in
            try body(ConjugateSession(conjugate: self, solver: solver, lp: lp, tolerances: tolerances))
        }
    }
}
