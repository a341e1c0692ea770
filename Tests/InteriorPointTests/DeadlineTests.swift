import Dispatch
import GLPKBackend
import InteriorPoint
import LinearProgramming
import Testing

/// Deadlines through every LP solver: a solve, and the certificate search after an infeasible
/// verdict, stop at the deadline with status `timeLimit` (never an unproved verdict or a
/// numerical error).
@Suite(.serialized) struct DeadlineTests {
    /// min cᵀx s.t. Ax ≥ b (random, dense at `density`, feasible) and x₀ ≥ 5 with x₀ ≤ 1: the
    /// last row makes it infeasible at once (presolve sees it), but the elastic problem of the
    /// certificate search has to optimise over all of Ax ≥ b, which takes seconds.
    static func infeasibleProgram(size n: Int, density: Double, seed: UInt64 = 2) -> LinearProgram {
        var state = seed
        func uniform() -> Double {                                   // a small LCG: the test owns its data
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var lp = LinearProgram(name: "hard-infeasible")
        for j in 0..<n { lp.addVariable("x\(j)", lower: 0, upper: j == 0 ? 1 : .infinity, cost: 1 + uniform()) }
        for i in 0..<n {
            var terms: [(variable: Int, coefficient: Double)] = []
            for j in 0..<n where uniform() < density { terms.append((j, uniform())) }
            lp.addConstraint("r\(i)", terms, .greaterOrEqual, 1 + 9 * uniform())
        }
        lp.addConstraint("z", [(0, 1)], .greaterOrEqual, 5)            // x₀ ≥ 5 but x₀ ≤ 1
        return lp
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    @Test func deadlineValues() {
        let soon = Deadline(secondsFromNow: 100), now = Deadline(secondsFromNow: 0)
        #expect(now.hasPassed && now.remainingSeconds == 0)
        #expect(!soon.hasPassed && soon.remainingSeconds > 99 && soon.remainingSeconds <= 100)
        #expect(Deadline.earliest(soon, now) == now && Deadline.earliest(nil, soon) == soon && Deadline.earliest(nil, nil) == nil)
        #expect(Deadline(secondsFromNow: .nan).hasPassed && !Deadline(secondsFromNow: .infinity).hasPassed)
    }

    @Test func aPassedDeadlineStopsEverySolverAtOnce() throws {
        let lp = Self.infeasibleProgram(size: 50, density: 0.2)
        var glpk = GLPKSettings(method: .primalSimplex)
        glpk.deadline = Deadline(secondsFromNow: 0)
        #expect(try GLPKSolver(settings: glpk).solve(lp).status == .timeLimit)
        glpk.method = .branchAndCut
        #expect(try GLPKSolver(settings: glpk).solve(lp).status == .timeLimit)
        glpk.method = .interiorPoint                                   // GLPK's interior point has no limit: refused
        #expect(throws: LinearProgrammingError.self) { try GLPKSolver(settings: glpk).solve(lp) }
        var ipm = InteriorPointSettings()
        ipm.deadline = Deadline(secondsFromNow: 0)
        #expect(try InteriorPointSolver(settings: ipm).solve(lp).status == .timeLimit)
        #expect(try RayFinder.classify(lp, using: GLPKSolver(), deadline: Deadline(secondsFromNow: 0)).isUndetermined)
    }

    @Test func withoutADeadlineTheSmallInstanceIsProvedInfeasible() throws {
        let lp = Self.infeasibleProgram(size: 60, density: 0.3)
        var glpk = GLPKSettings(method: .primalSimplex)
        glpk.presolve = true
        glpk.deadline = Deadline(secondsFromNow: 60)
        let solution = try GLPKSolver(settings: glpk).solve(lp)
        #expect(solution.status == .primalInfeasible)
        #expect(verify(solution, for: lp).verified)
        var ipm = InteriorPointSettings()
        ipm.deadline = Deadline(secondsFromNow: 60)
        let interior = try InteriorPointSolver(settings: ipm).solve(lp)
        #expect(interior.status == .primalInfeasible)
        #expect(verify(interior, for: lp).verified)
    }

    /// GLPK's presolve calls the instance infeasible at once; the ray search (several seconds
    /// without a limit) must stop at the deadline, and the answer is a time limit, not an
    /// unproved "infeasible".
    @Test func glpkCertificateSearchStopsAtTheDeadline() throws {
        let lp = Self.infeasibleProgram(size: 1500, density: 0.1)
        var settings = GLPKSettings(method: .primalSimplex)
        settings.presolve = true
        settings.deadline = Deadline(secondsFromNow: 0.5)
        let start = DispatchTime.now()
        let solution = try GLPKSolver(settings: settings).solve(lp)
        #expect(Self.seconds(since: start) < 2.5)     // GLPK checks its clock between iterations
        #expect(solution.status == .timeLimit)
        #expect(solution.farkasRay == nil)
    }

    /// Our interior point: presolve finds the infeasible row, the classification's elastic
    /// problem runs into the deadline, and the status is `timeLimit` (it used to be a
    /// numerical error).
    @Test func interiorPointCertificateSearchEndsWithTimeLimit() throws {
        let lp = Self.infeasibleProgram(size: 1200, density: 0.1)
        var settings = InteriorPointSettings()
        settings.timeLimit = 0.5
        let start = DispatchTime.now()
        let solution = try InteriorPointSolver(settings: settings).solve(lp)
        #expect(Self.seconds(since: start) < 5)       // a hang only: solo 0.65 s, up to 2.9 s beside the parallel tests
        #expect(solution.status == .timeLimit)        // the check: without the deadline it ends primal infeasible (1.1 s)
    }
}

extension RayFinder.Outcome {
    var isUndetermined: Bool { if case .undetermined = self { true } else { false } }
}
