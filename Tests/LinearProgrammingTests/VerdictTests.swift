import Testing
import LinearProgramming

/// The one mapping from a solver's status and the certificate's verdict to the printed word.
@Suite struct VerdictTests {
    @Test(arguments: SolutionStatus.allCases)
    func aClaimWithoutAVerifiedCertificateIsNeverOptimalInfeasibleOrUnbounded(status: SolutionStatus) {
        let verdict = Verdict(status: status, certified: false)
        #expect(![Verdict.Outcome.optimal, .infeasible, .unbounded].contains(verdict.outcome))
        #expect(verdict.word != "optimal" && verdict.word != "infeasible" && verdict.word != "unbounded")
        #expect(!verdict.summary.hasPrefix("optimal") && !verdict.summary.hasPrefix("infeasible") && !verdict.summary.hasPrefix("unbounded"))
    }

    @Test func verifiedClaimsKeepTheirWord() {
        #expect(Verdict(status: .optimal, certified: true).word == "optimal")
        #expect(Verdict(status: .almostOptimal, certified: true).outcome == .optimal)
        #expect(Verdict(status: .primalInfeasible, certified: true).word == "infeasible")
        #expect(Verdict(status: .dualInfeasible, certified: true).word == "unbounded")
        #expect(Verdict(status: .timeLimit, certified: false).word == "timeLimit")
        #expect(Verdict(status: .iterationLimit, certified: true).outcome == .limit)
        #expect(Verdict(status: .numericalError, certified: true).outcome == .numericalError)
        #expect(Verdict(status: .optimal, certified: true, mixedInteger: true).summary.contains("the solver's word"))
    }

    @Test func theVerdictOfASolutionFollowsVerify() {
        var lp = LinearProgram(name: "one")
        let x = lp.addVariable("x", cost: 1)
        lp.addConstraint("floor", [(x, 1)], .greaterOrEqual, 1)
        let right = Solution(status: .optimal, objective: 1, x: [1], rowDuals: [1], reducedCosts: [0], solver: "by hand")
        #expect(Verdict(right, report: verify(right, for: lp)).outcome == .optimal)
        var wrong = right
        wrong.rowDuals = [-1]
        #expect(Verdict(wrong, report: verify(wrong, for: lp)).outcome == .unverified)
        let unproved = Solution(status: .primalInfeasible, solver: "by hand")
        #expect(Verdict(unproved, report: verify(unproved, for: lp)).word == "unverified")
    }
}
