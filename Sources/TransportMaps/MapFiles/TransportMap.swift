import ConvexNetworks

/// A transport map between two distributions as two convex potentials: f on the source side
/// (the map is T = ∇f) and g on the target side (∇g maps back), each a complete
/// ``RegressionModel`` with its scalers, over the same named columns, with a record of how the
/// map was made. Saved and loaded as a map file (``TransportMapFile``).
public struct TransportMap: Sendable, Equatable {
    /// f: the map is ∇f.
    public let forward: RegressionModel
    /// g: the inverse map is ∇g.
    public let backward: RegressionModel
    /// The coordinate names, the input names of both potentials.
    public let columns: [String]
    public let training: MapTrainingRecord

    /// - Throws: `shapeMismatch` when f and g have different input dimensions or their input
    ///   names are not `columns`.
    public init(forward: RegressionModel, backward: RegressionModel, columns: [String], training: MapTrainingRecord) throws {
        for (name, model) in [("f", forward), ("g", backward)] {
            guard model.inputDimension == columns.count else {
                throw TransportMapsError.shapeMismatch(what: "inputs of potential \(name)", expected: "\(columns.count) (one per column)",
                                                       actual: "\(model.inputDimension)")
            }
            guard model.inputNames == columns else {
                throw TransportMapsError.shapeMismatch(what: "input names of potential \(name)", expected: columns.joined(separator: ", "),
                                                       actual: model.inputNames.joined(separator: ", "))
            }
        }
        self.forward = forward
        self.backward = backward
        self.columns = columns
        self.training = training
    }

    public var dimension: Int { columns.count }

    /// ∇f at every point (row by row, n × d), in original units; the result is n × d.
    /// - Throws: for a size that is not a multiple of d or a non-finite coordinate.
    public func apply(_ points: [Double]) throws -> [Double] {
        _ = try PointRows.count(points, dimension: dimension, name: "points to map", needed: 0)
        return forward.inputGradients(points)
    }

    /// ∇g at every point (row by row), the learned inverse map.
    public func applyInverse(_ points: [Double]) throws -> [Double] {
        _ = try PointRows.count(points, dimension: dimension, name: "points to map back", needed: 0)
        return backward.inputGradients(points)
    }
}
