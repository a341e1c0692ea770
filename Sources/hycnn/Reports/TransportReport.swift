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
    /// certificate is not expected to verify); an optimum whose certificate fails is
    /// "unverified" (as in `solve`); otherwise the solver's status (JSON `solverStatus` always).
    static func status(_ outcome: TransportOutcome) -> (word: String, summary: String) {
        let status = outcome.plan.status
        if outcome.entropic != nil && status.hasOptimalPoint {
            return ("approximate", "approximate (entropic plan: Sinkhorn converged to its marginal tolerance; not certified optimal)")
        }
        if status.hasOptimalPoint && !outcome.certificate.verified {
            return ("unverified", "NOT verified — the solver said \(status.summary), but the certificate below fails")
        }
        return (status.rawValue, status.summary)
    }

    static func text(_ outcome: TransportOutcome, input: TransportInput, output: String?, svg: String?) -> String {
        let plan = outcome.plan, certificate = outcome.certificate
        let n = input.sourceCount, m = input.targetCount
        let masses = input.problem != nil ? "total mass \(format(input.sourceMass))"
            : "source mass \(format(input.sourceMass)), target mass \(format(input.targetMass))"
        var lines = ["transport: \(n) sources (\(input.sourceFile)) → \(m) targets (\(input.targetFile)), \(input.costDescription), \(masses)"]
        lines.append("method: \(outcome.methodTitle), \(plan.iterations) \(plan.method == NetworkSimplex.methodName ? "pivots" : "iterations"), \(String(format: "%.3g", plan.seconds)) s")
        lines.append("status: \(status(outcome).summary)")
        var cost = "cost: \(format(plan.cost))"
        if case .unbalanced = outcome.variant {                        // the objective: transport plus penalties
            let transport = plan.transportCost(input.cost)
            cost += " (transport \(format(transport)), penalties \(format(plan.cost - transport)))"
        }
        lines.append(cost)
        if outcome.variant != .balanced {
            let moved = unmatched(plan, input: input)
            lines.append("mass: \(format(moved.shipped)) shipped; \(format(moved.destroyed)) of the sources' and \(format(moved.created)) of the targets' left unmatched")
        }
        if let entropic = outcome.entropic {
            lines.append("  regularised cost \(format(entropic.regularizedCost)), Sinkhorn marginal error \(short(entropic.marginalError / input.sourceMass)) (relative)")
        }
        let bound = plan.method == NetworkSimplex.methodName ? " (at most n + m − 1 = \(n + m - 1))" : ""
        lines.append("plan: \(counted(plan.entries.count, "entry"))\(bound)")
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
            "solverStatus": plan.status.rawValue,
            "sourceInput": input.source.json,
            "targetInput": input.target.json,
            "memoryEstimate": input.memoryEstimate,
            "objective": JSONOutput.number(plan.cost),
            "solver": plan.method,
            "seconds": plan.seconds,
            "iterations": plan.iterations,
            "sourceCount": input.sourceCount,
            "targetCount": input.targetCount,
            "totalMass": input.problem != nil ? input.sourceMass : NSNull(),
            "sourceMass": input.sourceMass,
            "targetMass": input.targetMass,
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
            object["sinkhornMarginalError"] = JSONOutput.number(entropic.marginalError / input.sourceMass)
        }
        switch outcome.variant {
        case .balanced: object["variant"] = "balanced"
        case .partial(let mass):
            object["variant"] = "partial"
            object["mass"] = mass
        case .unbalanced(let destroyed, let created):
            object["variant"] = "unbalanced"
            object["penalties"] = ["destroyed": destroyed, "created": created]
        }
        if outcome.variant != .balanced {
            let moved = unmatched(plan, input: input)
            object["transportCost"] = JSONOutput.number(plan.transportCost(input.cost))
            object["unmatched"] = ["shipped": moved.shipped, "destroyed": moved.destroyed, "created": moved.created]
        }
        return object
    }

    /// The mass shipped, and the source and target mass left unmatched by a partial or unbalanced plan.
    static func unmatched(_ plan: TransportPlan, input: TransportInput) -> (shipped: Double, destroyed: Double, created: Double) {
        let shipped = plan.entries.reduce(0) { $0 + $1.mass }
        return (shipped, max(input.sourceMass - shipped, 0), max(input.targetMass - shipped, 0))
    }

    /// The plan as CSV: source_row, target_row (1-based data rows), mass, cost of the pair.
    static func planCSV(_ plan: TransportPlan, cost: CostMatrix) -> String {
        var text = "source_row,target_row,mass,cost\n"
        for e in plan.entries {
            text += "\(e.source + 1),\(e.target + 1),\(e.mass),\(cost[e.source, e.target])\n"   // shortest round-trip digits
        }
        return text
    }

    /// The dual potentials as CSV: side (source or target), row (1-based data row), potential.
    static func potentialsCSV(_ plan: TransportPlan) -> String {
        var text = "side,row,potential\n"
        for (i, u) in plan.sourcePotentials.enumerated() { text += "source,\(i + 1),\(u)\n" }
        for (j, v) in plan.targetPotentials.enumerated() { text += "target,\(j + 1),\(v)\n" }
        return text
    }

    /// `plan` (entries with 1-based rows, mass and cost) and `potentials` (`source`, `target`) for the JSON.
    static func planJSON(_ plan: TransportPlan, cost: CostMatrix) -> [String: Any] {
        ["plan": plan.entries.map { ["sourceRow": $0.source + 1, "targetRow": $0.target + 1, "mass": $0.mass, "cost": cost[$0.source, $0.target]] },
         "potentials": ["source": plan.sourcePotentials.map(JSONOutput.number), "target": plan.targetPotentials.map(JSONOutput.number)]]
    }

    /// The plan's entries as an aligned table (text output with --plan).
    static func planTable(_ plan: TransportPlan, cost: CostMatrix) -> String {
        var text = "plan entries (source row, target row, mass, cost):\n"
        for e in plan.entries { text += String(format: "  %6d  %6d  %.10g  %.10g\n", e.source + 1, e.target + 1, e.mass, cost[e.source, e.target]) }
        return text
    }
}
