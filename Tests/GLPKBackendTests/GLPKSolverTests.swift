import Foundation
import Testing
import GLPKBackend
import LinearProgramming

/// The LP methods, each of which must reproduce the textbook answers.
let lpMethods: [GLPKSettings.Method] = [.primalSimplex, .dualSimplex, .interiorPoint]

func solveVerified(_ model: LinearProgram, _ method: GLPKSettings.Method) throws -> (Solution, CertificateReport) {
    let solution = try GLPKSolver(method: method).solve(model)
    return (solution, verify(solution, for: model))
}

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-7) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}

@Suite struct TextbookLPTests {
    @Test(arguments: lpMethods)
    func wyndorOptimumAndDuals(method: GLPKSettings.Method) throws {
        let (solution, report) = try solveVerified(TextbookProblems.wyndor(), method)
        #expect(solution.status == .optimal)
        #expect(report.verified, "\(report.failures)")
        #expect(close(solution.objective, 36))
        #expect(solution.iterations > 0)
        #expect(close(solution.x[0], 2, 1e-6) && close(solution.x[1], 6, 1e-6))
        let expectedDuals = [0, 1.5, 1]
        for (dual, expected) in zip(solution.rowDuals, expectedDuals) { #expect(abs(dual - expected) < 1e-6) }
    }

    @Test(arguments: lpMethods)
    func equalityAndGreaterRowsWithConstant(method: GLPKSettings.Method) throws {
        let (solution, report) = try solveVerified(TextbookProblems.equalityAndGreater(), method)
        #expect(solution.status == .optimal)
        #expect(report.verified, "\(report.failures)")
        #expect(close(solution.objective, 10.5))
        #expect(abs(solution.rowDuals[0] - 2.5) < 1e-6 && abs(solution.rowDuals[1] + 0.5) < 1e-6)
    }

    @Test(arguments: lpMethods)
    func rangedRowAndUpperBound(method: GLPKSettings.Method) throws {
        let (solution, report) = try solveVerified(TextbookProblems.ranged(), method)
        #expect(solution.status == .optimal)
        #expect(report.verified, "\(report.failures)")
        #expect(close(solution.objective, -3.5))
        #expect(abs(solution.rowDuals[0] + 0.5) < 1e-6)
        #expect(abs(solution.reducedCosts[0] + 0.5) < 1e-6)
    }

    @Test(arguments: lpMethods)
    func freeVariables(method: GLPKSettings.Method) throws {
        let (solution, report) = try solveVerified(TextbookProblems.freeVariables(), method)
        #expect(solution.status == .optimal)
        #expect(report.verified, "\(report.failures)")
        #expect(close(solution.objective, -1))
        #expect(close(solution.x[0], -1, 1e-6) && close(solution.x[1], 1, 1e-6))
    }

    @Test(arguments: lpMethods)
    func degenerateBeale(method: GLPKSettings.Method) throws {
        let (solution, report) = try solveVerified(TextbookProblems.beale(), method)
        #expect(solution.status == .optimal)
        #expect(report.verified, "\(report.failures)")
        #expect(close(solution.objective, -1.25))
    }

    @Test func modelWithoutConstraints() throws {
        var lp = LinearProgram(name: "bounds-only")
        lp.addVariable("x", lower: -2, upper: 3, cost: 1)
        lp.addVariable("y", lower: -2, upper: 3, cost: -1)
        for method in lpMethods {
            let (solution, report) = try solveVerified(lp, method)
            #expect(solution.status == .optimal)
            #expect(report.verified, "\(method): \(report.failures)")
            #expect(close(solution.objective, -5))
        }
    }
}

@Suite struct InfeasibleAndUnboundedTests {
    @Test(arguments: lpMethods)
    func infeasibleRowsCarryAVerifiedFarkasRay(method: GLPKSettings.Method) throws {
        let (solution, report) = try solveVerified(TextbookProblems.infeasibleRows(), method)
        #expect(solution.status == .primalInfeasible)
        #expect(solution.farkasRay != nil)
        #expect(report.kind == .farkasRay)
        #expect(report.verified, "\(report.failures)")
        #expect(solution.objective.isNaN)
    }

    @Test(arguments: lpMethods)
    func infeasibleBoundsCarryAVerifiedFarkasRay(method: GLPKSettings.Method) throws {
        let (solution, report) = try solveVerified(TextbookProblems.infeasibleBounds(), method)
        #expect(solution.status == .primalInfeasible)
        #expect(report.kind == .farkasRay)
        #expect(report.verified, "\(report.failures)")
    }

    @Test(arguments: lpMethods)
    func unboundedCarriesAVerifiedRayAndPoint(method: GLPKSettings.Method) throws {
        for model in [TextbookProblems.unbounded(), TextbookProblems.unboundedFree()] {
            let (solution, report) = try solveVerified(model, method)
            #expect(solution.status == .dualInfeasible, "\(model.name)")
            #expect(report.kind == .improvingRay)
            #expect(report.verified, "\(model.name): \(report.failures)")
            #expect(solution.objective.isNaN)
        }
    }

    @Test func presolvedInfeasibleAndUnboundedStillCertified() throws {
        var settings = GLPKSettings(method: .primalSimplex)
        settings.presolve = true
        let solver = GLPKSolver(settings: settings)
        let infeasible = TextbookProblems.infeasibleRows()
        let unbounded = TextbookProblems.unbounded()
        let a = try solver.solve(infeasible), b = try solver.solve(unbounded)
        #expect(a.status == .primalInfeasible && verify(a, for: infeasible).verified)
        #expect(b.status == .dualInfeasible && verify(b, for: unbounded).verified)
    }

