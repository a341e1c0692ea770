import GLPKBackend
import LinearProgramming
import Testing

@Suite("GLPK cost sessions")
struct CostSessionTests {
    /// min c₁x + c₂y over x + y ≥ 1, x − y ≤ 2, x, y ≥ 0 (unbounded for a negative cost).
    static func program() -> LinearProgram {
        var lp = LinearProgram(name: "costs")
        lp.addVariable("x", lower: 0, upper: .infinity, cost: 1)
        lp.addVariable("y", lower: 0, upper: .infinity, cost: 2)
        lp.addConstraint("cover", [(0, 1), (1, 1)], lower: 1, upper: .infinity)
        lp.addConstraint("spread", [(0, 1), (1, -1)], lower: -.infinity, upper: 2)
        return lp
    }

    @Test("re-solves for new costs equal cold solves (status, objective, duals, rays) and reuse the basis")
    func warmEqualsCold() throws {
        let lp = Self.program()
        for method in [GLPKSettings.Method.primalSimplex, .dualSimplex, .branchAndCut, .interiorPoint] {
            let solver = GLPKSolver(method: method)
            let costs: [[Double]] = [[1, 2], [2, 1], [2, 1], [-1, 1], [3, 1], [1, -1], [1, 1]]
            let warm = try solver.withCostSession(for: lp) { session in try costs.map { try session.solve(costs: $0) } }
            for (c, answer) in zip(costs, warm) {
                let problem = try lp.replacingCosts(c)
                let cold = try solver.solve(problem)
                #expect(verify(answer, for: problem).verified, "\(method) \(c)")
                // GLPK's dual simplex started cold ends the unbounded [1, −1] without a status
                // (numerical error); from the previous basis it proves unboundedness.
                if method == .dualSimplex, c == [1, -1] { #expect(cold.status == .numericalError); continue }
                #expect(answer.status == cold.status, "\(method) \(c)")
                if cold.status == .optimal {
                    #expect(abs(answer.objective - cold.objective) < 1e-9)
                    #expect(answer.rowDuals.count == 2 && answer.reducedCosts.count == 2)
                } else {
                    #expect(cold.status == .dualInfeasible && answer.improvingRay != nil)
                }
            }
            if method == .primalSimplex { #expect(warm[2].iterations == 0) }      // the same costs again: already optimal
        }
    }

    @Test("costs are checked on every re-solve: count, finiteness, the numeric policy")
    func badCosts() throws {
        try GLPKSolver().withCostSession(for: Self.program()) { session in
            #expect(throws: LinearProgrammingError.self) { try session.solve(costs: [1]) }
            #expect(throws: LinearProgrammingError.self) { try session.solve(costs: [1, .nan]) }
            #expect(throws: LinearProgrammingError.self) { try session.solve(costs: [.infinity, 1]) }
            #expect(throws: LinearProgrammingError.self) { try session.solve(costs: [1e16, 1]) }
            let subnormal = try session.solve(costs: [1, .leastNonzeroMagnitude])       // a subnormal cost is 0
            #expect(subnormal.status == .optimal)
        }
        #expect(throws: LinearProgrammingError.self) {                            // settings and model checked once, up front
            var settings = GLPKSettings()
            settings.timeLimit = -1
            try GLPKSolver(settings: settings).withCostSession(for: Self.program()) { _ in }
        }
    }

    @Test("a deadline that has passed stops a re-solve with the status timeLimit")
    func deadline() throws {
        var settings = GLPKSettings()
        settings.deadline = Deadline(secondsFromNow: 0)
        let answer = try GLPKSolver(settings: settings).withCostSession(for: Self.program()) { try $0.solve(costs: [1, 1]) }
        #expect(answer.status == .timeLimit)
    }
}
