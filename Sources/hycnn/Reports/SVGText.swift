import Foundation

/// What every SVG the tool draws writes the same way: coordinates, escaped text, padded ranges.
enum SVGText {
    /// A coordinate with one decimal.
    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// `text` with &, < and > escaped for SVG.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// [low, high] widened by `fraction` of its span on each side (by 1 when it is a point).
    static func padded(_ low: Double, _ high: Double, by fraction: Double = 0.03) -> (Double, Double) {
        let span = high - low
        return span > 0 ? (low - fraction * span, high + fraction * span) : (low - 1, high + 1)
    }

    /// The drawing area of a square plot with equal scales on both axes: the padded ranges of
    /// `xs` and `ys` centred in a `width` × `height` canvas below a `top` title band, inside `margin`.
    struct EqualScaleFrame {
        let x0: Double, y0: Double, scale: Double, dx: Double, dy: Double
        let height: Double, margin: Double

        init(xs: [Double], ys: [Double], width: Double, height: Double, margin: Double, top: Double) {
            let (x0, x1) = SVGText.padded(xs.min()!, xs.max()!), (y0, y1) = SVGText.padded(ys.min()!, ys.max()!)
            let span = max(x1 - x0, y1 - y0)                              // equal scales on both axes
            scale = (min(width, height - top) - 2 * margin) / span
            dx = (width - 2 * margin - (x1 - x0) * scale) / 2                  // centre the drawing
            dy = (height - top - 2 * margin - (y1 - y0) * scale) / 2
            (self.x0, self.y0, self.height, self.margin) = (x0, y0, height, margin)
        }

        /// Canvas coordinates of a data point.
        func px(_ x: Double) -> Double { margin + dx + (x - x0) * scale }
        func py(_ y: Double) -> Double { height - margin - dy - (y - y0) * scale }
    }
}
