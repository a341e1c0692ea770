import Foundation
import Transport

/// An SVG of a 2-D transport plan on axes with round ticks (the coordinate columns' names):
/// one line per plan entry under the points, its width and opacity growing with its mass;
/// source points (blue) and target points (red) with area ∝ mass; the points' CSV rows as
/// labels when there are few. Large instances get a sampled view: small translucent points
/// and at most ``sampledArcs`` entries drawn, picked at random (seeded) with probability ∝
/// mass, said in the legend.
enum TransportPlot {
    /// Points per side above which the view is sampled and unlabelled.
    static let labelledPoints = 30, densePoints = 400
    /// Entries drawn at most: all of them below this, a mass-weighted sample above it.
    static let sampledArcs = 3_000

    static func svg(source: PointCloud, target: PointCloud, sourceWeights: [Double], targetWeights: [Double], plan: TransportPlan,
                    title: String, xLabel: String = "x", yLabel: String = "y") -> String {
        let width = 700.0, height = 720.0, margin = 62.0, top = 40.0, legendHeight = 34.0
        var xs: [Double] = [], ys: [Double] = []
        for cloud in [source, target] {
            for i in 0..<cloud.count {
                xs.append(cloud.coordinates[2 * i])
                ys.append(cloud.coordinates[2 * i + 1])
            }
        }
        let frame = SVGText.EqualScaleFrame(xs: xs, ys: ys, width: width, height: height - legendHeight, margin: margin, top: top)
        func px(_ x: Double) -> Double { frame.px(x) }
        func py(_ y: Double) -> Double { frame.py(y) }
        let dense = max(source.count, target.count) > densePoints

        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="11">
            <rect width="100%" height="100%" fill="white"/>
            <text x="12" y="24" font-size="14" font-weight="bold">\(escape(title))</text>

            """
        // Axes: the drawing's data range, framed, with round ticks.
        out += SVGText.axes(x: frame.x0, frame.x1, y: frame.y0, frame.y1, px: px, py: py, xLabel: xLabel, yLabel: yLabel,
                            yLabelX: px(frame.x0) - 44)

        // The plan under the points: all entries, or a mass-weighted sample of them.
        let heaviest = plan.entries.map(\.mass).max() ?? 1
        let drawn = arcs(plan.entries)
        out += "<g stroke=\"#6c757d\" stroke-linecap=\"round\">\n"
        for e in drawn.sorted(by: { $0.mass < $1.mass }) {                 // heaviest on top
            let share = e.mass / heaviest
            let (ax, ay) = (source.coordinates[2 * e.source], source.coordinates[2 * e.source + 1])
            let (bx, by) = (target.coordinates[2 * e.target], target.coordinates[2 * e.target + 1])
            let widthScale = dense ? 1.2 : 3.2, opacity = dense ? 0.05 + 0.2 * share : 0.3 + 0.6 * share
            out += "<line x1=\"\(f(px(ax)))\" y1=\"\(f(py(ay)))\" x2=\"\(f(px(bx)))\" y2=\"\(f(py(by)))\" stroke-width=\"\(f(0.3 + widthScale * share))\" stroke-opacity=\"\(f(opacity))\"/>\n"
        }
        out += "</g>\n"
        out += points(source, weights: sourceWeights, colour: "#1d3557", prefix: "s", dense: dense, px: px, py: py)
        out += points(target, weights: targetWeights, colour: "#e63946", prefix: "t", dense: dense, px: px, py: py)

        let sampled = drawn.count < plan.entries.count
        let arcs = sampled ? "\(drawn.count) of \(plan.entries.count) entries drawn, sampled ∝ mass" : "\(plan.entries.count) entries"
        let labels = max(source.count, target.count) <= labelledPoints ? "labels: CSV data rows (s = source, t = target)" : ""
        let legend = height - 22
        out += """
            <circle cx="18" cy="\(f(legend - 4))" r="4" fill="#1d3557"/><text x="28" y="\(f(legend))">source</text>
            <circle cx="86" cy="\(f(legend - 4))" r="4" fill="#e63946"/><text x="96" y="\(f(legend))">target (area ∝ mass)</text>
            <line x1="222" y1="\(f(legend - 4))" x2="246" y2="\(f(legend - 4))" stroke="#6c757d" stroke-width="2.5"/><text x="252" y="\(f(legend))">mass moved, width ∝ mass (\(escape(arcs)))</text>
            <text x="12" y="\(f(legend + 16))" fill="#555">\(escape(labels))</text>
            </svg>

            """
        return out
    }

    /// Every entry when there are at most ``sampledArcs``, else that many drawn with
    /// probability ∝ mass (a seeded systematic sample, so the same plan draws the same).
    static func arcs(_ entries: [TransportPlan.Entry]) -> [TransportPlan.Entry] {
        guard entries.count > sampledArcs else { return entries }
        let total = entries.reduce(0) { $0 + $1.mass }
        guard total > 0 else { return Array(entries.prefix(sampledArcs)) }
        let step = total / Double(sampledArcs)
        var next = 0.5 * step, cumulative = 0.0, picked: [TransportPlan.Entry] = []
        for e in entries {
            cumulative += e.mass
            if cumulative >= next {
                picked.append(e)
                while next <= cumulative { next += step }
            }
        }
        return picked
    }

    static func points(_ cloud: PointCloud, weights: [Double], colour: String, prefix: String, dense: Bool,
                       px: (Double) -> Double, py: (Double) -> Double) -> String {
        let largest = weights.max() ?? 1
        let labelled = cloud.count <= labelledPoints
        var out = ""
        for i in 0..<cloud.count {
            let (x, y) = (px(cloud.coordinates[2 * i]), py(cloud.coordinates[2 * i + 1]))
            let r = dense ? 0.8 + 1.6 * (weights[i] / largest).squareRoot() : 1.8 + 4 * (weights[i] / largest).squareRoot()   // area ∝ mass
            out += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(colour)\"\(dense ? " fill-opacity=\"0.55\"" : " stroke=\"white\" stroke-width=\"0.8\"")/>\n"
            if labelled { out += "<text x=\"\(f(x + r + 2))\" y=\"\(f(y - r - 1))\" fill=\"\(colour)\" font-size=\"10\">\(prefix)\(i + 1)</text>\n" }
        }
        return out
    }

    private static func f(_ value: Double) -> String { SVGText.number(value) }
    private static func escape(_ text: String) -> String { SVGText.escape(text) }
}
