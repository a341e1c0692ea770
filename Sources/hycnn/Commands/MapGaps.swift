import Foundation
import LinearProgramming
import Solvers
import TransportMaps

/// The Fenchel–Young gaps FY(x, ∇f(x)) of `ot-map certify`: exact for a piecewise-linear f, a
/// bracket for a smooth one, nothing (with the reason) for any other f.
struct MapGaps {
    /// One point's gap: exact (lower = upper = the gap) or bracketed.
    struct Point {
        var row: Int
        var x: [Double], y: [Double]
        var lower: Double, upper: Double
        var tolerance: Double
        /// "within" (upper ≤ tolerance), "above" (lower > tolerance: certified positive),
        /// "undecided" (a bracket straddling the tolerance), "outsideDomain" or "unverified".
        var status: String
    }

    /// "exact" or "bracket"; nil when no gap can be computed for this f.
    var method: String?
    var reason: String?
    /// Δ of the bracket (f_max ≤ f ≤ f_max + Δ).
    var offset: Double?
    var relativeTolerance: Double
    var solverName: String?
    var points: [Point] = []
    var notReached = 0

    init(map: TransportMap, points input: MapPoints, solver choice: SolverChoice, relativeTolerance: Double,
         deadline: Deadline?, progress: Bool) throws {
        self.relativeTolerance = relativeTolerance
        let f = map.forward, d = map.dimension
        let images = try map.apply(input.coordinates)
        let gap: ([Double], [Double], ConjugateSession) throws -> (lower: Double, upper: Double, tolerance: Double, verdict: Verdict)
        let conjugate: ExactConjugate
        do {
            let exact = try ExactConjugate(model: f)
            method = "exact"
            conjugate = exact
            gap = { x, y, session in
                let g = try session.fenchelYoungGap(x: x, y: y, relativeTolerance: relativeTolerance)
                let verified = g.conjugate.isFinite || g.conjugate.isOutsideDomain
                return (verified ? g.gap : .nan, verified ? g.gap : .nan, g.tolerance, g.conjugate.verdict)
            }
        } catch ConjugateError.notExactlyEncodable {
            do {
                let bracket = try SmoothPotentialBracket(model: f)
                method = "bracket"
                offset = bracket.offset
                conjugate = bracket.twin
                gap = { x, y, session in
                    let g = try bracket.fenchelYoungGap(x: x, y: y, in: session, relativeTolerance: relativeTolerance)
                    return (g.lower, g.upper, g.tolerance, g.conjugate.twin.verdict)
                }
            } catch let error as ConjugateError {
                reason = "\(error)"
                return
            }
        }
        let resolved = choice.resolved(for: conjugate.epigraph)
        solverName = resolved.rawValue
        let solver = resolved.makeSolver(deadline: deadline)
        let bar = progress ? CountProgress(label: "conjugate LPs", total: input.count) : nil
        var points: [Point] = [], notReached = 0
        try conjugate.withSession(using: solver) { session in                  // one warm-started LP session for all points
            for i in 0..<input.count {
                if deadline?.hasPassed == true { notReached = input.count - i; break }
                let x = input.point(i, dimension: d), y = Array(images[i * d ..< (i + 1) * d])
                let value = try gap(x, y, session)
                if value.verdict.outcome == .limit { notReached = input.count - i; break }
                let status = value.verdict.outcome == .unbounded ? "outsideDomain"
                    : value.upper.isNaN ? "unverified" : value.upper <= value.tolerance ? "within"
                    : value.lower > value.tolerance ? "above" : "undecided"
                points.append(Point(row: i + 1, x: x, y: y, lower: value.lower, upper: value.upper, tolerance: value.tolerance, status: status))
                bar?.update(done: i + 1)
            }
        }
        self.points = points
        self.notReached = notReached
        bar?.stop(done: points.count)
    }

    var withinCount: Int { points.count { $0.status == "within" } }
    var failedCount: Int { points.count - withinCount }
    var allWithinTolerance: Bool { method != nil && notReached == 0 && failedCount == 0 }
    /// The largest verified gap (for a bracket: the largest upper end).
    var largest: Double? { points.map(\.upper).filter { !$0.isNaN }.max() }
    /// The largest lower end of a verified bracket (the largest gap, for exact gaps).
    var largestLower: Double? { points.map(\.lower).filter { !$0.isNaN }.max() }

    var summary: [String] {
        guard let method else { return ["Fenchel–Young gaps: not computed: \(reason ?? "")"] }
        let how = method == "exact" ? "exact, one verified LP per point (\(solverName ?? ""))"
            : "bracketed through the max-gate twin (Δ = \(Self.format(offset ?? .nan))), one verified LP per point (\(solverName ?? ""))"
        var lines = ["Fenchel–Young gaps FY(x, ∇f(x)): \(how)",
                     method == "exact" ? "  largest gap: \(largest.map(Self.format) ?? "none verified")"
                        : "  largest upper bound on a gap: \(largest.map(Self.format) ?? "none verified"); largest lower bound: "
                            + (largestLower.map { Self.format(max($0, 0)) } ?? "none verified"),             // FY ≥ 0 for a convex f
                     "  within tolerance: \(withinCount) of \(points.count + notReached) points "
                        + "(tolerance \(Self.format(relativeTolerance)) × (1 + |f(x)| + |f*(y)| + Σ|xᵢyᵢ|))"]
        for status in ["above", "undecided", "outsideDomain", "unverified"] {
            let rows = points.filter { $0.status == status }.map { $0.row - 1 }
            guard !rows.isEmpty else { continue }
            let what = ["above": "gap above tolerance", "undecided": "not decided (the bracket straddles the tolerance)",
                        "outsideDomain": "∇f(x) outside dom f* (verified ray)",
                        "unverified": "conjugate LP not verified"][status]!
            lines.append("  \(what): \(MapPoints.rows(rows))")
        }
        if notReached > 0 { lines.append("  time limit: \(counted(notReached, "point")) not reached") }
        return lines
    }

    var json: [String: Any] {
        let detail: [[String: Any]] = points.map { p in
            ["row": p.row, "x": p.x, "y": p.y, "lower": JSONOutput.number(p.lower), "upper": JSONOutput.number(p.upper),
             "gap": p.lower == p.upper ? JSONOutput.number(p.upper) : NSNull(), "tolerance": JSONOutput.number(p.tolerance),
             "status": p.status]
        }
        return ["method": method ?? NSNull(), "reason": reason ?? NSNull(), "offset": JSONOutput.number(offset),
                "relativeTolerance": relativeTolerance, "solver": solverName ?? NSNull(), "largest": JSONOutput.number(largest),
                "largestLower": JSONOutput.number(largestLower),
                "withinTolerance": withinCount, "computed": points.count, "notReached": notReached, "points": detail]
    }

    static func format(_ x: Double) -> String { String(format: "%.3g", x) }
}
