import DataFiles

/// Weighted points in ℝᵈ: `count` points stored row by row (`coordinates[i * dimension + k]` is
/// coordinate k of point i) with one non-negative mass each.
///
/// Every initialiser validates: at least one point, finite coordinates, finite weights ≥ 0 with
/// a positive total. `name` ("source", "target", …) names the cloud in error messages.
public struct PointCloud: Sendable, Equatable {
    public let count: Int
    public let dimension: Int
    /// Row-major coordinates, `count × dimension`.
    public let coordinates: [Double]
    /// One mass per point (default: uniform, 1/count each).
    public let weights: [Double]

    /// Points from row-major coordinates; `weights` nil gives uniform weights 1/count.
    public init(coordinates: [Double], dimension: Int, weights: [Double]? = nil, name: String = "cloud") throws {
        guard dimension > 0 else {
            throw TransportError.shapeMismatch(what: "\(name) cloud dimension", expected: "at least 1 coordinate", actual: "\(dimension)")
        }
        guard coordinates.count % dimension == 0 else {
            throw TransportError.shapeMismatch(what: "\(name) coordinates", expected: "a multiple of \(dimension) values",
                                               actual: "\(coordinates.count)")
        }
        let count = coordinates.count / dimension
        guard count > 0 else { throw TransportError.emptyCloud(side: name) }
        if let k = coordinates.firstIndex(where: { !$0.isFinite }) {
            throw TransportError.badCoordinate(side: name, point: k / dimension, coordinate: k % dimension, value: coordinates[k])
        }
        let masses = weights ?? [Double](repeating: 1 / Double(count), count: count)
        try Self.validate(weights: masses, count: count, name: name)
        self.count = count
        self.dimension = dimension
        self.coordinates = coordinates
        self.weights = masses
    }

    /// Points given one array each (all the same length).
    public init(points: [[Double]], weights: [Double]? = nil, name: String = "cloud") throws {
        guard let first = points.first else { throw TransportError.emptyCloud(side: name) }
        if let bad = points.firstIndex(where: { $0.count != first.count }) {
            throw TransportError.shapeMismatch(what: "\(name) point \(bad + 1)", expected: "\(first.count) coordinates",
                                               actual: "\(points[bad].count)")
        }
        try self.init(coordinates: points.flatMap { $0 }, dimension: first.count, weights: weights, name: name)
    }

    /// Points from a CSV table: the coordinates are `coordinateColumns` (default: every column
    /// but the weight column), the masses the `weightColumn` (default: uniform). Unknown column
    /// names throw `CSVError.unknownColumn`.
    public init(table: CSVTable, weightColumn: String? = nil, coordinateColumns: [String]? = nil,
                name: String = "cloud") throws {
        let names = coordinateColumns ?? table.header.filter { $0 != weightColumn }
        guard !names.isEmpty else {
            throw TransportError.shapeMismatch(what: "\(name) table", expected: "at least one coordinate column besides the weights",
                                               actual: "only '\(weightColumn ?? "")'")
        }
        guard table.rowCount > 0 else { throw TransportError.emptyCloud(side: name) }
        let columns = try names.map { try table.column(named: $0) }
        var coordinates = [Double](repeating: 0, count: table.rowCount * names.count)
        for (k, column) in columns.enumerated() {
            for i in 0..<table.rowCount { coordinates[i * names.count + k] = column[i] }
        }
        let weights = try weightColumn.map { try table.column(named: $0) }
        try self.init(coordinates: coordinates, dimension: names.count, weights: weights, name: name)
    }

    /// Σ weights.
    public var totalMass: Double { weights.reduce(0, +) }

    /// The coordinates of point `i`.
    public func point(_ i: Int) -> ArraySlice<Double> {
        coordinates[(i * dimension)..<((i + 1) * dimension)]
    }

    /// Throws unless there are `count` finite weights ≥ 0 with a positive total.
    static func validate(weights: [Double], count: Int, name: String) throws {
        guard weights.count == count else {
            throw TransportError.shapeMismatch(what: "\(name) weights", expected: "\(count) values", actual: "\(weights.count)")
        }
        if let k = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw TransportError.badWeight(side: name, index: k, value: weights[k])
        }
        guard weights.contains(where: { $0 > 0 }) else { throw TransportError.zeroMass(side: name) }
    }
}
