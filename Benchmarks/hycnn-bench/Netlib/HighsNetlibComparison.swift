import Foundation

/// Our interior point (`ipm`) beside HiGHS's on the same Netlib problems: per problem for the
/// largest by nonzeros, and in total (solved counts, total seconds, the ratio of totals and the
/// shifted geometric mean of the time ratios).
struct HighsNetlibComparison {
    /// Our `ipm` runs and HiGHS's, keyed by problem; HiGHS's with crossover on and off.
    let ours: [String: NetlibRun]
    let highs: [String: HighsNetlibRun]
    let highsWithoutCrossover: [String: HighsNetlibRun]
    let problems: [NetlibProblem]

    /// The shift of the geometric mean: 10 ms, so that problems solved in a few milliseconds count little.
    static let shift = 0.01

    init(ours: [NetlibRun], highs: [HighsNetlibRun], problems: [NetlibProblem]) {
        func keyed<Run>(_ runs: [Run], _ name: (Run) -> String) -> [String: Run] {
            Dictionary(runs.map { (name($0), $0) }, uniquingKeysWith: { a, _ in a })
        }
        self.ours = keyed(ours.filter { $0.solver == "ipm" }, \.problem)
        self.highs = keyed(highs.filter { $0.crossover == "on" }, \.problem)
        highsWithoutCrossover = keyed(highs.filter { $0.crossover == "off" }, \.problem)
        self.problems = problems
    }

    /// The `count` problems with most nonzeros: rows, nonzeros, both times and ours / HiGHS.
    func largest(_ count: Int) -> ResultTable {
        var table = ResultTable(columns: [
            .init(title: "problem", alignment: .left), .init(title: "rows", alignment: .right),
            .init(title: "nonzeros", alignment: .right), .init(title: "ipm s (iterations)", alignment: .right),
            .init(title: "HiGHS ipm s (iterations)", alignment: .right), .init(title: "ipm / HiGHS", alignment: .right),
        ])
        for problem in problems.sorted(by: { $0.nonzeros > $1.nonzeros }).prefix(count) {
            let mine = ours[problem.name], theirs = highs[problem.name]
            let ourCell = mine.map { run in
                run.solved ? "\(NetlibRun.seconds(run.seconds)) (\(run.iterations))" : "\(run.status) (\(NetlibRun.seconds(run.seconds)))"
            } ?? "–"
            let theirCell = theirs.map { run in
                run.solved ? "\(NetlibRun.seconds(run.seconds)) (\(run.ipmIterations))" : "\(run.status) (\(NetlibRun.seconds(run.seconds)))"
            } ?? "not run"
            let ratio = mine.flatMap { a in theirs.map { b in a.seconds / b.seconds } }
            table.append([problem.name, "\(problem.rows)", "\(problem.nonzeros)", ourCell, theirCell,
                          ratio.map { $0.isFinite ? String(format: "%.2f", $0) : "–" } ?? "–"])
        }
        return table
    }

    /// Per solver: solved, total seconds, ours / it in total and as the shifted geometric mean.
    var totals: ResultTable {
        var table = ResultTable(columns: [
            .init(title: "solver", alignment: .left), .init(title: "solved", alignment: .right),
            .init(title: "total seconds", alignment: .right), .init(title: "ipm / solver, totals", alignment: .right),
            .init(title: "ipm / solver, shifted geometric mean (10 ms)", alignment: .right),
        ])
        let ourTimes = ours.mapValues(\.seconds)
        let ourTotal = Self.total(ourTimes)
        table.append(["ipm (ours)", "\(ours.values.filter(\.solved).count)/\(problems.count)", String(format: "%.2f", ourTotal), "1", "1"])
        for (name, runs) in [("HiGHS ipm", highs), ("HiGHS ipm, run_crossover off", highsWithoutCrossover)] where !runs.isEmpty {
            let times = runs.mapValues(\.seconds)
            let total = Self.total(times)
            table.append([name, "\(runs.values.filter(\.solved).count)/\(problems.count)", String(format: "%.2f", total),
                          String(format: "%.2f", ourTotal / total), Self.shiftedGeometricMean(ourTimes, over: times)])
        }
        return table
    }

    /// Sum of the known times (a killed run counts at the time limit, as in the totals above).
    static func total(_ times: [String: Double]) -> Double {
        times.values.reduce(0) { $0 + ($1.isNaN ? 0 : $1) }
    }

    /// exp(mean log((t_ours + 0.01) / (t_peer + 0.01))) over the problems with a time from both.
    static func shiftedGeometricMean(_ ours: [String: Double], over peer: [String: Double]) -> String {
        let logs = ours.compactMap { name, mine -> Double? in
            guard let theirs = peer[name], !mine.isNaN, !theirs.isNaN else { return nil }
            return log((mine + shift) / (theirs + shift))
        }
        guard !logs.isEmpty else { return "–" }
        return String(format: "%.2f (%d problems)", exp(logs.reduce(0, +) / Double(logs.count)), logs.count)
    }
}
