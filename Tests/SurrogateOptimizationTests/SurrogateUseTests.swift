import ConvexNetworks
import Foundation
import GLPKBackend
import LinearProgramming
import Testing
@testable import SurrogateOptimization

/// What may be called exact: a surrogate the program does not use is refused, one only bounded
/// above is checked against its bound (its program value is an upper estimate), and only a
/// surrogate whose program value is tied to the network is called exact.
@Suite struct SurrogateUseTests {
    static func squareProblem() throws -> (SurrogateProblem, Int, Int) {
        var problem = SurrogateProblem(name: "square")
        let x = problem.addVariable("x", lower: 0, upper: 1)
        let f = try problem.addSurrogate("f", model: try SurrogateTestModels.square(layers: 3), variables: [x])
        return (problem, x, f)
    }

    @Test func aSurrogateNeitherInTheObjectiveNorBoundedIsRefusedByName() throws {
        var (problem, x, _) = try Self.squareProblem()
        problem.objectiveLinear = LinearExpression([x: 1])
        #expect {
            _ = try problem.compile()
        } throws: { error in
            "\(error)".contains("'f'") && "\(error)".contains("neither in the objective")
        }
    }

    @Test func aZeroWeightOrAnInfiniteBoundDoesNotCountAsAUse() throws {
        var (problem, x, f) = try Self.squareProblem()
        problem.objectiveLinear = LinearExpression([x: 1])
        problem.objectiveSurrogates = [(f, 0)]
        problem.addConstraint("free", surrogate: f)
        #expect(throws: SurrogateOptimizationError.self) { _ = try problem.compile() }
    }

    /// min −x s.t. f(x) ≤ 0.25 with f ≈ x²: f is only bounded above, so its epigraph may sit
    /// above f; the check is f(x*) ≤ 0.25, and it is not called exact.
    @Test func aSurrogateOnlyBoundedAboveIsCheckedAgainstItsBoundNotCalledExact() throws {
        var (problem, x, f) = try Self.squareProblem()
        problem.objectiveLinear = LinearExpression([x: -1])
        problem.addConstraint("cap", surrogate: f, upper: 0.25)
        let compiled = try problem.compile()
        #expect(compiled.route == .lp)
        let solution = try compiled.solve(using: GLPKSolver(method: .primalSimplex))
        let result = try #require(solution.surrogates.first)
        #expect(result.check == .upperBound && !result.exact)
        #expect(result.upperBound == 0.25)
        #expect(result.measure == (result.value - 0.25) / 1.25)
        #expect(result.verified == (result.value <= 0.25 + 1.25e-7))
        #expect(solution.verified == (solution.certificate.verified && result.verified))
    }

    @Test func aSurrogateInTheObjectiveIsCheckedForExactness() throws {
        var (problem, _, f) = try Self.squareProblem()
        problem.objectiveSurrogates = [(f, 2)]
        let solution = try problem.compile().solve(using: GLPKSolver(method: .primalSimplex))
        let result = try #require(solution.surrogates.first)
        #expect(result.check == .exactness && result.exact && result.measure == result.exactnessGap)
        #expect(solution.verified)
    }

    /// A wrong program value fails its check: the one rule behind ✓ is measure ≤ tolerance.
    @Test func theMarkFollowsTheNumber() throws {
        var (problem, _, f) = try Self.squareProblem()
        problem.objectiveSurrogates = [(f, 1)]
        var solution = try problem.compile().solve(using: GLPKSolver(method: .primalSimplex))
        solution.surrogates[0].measure = 2 * SurrogateSolution.exactnessTolerance
        #expect(!solution.surrogates[0].verified && !solution.surrogates[0].exact && !solution.verified)
    }
}
