extension SolverChoice {
    /// The other solver family for an LP, for a second opinion on an answer that does not
    /// verify: GLPK's LP methods → our interior point, our interior point → GLPK's primal
    /// simplex; nil for branch-and-cut (and `auto`, which must be resolved first).
    public var alternative: SolverChoice? {
        switch self {
        case .simplex, .dualSimplex, .interior: return .ipm
        case .ipm: return .simplex
        case .mip, .auto: return nil
        }
    }
}
