import Testing
@testable import LinearProgramming

/// `verify` with magnitudes that differ by many orders: one huge objective coefficient must not
/// let a wrong sign in a small column pass, and correct answers with huge cancelling terms must.
@Suite struct LocalScaleVerificationTests {
    /// min 1e10·z + x₂ + c₃·x₃ s.t. z + x₂ + x₃ ≥ 2, all ≥ 0 (x₂ ≤ 10 when `boxed`): the optimum
    /// is x₂ = 2 (objective 2); the vertex x₃ = 2 with y = c₃ has objective 2c₃ and d₂ = 1 − c₃ < 0.
    static func bigCostModel(c3: Double, boxed: Bool) -> LinearProgram {
        var lp = LinearProgram(name: "big-cost")
        let z = lp.addVariable("z", cost: 1e10)
        let x2 = lp.addVariable("x2", upper: boxed ? 10 : .infinity, cost: 1)
        let x3 = lp.addVariable("x3", cost: c3)
        lp.addConstraint("cover", [(z, 1), (x2, 1), (x3, 1)], .greaterOrEqual, 2)
        return lp
    }

    static func suboptimalVertex(c3: Double) -> Solution {
        Solution(status: .optimal, objective: 2 * c3, x: [0, 0, 2], rowDuals: [c3],
                 reducedCosts: [1e10 - c3, 1 - c3, 0], solver: "wrong vertex")
    }

    @Test(arguments: [false, true])
    func aWrongReducedCostOfOneSmallColumnFailsBesideAHugeCost(boxed: Bool) {
        // d₂ = −5000: relative to the column's own magnitudes (1 + 1 + 5001) it is about 1, while
        // relative to 1 + max|c| = 1e10 it was 5e-7 and passed.
        let report = verify(Self.suboptimalVertex(c3: 5001), for: Self.bigCostModel(c3: 5001, boxed: boxed))
        #expect(!report.verified)
        #expect(report.failures.contains { $0.contains("dual residual") && $0.contains("x2") }, "\(report.failures)")
        #expect(report.dualResidual! > 0.5)
    }

    @Test func aSlightlyWrongSignIsCaughtRelativeToItsColumn() {
        // c₃ = 1.001: d₂ = −0.001, relative 0.001 / (1 + 1 + 1.001) ≈ 3e-4 ≫ 1e-6.
        let report = verify(Self.suboptimalVertex(c3: 1.001), for: Self.bigCostModel(c3: 1.001, boxed: true))
        #expect(!report.verified)
        #expect(report.failures.contains { $0.contains("x2") })
    }

    @Test(arguments: [false, true])
    func theTrueOptimumPassesBesideAHugeCost(boxed: Bool) {
        let optimum = Solution(status: .optimal, objective: 2, x: [0, 2, 0], rowDuals: [1],
                               reducedCosts: [1e10 - 1, 0, 4], solver: "by hand")
        let report = verify(optimum, for: Self.bigCostModel(c3: 5, boxed: boxed))
        #expect(report.verified, "\(report.failures)")
        #expect(report.dualityGap! == 0 && report.dualObjective == 2)
    }

    /// The dual bound is the minimum of the Lagrangian over the bounds: a reduced cost of the
    /// wrong sign on a boxed column pairs with its far bound and lowers the bound.
    @Test func aBoxedColumnsWrongReducedCostLowersTheDualBound() {
        var lp = LinearProgram(name: "box")
        let x = lp.addVariable("x", upper: 4, cost: -1)
        lp.addConstraint("row", [(x, 1)], .lessOrEqual, 10)
        // Claimed optimum x = 0 with y = 0: d = −1 at x's lower bound; the true optimum is x = 4.
        let wrong = Solution(status: .optimal, objective: 0, x: [0], rowDuals: [0], reducedCosts: [-1], solver: "wrong")
        let report = verify(wrong, for: lp)
        #expect(!report.verified)
        #expect(report.dualObjective == -4)
        #expect(report.failures.contains { $0.contains("duality gap") })
        #expect(report.failures.contains { $0.contains("dual residual") })
    }

    /// Σ yᵢ bᵢ with terms of 1e12 that cancel: compensated sums keep the gap at rounding level.
    @Test func hugeCancellingDualTermsStillVerify() {
        var lp = LinearProgram(name: "cancel")
        let a = lp.addVariable("a", lower: -.infinity, cost: 1e12)
        let b = lp.addVariable("b", lower: -.infinity, cost: -1e12)
        let c = lp.addVariable("c", cost: 0.1)
        lp.addConstraint("ra", [(a, 1)], .equal, 1.000_000_3)
        lp.addConstraint("rb", [(b, 1)], .equal, 1.000_000_1)
        lp.addConstraint("rc", [(c, 1)], .greaterOrEqual, 3)
        let x = [1.000_000_3, 1.000_000_1, 3.0]
        let objective = lp.objectiveValue(x)
        let solution = Solution(status: .optimal, objective: objective, x: x, rowDuals: [1e12, -1e12, 0.1],
                                reducedCosts: [0, 0, 0], solver: "by hand")
        let report = verify(solution, for: lp)
        #expect(report.verified, "\(report.failures)")
    }

    @Test func theReportedObjectiveMustMatchItsTermsBesideAHugeOne() {
        var lp = Self.bigCostModel(c3: 5, boxed: false)
        lp.variables[0].lower = 1                     // z = 1 is forced: cᵀx ≈ 1e10
        var solution = Solution(status: .optimal, objective: 1e10 + 1, x: [1, 1, 0], rowDuals: [1],
                                reducedCosts: [1e10 - 1, 0, 4], solver: "by hand")
        #expect(verify(solution, for: lp).verified, "\(verify(solution, for: lp).failures)")
        solution.objective += 1e4                      // 1e-6 relative: passed when compared to 1 + |cᵀx|
        #expect(verify(solution, for: lp).failures.contains { $0.contains("reported objective") })
    }

    /// A Farkas ray whose only wrong sign sits on a row of tiny coefficients still fails.
    @Test func aFarkasRayIsCheckedRowByRow() {
        var lp = LinearProgram(name: "infeasible")
        let x = lp.addVariable("x", lower: -.infinity)
        let w = lp.addVariable("w", lower: -.infinity)
        lp.addConstraint("big", [(w, 1e10)], .greaterOrEqual, 1)
        lp.addConstraint("low", [(x, 1e-6)], .greaterOrEqual, 2e-6)
        lp.addConstraint("high", [(x, 1e-6)], .lessOrEqual, 1e-6)
        let good = verify(Solution(status: .primalInfeasible, farkasRay: [0, 1, -1], solver: "by hand"), for: lp)
        #expect(good.verified, "\(good.failures)")
        // y on 'high' of the wrong sign and small: d_x = −1e-6·(1 + 1e-3) ≠ 0 on a free column.
        let bad = verify(Solution(status: .primalInfeasible, farkasRay: [1, 1e-3, -1e-3 * 0.999], solver: "by hand"), for: lp)
        #expect(!bad.verified)
    }
}
