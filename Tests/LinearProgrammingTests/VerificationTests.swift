import Testing
@testable import LinearProgramming

/// `verify` on hand-made solutions: it must accept true certificates and name the check that a
/// wrong one fails, without any solver involved.
@Suite struct VerificationTests {
    /// max 3x₁ + 5x₂, x₁ ≤ 4, 2x₂ ≤ 12, 3x₁ + 2x₂ ≤ 18: optimum 36 at (2, 6), duals (0, 1.5, 1).
    static func wyndor() -> LinearProgram {
        var lp = LinearProgram(name: "wyndor", sense: .maximize)
        let x1 = lp.addVariable("x1", cost: 3), x2 = lp.addVariable("x2", cost: 5)
        lp.addConstraint("plant1", [(x1, 1)], .lessOrEqual, 4)
        lp.addConstraint("plant2", [(x2, 2)], .lessOrEqual, 12)
        lp.addConstraint("plant3", [(x1, 3), (x2, 2)], .lessOrEqual, 18)
        return lp
    }

    static let optimum = Solution(status: .optimal, objective: 36, x: [2, 6], rowDuals: [0, 1.5, 1],
                                  reducedCosts: [0, 0], solver: "by hand")

    @Test func acceptsTheTextbookOptimum() {
        let report = verify(Self.optimum, for: Self.wyndor())
        #expect(report.kind == .optimality)
        #expect(report.verified, "\(report.failures)")
        #expect(report.primalResidual == 0 && report.dualResidual == 0)
        #expect(report.dualityGap! < 1e-15)
        #expect(report.dualObjective == 36)
    }

    @Test func namesAViolatedRow() {
        var solution = Self.optimum
        solution.x = [2.5, 6]    // 3·2.5 + 2·6 = 19.5 > 18
        solution.objective = 37.5
        let report = verify(solution, for: Self.wyndor())
        #expect(!report.verified)
        #expect(report.failures.contains { $0.contains("primal residual") && $0.contains("plant3") })
    }

    @Test func namesAWrongSignDual() {
        var solution = Self.optimum
        solution.rowDuals = [0, 1.5, -1]
        let report = verify(solution, for: Self.wyndor())
        #expect(report.failures.contains { $0.contains("dual residual") })
    }

    @Test func detectsAFeasibleButSuboptimalPoint() {
        var solution = Self.optimum
        solution.x = [0, 6]     // feasible, objective 30, but the duals still certify 36
        solution.objective = 30
        let report = verify(solution, for: Self.wyndor())
        #expect(report.primalResidual == 0)
        #expect(report.failures.contains { $0.contains("duality gap") })
    }

    @Test func detectsAMisreportedObjectiveAndReducedCosts() {
        var solution = Self.optimum
        solution.objective = 35
        solution.reducedCosts = [1, 0]
        let report = verify(solution, for: Self.wyndor())
        #expect(report.failures.contains { $0.contains("reported objective") })
        #expect(report.failures.contains { $0.contains("reduced costs") })
    }

    @Test func rejectsWrongLengths() {
        var solution = Self.optimum
        solution.rowDuals = [1]
        #expect(!verify(solution, for: Self.wyndor()).verified)
    }

    @Test func farkasRayOfContradictoryRows() {
        var lp = LinearProgram(name: "contradiction")
        let x = lp.addVariable("x"), y = lp.addVariable("y")
        lp.addConstraint("atMostOne", [(x, 1), (y, 1)], .lessOrEqual, 1)
        lp.addConstraint("atLeastTwo", [(x, 1), (y, 1)], .greaterOrEqual, 2)
        // y = (−1, 1): −(x + y) ≥ −1 and x + y ≥ 2 sum to 0 ≥ 1.
        let good = Solution(status: .primalInfeasible, farkasRay: [-1, 1], solver: "by hand")
        let report = verify(good, for: lp)
        #expect(report.kind == .farkasRay && report.verified, "\(report.failures)")
        #expect(report.rayObjective == 1)
        let wrongSign = Solution(status: .primalInfeasible, farkasRay: [1, -1], solver: "by hand")
        #expect(!verify(wrongSign, for: lp).verified)
        let zero = Solution(status: .primalInfeasible, farkasRay: [0, 0], solver: "by hand")
        #expect(!verify(zero, for: lp).verified)
        let none = Solution(status: .primalInfeasible, solver: "by hand")
        #expect(verify(none, for: lp).kind == .none)
    }

