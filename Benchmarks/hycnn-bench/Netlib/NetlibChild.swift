import Foundation
import LinearProgramming

/// Runs `hycnn-bench netlib-solve` for one problem and solver in a child process of this same
/// executable and waits for it at most until a deadline; a child still running then is
/// terminated (SIGTERM, then SIGKILL after 5 s) and the run is recorded as "killed".
enum NetlibChild {
    static func run(_ problem: NetlibProblem, solver: String, directory: String, timeLimit: Double,
                    allowance: Double) -> NetlibRun {
        var failed = NetlibRun(problem: problem.name, solver: solver, status: "error")
        let process = Process()
        process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var arguments = ["netlib-solve", "--file", problem.path(in: directory), "--problem", problem.name, "--solver", solver]
        if NetlibSolvers.honoursTimeLimit(solver) { arguments += ["--time-limit", "\(timeLimit)"] }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        // Read the pipe while the child runs, so that a chatty child cannot block on a full pipe.
        let collected = DataBox()
        let reader = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            collected.data = output.fileHandleForReading.readDataToEndOfFile()
            reader.signal()
        }
        let start = DispatchTime.now()
        do {
            try process.run()
        } catch {
            failed.note = "cannot start \(process.executableURL?.path ?? "?"): \(error)"
            try? output.fileHandleForWriting.close()
            return failed
        }
        // The solver's own limit, plus time to read the file and verify.
        if finished.wait(timeout: start + timeLimit + allowance) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            reader.wait()
            var killed = NetlibRun(problem: problem.name, solver: solver, status: "killed")
            killed.seconds = timeLimit
            killed.note = "no answer after \(Int(timeLimit + allowance)) s; stopped by the benchmark"
            return killed
        }
        reader.wait()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let line = collected.data.split(separator: UInt8(ascii: "\n")).last.map { Data($0) } ?? Data()
        guard var run = try? NetlibRun.decoder().decode(NetlibRun.self, from: line) else {
            failed.seconds = wall
            failed.note = process.terminationReason == .uncaughtSignal
                ? "the solver process died with signal \(process.terminationStatus)"
                : "the solver process exited with status \(process.terminationStatus) and no result"
            return failed
        }
        run.relativeError = run.objective.isNaN ? .nan : problem.relativeError(run.objective)
        if !NetlibSolvers.honoursTimeLimit(solver), run.seconds > timeLimit {
            // Finished inside the allowance but after the limit: what a solver with a limit would have reported.
            run.note = "\(run.status) after \(NetlibRun.seconds(run.seconds)) s, beyond the time limit"
            run.status = SolutionStatus.timeLimit.rawValue
        }
        return run
    }

    /// The child's output, written by the reader thread before it signals.
    private final class DataBox: @unchecked Sendable {
        var data = Data()
    }
}
