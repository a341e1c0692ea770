import ConvexNetworks
import DataFiles
import Foundation
import SurrogateOptimization

/// An SVG of the surrogates at the exact optimum: one panel per surrogate of one or two inputs.
/// A one-input panel draws the fitted curve over the input's range in the problem (its
/// variable bounds), the samples it was fitted to, the training data's range shaded (so
/// extrapolation shows), the chosen operating point with its value, and the reference point
/// when the problem has one. A two-input panel is a heat map of the surrogate over its inputs'
/// box with the samples, the training data's box and the chosen point. Axes carry the problem's
/// names and round ticks; the canvas is sized to its panels and legend.
enum SurrogatePlot {
    struct Panel {
        enum Kind {
            /// f along one input: the curve, and the training inputs' range.
            case curve([(Double, Double)], dataRange: ClosedRange<Double>?)
            /// f over two inputs: values on a grid (row-major, `grid` × `grid`), and the training box.
            case heat(values: [Double], grid: Int, yRange: ClosedRange<Double>, dataBox: (ClosedRange<Double>, ClosedRange<Double>)?)
        }
        var title: String
        var xLabel: String, yLabel: String
        var xRange: ClosedRange<Double>
        var kind: Kind
        var samples: [[Double]]                 // (x, y) or (x₁, x₂, f)
        var chosen: [Double]?                   // (x, f) or (x₁, x₂, f)
        var reference: [Double]?                // x or (x₁, x₂)
    }

    static let panelWidth = 340.0, panelHeight = 280.0, top = 44.0, heatGrid = 36

    static func panels(file: ProblemFile, solution: SurrogateSolution) throws -> [Panel] {
        let problem = file.problem
        var panels: [Panel] = []
        for (k, surrogate) in problem.surrogates.enumerated() where (1...2).contains(surrogate.inputs.count) {
            let model = surrogate.model, d = surrogate.inputs.count
            var samples: [[Double]] = []
            if let data = file.dataFiles[surrogate.name], FileManager.default.fileExists(atPath: data) {
                let table = try CSVTable(contentsOfFile: data)
                let columns = try (model.inputNames + [model.targetName]).map { try table.column(named: $0) }
                samples = (0..<table.rowCount).map { r in columns.map { $0[r] } }
            }
            let dataBox: [ClosedRange<Double>]? = model.inputRange.map { range in (0..<d).map { range.lower[$0]...range.upper[$0] } }
                ?? (samples.isEmpty ? nil : (0..<d).map { j in samples.map { $0[j] }.min()!...samples.map { $0[j] }.max()! })
            var reference: [Double]?
            if let values = file.reference?.variables,
               surrogate.inputs.allSatisfy({ $0.coefficients.keys.allSatisfy { values[problem.variables[$0].name] != nil } }) {
                let point = problem.variables.map { values[$0.name] ?? 0 }
                reference = surrogate.inputs.map { $0.value(at: point) }
            }
            let chosenInputs = solution.x.isEmpty ? nil : surrogate.inputs.map { $0.value(at: solution.x) }
            // The range drawn: the input's range in the problem, widened to the data, the optimum and the reference.
            func range(_ j: Int) -> ClosedRange<Double> {
                var values: [Double] = []
                if let bounds = surrogate.inputs[j].range(over: problem.variables), bounds.lowerBound.isFinite, bounds.upperBound.isFinite {
                    values += [bounds.lowerBound, bounds.upperBound]
                }
                if let dataBox { values += [dataBox[j].lowerBound, dataBox[j].upperBound] }
                values += [chosenInputs?[j], reference?[j]].compactMap { $0 }
                let (low, high) = SVGText.padded(values.min() ?? 0, values.max() ?? 1, by: 0.02)
                return low...high
            }
            let names = surrogate.inputs.enumerated().map { j, input in label(input, problem: problem, modelName: model.inputNames[j]) }
            let yLabel = surrogate.name + (model.targetName == surrogate.name ? "" : " (\(model.targetName))")
            if d == 1 {
                let xRange = range(0)
                let grid = (0...240).map { xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double($0) / 240 }
                let curve = Array(zip(grid, try model.predict(grid)))
                panels.append(Panel(title: surrogate.name, xLabel: names[0], yLabel: yLabel, xRange: xRange,
                                    kind: .curve(curve, dataRange: dataBox?[0]), samples: samples,
                                    chosen: chosenInputs.map { [$0[0], solution.surrogates[k].value] }, reference: reference))
            } else {
                let xRange = range(0), yRange = range(1), n = heatGrid
                var points: [Double] = []
                points.reserveCapacity(2 * n * n)
                for r in 0..<n {
                    for c in 0..<n {
                        points.append(xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * (Double(c) + 0.5) / Double(n))
                        points.append(yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * (Double(r) + 0.5) / Double(n))
                    }
                }
                panels.append(Panel(title: surrogate.name, xLabel: names[0], yLabel: names[1], xRange: xRange,
                                    kind: .heat(values: try model.predict(points), grid: n, yRange: yRange,
                                                dataBox: dataBox.map { ($0[0], $0[1]) }),
                                    samples: samples, chosen: chosenInputs.map { $0 + [solution.surrogates[k].value] }, reference: reference))
            }
        }
        return panels
    }

