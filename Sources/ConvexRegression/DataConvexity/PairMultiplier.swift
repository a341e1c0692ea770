/// The multiplier λᵢⱼ ≥ 0 of the interpolation row yⱼ ≥ yᵢ + gᵢᵀ(xⱼ − xᵢ); `point` = i and
/// `neighbour` = j are 0-based sample indices (the data rows of the CSV file in order, so CSV
/// data row `index + 1`, the header not counted).
public struct PairMultiplier: Sendable, Equatable {
    public var point: Int
    public var neighbour: Int
    public var weight: Double

    public init(point: Int, neighbour: Int, weight: Double) {
        self.point = point
        self.neighbour = neighbour
        self.weight = weight
    }
}
