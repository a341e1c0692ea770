import ConvexNetworks
import DataFiles
import Foundation
import GLPKBackend
import LinearProgramming
import Testing
@testable import SurrogateOptimization

@Suite struct SurrogateProblemTests {
    static func solve(_ problem: SurrogateProblem, forceMixedInteger: Bool = false) throws -> SurrogateSolution {
        let compiled = try problem.compile(forceMixedInteger: forceMixedInteger)
        return try compiled.solve(using: GLPKSolver(method: compiled.route == .milp ? .branchAndCut : .primalSimplex))
    }

    @Test(arguments: [1, 3, 6])
    func theSquareApproximationIsMinimisedExactly(layers: Int) throws {
        let model = try SurrogateTestModels.square(layers: layers)
        var problem = SurrogateProblem(name: "square")
        let x = problem.addVariable("x", lower: 0, upper: 1)
        let f = try problem.addSurrogate("f", model: model, variables: [x])
        problem.objectiveSurrogates = [(f, 1)]
        let solution = try Self.solve(problem)
        #expect(solution.status == .optimal && solution.route == .lp)
        #expect(solution.verified, "\(solution.certificate.failures)")
        // min f over [0, 1] is at the grid's best point, and f(x*) equals the LP value.
        let grid = (0...4096).map { Double($0) / 4096 }
        let best = try model.predict(grid).min()!
        #expect(abs(solution.objective - best) < 1e-9)
        #expect(abs(solution.surrogates[0].value - solution.objective) < 1e-9)
    }

    static let convexArchitectures: [Architecture] = [
        .hycnn(inputDimension: 3, widths: [6, 5]),
        .groupMax(inputDimension: 3, widths: [6, 4]),
        .icnn(inputDimension: 3, widths: [6, 6], activation: .relu),
        .icnn(inputDimension: 3, widths: [6], activation: .leakyRelu(slope: 0.3)),
        .maxAffine(inputDimension: 3, pieces: 7),
    ]

    @Test(arguments: convexArchitectures)
    func lpOptimumIsBelowEveryFeasiblePointAndExactAtItsArgmin(architecture: Architecture) throws {
        let model = try SurrogateTestModels.random(architecture, seed: 5)
        var problem = SurrogateProblem(name: "random")
        let xs = (0..<3).map { problem.addVariable("x\($0)", lower: -2, upper: 2) }
        let f = try problem.addSurrogate("f", model: model, inputs: [.variable(xs[0]), .variable(xs[1]),
                                                                     LinearExpression([xs[2]: 0.5, xs[0]: 0.25], constant: 0.1)])
        problem.objectiveSurrogates = [(f, 1)]
        problem.objectiveLinear = LinearExpression([xs[1]: 0.3])
        problem.addConstraint("budget", LinearExpression([xs[0]: 1, xs[1]: 1, xs[2]: 1]), upper: 1.5)
        let solution = try Self.solve(problem)
        #expect(solution.status == .optimal && solution.route == .lp)
        #expect(solution.verified, "\(solution.certificate.failures) \(solution.surrogates.map(\.exactnessGap))")
        #expect(abs(solution.forwardObjective - solution.objective) <= 1e-7 * (1 + abs(solution.objective)))
        // 10,000 random feasible points: none beats the LP optimum.
        var random = SeededGenerator(seed: 99)
        var points: [Double] = [], linear: [Double] = []
        while linear.count < 10_000 {
            let p = (0..<3).map { _ in 4 * random.nextUniform() - 2 }
            guard p.reduce(0, +) <= 1.5 else { continue }
            points += [p[0], p[1], 0.5 * p[2] + 0.25 * p[0] + 0.1]
            linear.append(0.3 * p[1])
        }
        let values = try model.predict(points)
        let best = zip(values, linear).map { $0 + $1 }.min()!
        #expect(solution.objective <= best + 1e-9)
        // The MILP route on the same convex network agrees.
        let milp = try Self.solve(problem, forceMixedInteger: true)
        #expect(milp.route == .milp && milp.status == .optimal)
        #expect(abs(milp.objective - solution.objective) <= 1e-6 * (1 + abs(solution.objective)))
    }

    @Test func surrogateBoundedAboveStaysOnTheLPRoute() throws {
        let model = try SurrogateTestModels.random(.hycnn(inputDimension: 2, widths: [5]), seed: 8)
        var problem = SurrogateProblem(name: "capped")
        let a = problem.addVariable("a", lower: -3, upper: 3), b = problem.addVariable("b", lower: -3, upper: 3)
        let f = try problem.addSurrogate("emissions", model: model, variables: [a, b])
        let cap = try model.predict([0, 0])[0] + 0.5
        problem.addConstraint("cap", surrogate: f, upper: cap)
        problem.sense = .maximize
        problem.objectiveLinear = LinearExpression([a: 1, b: 0.5])
        let solution = try Self.solve(problem)
        #expect(solution.route == .lp && solution.status == .optimal)
        #expect(solution.verified, "\(solution.certificate.failures)")
        #expect(solution.surrogates[0].value <= cap + 1e-7)
        #expect(abs(solution.surrogates[0].value - cap) < 1e-6)            // the cap binds at the optimum
    }

