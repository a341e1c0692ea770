import ConvexNetworks
import GLPKBackend
import InteriorPoint
import LinearProgramming
import Testing
@testable import SurrogateOptimization

/// The LP encodings of every convex family, minimised over a box under a budget row, through
/// our interior point with the column-space and each row-space normal equations forced in
/// turn: each verified and within 1e-7 relative of GLPK's simplex.
@Suite struct InteriorPointEncodingTests {
    static let families: [Architecture] = [
        .hycnn(inputDimension: 6, widths: [8, 8]),
        .groupMax(inputDimension: 6, widths: [8, 6]),
        .icnn(inputDimension: 6, widths: [10, 10], activation: .relu),
        .icnn(inputDimension: 6, widths: [10], activation: .leakyRelu(slope: 0.3)),
        .maxAffine(inputDimension: 6, pieces: 12),
    ]

    @Test(arguments: families)
    func everyNormalEquationsPathAgreesWithGLPK(architecture: Architecture) throws {
        let model = try SurrogateTestModels.random(architecture, seed: 21)
        var problem = SurrogateProblem(name: "family")
        let xs = (0..<6).map { problem.addVariable("x\($0)", lower: -2, upper: 2) }
        let f = try problem.addSurrogate("f", model: model, variables: xs)
        problem.objectiveSurrogates = [(f, 1)]
        problem.addConstraint("budget", LinearExpression(Dictionary(uniqueKeysWithValues: xs.map { ($0, 1.0) })), upper: 1)
        let compiled = try problem.compile()
        #expect(compiled.route == .lp)
        let reference = try compiled.solve(using: GLPKSolver(method: .primalSimplex))
        try #require(reference.status == .optimal && reference.verified)
        for choice in [CholeskyChoice.columnSpace, .dense, .sparse, .automatic] {
            var settings = InteriorPointSettings()
            settings.cholesky = choice
            let solution = try compiled.solve(using: InteriorPointSolver(settings: settings))
            #expect(solution.status == .optimal && solution.verified, "\(architecture.family), \(choice): \(solution.status)")
            #expect(abs(solution.objective - reference.objective) <= 1e-7 * (1 + abs(reference.objective)),
                    "\(architecture.family), \(choice): \(solution.objective) vs GLPK \(reference.objective)")
        }
    }
}
