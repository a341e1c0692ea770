@testable import GLPKBackend
import LinearProgramming
import TestSupport
import Testing

/// The crossover skips GLPK's second simplex run on the unscaled problem only when the basic
/// solution already meets its tolerance: true at an optimum, false at a basis the simplex left
/// after one pivot.
@Suite struct UnscaledToleranceTests {
    /// A dense seeded LP whose optimum needs several pivots from the slack basis.
    static func model() -> LinearProgram {
        var g = SplitMix64(seed: 12)
        var model = LinearProgram(name: "unscaled")
        for j in 0..<12 { model.addVariable("x\(j)", lower: 0, upper: 10, cost: -Double.random(in: 1...2, using: &g)) }
        for i in 0..<8 {
            model.addConstraint("r\(i)", (0..<12).map { ($0, Double.random(in: 0.1...1, using: &g)) }, .lessOrEqual, 5)
        }
        return model
    }

    @Test(arguments: [nil, 1] as [Int?])
    func onlyAnOptimalBasisMeetsIt(iterationLimit: Int?) throws {
        let model = Self.model()
        var settings = GLPKSettings()
        settings.iterationLimit = iterationLimit
        let solver = GLPKSolver(settings: settings)
        let outcome: (SolutionStatus, Bool)? = GLPKProblem.withProblem(model, integer: false) { problem in
            let solution = solver.simplex(on: problem, model: model, stop: nil, warm: false)
            return (solution.status, GLPKCrossover.meetsUnscaledTolerance(problem))
        } ?? nil
        let (status, meets) = try #require(outcome)
        #expect(status == (iterationLimit == nil ? .optimal : .iterationLimit))
        #expect(meets == (iterationLimit == nil))
    }
}
