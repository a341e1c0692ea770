/// The outcome of ``DataConvexity/checkPlainly(_:data:tolerance:)``: the re-check of a
/// non-convexity certificate on the original data, without any LP and without rounding error
/// deciding it.
public struct PlainCertificateCheck: Sendable {
    /// How the exact weights were established.
    public enum Method: String, Sendable {
        /// The multipliers balance the inputs exactly: Σⱼ λⱼ (xⱼ − xᵢ) = 0 in exact arithmetic.
        case exact
        /// They balance only to rounding; exact weights μ* lie within `weightRadius` of them
        /// (a verified enclosure over k + 1 affinely independent samples in the k coordinates
        /// `enclosedCoordinates`; every other coordinate balances exactly for those weights).
        case enclosure
    }

    public var method: Method?
    /// τ: the proof needs yᵢ − Σ μ*ⱼ yⱼ > τ (target units).
    public var tolerance = 0.0
    /// max over coordinates k of |Σⱼ λⱼ (xⱼₖ − xᵢₖ)| / Σⱼ λⱼ |xⱼₖ − xᵢₖ| (0 when exact).
    public var balanceResidual = 0.0
    /// Where `balanceResidual` is attained (0-based sample, coordinate), if anywhere.
    public var worstBalance: (sample: Int, coordinate: Int)?
    /// With `enclosure`: the coordinates (0-based) in which the weights were enclosed.
    public var enclosedCoordinates: [Int] = []
    /// The radius of the enclosure of the exact weights (0 when the balance is exact).
    public var weightRadius = 0.0
    /// Σ μⱼ (yⱼ − yᵢ) with μ = λ / Σλ: negative for a proof.
    public var targetSum = Double.nan
    /// Σ μⱼ |yⱼ − yᵢ|, the size of the terms `targetSum` adds up.
    public var targetScale = Double.nan
    /// A lower bound on yᵢ − Σ μ*ⱼ yⱼ for the exact weights μ*: the proof holds when it exceeds `tolerance`.
    public var provedExcess = -Double.infinity
    /// What failed, in words; empty when the certificate holds.
    public var failures: [String] = []

    public var passed: Bool { failures.isEmpty && method != nil }
}
