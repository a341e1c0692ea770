import GLPKBackend
import LinearProgramming
import Testing

/// GLPK 5.0 stops on internal assertions even on data the numeric policy accepts; the solver
/// runs GLPK under its error hook, so such a stop is a status and the process lives on.
@Suite struct GLPKInternalErrorTests {
    /// Found by a seeded search: GLPK's branch-and-cut fails `temp1 > 0.0 && temp2 > 0.0`
    /// (glpios03.c, integrality check) when a free integer column reaches about −7.6e15 in the
    /// relaxation, where doubles have no fractional part; it used to abort the process.
    static func assertionModel() -> LinearProgram {
        var lp = LinearProgram(name: "glpk-assertion")
        let x0 = lp.addVariable("x0", lower: -.infinity, upper: .infinity, kind: .integer, cost: 1)
        let x1 = lp.addVariable("x1", lower: -10, upper: 10, cost: -1)
        let x2 = lp.addVariable("x2", lower: -7080194518125.584, upper: 663707265649789.2, kind: .integer, cost: -5)
        let x3 = lp.addVariable("x3", lower: -.infinity, upper: .infinity, cost: -2)
        lp.addConstraint("r0", [(x1, -1.0148820659597946e-05), (x2, 193.83583473623577), (x3, -2)], .equal, 4)
        lp.addConstraint("r1", [(x0, -4), (x1, 5), (x2, 3.9142313707755285), (x3, -0.5154960862131684)], lower: 0, upper: 1)
        lp.addConstraint("r2", [(x0, -2), (x1, 2388.9230060539126), (x2, -2.955162932705746)], .greaterOrEqual, -6)
        return lp
    }

    @Test func anInternalAssertionIsANumericalErrorAndGLPKWorksAfterwards() throws {
        let model = Self.assertionModel()
        #expect(throws: Never.self) { try model.preparedForSolver(.mixedInteger) }     // the policy accepts it
        let log = Locked("")
        var settings = GLPKSettings(method: .branchAndCut)
        settings.logger = { text in log.withLock { $0 += text } }
        let solution = try GLPKSolver(settings: settings).solve(model)
        #expect(solution.status == .numericalError)
        #expect(log.withLock { $0 }.contains("Assertion failed"), "GLPK's log says why")
        #expect(!verify(solution, for: model).verified)
        // GLPK's environment was freed and is rebuilt on the next call, on this thread too.
        for method in GLPKSettings.Method.allCases {
            let next = try GLPKSolver(method: method).solve(TextbookProblems.wyndor())
            #expect(next.status == .optimal && abs(next.objective - 36) < 1e-6, "\(method)")
        }
    }
}
