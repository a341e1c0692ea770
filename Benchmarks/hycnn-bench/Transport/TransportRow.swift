import Foundation

/// One (n, d) row of `hycnn-bench transport`: what was measured and how it is printed.
struct TransportRow {
    let n: Int, d: Int
    var costSeconds = Double.nan, solveSeconds = Double.nan, certificateSeconds = Double.nan
    var cost = Double.nan
    var pivots = 0, entries = 0
    var verified = false
    var potDist = Double.nan, potSeconds = Double.nan, potCost = Double.nan
    var glpkSeconds = Double.nan, glpkCost = Double.nan
    var glpkVerified: Bool?
    var ipmSeconds = Double.nan, ipmCost = Double.nan, ipmIterations = 0
    /// The LP certificate (`verify`, 1e-6) and the transport certificate at its 1e-9 tolerances.
    var ipmVerified: Bool?, ipmTransportVerified: Bool?
    var sinkhornSeconds = Double.nan, sinkhornExcess = Double.nan
    var sinkhornStatus = ""

    init(n: Int, d: Int) { self.n = n; self.d = d }

    static let columns: [ResultTable.Column] = [
        .init(title: "n", alignment: .right), .init(title: "d", alignment: .right),
        .init(title: "cost matrix (s)", alignment: .right), .init(title: "ours exact (s)", alignment: .right),
        .init(title: "pivots", alignment: .right), .init(title: "certificate", alignment: .left),
        .init(title: "POT emd (s)", alignment: .right), .init(title: "POT / ours", alignment: .right),
        .init(title: "Δcost vs POT", alignment: .right),
        .init(title: "GLPK simplex (s)", alignment: .right), .init(title: "GLPK / ours", alignment: .right),
        .init(title: "Δcost vs GLPK", alignment: .right),
        .init(title: "IPM (s)", alignment: .right), .init(title: "IPM / ours", alignment: .right),
        .init(title: "Δcost vs IPM", alignment: .right),
        .init(title: "Sinkhorn (s)", alignment: .right), .init(title: "Sinkhorn excess", alignment: .right),
    ]

    static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(a), .leastNormalMagnitude) }
    static func format(_ x: Double, _ style: String = "%.3g") -> String { x.isNaN ? "–" : String(format: style, x) }

    var cells: [String] {
        [
            "\(n)", "\(d)", Self.format(costSeconds), Self.format(solveSeconds), "\(pivots)",
            verified ? "verified" : "FAILED",
            Self.format(potSeconds), potSeconds.isNaN ? "–" : String(format: "%.2f×", potSeconds / solveSeconds),
            Self.format(Self.relative(cost, potCost), "%.1e"),
            Self.format(glpkSeconds), glpkSeconds.isNaN ? "–" : String(format: "%.0f×", glpkSeconds / solveSeconds),
            glpkSeconds.isNaN ? "–" : Self.format(Self.relative(cost, glpkCost), "%.1e") + (glpkVerified == true ? "" : " (GLPK unverified)"),
            Self.format(ipmSeconds), ipmSeconds.isNaN ? "–" : String(format: "%.0f×", ipmSeconds / solveSeconds),
            ipmSeconds.isNaN ? "–" : Self.format(Self.relative(cost, ipmCost), "%.1e") + (ipmVerified == true ? "" : " (IPM unverified)"),
            Self.format(sinkhornSeconds) + (sinkhornStatus.isEmpty || sinkhornStatus == "optimal" ? "" : " (\(sinkhornStatus))"),
            Self.format(sinkhornExcess, "%.1e"),
        ]
    }

    static let csvHeader = "n,d,cost_matrix_s,ours_s,pivots,plan_entries,verified,certificate_s,ours_cost,pot_dist_s,pot_emd_s,pot_cost,glpk_s,glpk_cost,glpk_verified,ipm_s,ipm_iterations,ipm_cost,ipm_lp_verified,ipm_transport_verified,sinkhorn_s,sinkhorn_excess,sinkhorn_status"

    var csvLine: String {
        let values: [String] = ["\(n)", "\(d)", "\(costSeconds)", "\(solveSeconds)", "\(pivots)", "\(entries)", "\(verified)",
                                "\(certificateSeconds)", "\(cost)", "\(potDist)", "\(potSeconds)", "\(potCost)",
                                "\(glpkSeconds)", "\(glpkCost)", glpkVerified.map { "\($0)" } ?? "",
                                "\(ipmSeconds)", "\(ipmIterations)", "\(ipmCost)", ipmVerified.map { "\($0)" } ?? "",
                                ipmTransportVerified.map { "\($0)" } ?? "",
                                "\(sinkhornSeconds)", "\(sinkhornExcess)", sinkhornStatus]
        return values.joined(separator: ",")
    }

    var progress: String {
        "n = \(n), d = \(d): ours \(Self.format(solveSeconds)) s (\(pivots) pivots, \(verified ? "verified" : "NOT verified")), POT \(Self.format(potSeconds)) s, GLPK \(Self.format(glpkSeconds)) s, IPM \(Self.format(ipmSeconds)) s (Δcost \(Self.format(Self.relative(cost, ipmCost), "%.1e")), LP certificate \(ipmVerified.map { $0 ? "verified" : "NOT verified" } ?? "–")), Sinkhorn \(Self.format(sinkhornSeconds)) s"
    }
}
