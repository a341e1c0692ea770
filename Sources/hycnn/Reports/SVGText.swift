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
}
