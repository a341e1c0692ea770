/// Tolerances of ``verify(_:for:tolerances:)``. All residuals are relative (see `CertificateReport`).
public struct VerificationTolerances: Sendable {
    /// Largest allowed relative violation of a bound, violation / (1 + |bound|), or of a row,
    /// violation / (1 + max(|bound|, Σ|aᵢⱼ xⱼ|)).
    public var primalFeasibility: Double = 1e-6
    /// Largest allowed relative dual sign violation: violation / (1 + ‖c‖∞).
    public var dualFeasibility: Double = 1e-6
    /// Largest allowed relative duality gap |primal − dual| / (1 + |primal|), also applied to
    /// complementarity and to the solver's objective against the recomputed cᵀx + constant.
    public var gap: Double = 1e-6
    /// Largest allowed distance of an integer variable from the nearest integer.
    public var integrality: Double = 1e-6
    /// Largest allowed sign violation of a ray normalised to ‖ray‖∞ = 1.
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
    /// max sign violation of the recomputed reduced costs c − Aᵀy and of y, / (1 + ‖c‖∞).
    public var dualResidual: Double?
    /// max complementarity product |y·slack|, |d·(x − bound)|, / (1 + |objective|).
    public var complementarity: Double?
    /// |primal objective − dual objective| / (1 + |primal objective|).
    public var dualityGap: Double?
    /// The dual objective recomputed from y.
    public var dualObjective: Double?
    /// Sign violation of a ray normalised to ‖ray‖∞ = 1.
    public var rayResidual: Double?
    /// For a Farkas ray the proof value (> 0), for an improving ray the objective slope (< 0 in minimisation form).
    public var rayObjective: Double?
    /// Which checks failed, in words; empty when verified.
    public var failures: [String]

    /// True when there was something to check and every check passed.
    public var verified: Bool { kind != .none && failures.isEmpty }

    public init(kind: Kind, failures: [String] = []) {
        self.kind = kind
        self.failures = failures
    }
}
