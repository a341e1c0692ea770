import LinearProgramming

/// One evaluation of an exact conjugate f*(y) = sup_x ⟨x, y⟩ − f(x), with the LP answer it rests
/// on and its independently verified certificate.
///
/// - ``Verdict/Outcome/optimal``: y ∈ dom f*; ``value`` = f*(y) = −(LP optimum), ``maximizer`` =
///   x*(y), a subgradient of f* at y (the gradient where f* is differentiable: the inverse map).
/// - ``Verdict/Outcome/unbounded``: y ∉ dom f* (outside the convex hull of f's slopes); ``value``
///   is +∞ and ``ascentDirection`` the x-part d of the verified improving ray: ⟨x, y⟩ − f(x)
///   grows without limit along x₀ + s·d.
/// - anything else: the solver's answer did not verify; ``value`` is NaN and nothing is claimed.
public struct ConjugateValue: Sendable {
    /// The point the conjugate was evaluated at.
    public var y: [Double]
    /// What the answer may be called, from the solver's status and the certificate check.
    public var verdict: Verdict
    /// f*(y): −(LP optimum) when verified optimal, +∞ when verified unbounded, NaN otherwise.
    public var value: Double
    /// x*(y) = ∇f*(y), when verified optimal.
    public var maximizer: [Double]?
    /// f(x*) by the network's forward pass, when verified optimal.
    public var potentialAtMaximizer: Double?
    /// ⟨x*, y⟩ − f(x*): a lower bound on f*(y) resting on the forward pass alone.
    public var lowerBound: Double?
    /// −(the certificate's safe dual bound): an upper bound on f*(y) resting on the verified duals.
    public var upperBound: Double?
    /// The x-part of the verified improving ray, when y ∉ dom f*.
    public var ascentDirection: [Double]?
    /// Whether the LP value agrees with the forward pass at x* (|value − lowerBound| within the
    /// stated tolerance): the epigraph encoding was tight at the optimum.
    public var exact: Bool
    /// The tolerance `exact` was judged with: gap tolerance·(1 + |f(x*)| + Σᵢ|x*ᵢ yᵢ|).
    public var exactnessTolerance: Double?
    /// The solver's answer (on the LP of ``ExactConjugate/program(for:)``).
    public var solution: Solution
    /// The independent check of that answer.
    public var certificate: CertificateReport

    /// True when y ∈ dom f* with a verified optimum that the forward pass confirms.
    public var isFinite: Bool { verdict.outcome == .optimal && exact }
    /// True when a verified improving ray proves y ∉ dom f*.
    public var isOutsideDomain: Bool { verdict.outcome == .unbounded }
}
