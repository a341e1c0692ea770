import LinearProgramming

/// Proof that no convex function interpolates the data: multipliers on the rows of one sample's
/// point LP, equivalently weights μ with xᵢ = Σ μⱼ xⱼ and yᵢ > Σ μⱼ yⱼ (Jensen fails).
public struct NonConvexityCertificate: Sendable {
    public enum Reason: String, Sendable {
        /// Two samples have the same inputs and different targets: no function at all fits.
        case repeatedInput
        /// A sample lies strictly above the lower convex hull of the others.
        case aboveLowerHull
    }

    public var reason: Reason
    /// The Farkas ray's nonzero entries, λᵢⱼ > 0, all with the same `point`.
    public var multipliers: [PairMultiplier]
    /// Every sample the certificate involves, sorted, 0-based indices into the data set's rows.
    public var points: [Int]
    /// The sample i above the hull (0-based).
    public var point: Int
    /// The samples j whose combination lies below it (0-based), and their weights μⱼ (Σ μ = 1).
    public var neighbours: [Int]
    public var weights: [Double]
    /// yᵢ and Σ μⱼ yⱼ in the target's units: a convex f would need target ≤ combinedTarget.
    public var target: Double
    public var combinedTarget: Double
    /// `verify` of the multipliers as a Farkas ray of the sample's point LP (standardised units);
    /// padded with zeros (``farkasRay(sampleCount:)``) they are a ray of the whole LP. For
    /// information: the proof is `plainCheck`.
    public var lpReport: CertificateReport
    /// The exact re-check on the original data at the report's tolerance
    /// (``DataConvexity/checkPlainly(_:data:tolerance:)``).
    public var plainCheck: PlainCertificateCheck

    /// The certificate proves that no convex function fits: the exact re-check passed.
    public var verified: Bool { plainCheck.passed }

    /// The multipliers as a Farkas ray of ``DataConvexity/interpolationProgram(for:)``: entry
    /// i·(n − 1) + (j < i ? j : j − 1) is λᵢⱼ.
    public func farkasRay(sampleCount n: Int) -> [Double] {
        var ray = [Double](repeating: 0, count: n * (n - 1))
        for m in multipliers { ray[m.point * (n - 1) + DataConvexity.pointRow(point: m.point, neighbour: m.neighbour)] = m.weight }
        return ray
    }
}
