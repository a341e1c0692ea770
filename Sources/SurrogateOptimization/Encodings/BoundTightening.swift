import LinearProgramming

/// Optimisation-based bound tightening (OBBT): the range of an affine expression
/// over the LP relaxation of a program, by one minimisation and one maximisation each.
///
/// The relaxation is the program as built so far with every integer and binary column made
/// continuous (so any ``LPSolver`` solves it as an LP) and the objective replaced. Its feasible
/// set contains every feasible point of the final program, so the ranges are valid bounds there.
/// Each LP value is widened by `1e-7·(1 + |value|)` to absorb the solver's tolerances; where a
/// solve does not end optimal the side stays unbounded (the caller keeps its interval bound).
/// Once `deadline` has passed no further LP is started: the remaining ranges are unbounded, so
/// tightening stops on time and the encoding stays exact with its interval bounds. All the LPs
/// go through one ``CostSession`` (GLPK's simplex warm-starts each from the previous basis).
enum BoundTightening {
    /// Relative widening of every LP bound: value ∓ 1e-7·(1 + |value|).
    static let safety = 1e-7

    /// The range of each expression over the relaxation of `program` (±∞ on a side whose LP
    /// did not solve to optimality).
    static func ranges(of expressions: [LinearExpression], over program: LinearProgram,
                       solver: any LPSolver, deadline: Deadline? = nil) throws -> [ClosedRange<Double>] {
        var relaxation = program
        relaxation.objectiveConstant = 0
        relaxation.sense = .minimize
        for j in relaxation.variables.indices {
            relaxation.variables[j].kind = .continuous
            relaxation.variables[j].cost = 0
        }
        // One session: only the costs change from LP to LP, so a warm-starting solver re-optimises
        // from the previous basis; max aᵀx is −min (−a)ᵀx.
        return try solver.withCostSession(for: relaxation) { session in
            var costs = [Double](repeating: 0, count: relaxation.variableCount)
            return try expressions.map { expression in
                if expression.coefficients.values.allSatisfy({ $0 == 0 }) {
                    return expression.constant...expression.constant
                }
                if deadline?.hasPassed == true { return -Double.infinity...Double.infinity }
                defer { for j in expression.coefficients.keys { costs[j] = 0 } }
                for (j, a) in expression.coefficients { costs[j] = a }
                let low = try minimum(session, costs).map { $0 + expression.constant } ?? -.infinity
                for (j, a) in expression.coefficients { costs[j] = -a }
                let high = try minimum(session, costs).map { -$0 + expression.constant } ?? .infinity
                let widenedLow = low - safety * (1 + abs(low)), widenedHigh = high + safety * (1 + abs(high))  // v ∓ 1e-7(1 + |v|)
                return min(widenedLow, widenedHigh)...max(widenedLow, widenedHigh)
            }
        }
    }

    /// The optimal objective value of the relaxation with `costs`, or nil when the solve did not
    /// end optimal.
    private static func minimum(_ session: any CostSession, _ costs: [Double]) throws -> Double? {
        let solution = try session.solve(costs: costs)
        guard solution.status == .optimal, solution.objective.isFinite else { return nil }
        return solution.objective
    }
}
