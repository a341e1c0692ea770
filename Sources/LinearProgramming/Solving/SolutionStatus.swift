/// How a solve ended. Outcomes are values, never thrown errors.
public enum SolutionStatus: String, Sendable, Codable, CaseIterable {
    /// Optimal to the solver's tolerances.
    case optimal
    /// Optimal only to reduced tolerances.
    case almostOptimal
    /// No point satisfies the constraints (`Solution.farkasRay` proves it when present).
    case primalInfeasible = "infeasible"
    /// Feasible but the objective improves without limit (`Solution.improvingRay` proves it).
    case dualInfeasible = "unbounded"
    case iterationLimit
    case timeLimit
    case numericalError

    /// True when the solver found an optimal point, to its full or its reduced tolerances
    /// (`optimal` or `almostOptimal`).
    public var hasOptimalPoint: Bool { self == .optimal || self == .almostOptimal }

    /// True when the solver stopped on a limit rather than an answer.
    public var isLimit: Bool { self == .iterationLimit || self == .timeLimit }

    /// Words for people: "optimal", "infeasible", "unbounded", "time limit", …
    public var summary: String {
        switch self {
        case .optimal: return "optimal"
        case .almostOptimal: return "almost optimal (reduced tolerances)"
        case .primalInfeasible: return "infeasible"
        case .dualInfeasible: return "unbounded"
        case .iterationLimit: return "iteration limit reached"
        case .timeLimit: return "time limit reached"
        case .numericalError: return "numerical error"
        }
    }
}
