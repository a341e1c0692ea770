/// The checks every function taking points row by row (`points[i * dimension + k]` is
/// coordinate k of point i) makes before touching them.
enum PointRows {
    /// The number of points in `points` after checking its shape, its size (at least `needed`)
    /// and that every coordinate is finite.
    static func count(_ points: [Double], dimension d: Int, name: String, needed: Int) throws -> Int {
        guard d > 0 else { throw TransportMapsError.shapeMismatch(what: "\(name) dimension", expected: "at least 1", actual: "\(d)") }
        guard points.count % d == 0 else {
            throw TransportMapsError.shapeMismatch(what: "\(name) coordinates", expected: "a multiple of \(d) values", actual: "\(points.count)")
        }
        let n = points.count / d
        guard n >= needed else { throw TransportMapsError.tooFewPoints(what: name, count: n, needed: needed) }
        if let k = points.firstIndex(where: { !$0.isFinite }) {
            throw TransportMapsError.notFinite(what: name, point: k / d, coordinate: k % d)
        }
        return n
    }
}
