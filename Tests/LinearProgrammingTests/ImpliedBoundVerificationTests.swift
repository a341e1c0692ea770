import Testing
@testable import LinearProgramming

/// The safe dual bound charges a wrong-signed multiplier whose own bound is infinite at the
/// bound the rows imply, so large duals cannot hide an absolute error behind a relative tolerance.
@Suite struct ImpliedBoundVerificationTests {
    /// A 3 × 3 transport LP (supplies and demands 10, x ≥ 0 without upper bounds) with one cost
    /// of 1e9 and one coefficient of 1e12: the optimum is the diagonal, 4·10 + 3·10 + 2·10 = 90.
    static func transport() -> LinearProgram {
        var lp = LinearProgram(name: "trans")
        let costs: [[Double]] = [[4, 1e9, 9], [5, 3, 8], [7, 4, 2]]
        var x: [[Int]] = []
        for i in 0..<3 { x.append((0..<3).map { j in lp.addVariable("x\(i)\(j)", cost: costs[i][j]) }) }
        for i in 0..<3 { lp.addConstraint("s\(i)", (0..<3).map { (x[i][$0], 1.0) }, .equal, 10) }
        for j in 0..<3 { lp.addConstraint("d\(j)", (0..<3).map { (x[$0][j], $0 == 2 && j == 1 ? 1e12 : 1.0) }, .equal, 10) }
        return lp
    }

    /// The vertex GLPK's simplex stopped at (objective 190): its duals are about 1e9, and the
    /// reduced cost of x22 is −10 — 5e-9 relative to its column's magnitudes, inside 1e-6.
    static let wrongVertex = Solution(
        status: .optimal, objective: 190,
        x: [0, 0, 10, 0, 10, 0, 10, 0, 0],
        rowDuals: [1000000000.001, 3.000999999999, 1000000003.001, -999999996.001, -0.000999999999, -999999991.001],
        solver: "wrong vertex")

    @Test func aWrongVertexBesideHugeDualsFailsTheGap() {
        let model = Self.transport()
        let report = verify(Self.wrongVertex, for: model)
        #expect(report.dualResidual! < 1e-6, "the relative sign check alone passes this answer")
        #expect(!report.verified)
        #expect(report.failures.contains { $0.contains("duality gap") }, "\(report.failures)")
        // x22 ≤ 10 by its supply row: d22·10 = −100 lowers the bound from 190 to the true 90.
        #expect(abs(report.dualObjective! - 90) < 1e-3)
    }

    @Test func theOptimumWithExactDualsVerifies() {
        let model = Self.transport()
        // y = (4, 3, 2, 0, 0, 0): d = c − Aᵀy ≥ 0 everywhere, zero on the diagonal.
        let optimum = Solution(status: .optimal, objective: 90, x: [10, 0, 0, 0, 10, 0, 0, 0, 10],
                               rowDuals: [4, 3, 2, 0, 0, 0], solver: "exact")
        let report = verify(optimum, for: model)
        #expect(report.verified, "\(report.failures)")
    }

    @Test func impliedBoundsComeFromOnePassOfRowActivities() {
        let model = Self.transport()
        let verifier = CertificateVerifier(model: model, tolerances: .init())
        let implied = verifier.impliedColumnBounds(for: model.variables.indices.map { [0, 7, 8].contains($0) })
        #expect(implied.count == model.variableCount && implied[1] == nil)
        #expect(implied[0]?.upper == 10)            // x00 ≤ 10 by s0 (and d0)
        #expect(abs(implied[7]!.upper - 1e-11) < 1e-25)   // 1e12·x21 ≤ 10 by d1
        #expect(implied[8]?.upper == 10)
        #expect(implied[8]?.lower == 0)
        // A free column in an inequality row has no implied bound on the open side.
        var open = LinearProgram(name: "open")
        let a = open.addVariable("a", lower: -.infinity), b = open.addVariable("b")
        open.addConstraint("r", [(a, 1), (b, 1)], .lessOrEqual, 5)
        let bounds = CertificateVerifier(model: open, tolerances: .init()).impliedColumnBounds(for: [true, true])
        #expect(bounds[0]?.upper == 5 && bounds[0]?.lower == -.infinity)
        #expect(bounds[1]?.upper == .infinity)       // a is free below, so b is not bounded
    }
}
