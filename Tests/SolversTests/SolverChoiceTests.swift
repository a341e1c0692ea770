import Foundation
import GLPKBackend
import InteriorPoint
import LinearProgramming
import Solvers
import Testing

/// The factory: every name builds the right solver with the deadline, time limit, presolve and
/// logger applied; `auto` resolves by the program; the transport-plan tolerance.
@Suite struct SolverChoiceTests {
    /// Collects what a logger receives.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var pieces: [String] = []
        var text: [String] { lock.withLock { pieces } }
        var logger: @Sendable (String) -> Void { { [self] piece in lock.withLock { pieces.append(piece) } } }
    }

    static let glpkMethods: [SolverChoice: GLPKSettings.Method] = [
        .simplex: .primalSimplex, .dualSimplex: .dualSimplex, .interior: .interiorPoint, .mip: .branchAndCut,
    ]

    @Test func namesAreTheSolversOwn() {
        #expect(SolverChoice.allCases.map(\.rawValue) == ["auto", "simplex", "dual-simplex", "interior", "mip", "ipm"])
    }

    @Test func everyGLPKNameBuildsItsMethodWithTheSettingsApplied() throws {
        let deadline = Deadline(secondsFromNow: 60)
        for (choice, method) in Self.glpkMethods {
            let log = Log()
            let solver = try #require(choice.makeSolver(deadline: deadline, timeLimit: 30, presolve: true, logger: log.logger) as? GLPKSolver,
                                      "\(choice)")
            #expect(solver.settings.method == method)
            #expect(solver.settings.deadline == deadline)
            #expect(solver.settings.timeLimit == 30)
            #expect(solver.settings.presolve)
            solver.settings.logger?("glpk text\n")
            #expect(log.text == ["glpk text\n"], "GLPK's text goes to the logger as it comes")

            let plain = try #require(choice.makeSolver() as? GLPKSolver)
            #expect(plain.settings.deadline == nil && plain.settings.timeLimit == nil && !plain.settings.presolve)
            #expect(plain.settings.logger == nil, "no logger: a silent solver")
        }
    }

    @Test func ipmBuildsOurInteriorPointWithTheSettingsApplied() throws {
        let deadline = Deadline(secondsFromNow: 60)
        let log = Log()
        let crossing = try #require(SolverChoice.ipm.makeSolver(deadline: deadline, timeLimit: 30, logger: log.logger) as? CrossoverSolver)
        #expect(crossing.deadline == deadline && crossing.timeLimit == 30 && crossing.logger != nil, "a crossover by default")
        let solver = try #require(crossing.interior as? InteriorPointSolver)
        #expect(solver.settings.deadline == deadline)
        #expect(solver.settings.timeLimit == 30)
        #expect(solver.settings.presolve, "our interior point always presolves")
        solver.settings.logger?("iteration line")
        solver.settings.logger?("ended\n")
        #expect(log.text == ["iteration line\n", "ended\n"], "each interior-point line arrives with its newline")

        let plain = try #require(SolverChoice.ipm.makeSolver(crossover: false) as? InteriorPointSolver)
        #expect(plain.settings.deadline == nil && plain.settings.timeLimit == nil)
        #expect(plain.settings.logger == nil, "no logger: a silent solver")
    }

    @Test func theBuiltSolversSolve() throws {
        var program = LinearProgram(name: "tiny")                    // min −x − y, x + y ≤ 1, x, y ∈ [0, 1]
        _ = program.addVariable("x", lower: 0, upper: 1, cost: -1)
        _ = program.addVariable("y", lower: 0, upper: 1, cost: -1)
        program.addConstraint("sum", [(variable: 0, coefficient: 1), (variable: 1, coefficient: 1)], .lessOrEqual, 1)
        for choice in SolverChoice.allCases where choice != .auto {
            let solution = try choice.makeSolver().solve(program)
            #expect(solution.status.hasOptimalPoint, "\(choice)")
            #expect(abs(solution.objective + 1) < 1e-6, "\(choice)")
        }
    }

    @Test func autoResolvesByTheProgramAndItsFamily() {
        let small = InteriorPointPreferenceTests.dense(rows: 100, columns: 100)      // 10,000 nonzeros
        let large = InteriorPointPreferenceTests.dense(rows: 101, columns: 100)      // 10,100
        let integer = InteriorPointPreferenceTests.dense(rows: 2, columns: 2, integer: true)
        #expect(SolverChoice.auto.resolved(for: small) == .simplex)
        #expect(SolverChoice.auto.resolved(for: large) == .ipm)
        #expect(SolverChoice.auto.resolved(for: small, family: .surrogate) == .simplex)
        #expect(SolverChoice.auto.resolved(for: large, family: .surrogate) == .ipm)
        #expect(SolverChoice.auto.resolved(for: integer) == .mip)
        for choice in SolverChoice.allCases where choice != .auto {
            #expect(choice.resolved(for: large) == choice && choice.resolved(for: integer) == choice, "a named solver stays itself")
            #expect(choice.resolved(transportSources: 1000, targets: 1000) == choice)
        }
        #expect(SolverChoice.auto.resolved(transportSources: 40, targets: 50) == .simplex)   // 2,000 pairs
        #expect(SolverChoice.auto.resolved(transportSources: 45, targets: 45) == .ipm)       // 2,025 pairs
    }

    @Test func onlyGLPKsInteriorPointIgnoresTimeLimits() {
        #expect(SolverChoice.allCases.filter { !$0.honoursTimeLimit } == [.interior])
    }

    @Test func theAlternativeIsTheOtherFamily() {
        #expect(SolverChoice.simplex.alternative == .ipm)
        #expect(SolverChoice.dualSimplex.alternative == .ipm)
        #expect(SolverChoice.interior.alternative == .ipm)
        #expect(SolverChoice.ipm.alternative == .simplex)
        #expect(SolverChoice.mip.alternative == nil && SolverChoice.auto.alternative == nil)
    }

    @Test func onlyTheInteriorPointHasALooserTransportTolerance() {
        #expect(SolverChoice.interiorPointTransportTolerance == 1e-7)
        #expect(SolverChoice.ipm.transportTolerance == 1e-7)
        for choice in SolverChoice.allCases where choice != .ipm { #expect(choice.transportTolerance == nil, "\(choice)") }
    }
}
