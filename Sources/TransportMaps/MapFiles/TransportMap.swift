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
        _ = try SampleMoments.count(points, dimension: dimension, name: "points to map", needed: 0)
        return forward.inputGradients(points)
    }

    /// ∇g at every point (row by row), the learned inverse map.
    public func applyInverse(_ points: [Double]) throws -> [Double] {
        _ = try SampleMoments.count(points, dimension: dimension, name: "points to map back", needed: 0)
        return backward.inputGradients(points)
    }
}

/// How a map was made, stored in its file. Every field but ``method`` is optional, so each
/// method records what applies to it.
public struct MapTrainingRecord: Codable, Sendable, Equatable {
    /// What made the map ("minimax" for the two-potential training, a baseline's name …).
    public var method: String
    public var seed: UInt64?
    /// Outer iterations, inner steps on g per outer iteration, batch size, initial learning rate.
    public var iterations: Int?
    public var innerSteps: Int?
    public var batchSize: Int?
    public var learningRate: Double?
    /// How the potentials were initialised ("paper", "identity", "gaussian").
    public var initialization: String?
    /// The final estimate of W₂² from the dual objective.
    public var dualEstimate: Double?
    public var seconds: Double?
    /// Points in the source and target training samples.
    public var sourceCount: Int?
    public var targetCount: Int?

    public init(method: String, seed: UInt64? = nil, iterations: Int? = nil, innerSteps: Int? = nil, batchSize: Int? = nil,
                learningRate: Double? = nil, initialization: String? = nil, dualEstimate: Double? = nil, seconds: Double? = nil,
                sourceCount: Int? = nil, targetCount: Int? = nil) {
        self.method = method
        self.seed = seed
        self.iterations = iterations
        self.innerSteps = innerSteps
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.initialization = initialization
        self.dualEstimate = dualEstimate
        self.seconds = seconds
        self.sourceCount = sourceCount
        self.targetCount = targetCount
    }

    /// The keys of the record in a map file.
    static let keyNames = ["method", "seed", "iterations", "innerSteps", "batchSize", "learningRate", "initialization",
                           "dualEstimate", "seconds", "sourceCount", "targetCount"]
}