    @Test func withoutDerivedCertificatesNothingIsVerified() throws {
        var settings = GLPKSettings(method: .primalSimplex)
        settings.deriveCertificates = false
        let model = TextbookProblems.infeasibleRows()
        let solution = try GLPKSolver(settings: settings).solve(model)
        #expect(solution.status == .primalInfeasible)
        #expect(solution.farkasRay == nil)
        #expect(!verify(solution, for: model).verified)
    }
}

@Suite struct MixedIntegerTests {
    @Test func knapsackOptimum() throws {
        let model = TextbookProblems.knapsack()
        let solution = try GLPKSolver(method: .branchAndCut).solve(model)
        let report = verify(solution, for: model)
        #expect(solution.status == .optimal)
        #expect(report.kind == .mixedIntegerFeasibility)
        #expect(report.verified, "\(report.failures)")
        #expect(close(solution.objective, 15))
        #expect(solution.x.map { $0.rounded() } == [0, 1, 1, 1, 1])
        #expect(solution.mipGap == 0)
    }

    @Test func theSimplexSolvesTheRelaxationOnlyWhenAsked() throws {
        #expect(throws: LinearProgrammingError.integerColumnsInLPSolver(count: 5)) {
            try GLPKSolver(method: .primalSimplex).solve(TextbookProblems.knapsack())
        }
        let solution = try GLPKSolver(method: .primalSimplex).solve(TextbookProblems.knapsack().linearRelaxation())
        #expect(solution.status == .optimal)
        #expect(solution.objective > 15 + 1e-6)   // the LP relaxation takes a fraction of item 0
    }

    @Test func integerInfeasibleHasNoFarkasRay() throws {
        let model = TextbookProblems.integerInfeasible()
        let solution = try GLPKSolver(method: .branchAndCut).solve(model)
        #expect(solution.status == .primalInfeasible)
        #expect(solution.farkasRay == nil)   // the relaxation is feasible: no LP certificate exists
        #expect(verify(solution, for: model).kind == .none)
    }

    @Test func emptyIntegerDomainIsInfeasible() throws {
        var lp = LinearProgram(name: "no-integer")
        lp.addVariable("x", lower: 0.2, upper: 0.8, kind: .integer, cost: 1)
        let solution = try GLPKSolver(method: .branchAndCut).solve(lp)
        #expect(solution.status == .primalInfeasible)
    }

    @Test func mipWithInfeasibleRelaxationGetsAFarkasRay() throws {
        var lp = TextbookProblems.infeasibleRows()
        lp.variables[0].kind = .integer
        let solution = try GLPKSolver(method: .branchAndCut).solve(lp)
        #expect(solution.status == .primalInfeasible)
        #expect(verify(solution, for: lp).verified)
    }
}

@Suite struct LimitsAndConcurrencyTests {
    @Test func iterationLimitIsAStatus() throws {
        var settings = GLPKSettings(method: .primalSimplex)
        settings.iterationLimit = 1
        let solution = try GLPKSolver(settings: settings).solve(TextbookProblems.beale())
        #expect(solution.status == .iterationLimit)
        #expect(!verify(solution, for: TextbookProblems.beale()).verified)
    }

    /// A 5-constraint 0/1 knapsack over 90 items with values correlated to the weights: the
    /// first incumbents come within milliseconds, the proof takes far longer than 0.05 s.
    @Test func branchAndCutStopsAtTheTimeLimitWithItsIncumbentAndGap() throws {
        let model = TextbookProblems.multidimensionalKnapsack(items: 90, constraints: 5, seed: 7)
        var settings = GLPKSettings(method: .branchAndCut)
        settings.timeLimit = 0.05
        let solution = try GLPKSolver(settings: settings).solve(model)
        #expect(solution.status == .timeLimit)
        #expect(solution.objective.isNaN)
        guard !solution.x.isEmpty else { return }          // no incumbent yet: nothing more to check
        #expect(solution.x.count == model.variableCount)
        let gap = try #require(solution.mipGap)
        #expect(gap >= 0 && gap.isFinite)
        #expect(solution.x.allSatisfy { $0 == 0 || $0 == 1 })
        for (row, activity) in zip(model.constraints, model.rowActivities(solution.x)) {
            #expect(activity <= row.upper + 1e-9, "\(row.name): \(activity) > \(row.upper)")
        }
    }

    /// With a 1 ms limit GLPK cuts its root LP relaxation short, before the search and its
    /// callback start: still a time limit, without a point.
    @Test func aLimitReachedInTheRootRelaxationIsATimeLimit() throws {
        let model = TextbookProblems.multidimensionalKnapsack(items: 400, constraints: 300, seed: 3)
        var settings = GLPKSettings(method: .branchAndCut)
        settings.timeLimit = 0.001
        let solution = try GLPKSolver(settings: settings).solve(model)
        #expect(solution.status == .timeLimit)
        #expect(solution.objective.isNaN)
        #expect(solution.mipGap == nil)
    }

    @Test func concurrentSolvesOnSeparateThreadsAgree() throws {
        let model = TextbookProblems.wyndor()
        let objectives = Locked([Double](repeating: .nan, count: 16))
        DispatchQueue.concurrentPerform(iterations: 16) { k in
            let method = lpMethods[k % lpMethods.count]
            let objective = (try? GLPKSolver(method: method).solve(model))?.objective ?? .nan
            objectives.withLock { $0[k] = objective }
        }
        #expect(objectives.withLock { $0 }.allSatisfy { close($0, 36) })
    }

    @Test func logOnlyWhenAsked() throws {
        let log = Locked("")
        var settings = GLPKSettings(method: .primalSimplex)
        settings.logger = { line in log.withLock { $0 += line } }
        _ = try GLPKSolver(settings: settings).solve(TextbookProblems.wyndor())
        #expect(log.withLock { $0 }.contains("obj =   3.600000000e+01"))
    }
}
