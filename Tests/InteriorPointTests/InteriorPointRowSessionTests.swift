import GLPKBackend
import InteriorPoint
import LinearProgramming
import TestSupport
import Testing

@Suite("Interior-point row sessions")
struct InteriorPointRowSessionTests {
    /// Our interior point has no warm start, so its session is the cold fallback; each round of
    /// added rows must give GLPK's simplex answer on the enlarged program (status, objective to
    /// the interior point's 1e-7) with a dual per row, and verify.
    @Test func roundsOfRowsEqualTheSimplexOnTheEnlargedProgram() throws {
        #expect(try InteriorPointSolver().withRowSession(for: LinearProgram()) { $0 is ColdRowSession })
        for seed in UInt64(1)...8 {
            let instance = CuttingPlaneInstance(seed: seed, sense: seed % 2 == 0 ? .minimize : .maximize)
            #expect(try instance.mismatches(warmSolver: InteriorPointSolver(), coldSolver: GLPKSolver(),
                                            label: "seed \(seed)", objectiveTolerance: 1e-7) == [])
        }
    }
}
