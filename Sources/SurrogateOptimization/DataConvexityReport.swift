/// What ``DataConvexity/check(_:using:)`` found.
public struct DataConvexityReport: Sendable {
    /// A convex function interpolates the data (to the solver's tolerance; see `interpolationViolation`).
    public var convex: Bool
    public var sampleCount: Int
    public var dimension: Int
    /// When convex: one subgradient gᵢ per sample in original units, d × n like ``Dataset/inputs``
    /// (sample i at `i*d ..< (i+1)*d`); f(x) = maxᵢ yᵢ + gᵢᵀ(x − xᵢ) interpolates the data.
    public var subgradients: [Double]?
    /// When convex: max over i ≠ j of yᵢ + gᵢᵀ(xⱼ − xᵢ) − yⱼ, recomputed in the target's units
    /// (0 when every interpolation row holds exactly).
    public var interpolationViolation: Double?
    /// When not convex: the proof.
    public var certificate: NonConvexityCertificate?
    /// LPs solved (point LPs and certificate reductions).
    public var lpCount = 0
    public var solver: String
    public var seconds = 0.0

    public init(convex: Bool, sampleCount: Int, dimension: Int, solver: String) {
        self.convex = convex
        self.sampleCount = sampleCount
        self.dimension = dimension
        self.solver = solver
    }
}
