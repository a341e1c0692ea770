/// Test points of a problem with a known map T, to follow the error of ∇f during training:
/// the points (row by row, d × n) and T of each.
public struct MapTestSet: Sendable {
    public let inputs: [Double]
    public let outputs: [Double]

    /// - Throws: `shapeMismatch`, `tooFewPoints` or `notFinite` for arrays that are not
    ///   matching sets of at least one finite d-dimensional point.
    public init(inputs: [Double], outputs: [Double], dimension: Int) throws {
        _ = try PointRows.count(inputs, dimension: dimension, name: "test points", needed: 1)
        guard outputs.count == inputs.count else {
            throw TransportMapsError.shapeMismatch(what: "exact images of the test points", expected: "\(inputs.count) values",
                                                   actual: "\(outputs.count)")
        }
        _ = try PointRows.count(outputs, dimension: dimension, name: "exact images of the test points", needed: 1)
        self.inputs = inputs
        self.outputs = outputs
    }

    /// The test points with their images under `exactMap` (points row by row in and out).
    public init(inputs: [Double], dimension: Int, exactMap: ([Double]) throws -> [Double]) throws {
        try self.init(inputs: inputs, outputs: exactMap(inputs), dimension: dimension)
    }

    /// The test set of a benchmark problem's samples.
    public init(_ samples: MapSamples) throws {
        try self.init(inputs: samples.testInputs, outputs: samples.testOutputs, dimension: samples.dimension)
    }
}

/// One outer iteration of the minimax, as the progress callback sees it.
public struct MinimaxProgress: Sendable {
    /// 1-based outer iteration, of ``iterations``.
    public var iteration: Int
    public var iterations: Int
    /// The W₂² estimate of the dual objective on this iteration's batches (noisy).
    public var dualEstimate: Double
    /// The learning rate of this iteration's steps.
    public var learningRate: Double
    /// With a test set, at every test interval and the last iteration: mean ‖∇f(x) − T(x)‖²
    /// and the L2-UVP (%) on the test points; nil otherwise.
    public var testError: Double?
    public var testUnexplainedVariance: Double?
}
