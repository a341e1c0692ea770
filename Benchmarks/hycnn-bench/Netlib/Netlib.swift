import ArgumentParser
import Foundation
import TestSupport

/// The Netlib LP set through several solvers (issue 5's benchmark): per problem and solver the
/// status, objective error against reference.csv, iterations, time, the certificate's largest
/// residual and whether it verifies; then per solver the solved count, total time and the
/// geometric-mean time ratio against GLPK's simplex.
struct Netlib: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Netlib LPs through our interior point and GLPK's simplex and interior point.",
        discussion: """
        Every solve runs in a child process (`hycnn-bench netlib-solve`), one at a time: the child reads the MPS \
        file, times `solve` alone, and checks the answer with `verify` at default tolerances. Solvers with a time \
        limit (ipm, glpk-simplex) get --time-limit; GLPK's interior point has none, so the benchmark kills any \
        child still running --time-limit + --allowance seconds after it started and records it as "killed" \
        (counted at --time-limit in the totals), and records an answer that came after --time-limit as \
        "timeLimit". A solver that crashes is recorded as "error".
        Solved = status optimal, certificate verified, and |objective − reference| / max(1, |reference|) ≤ 1e-6.
        Time ratio = geometric mean over the problems both solvers solved of t_solver / t_glpk-simplex \
        (times floored at 1 ms).
        Progress goes to stderr, the tables to stdout, every run to --csv as it finishes and the totals to \
        the -summary.csv beside it.
        --highs then runs HiGHS's interior point (highspy, Benchmarks/peers/highs_netlib.py, in one child process; \
        `run()` timed alone, with its default crossover and again with run_crossover off, threads as HiGHS \
        chooses, --time-limit as its time_limit) on the same problems and prints it beside ipm: the 16 largest \
        problems by nonzeros, and per solver the solved count (HiGHS: status Optimal and within 1e-6 of the \
        reference), total seconds, ipm's total over its total and the shifted geometric mean of \
        (t_ipm + 0.01) / (t_HiGHS + 0.01). Its runs go to the -highs.csv beside --csv. Without highspy the \
        comparison is skipped with a note.
        """)

    @Option(help: "Problems, comma-separated (default: all of reference.csv).")
    var problems: String?

    @Option(help: "Solvers, comma-separated, in the order to run: \(NetlibSolvers.names.joined(separator: ", ")).")
    var solvers = NetlibSolvers.names.joined(separator: ",")

    @Option(help: "Seconds per solve (see the discussion for GLPK's interior point).")
    var timeLimit = 300.0

    @Option(help: "Extra seconds a child may take beyond --time-limit (reading the file, verifying) before it is killed.")
    var allowance = 30.0

    @Option(help: "The Netlib folder with *.mps.gz and reference.csv (default: $HYCNN_NETLIB_DIR, else Problems/netlib, as the tests find it).")
    var netlib: String?

    @Option(help: "CSV of every run, written as each finishes.")
    var csv = "Benchmarks/results/netlib.csv"

    @Flag(help: "After our solves, run HiGHS's interior point on the same problems and compare it with ipm (needs highspy).")
    var highs = false

    @Option(help: "Python interpreter with highspy, for --highs (default: Benchmarks/.venv/bin/python, else python3).")
    var python: String?

    var directory: String { netlib ?? NetlibReference.directory?.path ?? "Problems/netlib" }

    func validate() throws {
        guard timeLimit > 0, timeLimit.isFinite else { throw ValidationError("--time-limit must be a positive number of seconds") }
        guard allowance >= 0, allowance.isFinite else { throw ValidationError("--allowance must be a number of seconds ≥ 0") }
        do {
            let solvers = try plan().solvers
            if highs, !solvers.contains("ipm") { throw ValidationError("--highs compares HiGHS with ipm: include ipm in --solvers") }
        } catch let error as BenchError {
            throw ValidationError(error.description)
        }
    }

    /// The problems and solvers to run, checked against reference.csv and the known names.
    func plan() throws -> (problems: [NetlibProblem], solvers: [String]) {
        let catalog = try NetlibProblem.catalog(in: directory)
        var chosen = catalog
        if let problems {
            chosen = try ListOption.parse(problems, option: "--problems", expected: "names from reference.csv", example: "afiro,sc50a") { name in
                catalog.first { $0.name == name }.map(\.name)
            }.map { name in catalog.first { $0.name == name }! }
        }
        let names = try ListOption.parse(solvers, option: "--solvers", expected: "solver names (\(NetlibSolvers.names.joined(separator: ", ")))",
                                         example: "glpk-simplex,glpk-interior") { name in
            NetlibSolvers.names.contains(name) ? name : nil
        }
        return (chosen, names)
    }

    func run() throws {
        let (problems, solverNames) = try plan()
        let log = ResultsLog(path: csv)
        try log.open(header: NetlibRun.csvHeader)
        print("Netlib: \(problems.count) problems × \(solverNames.joined(separator: ", ")); time limit \(Self.number(timeLimit)) s per solve; every solve in its own process")
        print("")
        var table = ResultTable(columns: NetlibRun.tableColumns)
        var runs: [NetlibRun] = []
        let start = DispatchTime.now()
        for (k, problem) in problems.enumerated() {
            for solver in solverNames {
                let run = NetlibChild.run(problem, solver: solver, directory: directory, timeLimit: timeLimit, allowance: allowance)
                runs.append(run)
                table.append(run.tableRow)
                try log.append(run.csvRow)
                var line = "[\(k + 1)/\(problems.count)] \(problem.name) \(solver): \(run.status) \(NetlibRun.seconds(run.seconds)) s, error \(NetlibRun.scientific(run.relativeError))"
                if !run.solved, let note = run.note { line += " — \(note)" }
                Regression.standardError(line + "\n")
            }
        }
        print(table.markdown)
        print("")
        let totals = Self.totals(runs, solvers: solverNames, problemCount: problems.count)
        print(totals.markdown)
        try log.writeSummary(totals.csv)
        if highs { try compareWithHighs(problems, runs: runs) }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        Regression.standardError("wrote \(log.path) (\(runs.count) runs) and \(log.summaryPath); \(Int(elapsed)) s in all\n")
    }

    /// Runs HiGHS's interior point on `problems` and prints it beside our `ipm` runs, or says
    /// why it could not run (no Python, no highspy) and returns.
    func compareWithHighs(_ problems: [NetlibProblem], runs: [NetlibRun]) throws {
        print("")
        let peer = HighsNetlibPeer(peer: PythonPeer(python: python))
        let (highsRuns, failure) = peer.run(problems, directory: directory, timeLimit: timeLimit, withoutCrossover: true) { run in
            Regression.standardError("HiGHS ipm \(run.problem), crossover \(run.crossover): \(run.status) \(NetlibRun.seconds(run.seconds)) s, "
                                     + "error \(NetlibRun.scientific(run.relativeError))\n")
        }
        guard !highsRuns.isEmpty else {
            print("HiGHS peer skipped: \(failure ?? "it printed no runs") (pip install highspy; --python chooses the interpreter)")
            return
        }
        let log = ResultsLog(path: csv.hasSuffix(".csv") ? String(csv.dropLast(4)) + "-highs.csv" : csv + "-highs")
        try log.open(header: HighsNetlibRun.csvHeader)
        for run in highsRuns { try log.append(run.csvRow) }
        print("HiGHS's interior point on the same problems (`run()` alone; crossover on as HiGHS ships it, and off; threads as HiGHS chooses):")
        if let failure { print("HiGHS peer stopped early after \(highsRuns.count) runs: \(failure)") }
        print("")
        let comparison = HighsNetlibComparison(ours: runs, highs: highsRuns, problems: problems)
        print(comparison.largest(16).markdown)
        print("")
        let totals = comparison.totals
        print(totals.markdown)
        try log.writeSummary(totals.csv)
        Regression.standardError("wrote \(log.path) (\(highsRuns.count) HiGHS runs) and \(log.summaryPath)\n")
    }

    /// Per solver: solved / optimal / verified counts, limits and failures, total time, and the
    /// geometric mean of t / t_glpk-simplex over the problems both solved.
    static func totals(_ runs: [NetlibRun], solvers: [String], problemCount: Int) -> ResultTable {
        var table = ResultTable(columns: [
            .init(title: "solver", alignment: .left), .init(title: "solved", alignment: .right),
            .init(title: "optimal", alignment: .right), .init(title: "verified", alignment: .right),
            .init(title: "limit/killed", alignment: .right), .init(title: "error/other", alignment: .right),
            .init(title: "total seconds", alignment: .right), .init(title: "time / glpk-simplex (geomean)", alignment: .right),
        ])
        let baseline = Dictionary(runs.filter { $0.solver == "glpk-simplex" && $0.solved }.map { ($0.problem, $0.seconds) },
                                  uniquingKeysWith: { a, _ in a })
        for solver in solvers {
            let mine = runs.filter { $0.solver == solver }
            let optimal = mine.filter { $0.status == "optimal" }.count
            let limited = mine.filter { $0.status == "killed" || $0.status == "timeLimit" || $0.status == "iterationLimit" }.count
            let solved = mine.filter(\.solved).count
            let total = mine.reduce(0) { $0 + ($1.seconds.isNaN ? 0 : $1.seconds) }
            // log ratios with times floored at 1 ms, over the problems both solved.
            let logs = mine.filter(\.solved).compactMap { run in
                baseline[run.problem].map { log(max(run.seconds, 1e-3) / max($0, 1e-3)) }
            }
            let ratio = logs.isEmpty ? "–" : String(format: "%.2f (%d problems)", exp(logs.reduce(0, +) / Double(logs.count)), logs.count)
            table.append([solver, "\(solved)/\(problemCount)", "\(optimal)", "\(mine.filter(\.verified).count)",
                          "\(limited)", "\(mine.count - optimal - limited)", String(format: "%.2f", total),
                          solver == "glpk-simplex" ? "1" : ratio])
        }
        return table
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
