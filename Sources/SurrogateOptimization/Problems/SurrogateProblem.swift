import ConvexNetworks
import LinearProgramming

/// An optimisation problem over named continuous variables with learned surrogate terms:
///
///     minimise / maximise   cᵀx + Σ wₖ·surrogateₖ(Aₖx + bₖ)
///     subject to            lower ≤ aᵀx ≤ upper,   lower ≤ surrogateₖ(Aₖx + bₖ) ≤ upper,   x in its bounds
///
/// Each surrogate is a saved model applied to affine maps of the variables, in the model's
/// original units. ``compile(forceMixedInteger:)`` picks the exact encoding of every surrogate
/// from its certified convexity and the direction it is used in (LP when convex and only
/// minimised or bounded above, MILP otherwise) and builds one ``LinearProgram``.
public struct SurrogateProblem: Sendable {
    public struct Surrogate: Sendable {
        public var name: String
        public var model: RegressionModel
        /// One affine expression of the variables per model input.
        public var inputs: [LinearExpression]
    }

    public struct LinearRow: Sendable {
        public var name: String
        public var expression: LinearExpression
        public var lower: Double
        public var upper: Double
    }

    public struct SurrogateBound: Sendable {
        public var name: String
        public var surrogate: Int
        public var lower: Double
        public var upper: Double
    }

    public var name: String
    public private(set) var variables: [Variable] = []
    public private(set) var surrogates: [Surrogate] = []
    public var sense: ObjectiveSense = .minimize
    public var objectiveLinear = LinearExpression()
    /// Surrogate index and weight of each surrogate term of the objective.
    public var objectiveSurrogates: [(surrogate: Int, weight: Double)] = []
    public private(set) var linearRows: [LinearRow] = []
    public private(set) var surrogateBounds: [SurrogateBound] = []

    public init(name: String = "problem") { self.name = name }

    @discardableResult
    public mutating func addVariable(_ name: String, lower: Double = 0, upper: Double = .infinity) -> Int {
        variables.append(Variable(name: name, lower: lower, upper: upper))
        return variables.count - 1
    }

    /// Adds a surrogate applied to `inputs` (affine maps of the variables); returns its index.
    @discardableResult
    public mutating func addSurrogate(_ name: String, model: RegressionModel, inputs: [LinearExpression]) throws -> Int {
        guard inputs.count == model.inputDimension else {
            throw SurrogateOptimizationError.inputCountMismatch(surrogate: name, expected: model.inputDimension, actual: inputs.count)
        }
        guard !surrogates.contains(where: { $0.name == name }) else {
            throw SurrogateOptimizationError.duplicateName(kind: "surrogate", name: name)
        }
        for input in inputs {
            for j in input.coefficients.keys where !(0..<variables.count).contains(j) {
                throw SurrogateOptimizationError.invalidProblem(entry: "surrogate '\(name)'", reason: "an input refers to variable index \(j), which does not exist")
            }
        }
        surrogates.append(Surrogate(name: name, model: model, inputs: inputs))
        return surrogates.count - 1
    }

    /// Adds a surrogate that reads the given variables directly.
    @discardableResult
    public mutating func addSurrogate(_ name: String, model: RegressionModel, variables indices: [Int]) throws -> Int {
        try addSurrogate(name, model: model, inputs: indices.map { LinearExpression.variable($0) })
    }

    /// lower ≤ expression ≤ upper.
    public mutating func addConstraint(_ name: String, _ expression: LinearExpression, lower: Double = -.infinity, upper: Double = .infinity) {
        linearRows.append(LinearRow(name: name, expression: expression, lower: lower, upper: upper))
    }

    /// lower ≤ surrogate ≤ upper (only `upper` keeps a convex surrogate on the LP route).
    public mutating func addConstraint(_ name: String, surrogate: Int, lower: Double = -.infinity, upper: Double = .infinity) {
        surrogateBounds.append(SurrogateBound(name: name, surrogate: surrogate, lower: lower, upper: upper))
    }

    /// Whether every use of surrogate k keeps it convex-compatible: minimised with a positive
    /// weight (maximised with a negative one) and bounded only from above.
    func usedInConvexDirection(_ k: Int) -> Bool {
        for term in objectiveSurrogates where term.surrogate == k {
            if term.weight * sense.sign < 0 { return false }
        }
        for bound in surrogateBounds where bound.surrogate == k {
            if bound.lower.isFinite { return false }
        }
        return true
    }
}
