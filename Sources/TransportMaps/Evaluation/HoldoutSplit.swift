import DataFiles

/// A seeded split of a sample (row by row) into the points a map is fitted on and the points
/// held out to judge it (``PushforwardComparison``); both parts keep the sample's order.
public struct HoldoutSplit: Sendable, Equatable {
    /// The points to fit on and the held-out points, row by row.
    public let kept: [Double]
    public let heldOut: [Double]
    /// 0-based rows of the held-out points in the sample, ascending.
    public let heldOutRows: [Int]

    /// Holds out round(`fraction`·n) points chosen by a Fisher–Yates shuffle seeded with `seed`.
    /// - Throws: `invalidSetting` unless 0 < fraction < 1 and both parts get at least 2 points;
    ///   the sample's own shape errors.
    public init(_ points: [Double], dimension d: Int, fraction: Double, seed: UInt64) throws {
        let n = try PointRows.count(points, dimension: d, name: "sample to split", needed: 0)
        guard fraction > 0, fraction < 1 else {
            throw TransportMapsError.invalidSetting(name: "held-out fraction", reason: "must lie strictly between 0 and 1, got \(fraction)")
        }
        let count = Int((fraction * Double(n)).rounded())
        guard count >= 2, n - count >= 2 else {
            throw TransportMapsError.invalidSetting(name: "held-out fraction",
                                                    reason: "\(fraction) of \(n) points holds out \(count), leaving \(n - count); each part needs at least 2")
        }
        var order = Array(0..<n), random = SeededGenerator(seed: seed)
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, random.nextIndex(below: i + 1)) }   // Fisher–Yates
        heldOutRows = order.prefix(count).sorted()
        let held = Set(heldOutRows)
        var kept: [Double] = [], heldOut: [Double] = []
        for i in 0..<n {
            if held.contains(i) { heldOut += points[(i * d)..<(i * d + d)] } else { kept += points[(i * d)..<(i * d + d)] }
        }
        self.kept = kept
        self.heldOut = heldOut
    }
}
