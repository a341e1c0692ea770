import Foundation

/// An SVG of a 2-D map applied to points, in the style of ``TransportPlot``: the input points
/// (blue), their images (red), optionally the sample the images should match (green), and an
/// arrow from a point to its image for a few evenly spaced points.
enum MapPlot {
    /// Arrows drawn at most.
    static let maximumArrows = 30

    /// `points`, `images` and `reference` row by row (x, y per point).
    static func svg(points: [Double], images: [Double], title: String, pointLabel: String, imageLabel: String,
                    reference: [Double] = [], referenceLabel: String = "") -> String {
        let width = 640.0, height = 640.0, margin = 40.0, top = 36.0
        let all = points + images + reference
        let xs = stride(from: 0, to: all.count, by: 2).map { all[$0] }, ys = stride(from: 1, to: all.count, by: 2).map { all[$0] }
        let frame = SVGText.EqualScaleFrame(xs: xs, ys: ys, width: width, height: height, margin: margin, top: top)
        func px(_ x: Double) -> Double { frame.px(x) }
        func py(_ y: Double) -> Double { frame.py(y) }

        let n = points.count / 2
        let arrows = Array(Set((0..<min(n, maximumArrows)).map { $0 * n / min(n, maximumArrows) })).sorted()
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
            <defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">\
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#6c757d"/></marker></defs>
            <rect width="100%" height="100%" fill="white"/>
            <text x="12" y="22" font-size="14" font-weight="bold">\(escape(title))</text>

            """
        for (coordinates, colour) in [(reference, "#2a9d8f"), (points, "#1d3557"), (images, "#e63946")] {
            for i in 0..<coordinates.count / 2 {
                out += "<circle cx=\"\(f(px(coordinates[2 * i])))\" cy=\"\(f(py(coordinates[2 * i + 1])))\" r=\"2.5\" fill=\"\(colour)\" fill-opacity=\"0.75\"/>\n"
            }
        }
        out += "<g stroke=\"#6c757d\" stroke-width=\"1.2\" marker-end=\"url(#head)\">\n"
        for i in arrows {
            out += "<line x1=\"\(f(px(points[2 * i])))\" y1=\"\(f(py(points[2 * i + 1])))\" x2=\"\(f(px(images[2 * i])))\" y2=\"\(f(py(images[2 * i + 1])))\"/>\n"
        }
        out += "</g>\n"
        let legend = height - 12
        out += """
            <circle cx="18" cy="\(f(legend - 4))" r="4" fill="#1d3557"/><text x="28" y="\(f(legend))">\(escape(pointLabel))</text>
            <circle cx="148" cy="\(f(legend - 4))" r="4" fill="#e63946"/><text x="158" y="\(f(legend))">\(escape(imageLabel))</text>
            <line x1="298" y1="\(f(legend - 4))" x2="322" y2="\(f(legend - 4))" stroke="#6c757d" stroke-width="1.2" marker-end="url(#head)"/><text x="330" y="\(f(legend))">point → image (\(arrows.count) of \(n) drawn)</text>

            """
        if !reference.isEmpty {
            out += "<circle cx=\"18\" cy=\"\(f(legend - 22))\" r=\"4\" fill=\"#2a9d8f\"/><text x=\"28\" y=\"\(f(legend - 18))\">\(escape(referenceLabel))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// The first two coordinates of points with `dimension` ≥ 2 coordinates, row by row.
    static func firstTwoCoordinates(_ points: [Double], dimension d: Int) -> [Double] {
        guard d > 2 else { return points }
        return (0..<(points.count / d)).flatMap { [points[$0 * d], points[$0 * d + 1]] }
    }

    private static func f(_ value: Double) -> String { SVGText.number(value) }
    private static func escape(_ text: String) -> String { SVGText.escape(text) }
}