    @Test func maximisingAConvexSurrogateTakesTheMILPRoute() throws {
        let model = try SurrogateTestModels.random(.hycnn(inputDimension: 1, widths: [4]), seed: 3)
        var problem = SurrogateProblem(name: "max")
        let x = problem.addVariable("x", lower: -1, upper: 1)
        let f = try problem.addSurrogate("f", model: model, variables: [x])
        problem.sense = .maximize
        problem.objectiveSurrogates = [(f, 1)]
        let solution = try Self.solve(problem)
        #expect(solution.route == .milp && solution.status == .optimal)
        let grid = (0...20_000).map { -1 + Double($0) / 10_000 }
        #expect(abs(solution.objective - (try model.predict(grid).max()!)) < 1e-6)
        #expect(solution.verified)
    }

    @Test func smoothModelsAreRefusedWithAnExplanation() throws {
        let model = try SurrogateTestModels.random(.hycnn(inputDimension: 1, widths: [3], gate: .smoothMaxGate(temperature: 0.5)), seed: 1)
        var problem = SurrogateProblem(name: "smooth")
        let x = problem.addVariable("x", lower: 0, upper: 1)
        problem.objectiveSurrogates = [(try problem.addSurrogate("f", model: model, variables: [x]), 1)]
        for forceMixedInteger in [false, true] {                    // refused once, before either encoding
            #expect(throws: SurrogateOptimizationError.smoothModel(surrogate: "f", nonlinearity: "smooth-max")) {
                try problem.compile(forceMixedInteger: forceMixedInteger)
            }
        }
        let message = SurrogateOptimizationError.smoothModel(surrogate: "f", nonlinearity: "smooth-max").description
        #expect(message.contains("smooth") && message.contains("the max gate or relu"))
        #expect(!message.contains("--"), "the library names no command-line flag")
    }

    @Test func quadraticModelsAreRefusedWithAnExplanation() throws {
        // Relu (piecewise linear) and softplus: the quadratic term is refused first, on both routes.
        for activation in [Nonlinearity.relu, .softplus(temperature: 1)] {
            let model = try SurrogateTestModels.random(.icnnQuadratic(inputDimension: 1, widths: [3], activation: activation), seed: 1)
            var problem = SurrogateProblem(name: "quadratic")
            let x = problem.addVariable("x", lower: 0, upper: 1)
            problem.objectiveSurrogates = [(try problem.addSurrogate("f", model: model, variables: [x]), 1)]
            for forceMixedInteger in [false, true] {
                #expect(throws: SurrogateOptimizationError.quadraticModel(surrogate: "f")) {
                    try problem.compile(forceMixedInteger: forceMixedInteger)
                }
            }
        }
        let message = SurrogateOptimizationError.quadraticModel(surrogate: "f").description
        #expect(message.contains("quadratic") && message.contains("icnn"))
        #expect(!message.contains("--"), "the library names no command-line flag")
    }

    @Test func badReferencesAreClearErrors() throws {
        let model = try SurrogateTestModels.random(.hycnn(inputDimension: 2, widths: [3]), seed: 2)
        var problem = SurrogateProblem()
        let x = problem.addVariable("x")
        #expect(throws: SurrogateOptimizationError.inputCountMismatch(surrogate: "f", expected: 2, actual: 1)) {
            try problem.addSurrogate("f", model: model, variables: [x])
        }
        #expect(throws: SurrogateOptimizationError.self) { try problem.addSurrogate("g", model: model, variables: [x, 7]) }
        problem.objectiveSurrogates = [(3, 1)]
        #expect(throws: SurrogateOptimizationError.self) { try problem.compile() }
    }

    @Test func infeasibleProblemsCarryAFarkasCertificate() throws {
        let model = try SurrogateTestModels.random(.hycnn(inputDimension: 1, widths: [3]), seed: 4)
        var problem = SurrogateProblem(name: "clash")
        let x = problem.addVariable("x", lower: 0, upper: 1)
        problem.objectiveSurrogates = [(try problem.addSurrogate("f", model: model, variables: [x]), 1)]
        problem.addConstraint("tooMuch", .variable(x), lower: 2)
        let solution = try Self.solve(problem)
        #expect(solution.status == .primalInfeasible)
        #expect(solution.certificate.kind == .farkasRay && solution.certificate.verified)
    }
}