    /// The input as the problem writes it: "P1" for a variable, else "0.5·p2 + 1"; with the
    /// model's own input name when it differs.
    static func label(_ input: LinearExpression, problem: SurrogateProblem, modelName: String) -> String {
        let terms = input.coefficients.sorted { $0.key < $1.key }
        var text: String
        if terms.count == 1, terms[0].value == 1, input.constant == 0 {
            text = problem.variables[terms[0].key].name
        } else {
            text = terms.map { ($0.value == 1 ? "" : String(format: "%g·", $0.value)) + problem.variables[$0.key].name }.joined(separator: " + ")
            if input.constant != 0 { text += String(format: " %@ %g", input.constant < 0 ? "−" : "+", abs(input.constant)) }
        }
        return text == modelName ? text : "\(text) (model input \(modelName))"
    }

    static func svg(_ panels: [Panel], title: String) -> String {
        let columns = min(3, max(panels.count, 1)), rows = (panels.count + columns - 1) / columns
        let hasReference = panels.contains { $0.reference != nil }
        let hasHeat = panels.contains { if case .heat = $0.kind { true } else { false } }
        let hasCurve = panels.contains { if case .curve = $0.kind { true } else { false } }
        var legend: [(mark: String, text: String)] = [("<circle cx=\"6\" cy=\"-4\" r=\"2.5\" fill=\"#8d99ae\"/>", "samples")]
        if hasCurve {
            legend.append(("<line x1=\"0\" y1=\"-4\" x2=\"16\" y2=\"-4\" stroke=\"#1d3557\" stroke-width=\"2\"/>", "fitted surrogate"))
            legend.append(("<rect x=\"0\" y=\"-10\" width=\"14\" height=\"11\" fill=\"#e9eef5\" stroke=\"#c5d0de\"/>", "training data's range"))
        }
        if hasHeat {
            legend.append(("<rect x=\"0\" y=\"-10\" width=\"14\" height=\"11\" fill=\"#555\" stroke=\"white\" stroke-dasharray=\"3 2\"/>", "training data's box"))
        }
        legend.append(("<circle cx=\"6\" cy=\"-4\" r=\"5\" fill=\"#e63946\"/>", "exact optimum x*"))
        if hasReference { legend.append(("<line x1=\"6\" y1=\"-10\" x2=\"6\" y2=\"1\" stroke=\"#2a9d8f\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>", "reference")) }
        if hasHeat { legend.append(("<rect x=\"0\" y=\"-10\" width=\"14\" height=\"11\" fill=\"url(#heat)\"/>", "surrogate value (low → high)")) }
        // The legend wraps onto as many lines as the canvas width needs.
        let canvasWidth = max(panelWidth * Double(columns), 420)
        var lines: [[(String, String, Double)]] = [[]], lineWidth = 0.0
        for (mark, text) in legend {
            let itemWidth = 24 + SVGText.width(text) + 18
            if lineWidth + itemWidth > canvasWidth - 24, !lines[lines.count - 1].isEmpty { lines.append([]); lineWidth = 0 }
            lines[lines.count - 1].append((mark, text, lineWidth))
            lineWidth += itemWidth
        }
        let height = top + panelHeight * Double(rows) + 18 * Double(lines.count) + 14
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(canvasWidth))" height="\(Int(height))" font-family="sans-serif" font-size="11">
            <defs><linearGradient id="heat">\(heatStops)</linearGradient></defs>
            <rect width="100%" height="100%" fill="white"/>
            <text x="12" y="26" font-size="15" font-weight="bold">\(escape(title))</text>

