/// Tolerances of ``verify(_:for:tolerances:)``. Every residual is relative to the magnitudes
/// that enter its own row or column, never to the largest number in the model, so one huge
/// coefficient elsewhere cannot hide a wrong sign in a small column (see `CertificateReport`).
public struct VerificationTolerances: Sendable {
    /// Largest allowed relative violation of a bound, violation / (1 + |bound|), or of a row,
    /// violation / (1 + max(|bound|, Σⱼ|aᵢⱼ xⱼ|)).
    public var primalFeasibility: Double = 1e-6
    /// Largest allowed relative dual sign violation: for column j, the wrong-signed part of the
    /// reduced cost dⱼ = cⱼ − Σᵢ aᵢⱼ yᵢ over 1 + |cⱼ| + Σᵢ |aᵢⱼ yᵢ|; for row i, the wrong-signed
    /// part of yᵢ times maxⱼ |aᵢⱼ| / (1 + |cⱼ| + Σₖ |aₖⱼ yₖ|) over the columns j of the row.
    /// Also bounds the solver's reduced costs against the recomputed ones, column by column.
    public var dualFeasibility: Double = 1e-6
    /// Largest allowed relative duality gap |primal − dual bound| / (1 + |Σ cⱼ xⱼ over the
    /// columns that are not fixed|) — the objective constant and fixed columns are left out of
    /// the scale — also applied to the largest complementarity product.
    public var gap: Double = 1e-6
    /// Largest allowed difference between the solver's objective and cᵀx + constant recomputed,
    /// relative to 1 + |constant| + Σ|cⱼ xⱼ| (the same terms added twice: only rounding differs).
    public var objectiveAgreement: Double = 1e-9
    /// Largest allowed distance of an integer variable from the nearest integer.
    public var integrality: Double = 1e-6
    /// Largest allowed relative sign violation of a ray normalised to ‖ray‖∞ = 1 (per row and
    /// column, see ``CertificateReport/rayResidual``).
    public var ray: Double = 1e-8

    public init() {}
}

/// What ``verify(_:for:tolerances:)`` recomputed from the model and the solution alone.
public struct CertificateReport: Sendable {
    public enum Kind: String, Sendable {
        /// Primal point + duals: optimality of an LP solution.
        case optimality
        /// Primal point of a MIP: feasibility and integrality (optimality is the solver's word).
        case mixedIntegerFeasibility
        /// Row multipliers proving infeasibility.
        case farkasRay
        /// Improving direction (+ feasible point) proving unboundedness.
        case improvingRay
        /// Nothing to check (limit reached, numerical error, or no certificate given).
        case none
    }

    public var kind: Kind
    /// max relative violation of the rows and bounds (see `VerificationTolerances`); for a MIP also integrality.
    public var primalResidual: Double?
    /// Largest relative sign violation of the recomputed reduced costs d = c − Aᵀy (column j over
    /// 1 + |cⱼ| + Σᵢ|aᵢⱼ yᵢ|) and of the row duals y (see ``VerificationTolerances/dualFeasibility``).
    public var dualResidual: Double?
    /// Largest complementarity product |yᵢ·(aᵢᵀx − bound)|, |dⱼ·(xⱼ − bound)| with each multiplier's
    /// paired bound, over the objective scale of ``dualityGap``.
    public var complementarity: Double?
    /// |primal objective − dual bound| / (1 + |Σ cⱼ xⱼ over non-fixed columns|), both sums
    /// compensated so cancelling large terms lose nothing.
    public var dualityGap: Double?
    /// The safe dual bound from y: Σᵢ yᵢ·(lowerᵢ if yᵢ > 0, upperᵢ if yᵢ < 0) + Σⱼ dⱼ·(lowerⱼ if
    /// dⱼ > 0, upperⱼ if dⱼ < 0) + constant — the minimum of the Lagrangian over the bounds, so a
    /// wrong reduced cost on a boxed column lowers it. A multiplier whose needed bound is infinite
    /// is charged at the bound the rows imply (one pass of row-activity propagation over the
    /// column bounds) when they imply one; otherwise it is dropped (taken as 0) and counted in
    /// ``dualResidual`` only.
    public var dualObjective: Double?
    /// Largest relative sign violation of a ray normalised to ‖ray‖∞ = 1: for a Farkas ray column
    /// j's over maxᵢ|aᵢⱼ| + Σᵢ|aᵢⱼ yᵢ| and row i's as for ``dualResidual``; for an improving ray a
    /// bound's over 1 and row i's over maxⱼ|aᵢⱼ|.
    public var rayResidual: Double?
    /// For a Farkas ray the proof value (> 0), for an improving ray the objective slope (< 0 in minimisation form).
    public var rayObjective: Double?
    /// Which checks failed, in words; empty when verified.
    public var failures: [String]
    /// The tolerances the residuals were checked against.
    public var tolerances = VerificationTolerances()

    /// True when there was something to check and every check passed.
    public var verified: Bool { kind != .none && failures.isEmpty }

    public init(kind: Kind, failures: [String] = []) {
        self.kind = kind
        self.failures = failures
    }
}
