import ArgumentParser
import Foundation
import LinearProgramming

/// `hycnn-bench netlib-solve`: one solve in its own process, so that `netlib` can stop a
/// solver that has no time limit (GLPK's interior point) and survive one that crashes.
/// Reads the MPS file, solves, verifies, and prints one `NetlibRun` as a JSON line.
struct NetlibSolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netlib-solve",
        abstract: "Solve one MPS file with one solver and print the run as JSON (used by `netlib`).",
        shouldDisplay: false)

    @Option(help: "The MPS file (gzip or plain).")
    var file: String

    @Option(help: "The problem's name in the output.")
    var problem: String

    @Option(help: "Solver name: \(NetlibSolvers.names.joined(separator: ", ")).")
    var solver: String

    @Option(help: "Time limit in seconds for solvers that support one.")
    var timeLimit: Double?

    func run() throws {
        var run = NetlibRun(problem: problem, solver: solver, status: "error")
        do {
            guard let lp = NetlibSolvers.solver(named: solver, timeLimit: timeLimit) else {
                throw BenchError.badOption(name: "--solver", value: solver, reason: "expected one of \(NetlibSolvers.names.joined(separator: ", "))")
            }
            let model = try LinearProgram(mpsFile: file)
            let start = DispatchTime.now()
            let solution = try lp.solve(model)
            run.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            run.status = solution.status.rawValue
            run.objective = solution.objective
            run.iterations = solution.iterations
            let report = verify(solution, for: model)
            run.primalResidual = report.primalResidual ?? .nan
            run.dualResidual = report.dualResidual ?? .nan
            run.dualityGap = report.dualityGap ?? .nan
            run.verified = report.verified
            run.note = report.failures.first
        } catch {
            run.note = "\(error)"
        }
        let line = try NetlibRun.encoder().encode(run)
        FileHandle.standardOutput.write(line + Data("\n".utf8))
    }
}
