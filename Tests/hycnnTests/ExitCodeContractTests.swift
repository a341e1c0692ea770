import ArgumentParser
@testable import hycnn
import LinearProgramming
import Testing

/// The README's exit-code contract, from the one mapping every command uses.
@Suite struct ExitCodeContractTests {
    @Test func theNamedCodesAreTheContractsNumbers() {
        #expect(ExitCode.success.rawValue == 0)
        #expect(ExitCode.failure.rawValue == 1)
        #expect(ExitCode.infeasibleOrUnbounded.rawValue == 2)
        #expect(ExitCode.limitOrUndecided.rawValue == 3)
        #expect(ExitCode.notConvex.rawValue == 4)
    }

    @Test func everyStatusMapsByWhetherItsCertificateVerified() {
        let verified: [SolutionStatus: Int32] = [
            .optimal: 0, .almostOptimal: 0, .primalInfeasible: 2, .dualInfeasible: 2,
            .iterationLimit: 3, .timeLimit: 3, .numericalError: 1,
        ]
        let unverified: [SolutionStatus: Int32] = [
            .optimal: 1, .almostOptimal: 1, .primalInfeasible: 1, .dualInfeasible: 1,
            .iterationLimit: 3, .timeLimit: 3, .numericalError: 1,
        ]
        for status in SolutionStatus.allCases {
            #expect(ExitCode(status: status, verified: true).rawValue == verified[status], "\(status) verified")
            #expect(ExitCode(status: status, verified: false).rawValue == unverified[status], "\(status) not verified")
            for mixedInteger in [false, true] {
                let verdict = Verdict(status: status, certified: true, mixedInteger: mixedInteger)
                #expect(ExitCode(verdict) == ExitCode(status: status, verified: true), "\(status)")
            }
        }
    }
}
