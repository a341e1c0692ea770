import ConvexNetworks
import LinearProgramming

/// The answer to a surrogate problem with its certificates: the LP/MILP certificate verified
/// independently, and per surrogate the forward-pass value at x* against its value in the
/// program (exactness).
public struct SurrogateSolution: Sendable {
    public struct SurrogateResult: Sendable {
        /// What the program ties the surrogate's value to, and so what can be checked.
        public enum Check: String, Sendable {
            /// The program value must equal f(x*): the objective pulls the epigraph down to f
            /// (a nonzero weight in the convex direction) or, on the MILP route, binaries fix it.
            /// Measured: |f(x*) − program value| / (1 + |f(x*)|).
            case exactness
            /// Only bounded above on the LP route: the epigraph is merely ≥ f there, so the check
            /// is that f(x*) itself keeps the bound. Measured: (f(x*) − upper) / (1 + |upper|).
            case upperBound
        }

        public var name: String
        /// f(x*) by the forward pass, in the model's units.
        public var value: Double
        /// The surrogate's value in the solved program (its epigraph or MILP output).
        public var epigraph: Double
        /// |value − epigraph| / (1 + |value|).
        public var exactnessGap: Double
        public var route: EncodingRoute
        public var convex: Bool
        /// Whether the objective uses it with a nonzero weight.
        public var inObjective: Bool
        public var check: Check
        /// The smallest upper bound of its constraints (nil when none).
        public var upperBound: Double?
        /// The number the check measures (see ``Check``); it passes at ≤ ``SurrogateSolution/exactnessTolerance``.
        public var measure: Double
        /// The model's inputs at x* that lie outside the box of its training data (empty when
        /// inside, or when the model file records no box): the surrogate extrapolates there.
        public var outsideData: [Extrapolation] = []
        /// measure ≤ tolerance: the one rule behind every ✓ and "verified" for this surrogate.
        public var verified: Bool { measure <= SurrogateSolution.exactnessTolerance }
        /// True when the program value is tied to f and equals it within tolerance.
        public var exact: Bool { check == .exactness && verified }
    }

    /// One model input outside the training data's box: its name in the model, value at x*, and the box.
    public struct Extrapolation: Sendable, Equatable {
        public var input: String
        public var value: Double
        public var lower: Double
        public var upper: Double
    }

    /// A constraint of the problem at x*: its activity (in the problem's units) and its dual
    /// value — the objective's rate of change per unit of the constraint's bound (GLPK's sign
    /// convention); nil on the MILP route or when the solver gave no duals.
    public struct ConstraintResult: Sendable {
        public var name: String
        public var activity: Double
        public var dual: Double?
    }

    public var status: SolutionStatus
    /// The program's objective at x* (NaN unless optimal).
    public var objective: Double
    /// cᵀx* + Σ w·f(x*) from the forward passes: what x* really costs.
    public var forwardObjective: Double
    public var route: EncodingRoute
    /// The decision variables' values (empty when there is no point).
    public var x: [Double]
    public var surrogates: [SurrogateResult]
    /// The problem's constraints, linear rows first, then surrogate bounds (empty without a point).
    public var constraints: [ConstraintResult] = []
    public var programSolution: Solution
    public var certificate: CertificateReport
    /// At a time or iteration limit with an incumbent (branch-and-cut): the incumbent's
    /// feasibility and integrality re-checked from the program (nil otherwise). x, the
    /// surrogates and `forwardObjective` then describe the incumbent, not an optimum.
    public var incumbentCheck: CertificateReport?
    /// Relative tolerance of the exactness checks.
    public static let exactnessTolerance = 1e-7

    /// True when the program's certificate verified and every surrogate passes its check.
    public var verified: Bool { certificate.verified && surrogates.allSatisfy(\.verified) }
}

extension CompiledSurrogateProblem {
    /// Solves the program (pass a MIP-capable solver when `route` is .milp) and checks it.
    public func solve(using solver: any LPSolver) throws -> SurrogateSolution {
        let solution = try solver.solve(program)
        let certificate = verify(solution, for: program)
        let stoppedAtLimit = solution.status == .timeLimit || solution.status == .iterationLimit
        let hasPoint = solution.x.count == program.variableCount
            && (solution.status.hasOptimalPoint || stoppedAtLimit)
        // An incumbent at a limit: its feasibility is checked as a MIP point's, its optimality is not claimed.
        let incumbentCheck = hasPoint && stoppedAtLimit
            ? verify(Solution(status: .optimal, objective: program.objectiveValue(solution.x), x: solution.x,
                              isMixedInteger: true, solver: solution.solver), for: program)
            : nil
        let x = hasPoint ? Array(solution.x.prefix(problem.variables.count)) : []
        var results: [SurrogateSolution.SurrogateResult] = []
        var forwardObjective = Double.nan
        if hasPoint {
            forwardObjective = problem.objectiveLinear.value(at: x)
            for (k, surrogate) in problem.surrogates.enumerated() {
                let inputs = surrogate.inputs.map { $0.value(at: x) }
                let value = try surrogate.model.predict(inputs)[0]
                let epigraph = encodings[k].output.value(at: solution.x)
                let gap = abs(value - epigraph) / (1 + abs(value))
                let inObjective = problem.objectiveSurrogates.contains { $0.surrogate == k && $0.weight != 0 }
                for term in problem.objectiveSurrogates where term.surrogate == k { forwardObjective += term.weight * value }
                let upper = problem.surrogateBounds.filter { $0.surrogate == k }.map(\.upper).min()
                let check: SurrogateSolution.SurrogateResult.Check = inObjective || encodings[k].route == .milp ? .exactness : .upperBound
                let measure = check == .exactness ? gap : (value - (upper ?? .infinity)) / (1 + abs(upper ?? 0))
                var result = SurrogateSolution.SurrogateResult(
                    name: surrogate.name, value: value, epigraph: epigraph, exactnessGap: gap, route: encodings[k].route,
                    convex: convex[k], inObjective: inObjective, check: check,
                    upperBound: upper.flatMap { $0.isFinite ? $0 : nil }, measure: measure.isNaN ? .infinity : measure)
                if let range = surrogate.model.inputRange {
                    result.outsideData = range.outside(inputs).map {
                        .init(input: surrogate.model.inputNames[$0], value: inputs[$0], lower: range.lower[$0], upper: range.upper[$0])
                    }
                }
                results.append(result)
            }
        }
        let duals = route == .lp && solution.rowDuals.count == program.constraintCount ? solution.rowDuals : nil
        let constraints = hasPoint ? constraintRows.map { row in
            SurrogateSolution.ConstraintResult(name: row.name, activity: program.constraints[row.row].activity(solution.x) + row.constant,
                                               dual: duals?[row.row])
        } : []
        return SurrogateSolution(status: solution.status, objective: solution.objective, forwardObjective: forwardObjective,
                                 route: route, x: x, surrogates: results, constraints: constraints, programSolution: solution,
                                 certificate: certificate, incumbentCheck: incumbentCheck)
    }
}
