import Testing
import GLPKBackend
import LinearProgramming

/// `RayFinder.settle`, the one rule for infeasible / unbounded / MIP-optimal verdicts, fed
/// with solvers that claim what the evidence contradicts.
@Suite struct SettleVerdictTests {
    /// A solver that answers every model with the same claim.
    struct ClaimingSolver: LPSolver {
        let claim: Solution
        var name: String { claim.solver }
        func solve(_ problem: LinearProgram) throws -> Solution { claim }
    }

    static var auxiliary: GLPKSolver {
        var settings = GLPKSettings(method: .primalSimplex)
        settings.deriveCertificates = false
        return GLPKSolver(settings: settings)
    }

    static var integerAuxiliary: GLPKSolver {
        var settings = GLPKSettings(method: .branchAndCut)
        settings.deriveCertificates = false
        return GLPKSolver(settings: settings)
    }

    /// min x + y s.t. x + y ≥ 1, x, y ≥ 0: feasible with optimum 1.
    static func feasibleLP() -> LinearProgram {
        var lp = LinearProgram(name: "feasible")
        let x = lp.addVariable("x", cost: 1), y = lp.addVariable("y", cost: 1)
        lp.addConstraint("cover", [(x, 1), (y, 1)], .greaterOrEqual, 1)
        return lp
    }

    @Test(arguments: [SolutionStatus.primalInfeasible, .dualInfeasible])
    func aClaimThatAFeasibleBoundedLPIsInfeasibleOrUnboundedBecomesANumericalError(claimed: SolutionStatus) throws {
        let model = Self.feasibleLP()
        let claim = Solution(status: claimed, solver: "liar")
        let settled = try RayFinder.settle(claim, for: model, using: Self.auxiliary)
        #expect(settled.status == .numericalError)
        #expect(settled.farkasRay == nil && settled.improvingRay == nil)
        #expect(settled.diagnosis?.contains("contradicts") == true)
        #expect(verify(Solution(status: .optimal, x: settled.x, isMixedInteger: true, solver: "point"), for: model).primalResidual ?? 1 <= 1e-9)
        #expect(!verify(settled, for: model).verified)
    }

    @Test func aTrueInfeasibleClaimGetsAVerifiedFarkasRay() throws {
        var model = Self.feasibleLP()
        model.addConstraint("cap", [(0, 1), (1, 1)], .lessOrEqual, 0.5)
        let settled = try RayFinder.settle(Solution(status: .dualInfeasible, solver: "confused"), for: model, using: Self.auxiliary)
        #expect(settled.status == .primalInfeasible)
        #expect(verify(settled, for: model).verified)
        #expect(settled.diagnosis?.contains("Farkas") == true)
    }

    /// min −y s.t. y − n ≥ 0, n ∈ {0, …, 10} integer, y ≥ 0: the relaxation and the MIP are unbounded.
    static func unboundedMIP() -> LinearProgram {
        var lp = LinearProgram(name: "unbounded-mip")
        let n = lp.addVariable("n", upper: 10, kind: .integer)
        let y = lp.addVariable("y", cost: -1)
        lp.addConstraint("link", [(y, 1), (n, -1)], .greaterOrEqual, 0)
        return lp
    }

    @Test func aMixedIntegerOptimumOfAnUnboundedProblemBecomesUnbounded() throws {
        let model = Self.unboundedMIP()
        let claim = Solution(status: .optimal, objective: -3, x: [3, 3], isMixedInteger: true, mipGap: 0, solver: "liar")
        #expect(verify(claim, for: model).verified)          // feasible and integral: only that is checkable
        let settled = try RayFinder.settle(claim, for: model, using: Self.auxiliary)
        #expect(settled.status == .dualInfeasible)
        #expect(settled.objective.isNaN)
        let report = verify(settled, for: model)
        #expect(report.verified, "\(report.failures)")
    }

    /// A solver that must not be called.
    struct UnusedSolver: LPSolver {
        var name: String { "unused" }
        func solve(_ problem: LinearProgram) throws -> Solution {
            Issue.record("an auxiliary solve for an LP's optimal answer")
            return Solution(status: .numericalError, solver: name)
        }
    }

    @Test func anLPOptimumIsReturnedUnchangedWithoutAnAuxiliarySolve() throws {
        let model = Self.feasibleLP()
        for status in [SolutionStatus.optimal, .almostOptimal] {
            let claim = Solution(status: status, objective: 1, x: [1, 0], rowDuals: [1], reducedCosts: [0, 0], solver: "claim")
            let settled = try RayFinder.settle(claim, for: model, using: UnusedSolver())
            #expect(settled.status == status && settled.x == claim.x && settled.diagnosis == nil)
        }
    }

    @Test func anUnboundedMIPClaimWithoutAPointGetsAnIntegerPoint() throws {
        let model = Self.unboundedMIP()
        let settled = try RayFinder.settle(Solution(status: .dualInfeasible, isMixedInteger: true, solver: "glpk-mip"),
                                           for: model, using: Self.auxiliary, integerSolver: Self.integerAuxiliary)
        #expect(settled.status == .dualInfeasible)
        #expect(verify(settled, for: model).verified)
    }

    /// An improving ray with a feasible but fractional point does not prove a MIP unbounded.
    @Test func anImprovingRayNeedsAnIntegerPointForAMIP() {
        let model = Self.unboundedMIP()
        let fractional = Solution(status: .dualInfeasible, x: [0.5, 0.5], improvingRay: [0, 1], solver: "by hand")
        #expect(!verify(fractional, for: model).verified)
        let integral = Solution(status: .dualInfeasible, x: [1, 1], improvingRay: [0, 1], solver: "by hand")
        #expect(verify(integral, for: model).verified)
    }

    /// x + y = 1.5 with x, y integer in [0, 1]... relaxation feasible: no Farkas ray can prove it.
    @Test func integerInfeasibilityStaysTheSolversWordWithoutACertificate() throws {
        var lp = LinearProgram(name: "parity")
        let x = lp.addVariable("x", upper: 1, kind: .integer), y = lp.addVariable("y", upper: 1, kind: .integer)
        lp.addConstraint("half", [(x, 1), (y, 1)], .equal, 1.5)
        let answer = try GLPKSolver(method: .branchAndCut).solve(lp)
        #expect(answer.status == .primalInfeasible)
        #expect(answer.farkasRay == nil)
        #expect(answer.diagnosis?.contains("solver's word") == true)
        #expect(!verify(answer, for: lp).verified)
    }

    @Test func branchAndCutOnAModelWithoutIntegersSolvesTheLPWithDuals() throws {
        let model = Self.feasibleLP()
        let answer = try GLPKSolver(method: .branchAndCut).solve(model)
        #expect(answer.status == .optimal && !answer.isMixedInteger)
        #expect(answer.rowDuals.count == 1)
        let report = verify(answer, for: model)
        #expect(report.kind == .optimality && report.verified)
    }

    @Test func otherAnswersPassThroughUnchanged() throws {
        let claim = Solution(status: .timeLimit, x: [0, 0], solver: "slow")
        let settled = try RayFinder.settle(claim, for: Self.feasibleLP(), using: Self.auxiliary)
        #expect(settled.status == .timeLimit && settled.x == [0, 0] && settled.diagnosis == nil)
    }
}
