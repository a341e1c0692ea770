import InteriorPoint
import LinearProgramming
import Testing
@testable import Transport

/// The network simplex against our interior-point LP solver on the same LPs. An interior point
/// is optimal only to its tolerances (gap 1e-8) and spreads mass over ties, so the costs agree
/// to 1e-7 relative and the LP certificate (`verify`, 1e-6 tolerances) is what must hold.
@Suite struct InteriorPointCrossCheckTests {
    @Test(arguments: [(15, 15, 1 as UInt64), (12, 20, 2), (25, 8, 3)])
    func cloudsAgreeWithTheInteriorPoint(n: Int, m: Int, seed: UInt64) throws {
        let problem = try TransportInstances.clouds(n: n, m: m, dimension: 2, seed: seed)
        let exact = try NetworkSimplex().solve(problem)
        #expect(TransportCertificate.check(exact, for: problem).verified)
        let ipm = try problem.solve(using: InteriorPointSolver())
        #expect(ipm.plan.status == .optimal)
        #expect(ipm.certificate.lpReport?.verified == true, "\(ipm.certificate.lpReport?.failures ?? [])")
        #expect(abs(ipm.plan.cost - exact.cost) <= 1e-7 * exact.cost, "IPM \(ipm.plan.cost) vs exact \(exact.cost)")
    }

    @Test func degenerateIntegerInstanceAgrees() throws {
        let problem = try TransportInstances.integer(n: 10, m: 10, maxCost: 2, seed: 4)
        let exact = try NetworkSimplex().solve(problem)
        let ipm = try problem.solve(using: InteriorPointSolver())
        #expect(ipm.certificate.lpReport?.verified == true)
        #expect(abs(ipm.plan.cost - exact.cost) <= 1e-7 * max(1, exact.cost))
    }
}
