extension SolverChoice {
    /// The relative tolerance of a transport plan's certificate (dual feasibility, marginals and
    /// duality gap) when our interior point solved its LP: an interior point stops at a relative
    /// gap and infeasibility of 1e-8 (``InteriorPoint/InteriorPointSettings``), so its plan cannot
    /// meet the exact solvers' 1e-9; its LP certificate is also checked by `verify` (1e-6).
    public static let interiorPointTransportTolerance = 1e-7

    /// The tolerance a transport plan from this solver is certified to: nil (the certificate's
    /// own tolerances, 1e-9) for GLPK's methods, ``interiorPointTransportTolerance`` for ipm.
    public var transportTolerance: Double? {
        self == .ipm ? Self.interiorPointTransportTolerance : nil
    }
}
