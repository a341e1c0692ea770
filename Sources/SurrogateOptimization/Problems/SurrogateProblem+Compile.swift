import ConvexNetworks
import LinearProgramming

/// A surrogate problem turned into one ``LinearProgram``, with each surrogate's encoding.
public struct CompiledSurrogateProblem: Sendable {
    public var problem: SurrogateProblem
    public var program: LinearProgram
    public var encodings: [EncodedSurrogate]
    /// Each surrogate's certified convexity (the sufficient condition: constrained weights V ≥ 0 and a convex, non-decreasing nonlinearity).
    public var convex: [Bool]
    /// Where each of the problem's constraints sits in `program` (linear rows first, then
    /// surrogate bounds): its row and the constant moved to the bounds (activity = aᵀx + constant).
    public var constraintRows: [ConstraintRow] = []
    /// .milp when any surrogate needed binaries.
    public var route: EncodingRoute { encodings.contains { $0.route == .milp } ? .milp : .lp }

    public struct ConstraintRow: Sendable {
        public var name: String
        public var row: Int
        public var constant: Double
    }
}

extension SurrogateProblem {
    /// Encodes every surrogate exactly and assembles the program. Throws for smooth models and
    /// models with a quadratic first layer (``SurrogateOptimizationError/smoothModel(surrogate:nonlinearity:)``,
    /// ``SurrogateOptimizationError/quadraticModel(surrogate:)``: no exact encoding; checked here
    /// once, before any encoding), bad references, unbounded inputs on the MILP route, and a surrogate
    /// that neither the objective (with a nonzero weight) nor a finite bound uses: nothing would
    /// tie its value in the program to the network, so no value of it could be reported.
    /// `forceMixedInteger` encodes every surrogate with binaries (to cross-check the LP route);
    /// `tightening` runs optimisation-based bound tightening for the MILP encodings; it starts
    /// no LP after `deadline` (the big-M constants then keep their interval bounds).
    public func compile(forceMixedInteger: Bool = false, tightening: (any LPSolver)? = nil,
                        deadline: Deadline? = nil) throws -> CompiledSurrogateProblem {
        for index in objectiveSurrogates.map(\.surrogate) + surrogateBounds.map(\.surrogate) where !surrogates.indices.contains(index) {
            throw SurrogateOptimizationError.invalidProblem(entry: "problem '\(name)'", reason: "surrogate index \(index) does not exist")
        }
        for (k, surrogate) in surrogates.enumerated() where !isUsed(k) {
            throw SurrogateOptimizationError.invalidProblem(
                entry: "surrogate '\(surrogate.name)'",
                reason: "it is neither in the objective (with a nonzero weight) nor bounded by a constraint, so nothing ties its value to the network; use it in the objective or a constraint, or remove it")
        }
        for surrogate in surrogates {
            let architecture = surrogate.model.network.architecture
            if architecture.quadraticRank > 0 { throw SurrogateOptimizationError.quadraticModel(surrogate: surrogate.name) }
            if !architecture.nonlinearity.isPiecewiseLinear {
                throw SurrogateOptimizationError.smoothModel(surrogate: surrogate.name, nonlinearity: architecture.nonlinearity.name)
            }
        }
        var program = LinearProgram(name: name, sense: sense, objectiveConstant: objectiveLinear.constant)
        for v in variables { program.addVariable(v.name, lower: v.lower, upper: v.upper) }
        for (j, c) in objectiveLinear.coefficients where j < variables.count { program.variables[j].cost += c }

        var encodings: [EncodedSurrogate] = []
        var convexity: [Bool] = []
        for (k, surrogate) in surrogates.enumerated() {
            let convex = ConvexityCertificate.certify(surrogate.model, trials: 0).convex
            convexity.append(convex)
            if convex && usedInConvexDirection(k) && !forceMixedInteger {
                encodings.append(try EpigraphEncoding.encode(surrogate.model, name: surrogate.name, inputs: surrogate.inputs, into: &program))
            } else {
                encodings.append(try MixedIntegerEncoding.encode(surrogate.model, name: surrogate.name, inputs: surrogate.inputs,
                                                                 into: &program, tightening: tightening, deadline: deadline))
            }
        }
        for term in objectiveSurrogates {                           // objective += w·output
            let output = encodings[term.surrogate].output
            for (j, c) in output.coefficients { program.variables[j].cost += term.weight * c }
            program.objectiveConstant += term.weight * output.constant
        }
        var constraintRows: [CompiledSurrogateProblem.ConstraintRow] = []
        for row in linearRows {
            constraintRows.append(.init(name: row.name, row: program.constraintCount, constant: row.expression.constant))
            program.addConstraint(row.name, row.expression.sortedTerms,
                                  lower: row.lower - row.expression.constant, upper: row.upper - row.expression.constant)
        }
        for bound in surrogateBounds {                              // lower ≤ output ≤ upper
            let output = encodings[bound.surrogate].output
            constraintRows.append(.init(name: bound.name, row: program.constraintCount, constant: output.constant))
            program.addConstraint(bound.name, output.sortedTerms, lower: bound.lower - output.constant, upper: bound.upper - output.constant)
        }
        return CompiledSurrogateProblem(problem: self, program: program, encodings: encodings, convex: convexity, constraintRows: constraintRows)
    }
}

extension SurrogateProblem {
    /// Whether surrogate k has a nonzero objective weight or a bound with a finite side.
    func isUsed(_ k: Int) -> Bool {
        objectiveSurrogates.contains { $0.surrogate == k && $0.weight != 0 }
            || surrogateBounds.contains { $0.surrogate == k && ($0.lower.isFinite || $0.upper.isFinite) }
    }
}
