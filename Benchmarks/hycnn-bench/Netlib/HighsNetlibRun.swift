import Foundation

/// One solve of one Netlib problem by HiGHS's interior point, as Benchmarks/peers/highs_netlib.py
/// prints it (one JSON line), with its distance to the reference optimum filled in here.
struct HighsNetlibRun: Decodable {
    var problem: String
    /// "on" (HiGHS's default) or "off" (`run_crossover` off).
    var crossover: String
    /// Seconds of `run()` alone (NaN when the file could not be read).
    var seconds: Double
    /// HiGHS's model status as it spells it ("Optimal", "Time limit reached", …).
    var status: String
    var objective: Double
    var ipmIterations: Int
    var crossoverIterations: Int
    /// |objective − reference| / max(1, |reference|), filled in by the benchmark.
    var relativeError: Double = .nan

    enum CodingKeys: String, CodingKey {
        case problem, crossover, seconds, status, objective
        case ipmIterations = "ipm_iterations", crossoverIterations = "crossover_iterations"
    }

    /// HiGHS says optimal and the objective is within 1e-6 of the reference optimum.
    var solved: Bool { status == "Optimal" && relativeError <= 1e-6 }

    static let csvHeader = "problem,crossover,status,objective,relative_error,ipm_iterations,crossover_iterations,seconds,solved"

    var csvRow: String {
        [problem, crossover, status, "\(objective)", "\(relativeError)", "\(ipmIterations)", "\(crossoverIterations)",
         "\(seconds)", "\(solved)"].map(ResultTable.csvField).joined(separator: ",")
    }
}
