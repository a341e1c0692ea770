/// The outcome of ``DataConvexity/checkPlainly(_:data:tolerance:)`` (λ normalised to Σλ = 1).
public struct PlainCertificateCheck: Sendable {
    /// max over samples i and coordinates k of |Σⱼ λᵢⱼ (xⱼₖ − xᵢₖ)| / Σⱼ λᵢⱼ |xⱼₖ − xᵢₖ|.
    public var balanceResidual = 0.0
    /// Where `balanceResidual` is attained (0-based sample, coordinate), if anywhere.
    public var worstBalance: (sample: Int, coordinate: Int)?
    /// Σ λᵢⱼ (yⱼ − yᵢ): negative for a proof.
    public var targetSum = Double.nan
    /// Σ λᵢⱼ |yⱼ − yᵢ|, the size of the terms `targetSum` adds up.
    public var targetScale = Double.nan
    /// What failed, in words; empty when the certificate holds.
    public var failures: [String] = []

    public var passed: Bool { failures.isEmpty }
}
