/// What an answer may be called, derived in one place from the solver's status (after
/// ``RayFinder/settle(_:for:using:integerSolver:tolerances:)``) and whether the independent
/// certificate verified: "optimal" only with a verified optimality certificate (for a MIP:
/// verified feasibility and integrality, optimality being the solver's word), "infeasible" and
/// "unbounded" only with a verified ray; any claim whose certificate fails is "unverified".
public struct Verdict: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// Optimal with a verified certificate (for a MIP: feasibility and integrality verified).
        case optimal
        /// Infeasible, proved by a verified Farkas ray.
        case infeasible
        /// Unbounded, proved by a verified improving ray and feasible point.
        case unbounded
        /// A time or iteration limit stopped the solver.
        case limit
        /// The solver claimed an answer (optimal, infeasible, unbounded) its certificate does not support.
        case unverified
        /// The solver failed, or the evidence contradicted its answer (see `Solution.diagnosis`).
        case numericalError
    }

    public var outcome: Outcome
    /// The solver's status the verdict was derived from.
    public var claimed: SolutionStatus
    /// True when the answer came from a mixed-integer solve (optimality is then the solver's word).
    public var mixedInteger: Bool

    /// `certified`: the answer's certificate verified (and, for composite answers such as
    /// surrogate problems, every other check printed beside it passed).
    public init(status: SolutionStatus, certified: Bool, mixedInteger: Bool = false) {
        claimed = status
        self.mixedInteger = mixedInteger
        switch status {
        case .optimal, .almostOptimal: outcome = certified ? .optimal : .unverified
        case .primalInfeasible: outcome = certified ? .infeasible : .unverified
        case .dualInfeasible: outcome = certified ? .unbounded : .unverified
        case .iterationLimit, .timeLimit: outcome = .limit
        case .numericalError: outcome = .numericalError
        }
    }

    public init(_ solution: Solution, report: CertificateReport) {
        self.init(status: solution.status, certified: report.verified, mixedInteger: solution.isMixedInteger)
    }

    /// The machine word (JSON `status`): optimal, infeasible, unbounded, timeLimit,
    /// iterationLimit, unverified or numericalError.
    public var word: String {
        switch outcome {
        case .limit: return claimed.rawValue
        default: return outcome.rawValue
        }
    }

    /// The words for people (the text `status` line).
    public var summary: String {
        switch outcome {
        case .optimal:
            return mixedInteger ? "optimal — the solver's word for optimality; feasibility and integrality verified"
                                : "optimal (certificate verified)"
        case .infeasible: return "infeasible (Farkas ray verified)"
        case .unbounded: return "unbounded (improving ray verified)"
        case .limit: return claimed.summary
        case .unverified: return "NOT verified — the solver said \(claimed.summary), but a check below fails"
        case .numericalError: return "numerical error"
        }
    }
}
