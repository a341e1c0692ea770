import Foundation
import Transport

/// An SVG of a 2-D transport plan: source points (blue), target points (red), and one line
/// per plan entry whose width and opacity grow with its mass.
enum TransportPlot {
    /// Entries drawn at most (the heaviest); an entropic plan has n·m.
    static let maximumArcs = 20_000

    static func svg(source: PointCloud, target: PointCloud, sourceWeights: [Double], targetWeights: [Double], plan: TransportPlan, title: String) -> String {
        let width = 640.0, height = 640.0, margin = 40.0, top = 36.0
        let xs = source.coordinates.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            + target.coordinates.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let ys = source.coordinates.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            + target.coordinates.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let frame = SVGText.EqualScaleFrame(xs: xs, ys: ys, width: width, height: height, margin: margin, top: top)
        func px(_ x: Double) -> Double { frame.px(x) }
        func py(_ y: Double) -> Double { frame.py(y) }

        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="12" y="22" font-size="14" font-weight="bold">\(escape(title))</text>

            """
        let heaviest = plan.entries.map(\.mass).max() ?? 1
        let drawn = plan.entries.filter { $0.mass > 1e-3 * heaviest }.sorted { $0.mass > $1.mass }.prefix(maximumArcs)
        out += "<g stroke=\"#6c757d\" stroke-linecap=\"round\">\n"
        for e in drawn.reversed() {                                     // heaviest on top
            let share = e.mass / heaviest
            let (ax, ay) = (source.coordinates[2 * e.source], source.coordinates[2 * e.source + 1])
            let (bx, by) = (target.coordinates[2 * e.target], target.coordinates[2 * e.target + 1])
            out += "<line x1=\"\(f(px(ax)))\" y1=\"\(f(py(ay)))\" x2=\"\(f(px(bx)))\" y2=\"\(f(py(by)))\" stroke-width=\"\(f(0.4 + 2.6 * share))\" stroke-opacity=\"\(f(0.25 + 0.6 * share))\"/>\n"
        }
        out += "</g>\n"
        let sourceMax = sourceWeights.max() ?? 1, targetMax = targetWeights.max() ?? 1
        for i in 0..<source.count {
            let r = 1.5 + 3.5 * (sourceWeights[i] / sourceMax).squareRoot()   // area ∝ mass
            out += "<circle cx=\"\(f(px(source.coordinates[2 * i])))\" cy=\"\(f(py(source.coordinates[2 * i + 1])))\" r=\"\(f(r))\" fill=\"#1d3557\"/>\n"
        }
        for j in 0..<target.count {
            let r = 1.5 + 3.5 * (targetWeights[j] / targetMax).squareRoot()
            out += "<circle cx=\"\(f(px(target.coordinates[2 * j])))\" cy=\"\(f(py(target.coordinates[2 * j + 1])))\" r=\"\(f(r))\" fill=\"#e63946\"/>\n"
        }
        let legend = height - 12
        out += """
            <circle cx="18" cy="\(f(legend - 4))" r="4" fill="#1d3557"/><text x="28" y="\(f(legend))">source</text>
            <circle cx="88" cy="\(f(legend - 4))" r="4" fill="#e63946"/><text x="98" y="\(f(legend))">target</text>
            <line x1="152" y1="\(f(legend - 4))" x2="176" y2="\(f(legend - 4))" stroke="#6c757d" stroke-width="2"/><text x="182" y="\(f(legend))">mass moved (width ∝ mass; \(drawn.count) of \(plan.entries.count) entries drawn)</text>
            </svg>

            """
        return out
    }

    private static func f(_ value: Double) -> String { SVGText.number(value) }
    private static func escape(_ text: String) -> String { SVGText.escape(text) }
}
