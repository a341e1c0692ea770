import Foundation

/// What every SVG the tool draws writes the same way: coordinates, escaped text, padded ranges.
enum SVGText {
    /// A coordinate with one decimal.
    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// `text` with &, < and > escaped for SVG.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// About `count` round tick values (steps of 1, 2 or 5 × 10ᵏ) inside [low, high].
    static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard high > low, low.isFinite, high.isFinite else { return [low] }
        let raw = (high - low) / Double(max(count, 2) - 1)
        let power = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * power }.min { abs(log($0 / raw)) < abs(log($1 / raw)) }!   // the nice step nearest the raw one
        var values: [Double] = []
        var value = (low / step).rounded(.up) * step
        while value <= high + 1e-9 * step {
            values.append(abs(value) < 1e-12 * step ? 0 : value)
            value += step
        }
        return values
    }

    /// A tick label with as many decimals as the step between `ticks` needs ("0", "2.5", "1e+06").
    static func tickLabel(_ value: Double, ticks: [Double]) -> String {
        let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : max(abs(value), 1)
        let largest = ticks.map(abs).max() ?? abs(value)
        if largest >= 1e6 || (largest > 0 && largest < 1e-3) { return String(format: "%.2g", value) }
        let decimals = max(0, Int(-(log10(step)).rounded(.down)))
        return String(format: "%.\(decimals)f", value)
    }

    /// A plot's frame over [x0, x1] × [y0, y1] (canvas coordinates by `px`, `py`), its round
    /// ticks with labels, the x label below and the y label turned upright at `yLabelX`.
    static func axes(x x0: Double, _ x1: Double, y y0: Double, _ y1: Double, px: (Double) -> Double, py: (Double) -> Double,
                     xLabel: String, yLabel: String, yLabelX: Double) -> String {
        let (left, right, lower, upper) = (px(x0), px(x1), py(y0), py(y1))
        var out = "<rect x=\"\(number(left))\" y=\"\(number(upper))\" width=\"\(number(right - left))\" height=\"\(number(lower - upper))\" fill=\"none\" stroke=\"#999\"/>\n"
        let xTicks = ticks(x0, x1), yTicks = ticks(y0, y1)
        for t in xTicks {
            out += "<line x1=\"\(number(px(t)))\" y1=\"\(number(lower))\" x2=\"\(number(px(t)))\" y2=\"\(number(lower + 4))\" stroke=\"#999\"/>"
            out += "<text x=\"\(number(px(t)))\" y=\"\(number(lower + 16))\" text-anchor=\"middle\" fill=\"#555\">\(tickLabel(t, ticks: xTicks))</text>\n"
        }
        for t in yTicks {
            out += "<line x1=\"\(number(left - 4))\" y1=\"\(number(py(t)))\" x2=\"\(number(left))\" y2=\"\(number(py(t)))\" stroke=\"#999\"/>"
            out += "<text x=\"\(number(left - 7))\" y=\"\(number(py(t) + 4))\" text-anchor=\"end\" fill=\"#555\">\(tickLabel(t, ticks: yTicks))</text>\n"
        }
        out += "<text x=\"\(number((left + right) / 2))\" y=\"\(number(lower + 34))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        out += "<text transform=\"translate(\(number(yLabelX)),\(number((upper + lower) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        return out
    }

    /// Roughly how wide `text` is at `fontSize` (sans-serif, for laying out legends and labels).
    static func width(_ text: String, fontSize: Double = 11) -> Double { Double(text.count) * fontSize * 0.58 }

    /// [low, high] widened by `fraction` of its span on each side (by 1 when it is a point).
    static func padded(_ low: Double, _ high: Double, by fraction: Double = 0.03) -> (Double, Double) {
        let span = high - low
        return span > 0 ? (low - fraction * span, high + fraction * span) : (low - 1, high + 1)
    }

    /// The drawing area of a square plot with equal scales on both axes: the padded ranges of
    /// `xs` and `ys` centred in a `width` × `height` canvas below a `top` title band, inside `margin`.
    struct EqualScaleFrame {
        /// The padded data ranges [x0, x1] × [y0, y1] the frame shows.
        let x0: Double, y0: Double, x1: Double, y1: Double, scale: Double, dx: Double, dy: Double
        let height: Double, margin: Double

        init(xs: [Double], ys: [Double], width: Double, height: Double, margin: Double, top: Double) {
            let (x0, x1) = SVGText.padded(xs.min()!, xs.max()!), (y0, y1) = SVGText.padded(ys.min()!, ys.max()!)
            let span = max(x1 - x0, y1 - y0)                              // equal scales on both axes
            scale = (min(width, height - top) - 2 * margin) / span
            dx = (width - 2 * margin - (x1 - x0) * scale) / 2                  // centre the drawing
            dy = (height - top - 2 * margin - (y1 - y0) * scale) / 2
            (self.x0, self.y0, self.x1, self.y1, self.height, self.margin) = (x0, y0, x1, y1, height, margin)
        }

        /// Canvas coordinates of a data point.
        func px(_ x: Double) -> Double { margin + dx + (x - x0) * scale }
        func py(_ y: Double) -> Double { height - margin - dy - (y - y0) * scale }
    }
}
