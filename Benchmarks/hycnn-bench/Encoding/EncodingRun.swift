import Foundation
import LinearProgramming

/// What the encoding benchmark measured on one network: the LP route (primal and dual
/// simplex, our interior point), the MILP route and the gradient baseline, all on the same problem.
struct EncodingRun {
    /// Our interior point on the LP route.
    struct InteriorPointResult {
        var status: SolutionStatus
        /// The solver's own time (presolve to postsolve).
        var seconds: Double
        var iterations: Int
        var objective: Double
        /// Optimal, LP certificate verified and every surrogate exact.
        var verified: Bool
        var exactnessGap: Double
    }

    struct LinearRoute {
        var rows: Int, columns: Int, nonzeros: Int
        var encodeSeconds: Double
        var status: SolutionStatus
        /// GLPK's own time, and the whole `solve` (GLPK + certificate check + forward pass).
        var solverSeconds: Double, solveSeconds: Double
        var objective: Double
        var verified: Bool
        /// |f(x*) − LP value| / (1 + |f(x*)|).
        var exactnessGap: Double
        /// aᵀx* − c (≈ 0: the cap binds); nil without a cap or without a point.
        var capSlack: Double?
        var point: [Double]
        var dualStatus: SolutionStatus?, dualSeconds: Double?, dualObjective: Double?
        var ipm: InteriorPointResult?
        /// HiGHS's dual simplex and interior point (min over its runs, `run()` alone), with --highs.
        var highsSimplexSeconds: Double?, highsInteriorSeconds: Double?

        /// Our interior point's time over HiGHS's best method's (nil without both).
        var ipmOverHighs: Double? {
            guard let ipm, ipm.status == .optimal else { return nil }
            let best = [highsSimplexSeconds, highsInteriorSeconds].compactMap { $0 }.min()
            return best.map { ipm.seconds / $0 }
        }

        /// |IPM optimum − GLPK optimum| / |GLPK optimum| (NaN unless both are optimal).
        var ipmDifference: Double {
            guard let ipm, ipm.status == .optimal, status == .optimal else { return .nan }
            return abs(ipm.objective - objective) / max(abs(objective), .leastNormalMagnitude)
        }
    }

    struct MixedIntegerRoute {
        var rows: Int, columns: Int, binaries: Int
        var encodeSeconds: Double
        /// nil when the MILP was skipped (see `skipReason`).
        var status: SolutionStatus?
        var skipReason: String?
        var solverSeconds: Double
        /// The proven optimum (NaN unless optimal).
        var objective: Double
        /// The best integer point's objective (the optimum, or the incumbent at a limit; NaN if none).
        var incumbent: Double
        /// GLPK's relative MIP gap: 0 when proven, the incumbent's remaining gap when the time limit stopped it.
        var reportedGap: Double?
        var verified: Bool
    }

    let width: Int, depth: Int, dimension: Int, seed: UInt64, parameters: Int
    var lp: LinearRoute
    var milp: MixedIntegerRoute
    /// One result per gradient method, in the order asked for.
    var gradients: [(method: GradientMinimizer.Method, result: GradientMinimizer.Result)]

    /// (value − LP optimum) / max(1, |LP optimum|): how far above the exact global minimum.
    func excess(_ value: Double) -> Double {
        guard lp.status == .optimal, value.isFinite else { return .nan }
        return (value - lp.objective) / max(1, abs(lp.objective))
    }

    /// ‖point − x*‖∞ (NaN without an LP point).
    func distanceToOptimum(_ point: [Double]) -> Double {
        guard lp.point.count == point.count else { return .nan }
        var distance = 0.0
        for (a, b) in zip(lp.point, point) { distance = max(distance, abs(a - b)) }
        return distance
    }

    var capActive: Bool? { lp.capSlack.map { abs($0) <= 1e-7 } }

    // MARK: table and CSV

    static func tableColumns(methods: [GradientMinimizer.Method]) -> [ResultTable.Column] {
        let right: [String] = ["width", "depth", "d", "params", "LP rows×cols", "nonzeros", "encode s", "LP s", "dual s", "IPM s",
                               "IPM Δ", "HiGHS simplex s", "HiGHS IPM s", "IPM / HiGHS best", "LP objective"]
        var columns = right.map { ResultTable.Column(title: $0, alignment: .right) }
        columns.append(ResultTable.Column(title: "verified", alignment: .left))
        columns.append(ResultTable.Column(title: "binaries", alignment: .right))
        columns.append(ResultTable.Column(title: "MILP s", alignment: .right))
        columns.append(ResultTable.Column(title: "MILP objective", alignment: .left))
        for method in methods {
            for title in ["s", "best", "gap"] { columns.append(ResultTable.Column(title: "\(method.rawValue) \(title)", alignment: .right)) }
        }
        return columns
    }

    var tableRow: [String] {
        let optimal = lp.status == .optimal
        var cells: [String] = [String(width), String(depth), String(dimension), String(parameters)]
        cells.append("\(lp.rows)×\(lp.columns)")
        cells.append(String(lp.nonzeros))
        cells.append(Self.seconds(lp.encodeSeconds))
        cells.append(Self.seconds(lp.solverSeconds))
        cells.append(lp.dualSeconds.map(Self.seconds) ?? "–")
        cells.append(lp.ipm.map { Self.seconds($0.seconds) } ?? "–")
        cells.append(ipmCell)
        cells.append(lp.highsSimplexSeconds.map(Self.seconds) ?? "–")
        cells.append(lp.highsInteriorSeconds.map(Self.seconds) ?? "–")
        cells.append(lp.ipmOverHighs.map { String(format: "%.2f", $0) } ?? "–")
        cells.append(optimal ? Self.value(lp.objective) : lp.status.summary)
        cells.append(optimal ? (lp.verified ? "yes" : "NO") : "–")
        cells.append(String(milp.binaries))
        cells.append(milp.status == nil ? "–" : Self.seconds(milp.solverSeconds))
        cells.append(milpCell)
        for (_, result) in gradients {
            cells += [Self.seconds(result.seconds), Self.value(result.best), Self.gap(excess(result.best))]
        }
        return cells
    }

