import ConvexNetworks
import DataFiles
import Foundation
import SurrogateOptimization

/// An SVG with one panel per one-input surrogate: the fitted curve over its input's range,
/// the samples it was fitted to, the chosen operating point and, when the problem carries
/// one, the reference point.
enum SurrogatePlot {
    struct Panel {
        var title: String
        var xLabel: String, yLabel: String
        var curve: [(Double, Double)]
        var samples: [(Double, Double)]
        var chosen: (Double, Double)?
        var reference: Double?
    }

    static func panels(file: ProblemFile, solution: SurrogateSolution) throws -> [Panel] {
        let problem = file.problem
        var panels: [Panel] = []
        for (k, surrogate) in problem.surrogates.enumerated() where surrogate.inputs.count == 1 {
            let input = surrogate.inputs[0]
            var samples: [(Double, Double)] = []
            if let data = file.dataFiles[surrogate.name], FileManager.default.fileExists(atPath: data) {
                let table = try CSVTable(contentsOfFile: data)
                let xs = try table.column(named: surrogate.model.inputNames[0]), ys = try table.column(named: surrogate.model.targetName)
                samples = Array(zip(xs, ys))
            }
            var range = input.range(over: problem.variables) ?? 0...1
            if !range.lowerBound.isFinite || !range.upperBound.isFinite {
                let xs = samples.map(\.0)
                range = (xs.min() ?? 0)...(xs.max() ?? 1)
            }
            let grid = (0...200).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / 200 }
            let curve = Array(zip(grid, try surrogate.model.predict(grid)))
            let chosen = solution.x.isEmpty ? nil : (input.value(at: solution.x), solution.surrogates[k].value)
            var reference: Double?
            if let values = file.reference?.variables, input.coefficients.keys.allSatisfy({ values[problem.variables[$0].name] != nil }) {
                reference = input.value(at: problem.variables.map { values[$0.name] ?? 0 })
            }
            panels.append(Panel(title: surrogate.name, xLabel: surrogate.model.inputNames[0], yLabel: surrogate.model.targetName,
                                curve: curve, samples: samples, chosen: chosen, reference: reference))
        }
        return panels
    }

    static func svg(_ panels: [Panel], title: String) -> String {
        let columns = min(3, max(panels.count, 1)), rows = (panels.count + columns - 1) / columns
        let width = 330.0, height = 250.0, top = 40.0
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width) * columns)" height="\(Int(top + height * Double(rows)) + 30)" font-family="sans-serif" font-size="11">
            <rect width="100%" height="100%" fill="white"/>
            <text x="12" y="24" font-size="15" font-weight="bold">\(escape(title))</text>

            """
        for (index, panel) in panels.enumerated() {
            let ox = width * Double(index % columns), oy = top + height * Double(index / columns)
            let left = ox + 52, right = ox + width - 14, upper = oy + 22, lower = oy + height - 40
            let points = panel.curve + panel.samples + (panel.chosen.map { [$0] } ?? [])
            let xs = points.map(\.0), ys = points.map(\.1)
            let (x0, x1) = SVGText.padded(xs.min() ?? 0, xs.max() ?? 1, by: 0.04), (y0, y1) = SVGText.padded(ys.min() ?? 0, ys.max() ?? 1, by: 0.04)
            func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (right - left) }
            func py(_ y: Double) -> Double { lower - (y - y0) / (y1 - y0) * (lower - upper) }
            out += "<g>\n<text x=\"\(f(ox + 14))\" y=\"\(f(oy + 14))\" font-weight=\"bold\">\(escape(panel.title))</text>\n"
            out += "<rect x=\"\(f(left))\" y=\"\(f(upper))\" width=\"\(f(right - left))\" height=\"\(f(lower - upper))\" fill=\"none\" stroke=\"#999\"/>\n"
            for t in 0...4 {                                                     // axis ticks
                let xv = x0 + (x1 - x0) * Double(t) / 4, yv = y0 + (y1 - y0) * Double(t) / 4
                out += "<text x=\"\(f(px(xv)))\" y=\"\(f(lower + 14))\" text-anchor=\"middle\" fill=\"#555\">\(tick(xv))</text>\n"
                out += "<text x=\"\(f(left - 4))\" y=\"\(f(py(yv) + 4))\" text-anchor=\"end\" fill=\"#555\">\(tick(yv))</text>\n"
            }
            out += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(lower + 30))\" text-anchor=\"middle\">\(escape(panel.xLabel))</text>\n"
            if let reference = panel.reference {
                out += "<line x1=\"\(f(px(reference)))\" y1=\"\(f(upper))\" x2=\"\(f(px(reference)))\" y2=\"\(f(lower))\" stroke=\"#2a9d8f\" stroke-dasharray=\"4 3\"/>\n"
            }
            for (x, y) in panel.samples { out += "<circle cx=\"\(f(px(x)))\" cy=\"\(f(py(y)))\" r=\"2.2\" fill=\"#8d99ae\"/>\n" }
            out += "<polyline fill=\"none\" stroke=\"#1d3557\" stroke-width=\"2\" points=\""
                + panel.curve.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ") + "\"/>\n"
            if let (x, y) = panel.chosen {
                out += "<circle cx=\"\(f(px(x)))\" cy=\"\(f(py(y)))\" r=\"5\" fill=\"#e63946\"/>\n"
                out += "<text x=\"\(f(px(x) + 7))\" y=\"\(f(py(y) - 7))\" fill=\"#e63946\">\(tick(x))</text>\n"
            }
            out += "</g>\n"
        }
        let legendY = top + height * Double(rows) + 18
        out += """
            <circle cx="18" cy="\(f(legendY - 4))" r="2.5" fill="#8d99ae"/><text x="26" y="\(f(legendY))">samples</text>
            <line x1="90" y1="\(f(legendY - 4))" x2="110" y2="\(f(legendY - 4))" stroke="#1d3557" stroke-width="2"/><text x="116" y="\(f(legendY))">fitted surrogate</text>
            <circle cx="222" cy="\(f(legendY - 4))" r="5" fill="#e63946"/><text x="232" y="\(f(legendY))">chosen operating point (exact optimum)</text>
            <line x1="470" y1="\(f(legendY - 9))" x2="470" y2="\(f(legendY + 1))" stroke="#2a9d8f" stroke-dasharray="4 3"/><text x="478" y="\(f(legendY))">reference</text>
            </svg>

            """
        return out
    }

    private static func f(_ value: Double) -> String { SVGText.number(value) }
    private static func tick(_ value: Double) -> String { String(format: abs(value) >= 100 ? "%.0f" : "%.3g", value) }
    private static func escape(_ text: String) -> String { SVGText.escape(text) }
}
