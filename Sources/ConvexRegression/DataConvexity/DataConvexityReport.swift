/// What ``DataConvexity/check(_:using:relativeTolerance:deadline:)`` found.
public struct DataConvexityReport: Sendable {
    /// The answer, each with its proof (see ``DataConvexity``).
    public enum Verdict: String, Sendable {
        /// A convex f with yⱼ ≤ f(xⱼ) ≤ yⱼ + τ exists: `subgradients`, every row re-checked.
        case convex
        /// None exists: `certificate`, re-checked exactly on the data.
        case notConvex
        /// Neither proof could be verified at this tolerance (`undecidedSamples` say where).
        case undecided
        /// The deadline passed before an answer.
        case timeLimit
    }

    public var verdict: Verdict
    /// True exactly when the verdict is `convex`.
    public var convex: Bool { verdict == .convex }
    public var sampleCount: Int
    public var dimension: Int
    /// τ = `relativeTolerance` × (max yᵢ − min yᵢ), in the target's units.
    public var tolerance = 0.0
    public var relativeTolerance = 0.0
    /// When convex: one subgradient gᵢ per sample in original units, d × n like ``Dataset/inputs``
    /// (sample i at `i*d ..< (i+1)*d`); f(x) = maxᵢ yᵢ + gᵢᵀ(x − xᵢ) has yⱼ ≤ f(xⱼ) ≤ yⱼ + τ.
    public var subgradients: [Double]?
    /// When convex: a verified upper bound on max over i ≠ j of yᵢ + gᵢᵀ(xⱼ − xᵢ) − yⱼ (≤ τ).
    public var interpolationViolation: Double?
    /// When not convex: the proof.
    public var certificate: NonConvexityCertificate?
    /// When undecided: the samples (0-based) at which neither proof verified, and why (first one).
    public var undecidedSamples: [Int] = []
    public var undecidedReason: String?
    /// LPs solved (point LPs and certificate reductions).
    public var lpCount = 0
    public var solver: String
    public var seconds = 0.0

    public init(verdict: Verdict, sampleCount: Int, dimension: Int, solver: String) {
        self.verdict = verdict
        self.sampleCount = sampleCount
        self.dimension = dimension
        self.solver = solver
    }
}
