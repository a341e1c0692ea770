import Foundation
import Transport

/// Text, JSON and CSV output of `hycnn transport`.
enum TransportReport {
    static func format(_ x: Double) -> String { String(format: "%.10g", x) }
    static func short(_ x: Double) -> String { x.isNaN ? "n/a" : String(format: "%.2g", x) }
    /// A tolerance: "1e-9" for a power of ten, else two significant digits.
    static func power(_ x: Double) -> String {
        let e = log10(x).rounded()
        return x > 0 && pow(10, e) == x ? "1e\(Int(e))" : short(x)
    }

    /// The status word: an entropic plan that converged is "approximate", never optimal (its
    /// certificate is not expected to verify); otherwise the solver's status.
    static func status(_ outcome: TransportOutcome) -> (word: String, summary: String) {
        let status = outcome.plan.status
        if outcome.entropic != nil && status.hasOptimalPoint {
            return ("approximate", "approximate (entropic plan: Sinkhorn converged to its marginal tolerance; not certified optimal)")
        }
        return (status.rawValue, status.summary)
    }

    static func text(_ outcome: TransportOutcome, input: TransportInput, output: String?, svg: String?) -> String {
        let problem = input.problem, plan = outcome.plan, certificate = outcome.certificate
        let n = problem.sourceCount, m = problem.targetCount
        var lines = ["transport: \(n) sources (\(input.sourceFile)) → \(m) targets (\(input.targetFile)), \(input.costDescription), total mass \(format(problem.totalMass))"]
        lines.append("method: \(outcome.methodTitle), \(plan.iterations) \(plan.method == NetworkSimplex.methodName ? "pivots" : "iterations"), \(String(format: "%.3g", plan.seconds)) s")
        lines.append("status: \(status(outcome).summary)")
        lines.append("cost: \(format(plan.cost))")
        if let entropic = outcome.entropic {
            lines.append("  regularised cost \(format(entropic.regularizedCost)), Sinkhorn marginal error \(short(entropic.marginalError / problem.totalMass)) (relative)")
        }
        let bound = plan.method == NetworkSimplex.methodName ? " (at most n + m − 1 = \(n + m - 1))" : ""
        lines.append("plan: \(plan.entries.count) entries\(bound)")
        let measures = "max dual violation \(short(certificate.maxDualViolation)), marginal error \(short(certificate.marginalError)), duality gap \(short(certificate.gap))"
        if certificate.verified {
            lines.append("certificate: verified independently: \(measures) (each ≤ \(power(outcome.tolerance)), relative)")
        } else if outcome.entropic != nil {
            lines.append("certificate: not verified, as expected of an entropic plan: \(measures)")
        } else {
            lines.append("certificate: NOT verified: \(measures)")
            for failure in certificate.failures { lines.append("  " + failure) }
        }
        if let output { lines.append("plan written to \(output)") }
        if let svg { lines.append("drawing written to \(svg)") }
        return lines.joined(separator: "\n")
    }

    static func json(_ outcome: TransportOutcome, input: TransportInput, output: String?, svg: String?) -> [String: Any] {
        let plan = outcome.plan, certificate = outcome.certificate
        var object: [String: Any] = [
            "status": status(outcome).word,
            "sourceInput": input.source.json,
            "targetInput": input.target.json,
            "memoryEstimate": input.memoryEstimate,
            "cost": JSONOutput.number(plan.cost),
            "method": plan.method,
            "seconds": plan.seconds,
            "iterations": plan.iterations,
            "sources": input.problem.sourceCount,
            "targets": input.problem.targetCount,
            "totalMass": input.problem.totalMass,
            "entries": plan.entries.count,
            "certificate": [
                "gap": JSONOutput.number(certificate.gap),
                "maxDualViolation": JSONOutput.number(certificate.maxDualViolation),
                "marginalError": JSONOutput.number(certificate.marginalError),
                "negativeMass": JSONOutput.number(certificate.negativeMass),
                "recomputedCost": JSONOutput.number(certificate.recomputedCost),
                "dualObjective": JSONOutput.number(certificate.dualObjective),
                "verified": certificate.verified,
                "tolerance": outcome.tolerance,
                "failures": certificate.failures,
            ] as [String: Any],
            "planFile": output ?? NSNull(),
            "svg": svg ?? NSNull(),
        ]
        if let entropic = outcome.entropic {
            object["epsilon"] = entropic.epsilon
            object["regularizedCost"] = JSONOutput.number(entropic.regularizedCost)
            object["sinkhornMarginalError"] = JSONOutput.number(entropic.marginalError / input.problem.totalMass)
        }
        return object
    }

    /// The plan as CSV: source_row, target_row (1-based data rows), mass, cost of the pair.
    static func planCSV(_ plan: TransportPlan, problem: TransportProblem) -> String {
        var text = "source_row,target_row,mass,cost\n"
        for e in plan.entries {
            text += "\(e.source + 1),\(e.target + 1),\(e.mass),\(problem.cost[e.source, e.target])\n"   // shortest round-trip digits
        }
        return text
    }
}
