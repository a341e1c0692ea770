import Foundation

/// One fitted map of `hycnn-bench otmap`: a (problem, d, model, seed) and what was measured on
/// its 1000 test points.
struct OTMapRun: Sendable {
    /// "phi1" … "phi4", or "gaussian".
    let problem: String
    let dimension: Int
    let model: OTMapModel
    let seed: Int
    let threads: Int
    /// Mean ‖T̂(x) − T(x)‖² over the test points (NaN when the fit failed).
    var error = Double.nan
    /// L2-UVP (%) = 100 · error / Var(Q), Var(Q) measured on the test images.
    var unexplainedVariance = Double.nan
    /// The minimax's dual W₂² estimate over the two pools (neural models only).
    var dualEstimate: Double?
    /// Mean ‖x − T(x)‖² over the test points: W₂² of the exact map, for comparison.
    var exactCost = Double.nan
    /// Wall-clock seconds of the fit (training, or the baseline's construction).
    var seconds = Double.nan
    /// Why the fit failed (nil when it did not).
    var failure: String?

    init(problem: String, dimension: Int, model: OTMapModel, seed: Int, threads: Int) {
        self.problem = problem
        self.dimension = dimension
        self.model = model
        self.seed = seed
        self.threads = threads
    }

    /// The run as one JSON object on one line (non-finite numbers as null).
    var jsonLine: String {
        var object: [String: Any] = [
            "kind": "run", "problem": problem, "d": dimension, "model": model.rawValue, "seed": seed, "threads": threads,
            "error": Self.json(error), "uvp_percent": Self.json(unexplainedVariance), "exact_w2": Self.json(exactCost),
            "seconds": Self.json(seconds), "dual_w2": dualEstimate.map(Self.json) ?? NSNull(),
        ]
        if let failure { object["failure"] = failure }
        return Self.jsonLine(object)
    }

    /// `[3/60] phi2 d=50 hycnn seed 0: ‖T̂−T‖² 0.5280, UVP 1.02 %, W2² dual 12.31 (exact 12.40), 25.1 s`.
    var progress: String {
        let what = "\(problem) d=\(dimension) \(model.rawValue) seed \(seed)"
        if let failure { return "\(what): FAILED (\(failure)), \(String(format: "%.1f", seconds)) s" }
        let dual = dualEstimate.map { ", W2² dual \(OTMapSummary.format($0)) (exact map \(OTMapSummary.format(exactCost)))" } ?? ""
        return "\(what): ‖T̂−T‖² \(OTMapSummary.format(error)), UVP \(String(format: "%.3g", unexplainedVariance)) %\(dual), "
            + String(format: "%.1f s", seconds)
    }

    static func json(_ x: Double) -> Any { x.isFinite ? x : NSNull() }

    /// `object` as compact JSON with sorted keys.
    static func jsonLine(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
