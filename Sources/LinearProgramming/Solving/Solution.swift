/// What a solver returns: the status, the point, the duals and, for infeasible or unbounded
/// problems, the ray that proves it. Check any of it with ``verify(_:for:tolerances:)``.
///
/// Dual sign convention (GLPK's): reduced costs are d = c − Aᵀy. For a minimisation at the
/// optimum a ≥ row (or lower bound) has y ≥ 0 (d ≥ 0), a ≤ row (or upper bound) y ≤ 0 (d ≤ 0);
/// for a maximisation the signs flip.
public struct Solution: Sendable {
    public var status: SolutionStatus
    /// cᵀx + constant; NaN unless the status is optimal or almost optimal.
    public var objective: Double
    /// The primal point (the best one found on a limit; may be empty when there is none).
    public var x: [Double]
    /// One dual value y per constraint (empty for MIP solutions).
    public var rowDuals: [Double]
    /// One reduced cost per variable, d = c − Aᵀy (empty for MIP solutions).
    public var reducedCosts: [Double]
    /// Row multipliers y proving infeasibility: d = −Aᵀy is sign-feasible and
    /// Σ y⁺·lower − y⁻·upper (rows) + Σ d⁺·lower − d⁻·upper (columns) > 0.
    public var farkasRay: [Double]?
    /// A direction r along which every feasible point stays feasible and the objective improves
    /// (cᵀr < 0 when minimising, > 0 when maximising); `x` then holds a feasible point.
    public var improvingRay: [Double]?
    /// True for a solution of a mixed-integer program: only feasibility and integrality are
    /// checkable; `mipGap` is the solver's own (unverified) relative gap between the objective
    /// of `x` and its best bound: 0 when proven optimal, and also given when a limit stopped
    /// the search with an incumbent in `x`.
    public var isMixedInteger: Bool
    public var mipGap: Double?
    /// Branch-and-cut's best bound on the optimum when a limit stopped it (the solver's word:
    /// the best open node's LP bound); nil otherwise.
    public var mipBound: Double?
    public var iterations: Int
    public var seconds: Double
    /// The solver and method that produced it, e.g. "glpk-simplex".
    public var solver: String
    /// Set when the status is not simply the solver's own word: why a claim was replaced or is
    /// left without a certificate (see ``RayFinder/settle(_:for:using:integerSolver:)``), e.g.
    /// "the solver said infeasible, but a feasible point was verified …".
    public var diagnosis: String?

    public init(status: SolutionStatus, objective: Double = .nan, x: [Double] = [], rowDuals: [Double] = [],
                reducedCosts: [Double] = [], farkasRay: [Double]? = nil, improvingRay: [Double]? = nil,
                isMixedInteger: Bool = false, mipGap: Double? = nil, iterations: Int = 0,
                seconds: Double = 0, solver: String, diagnosis: String? = nil) {
        self.status = status
        self.objective = objective
        self.x = x
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.farkasRay = farkasRay
        self.improvingRay = improvingRay
        self.isMixedInteger = isMixedInteger
        self.mipGap = mipGap
        self.iterations = iterations
        self.seconds = seconds
        self.solver = solver
        self.diagnosis = diagnosis
    }
}
