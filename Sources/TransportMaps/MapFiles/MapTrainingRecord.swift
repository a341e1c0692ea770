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
    /// How the minimax put the samples in common units ("none", "standardized"); the potentials'
    /// scalers hold the change of units itself.
    public var dataScaling: String?

    public init(method: String, seed: UInt64? = nil, iterations: Int? = nil, innerSteps: Int? = nil, batchSize: Int? = nil,
                learningRate: Double? = nil, initialization: String? = nil, dualEstimate: Double? = nil, seconds: Double? = nil,
                sourceCount: Int? = nil, targetCount: Int? = nil, dataScaling: String? = nil) {
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
        self.dataScaling = dataScaling
    }

    /// The keys of the record in a map file.
    static let keyNames = ["method", "seed", "iterations", "innerSteps", "batchSize", "learningRate", "initialization",
                           "dualEstimate", "seconds", "sourceCount", "targetCount", "dataScaling"]
}
