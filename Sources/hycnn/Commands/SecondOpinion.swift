import Foundation
import LinearProgramming

/// A second solver for an LP whose first answer is not verified (a failed certificate or a
/// verdict the evidence contradicted; never after a limit): GLPK's methods ↔ our interior
/// point. The verified answer is reported, with a note naming the first solver's failure.
enum SecondOpinion {
    /// Whether an answer with this verdict deserves a second solver.
    static func wanted(_ verdict: Verdict) -> Bool {
        verdict.outcome == .unverified || verdict.outcome == .numericalError
    }

    /// The note on a replaced answer: what the first solver said and why it was not trusted
    /// (`reason`, else its diagnosis or first certificate failure).
    static func note(first: Solution, report: CertificateReport, reason: String? = nil, second: Solution) -> String {
        let why = reason ?? first.diagnosis ?? report.failures.first ?? first.status.summary
        return "\(first.solver) said \(first.status.summary), not verified (\(why)); this answer is \(second.solver)'s"
    }
}
