import Foundation

/// Runs Benchmarks/peers/highs_netlib.py (HiGHS's interior point through highspy) on Netlib
/// problems in one child process, after our own solves, with the same time limit.
struct HighsNetlibPeer {
    let peer: PythonPeer

    /// The runs in the order the peer finished them (both crossover settings when
    /// `withoutCrossover`), each handed to `finished` as it arrives, and why the peer stopped
    /// early, if it did (no Python, no highspy, a crash).
    func run(_ problems: [NetlibProblem], directory: String, timeLimit: Double, withoutCrossover: Bool,
             finished: (HighsNetlibRun) -> Void) -> (runs: [HighsNetlibRun], failure: String?) {
        let byName = Dictionary(problems.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let arguments = ["--time-limit", "\(timeLimit)", "--crossover", withoutCrossover ? "both" : "on"]
            + problems.map { "\($0.name)=\($0.path(in: directory))" }
        var runs: [HighsNetlibRun] = []
        let failure = peer.run("highs_netlib.py", arguments: arguments) { line in
            // highspy prints a banner on standard output before the runs; only JSON lines are runs.
            guard line.hasPrefix("{"), var run = try? NetlibRun.decoder().decode(HighsNetlibRun.self, from: Data(line.utf8)) else { return }
            if let problem = byName[run.problem], !run.objective.isNaN { run.relativeError = problem.relativeError(run.objective) }
            runs.append(run)
            finished(run)
        }
        return (runs, failure)
    }
}
