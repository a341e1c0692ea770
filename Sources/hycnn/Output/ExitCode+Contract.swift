import ArgumentParser
import LinearProgramming

/// The README's exit-code contract, named once; every command exits through these.
/// `success` (0: optimal and verified, convex, solved) and `failure` (1: an error, or an answer
/// whose certificate does not verify) are ArgumentParser's own.
extension ExitCode {
    /// 2: infeasible or unbounded, proved by a verified ray.
    static let infeasibleOrUnbounded = ExitCode(2)
    /// 3: a time or iteration limit stopped the solver (check-data: also undecided at its tolerance).
    static let limitOrUndecided = ExitCode(3)
    /// 4: not convex (check-data: with a verified certificate; certify: not certified convex).
    static let notConvex = ExitCode(4)

    /// The exit code of an answer with this verdict: success only when optimal and verified,
    /// infeasibleOrUnbounded only with a verified ray, limitOrUndecided after a limit, failure
    /// for an unverified claim or a numerical error.
    init(_ verdict: Verdict) {
        switch verdict.outcome {
        case .optimal: self = .success
        case .infeasible, .unbounded: self = .infeasibleOrUnbounded
        case .limit: self = .limitOrUndecided
        case .unverified, .numericalError: self = .failure
        }
    }

    /// The exit code of a solver's `status` whose certificate `verified` (or not): see ``init(_:)``.
    init(status: SolutionStatus, verified: Bool) {
        self.init(Verdict(status: status, certified: verified))
    }
}
