import ConvexNetworks
import ConvexRegression
import GLPKBackend
import LinearProgramming
import Testing

@Suite("Convex regression through a row session")
struct ConvexRegressionWarmTests {
    /// GLPK without its row session: the default ``ColdRowSession`` solves every round's LP
    /// from scratch, as the estimator did before it used sessions.
    struct ColdGLPK: LPSolver {
        let base: GLPKSolver
        var name: String { base.name }
        func solve(_ problem: LinearProgram) throws -> Solution { try base.solve(problem) }
    }

    /// The intermediate LPs are degenerate, so a warm start may stop at another optimal vertex
    /// and cut other pairs (the rounds and pair rows differ); the optimum, and each fit's error in
    /// its own norm, are the same.
    @Test("warm-started rounds reach the cold rounds' optimum, verified against the final LP", arguments: [2, 5])
    func warmEqualsCold(dimension: Int) throws {
        let data = try DataConvexityTests.samples(count: 80, dimension: dimension, seed: 21, noise: 0.1) {
            DataConvexityTests.squaredNorm($0)
        }
        for method in [GLPKSettings.Method.primalSimplex, .dualSimplex] {
            for norm in ConvexRegressionEstimator.Norm.allCases {
                let solver = GLPKSolver(method: method)
                let warm = try ConvexRegressionEstimator.solve(data, norm: norm, using: solver)
                let cold = try ConvexRegressionEstimator.solve(data, norm: norm, using: ColdGLPK(base: solver))
                let label = "\(method) \(norm) d = \(dimension)"
                #expect(abs(warm.objective - cold.objective) <= 1e-9 * max(1, abs(cold.objective)), "\(label)")
                #expect(warm.lpReport.verified && cold.lpReport.verified, "\(label)")
                switch norm {
                case .l1: #expect(abs(warm.meanAbsoluteError - cold.meanAbsoluteError) <= 1e-9, "\(label)")
                case .linf: #expect(abs(warm.maxAbsoluteError - cold.maxAbsoluteError) <= 1e-9, "\(label)")
                }
                #expect(warm.interpolationGap <= 1e-7, "\(label)")
                #expect(warm.pairRows >= 80 * min(79, ConvexRegressionEstimator.initialNeighbours), "\(label)")
            }
        }
    }
}