    @Test func farkasRayThroughBounds() {
        var lp = LinearProgram(name: "bounds")
        let x = lp.addVariable("x", upper: 1), y = lp.addVariable("y", upper: 1)
        lp.addConstraint("needsThree", [(x, 1), (y, 1)], .greaterOrEqual, 3)
        // y = 1: d = −Aᵀy = (−1, −1) pairs with the upper bounds: 3 − 1 − 1 = 1 > 0.
        let report = verify(Solution(status: .primalInfeasible, farkasRay: [1], solver: "by hand"), for: lp)
        #expect(report.verified, "\(report.failures)")
        #expect(report.rayObjective == 1)
        // Without the upper bound on y the same multiplier proves nothing.
        lp.variables[1].upper = .infinity
        #expect(!verify(Solution(status: .primalInfeasible, farkasRay: [1], solver: "by hand"), for: lp).verified)
    }

    @Test func improvingRayNeedsAFeasiblePoint() {
        var lp = LinearProgram(name: "unbounded", sense: .maximize)
        let x = lp.addVariable("x", cost: 1), y = lp.addVariable("y", cost: 1)
        lp.addConstraint("gap", [(x, 1), (y, -1)], .lessOrEqual, 1)
        let good = Solution(status: .dualInfeasible, x: [0, 0], improvingRay: [1, 1], solver: "by hand")
        let report = verify(good, for: lp)
        #expect(report.kind == .improvingRay && report.verified, "\(report.failures)")
        #expect(report.rayObjective == -2)     // minimisation form: −(1·1 + 1·1) with ‖r‖∞ = 1
        let leaves = Solution(status: .dualInfeasible, x: [0, 0], improvingRay: [1, 0], solver: "by hand")
        #expect(!verify(leaves, for: lp).verified)          // x − y grows past 1
        let worsens = Solution(status: .dualInfeasible, x: [0, 0], improvingRay: [0, -1], solver: "by hand")
        #expect(!verify(worsens, for: lp).verified)         // leaves y ≥ 0 and lowers the objective
        let noPoint = Solution(status: .dualInfeasible, improvingRay: [1, 1], solver: "by hand")
        #expect(!verify(noPoint, for: lp).verified)
        let infeasiblePoint = Solution(status: .dualInfeasible, x: [5, 0], improvingRay: [1, 1], solver: "by hand")
        #expect(!verify(infeasiblePoint, for: lp).verified)
    }

    @Test func mixedIntegerChecksIntegrality() {
        var lp = LinearProgram(name: "mip", sense: .maximize)
        let x = lp.addVariable("x", upper: 3, kind: .integer, cost: 1)
        lp.addConstraint("cap", [(x, 2)], .lessOrEqual, 5)
        let integral = Solution(status: .optimal, objective: 2, x: [2], isMixedInteger: true, mipGap: 0, solver: "by hand")
        #expect(verify(integral, for: lp).verified)
        let fractional = Solution(status: .optimal, objective: 2.5, x: [2.5], isMixedInteger: true, solver: "by hand")
        let report = verify(fractional, for: lp)
        #expect(!report.verified)
        #expect(report.failures.contains { $0.contains("integer variable 'x'") })
    }

    @Test func limitsAreNeverVerified() {
        let solution = Solution(status: .timeLimit, x: [2, 6], solver: "by hand")
        let report = verify(solution, for: Self.wyndor())
        #expect(report.kind == .none && !report.verified)
        #expect(report.primalResidual == 0)
    }

    @Test func invalidModelIsReportedNotTrapped() {
        var lp = Self.wyndor()
        lp.constraints[0].columns = [9]
        let report = verify(Self.optimum, for: lp)
        #expect(!report.verified)
        #expect(report.failures.first?.contains("out of range") == true)
    }
}
