/// Where branch-and-cut stands: the solver's own figures, not certificates.
public struct MIPProgress: Sendable, Equatable {
    /// Seconds since the search started.
    public var seconds: Double
    /// Nodes in the tree now (`active`: still to explore) and created in all.
    public var activeNodes: Int
    public var totalNodes: Int
    /// The best integer-feasible objective so far (nil before the first).
    public var incumbent: Double?
    /// The best open node's LP bound on the optimum (nil when there is none).
    public var bound: Double?
    /// |incumbent − bound| / (|incumbent| + ε), as GLPK computes it (nil without an incumbent).
    public var gap: Double?
    /// True when this call reports a new incumbent.
    public var newIncumbent: Bool
}
