/// Bounds lower ≤ f_τ*(y) ≤ upper on the conjugate of a smooth potential (see
/// ``SmoothPotentialBracket``): upper is f_max*(y) (the larger of the twin's LP value and its
/// certified upper bound), lower the larger of f_max*(y) − Δ and ⟨x*, y⟩ − f_τ(x*) (any x gives
/// a lower bound on a supremum; at the twin's maximiser it is at least f_max*(y) − Δ up to the
/// LP's tolerance). Both are +∞ when the twin's verified ray puts y outside the domain, NaN when
/// the twin's LP did not verify.
public struct ConjugateBracket: Sendable {
    /// The exact conjugate of the max-gate twin at y, with its certificate.
    public var twin: ConjugateValue
    /// Δ: f_max ≤ f_τ ≤ f_max + Δ.
    public var offset: Double
    public var lower: Double
    public var upper: Double
    /// ⟨x*, y⟩ − f_τ(x*) at the twin's maximiser, when it has one.
    public var smoothLowerBound: Double?

    /// upper − lower: at most Δ.
    public var width: Double { upper - lower }
}