            """
        for (index, panel) in panels.enumerated() {
            out += draw(panel, x: panelWidth * Double(index % columns), y: top + panelHeight * Double(index / columns))
        }
        for (k, line) in lines.enumerated() {
            let y = top + panelHeight * Double(rows) + 18 * Double(k) + 14
            for (mark, text, x) in line {
                out += "<g transform=\"translate(\(f(14 + x)),\(f(y)))\">\(mark)<text x=\"22\" y=\"0\">\(escape(text))</text></g>\n"
            }
        }
        return out + "</svg>\n"
    }

    /// One panel at (x, y): frame, ticks and labels, then what its kind draws.
    static func draw(_ panel: Panel, x ox: Double, y oy: Double) -> String {
        let left = ox + 62, right = ox + panelWidth - 18, upper = oy + 40, lower = oy + panelHeight - 46
        let (x0, x1) = (panel.xRange.lowerBound, panel.xRange.upperBound)
        let (y0, y1): (Double, Double)
        switch panel.kind {
        case .curve(let curve, _):
            let ys = curve.map(\.1) + panel.samples.map { $0[1] } + (panel.chosen.map { [$0[1]] } ?? [])
            (y0, y1) = SVGText.padded(ys.min() ?? 0, ys.max() ?? 1, by: 0.05)
        case .heat(_, _, let yRange, _):
            (y0, y1) = (yRange.lowerBound, yRange.upperBound)
        }
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (right - left) }
        func py(_ y: Double) -> Double { lower - (y - y0) / (y1 - y0) * (lower - upper) }
        func inside(_ x: Double, _ y: Double) -> Bool { x >= x0 && x <= x1 && y >= y0 && y <= y1 }
        var out = "<g>\n<text x=\"\(f(ox + 14))\" y=\"\(f(oy + 16))\" font-weight=\"bold\" font-size=\"12\">\(escape(panel.title))</text>\n"
        switch panel.kind {
        case .curve(let curve, let dataRange):
            if let dataRange {                                               // the training data's range, shaded
                let a = px(max(dataRange.lowerBound, x0)), b = px(min(dataRange.upperBound, x1))
                out += "<rect x=\"\(f(a))\" y=\"\(f(upper))\" width=\"\(f(max(b - a, 0)))\" height=\"\(f(lower - upper))\" fill=\"#e9eef5\"/>\n"
            }
            if let reference = panel.reference?.first, reference >= x0, reference <= x1 {
                out += "<line x1=\"\(f(px(reference)))\" y1=\"\(f(upper))\" x2=\"\(f(px(reference)))\" y2=\"\(f(lower))\" stroke=\"#2a9d8f\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n"
            }
            for s in panel.samples where inside(s[0], s[1]) { out += "<circle cx=\"\(f(px(s[0])))\" cy=\"\(f(py(s[1])))\" r=\"2.2\" fill=\"#8d99ae\"/>\n" }
            out += "<polyline fill=\"none\" stroke=\"#1d3557\" stroke-width=\"2\" points=\""
                + curve.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ") + "\"/>\n"
        case .heat(let values, let n, _, let dataBox):
            let low = values.min() ?? 0, high = values.max() ?? 1
            let cellWidth = (right - left) / Double(n), cellHeight = (lower - upper) / Double(n)
            for r in 0..<n {
                for c in 0..<n {
                    let t = high > low ? (values[r * n + c] - low) / (high - low) : 0.5
                    out += "<rect x=\"\(f(left + Double(c) * cellWidth))\" y=\"\(f(lower - Double(r + 1) * cellHeight))\" width=\"\(f(cellWidth + 0.6))\" height=\"\(f(cellHeight + 0.6))\" fill=\"\(heatColour(t))\"/>\n"
                }
            }
            if let (bx, by) = dataBox {
                out += "<rect x=\"\(f(px(bx.lowerBound)))\" y=\"\(f(py(by.upperBound)))\" width=\"\(f(px(bx.upperBound) - px(bx.lowerBound)))\" height=\"\(f(py(by.lowerBound) - py(by.upperBound)))\" fill=\"none\" stroke=\"white\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n"
            }
            for s in panel.samples where inside(s[0], s[1]) {
                out += "<circle cx=\"\(f(px(s[0])))\" cy=\"\(f(py(s[1])))\" r=\"1.8\" fill=\"white\" fill-opacity=\"0.8\" stroke=\"#333\" stroke-width=\"0.4\"/>\n"
            }
            if let reference = panel.reference, reference.count == 2 {
                out += "<circle cx=\"\(f(px(reference[0])))\" cy=\"\(f(py(reference[1])))\" r=\"6\" fill=\"none\" stroke=\"#2a9d8f\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>\n"
            }
            out += "<text x=\"\(f(right))\" y=\"\(f(oy + 16))\" text-anchor=\"end\" fill=\"#555\">value \(escape(short(low))) … \(escape(short(high)))</text>\n"
        }
        out += SVGText.axes(x: x0, x1, y: y0, y1, px: px, py: py, xLabel: panel.xLabel, yLabel: panel.yLabel, yLabelX: ox + 16)
        if let chosen = panel.chosen {                                       // the optimum, and its values in words
            let (cx, cy) = (chosen[0], chosen[1])                             // (x, f) on a curve, (x₁, x₂) on a heat map
            out += "<circle cx=\"\(f(px(cx)))\" cy=\"\(f(py(cy)))\" r=\"5\" fill=\"#e63946\" stroke=\"white\" stroke-width=\"1\"/>\n"
            let words = chosen.count == 2
                ? "x* = \(short(chosen[0])), \(panel.title) = \(short(chosen[1]))"
                : "x* = (\(short(chosen[0])), \(short(chosen[1]))), \(panel.title) = \(short(chosen[2]))"
            out += "<text x=\"\(f(left))\" y=\"\(f(upper - 8))\" fill=\"#e63946\">\(escape(words))</text>\n"
        }
        return out + "</g>\n"
    }

    /// A perceptual blue → yellow scale (viridis-like) at t ∈ [0, 1].
    static let heatPalette: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]

    static func heatColour(_ t: Double) -> String {
        let position = min(max(t, 0), 1) * Double(heatPalette.count - 1)
        let k = min(Int(position), heatPalette.count - 2), u = position - Double(k)
        let (a, b) = (heatPalette[k], heatPalette[k + 1])
        return String(format: "rgb(%d,%d,%d)", Int(a.0 + u * (b.0 - a.0)), Int(a.1 + u * (b.1 - a.1)), Int(a.2 + u * (b.2 - a.2)))
    }

    static var heatStops: String {
        heatPalette.indices.map { k in "<stop offset=\"\(Double(k) / Double(heatPalette.count - 1))\" stop-color=\"\(heatColour(Double(k) / Double(heatPalette.count - 1)))\"/>" }.joined()
    }

    private static func f(_ value: Double) -> String { SVGText.number(value) }
    private static func short(_ value: Double) -> String { String(format: abs(value) >= 1e5 || (abs(value) < 1e-3 && value != 0) ? "%.3g" : "%.4g", value) }
    private static func escape(_ text: String) -> String { SVGText.escape(text) }
}
