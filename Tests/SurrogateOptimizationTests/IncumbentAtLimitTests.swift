import ConvexNetworks
import GLPKBackend
import LinearProgramming
import Testing
@testable import SurrogateOptimization

/// A MILP stopped at its limit with an incumbent reports that point — its forward value and
/// its feasibility re-checked — and never calls it optimal or verified.
struct IncumbentAtLimitTests {
    /// Branch-and-cut to the end, then reported as stopped at the time limit with a gap: the
    /// incumbent is a real integer-feasible point, as GLPK's would be.
    struct StoppedSolver: LPSolver {
        var name: String { "stopped" }
        var tamper = false
        func solve(_ problem: LinearProgram) throws -> Solution {
            var solution = try GLPKSolver(method: .branchAndCut).solve(problem)
            solution.status = .timeLimit
            solution.objective = .nan
            solution.mipGap = 0.5
            if tamper { solution.x[0] += 1e3 }          // a point outside the box
            return solution
        }
    }

    static func problem() throws -> CompiledSurrogateProblem {
        let model = try MILPTestModels.model(.mlp(inputDimension: 2, widths: [6, 6]), seed: 3)
        var problem = SurrogateProblem(name: "stopped")
        let a = problem.addVariable("a", lower: -1, upper: 1), b = problem.addVariable("b", lower: -1, upper: 1)
        let f = try problem.addSurrogate("f", model: model, variables: [a, b])
        problem.objectiveSurrogates = [(f, 1)]
        return try problem.compile()
    }

    @Test func theIncumbentIsReportedWithItsFeasibilityNotAsOptimal() throws {
        let compiled = try Self.problem()
        #expect(compiled.route == .milp)
        let result = try compiled.solve(using: StoppedSolver())
        #expect(result.status == .timeLimit)
        #expect(!result.verified)
        #expect(result.x.count == 2)
        let check = try #require(result.incumbentCheck)
        #expect(check.verified, "\(check.failures)")
        #expect(check.kind == .mixedIntegerFeasibility)
        let f = try compiled.problem.surrogates[0].model.predict(result.x)[0]
        #expect(abs(result.forwardObjective - f) <= 1e-9 * (1 + abs(f)))
    }

    @Test func anInfeasibleIncumbentIsSaidToBeSo() throws {
        let result = try Self.problem().solve(using: StoppedSolver(tamper: true))
        let check = try #require(result.incumbentCheck)
        #expect(!check.verified)
        #expect(!result.verified)
    }
}
