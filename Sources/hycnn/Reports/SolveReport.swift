import Foundation
import LinearProgramming

/// The text and JSON that `hycnn solve` prints. Every word (status, verified) comes from the
/// one ``Verdict`` and the report's own `verified`; every residual is printed with its tolerance.
enum SolveReport {
    static func certificateJSON(_ report: CertificateReport) -> [String: Any] {
        let tolerances = report.tolerances
        return [
            "kind": report.kind.rawValue,
            "primalResidual": JSONOutput.number(report.primalResidual),
            "dualResidual": JSONOutput.number(report.dualResidual),
            "gap": JSONOutput.number(report.dualityGap),
            "complementarity": JSONOutput.number(report.complementarity),
            "rayResidual": JSONOutput.number(report.rayResidual),
            "verified": report.verified,
            "failures": report.failures,
            "tolerances": ["primalResidual": tolerances.primalFeasibility, "dualResidual": tolerances.dualFeasibility,
                           "gap": tolerances.gap, "complementarity": tolerances.gap, "rayResidual": tolerances.ray,
                           "integrality": tolerances.integrality],
        ]
    }

    static func json(model: LinearProgram, solution: Solution, report: CertificateReport) -> [String: Any] {
        let verdict = Verdict(solution, report: report)
        var object: [String: Any] = [
            "problem": ["name": model.name, "rows": model.constraintCount, "columns": model.variableCount,
                        "nonzeros": model.nonzeroCount, "sense": model.sense.rawValue],
            "status": verdict.word,
            "solverStatus": solution.status.rawValue,
            "objective": JSONOutput.number(solution.status.hasOptimalPoint ? solution.objective : nil),
            "solver": solution.solver,
            "seconds": solution.seconds,
            "iterations": solution.iterations,
            "certificate": certificateJSON(report),
        ]
        if solution.x.count == model.variableCount {
            object["variables"] = Dictionary(uniqueKeysWithValues: zip(model.variables.map(\.name), solution.x.map(JSONOutput.number)))
        }
        if solution.rowDuals.count == model.constraintCount && model.constraintCount > 0 {
            object["duals"] = Dictionary(uniqueKeysWithValues: zip(model.constraints.map(\.name), solution.rowDuals.map(JSONOutput.number)))
        }
        if let diagnosis = solution.diagnosis { object["diagnosis"] = diagnosis }
        if solution.isMixedInteger { object["mipGap"] = JSONOutput.number(solution.mipGap) }
        if let ray = solution.farkasRay { object["farkasRay"] = ray.map(JSONOutput.number) }
        if let ray = solution.improvingRay { object["improvingRay"] = ray.map(JSONOutput.number) }
        return object
    }

    /// `statusNote` qualifies the status, e.g. "LP relaxation: 3 integer columns made continuous".
    static func text(model: LinearProgram, solution: Solution, report: CertificateReport, allVariables: Bool,
                     statusNote: String? = nil) -> String {
        var lines: [String] = []
        lines.append("problem      \(model.name): \(model.constraintCount) rows, \(model.variableCount) columns, \(model.nonzeroCount) nonzeros, \(model.sense.rawValue)")
        lines.append("solver       \(solution.solver), \(solution.iterations) iterations, \(format(solution.seconds, digits: 3)) s")
        lines.append(contentsOf: statusLines(Verdict(solution, report: report), solution: solution, note: statusNote))
        if solution.status.hasOptimalPoint {
            lines.append("objective    \(solution.objective)")
        }
        lines.append(certificateLine(report))
        for failure in report.failures { lines.append("  ✗ \(failure)") }
        if solution.x.count == model.variableCount {
            lines.append(contentsOf: variableLines(model: model, x: solution.x, all: allVariables))
        }
        if solution.rowDuals.count == model.constraintCount && (1...20).contains(model.constraintCount) {
            lines.append(contentsOf: constraintLines(model: model, solution: solution))
        }
        return lines.joined(separator: "\n")
    }

    /// The status line from the verdict, the solver's MIP gap beside a MIP optimum (its word),
    /// and the diagnosis when the status is not simply the solver's word.
    static func statusLines(_ verdict: Verdict, solution: Solution, note: String? = nil) -> [String] {
        var lines = ["status       \(verdict.summary)" + (note.map { " (\($0))" } ?? "")]
        if verdict.outcome == .optimal && verdict.mixedInteger {
            lines.append("optimality   the solver's word: its relative MIP gap "
                         + (solution.mipGap.map { format($0, digits: 1, scientific: true) } ?? "unknown") + " (not a certificate)")
        }
        if let diagnosis = solution.diagnosis { lines.append("note         \(diagnosis)") }
        return lines
    }

    static func certificateLine(_ report: CertificateReport) -> String {
        let verdict = report.verified ? "verified" : "NOT verified"
        let tolerances = report.tolerances
        var parts: [String] = []
        func add(_ label: String, _ value: Double?, _ tolerance: Double?) {
            guard let value else { return }
            parts.append("\(label) \(format(value, digits: 1, scientific: true))"
                         + (tolerance.map { " (≤ \(format($0, digits: 0, scientific: true)))" } ?? ""))
        }
        let integer = report.kind == .mixedIntegerFeasibility
        add("primal residual", report.primalResidual, integer ? max(tolerances.primalFeasibility, tolerances.integrality) : tolerances.primalFeasibility)
        add("dual residual", report.dualResidual, tolerances.dualFeasibility)
        if integer { add("MIP gap (the solver's word)", report.dualityGap, nil) } else { add("duality gap", report.dualityGap, tolerances.gap) }
        add("complementarity", report.complementarity, tolerances.gap)
        add("ray residual", report.rayResidual, tolerances.ray)
        let kind: String
        switch report.kind {
        case .optimality: kind = "optimality"
        case .mixedIntegerFeasibility: kind = "MIP feasibility and integrality (optimality is the solver's word)"
        case .farkasRay: kind = "Farkas ray (infeasibility)"
        case .improvingRay: kind = "improving ray (unboundedness)"
        case .none: kind = "none"
        }
        return "certificate  \(kind): \(verdict)" + (parts.isEmpty ? "" : " — " + parts.joined(separator: ", "))
    }

    static func variableLines(model: LinearProgram, x: [Double], all: Bool, limit: Int = 20) -> [String] {
        let shown = all ? Array(x.indices) : x.indices.filter { x[$0] != 0 }
        let listed = all ? shown : Array(shown.prefix(limit))
        let width = listed.map { model.variables[$0].name.count }.max() ?? 0
        var lines = [all ? "variables    (all \(x.count))" : "variables    (nonzero: \(shown.count) of \(x.count))"]
        for j in listed {
            lines.append("  " + model.variables[j].name.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(x[j])")
        }
        if listed.count < shown.count { lines.append("  … \(shown.count - listed.count) more (use --all-variables or --json)") }
        return lines
    }

    /// Each row's activity aᵀx and dual value (shadow price), for small models.
    static func constraintLines(model: LinearProgram, solution: Solution) -> [String] {
        let width = max(model.constraints.map(\.name.count).max() ?? 0, 4)
        var lines = ["constraints  (activity, dual value)"]
        for (row, dual) in zip(model.constraints, solution.rowDuals) {
            let activity = row.activity(solution.x)
            lines.append("  " + row.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(activity)  \(dual)")
        }
        return lines
    }

    static func format(_ value: Double, digits: Int, scientific: Bool = false) -> String {
        String(format: scientific ? "%.\(digits)e" : "%.\(digits)f", value)
    }
}
