import LinearProgramming

/// The README's exit-code contract for `solve` and `minimize`, in one place: 0 optimal and
/// verified, 1 error or a claim whose certificate fails, 2 infeasible or unbounded with a
/// verified ray, 3 time or iteration limit.
enum ExitStatus {
    static func code(for verdict: Verdict) -> Int32 {
        switch verdict.outcome {
        case .optimal: return 0
        case .infeasible, .unbounded: return 2
        case .limit: return 3
        case .unverified, .numericalError: return 1
        }
    }
}