    /// The interior point's relative difference from GLPK's optimum, marked when its own
    /// certificate or exactness did not verify; its status when not optimal.
    private var ipmCell: String {
        guard let ipm = lp.ipm else { return "–" }
        guard ipm.status == .optimal else { return ipm.status.summary }
        return Self.scientific(lp.ipmDifference) + (ipm.verified ? "" : " (unverified)")
    }

    /// The proven optimum (marked when it disagrees with the LP), or the limit and the
    /// incumbent's excess over the LP optimum.
    private var milpCell: String {
        guard let status = milp.status else { return "skipped (\(milp.skipReason ?? "?"))" }
        switch status {
        case .optimal:
            let agrees = lp.status != .optimal || abs(excess(milp.objective)) <= 1e-6
            let verified: String = milp.verified ? "" : " (unverified)"
            let mismatch: String = agrees ? "" : " ≠ LP"
            return Self.value(milp.objective) + verified + mismatch
        case .timeLimit, .iterationLimit:
            let limit: String = status == .timeLimit ? "time limit" : "iteration limit"
            guard milp.incumbent.isFinite else { return limit + ", no incumbent" }
            return limit + ", incumbent +" + Self.gap(excess(milp.incumbent))
        default:
            return status.summary
        }
    }

    static func csvHeader(methods: [GradientMinimizer.Method]) -> String {
        let gradientFields = methods.flatMap { m in ["s", "best", "excess", "distance_inf"].map { "\(m.rawValue)_\($0)" } }
        return ([
        "width", "depth", "d", "seed", "params",
        "lp_rows", "lp_cols", "lp_nonzeros", "encode_s", "lp_status", "lp_s", "lp_solve_total_s", "lp_objective",
        "lp_verified", "lp_exactness_gap", "cap_slack", "dual_status", "dual_s", "dual_objective",
        "ipm_status", "ipm_s", "ipm_iterations", "ipm_objective", "ipm_relative_difference", "ipm_verified", "ipm_exactness_gap",
        "highs_simplex_s", "highs_ipm_s",
        "milp_rows", "milp_cols", "milp_binaries", "milp_encode_s", "milp_status", "milp_s", "milp_objective",
        "milp_incumbent", "milp_incumbent_excess", "milp_reported_gap", "milp_verified",
        ] + gradientFields).joined(separator: ",")
    }

    var csvRow: String {
        let f = Self.full
        var fields: [String] = [String(width), String(depth), String(dimension), String(seed), String(parameters)]
        fields += [String(lp.rows), String(lp.columns), String(lp.nonzeros), f(lp.encodeSeconds), lp.status.rawValue]
        fields += [f(lp.solverSeconds), f(lp.solveSeconds), f(lp.objective), String(lp.verified), f(lp.exactnessGap)]
        fields.append(lp.capSlack.map(f) ?? "")
        fields.append(lp.dualStatus?.rawValue ?? "")
        fields.append(lp.dualSeconds.map(f) ?? "")
        fields.append(lp.dualObjective.map(f) ?? "")
        if let ipm = lp.ipm {
            fields += [ipm.status.rawValue, f(ipm.seconds), String(ipm.iterations), f(ipm.objective), f(lp.ipmDifference),
                       String(ipm.verified), f(ipm.exactnessGap)]
        } else {
            fields += Array(repeating: "", count: 7)
        }
        fields.append(lp.highsSimplexSeconds.map(f) ?? "")
        fields.append(lp.highsInteriorSeconds.map(f) ?? "")
        fields += [String(milp.rows), String(milp.columns), String(milp.binaries), f(milp.encodeSeconds)]
        fields.append(milp.status?.rawValue ?? "skipped")
        fields.append(milp.status == nil ? "" : f(milp.solverSeconds))
        fields += [f(milp.objective), f(milp.incumbent), f(excess(milp.incumbent))]
        fields.append(milp.reportedGap.map(f) ?? "")
        fields.append(String(milp.verified))
        for (_, result) in gradients {
            fields += [f(result.seconds), f(result.best), f(excess(result.best)), f(distanceToOptimum(result.bestPoint))]
        }
        return fields.map(ResultTable.csvField).joined(separator: ",")
    }

    // MARK: formatting

    static func seconds(_ s: Double) -> String { s < 10 ? String(format: "%.3f", s) : String(format: "%.1f", s) }

    /// Two significant digits in scientific notation ("0" for exactly 0, "–" when not finite).
    static func scientific(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        return x == 0 ? "0" : String(format: "%.1e", x)
    }

    static func value(_ v: Double) -> String { v.isFinite ? String(format: "%.6f", v) : "\(v)" }

    /// A relative excess in %, two significant digits ("0" when below 1e-9).
    static func gap(_ g: Double) -> String {
        guard g.isFinite else { return "–" }
        if abs(g) < 1e-9 { return "0" }
        return String(format: "%.2g%%", 100 * g)
    }

    /// Shortest round-tripping text ("nan", "inf", "-inf" for the non-finite).
    static func full(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return "\(x)"
    }
}
