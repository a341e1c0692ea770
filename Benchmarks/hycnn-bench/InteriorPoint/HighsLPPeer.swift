import Foundation

/// Runs Benchmarks/peers/highs_lp.py (HiGHS's dual simplex and interior point through highspy)
/// on one LP written as MPS, in the same invocation as our solves.
struct HighsLPPeer {
    /// One method's times over the repeats, as the script prints them.
    struct Result {
        /// "highs-simplex" or "highs-ipm".
        var method: String
        var minSeconds: Double
        var medianSeconds: Double
        var objective: Double
        /// HiGHS's model status ("Optimal", …).
        var status: String
    }

    let peer: PythonPeer

    /// Both methods' results, or the reason the peer failed (no Python, no highspy, a bad file).
    func run(mps path: String, repeats: Int) -> (results: [Result], failure: String?) {
        var results: [Result] = []
        let failure = peer.run("highs_lp.py", arguments: [path, "\(repeats)"]) { line in
            // "method min median objective status…"; highspy's banner lines do not start with "highs-".
            let fields = line.split(separator: " ", maxSplits: 4).map(String.init)
            guard fields.count == 5, fields[0].hasPrefix("highs-"), let low = Double(fields[1]), let median = Double(fields[2]),
                  let objective = Double(fields[3]) else { return }
            results.append(Result(method: fields[0], minSeconds: low, medianSeconds: median, objective: objective, status: fields[4]))
        }
        return (results, failure ?? (results.isEmpty ? "it printed no results" : nil))
    }
}
