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
        if solution.reducedCosts.count == model.variableCount && solution.status.hasOptimalPoint {
            object["reducedCosts"] = Dictionary(uniqueKeysWithValues: zip(model.variables.map(\.name), solution.reducedCosts.map(JSONOutput.number)))
        }
        if solution.x.count == model.variableCount && model.constraintCount > 0 {
            object["activities"] = Dictionary(uniqueKeysWithValues: zip(model.constraints.map(\.name), model.rowActivities(solution.x).map(JSONOutput.number)))
        }
        if solution.rowDuals.count == model.constraintCount && model.constraintCount > 0 {
            object["duals"] = Dictionary(uniqueKeysWithValues: zip(model.constraints.map(\.name), solution.rowDuals.map(JSONOutput.number)))
        }
        if let diagnosis = solution.diagnosis { object["diagnosis"] = diagnosis }
        if solution.isMixedInteger {
            object["mipGap"] = JSONOutput.number(solution.mipGap)
            if let bound = solution.mipBound { object["mipBound"] = JSONOutput.number(bound) }
        }
        // Rays keyed by name: a Farkas ray's multipliers by row, an improving ray's direction by column.
        if let ray = solution.farkasRay, ray.count == model.constraintCount {
            object["farkasRay"] = Dictionary(uniqueKeysWithValues: zip(model.constraints.map(\.name), ray.map(JSONOutput.number)))
        }
        if let ray = solution.improvingRay, ray.count == model.variableCount {
            object["improvingRay"] = Dictionary(uniqueKeysWithValues: zip(model.variables.map(\.name), ray.map(JSONOutput.number)))
        }
        return object
    }

    /// `statusNote` qualifies the status, e.g. "LP relaxation: 3 integer columns made continuous".
    static func text(model: LinearProgram, solution: Solution, report: CertificateReport, allVariables: Bool,
                     statusNote: String? = nil) -> String {
        var lines: [String] = []
        lines.append("problem      \(model.name): \(counted(model.constraintCount, "row")), \(counted(model.variableCount, "column")), \(counted(model.nonzeroCount, "nonzero")), \(model.sense.rawValue)")
        lines.append("solver       \(solution.solver), \(counted(solution.iterations, "iteration")), \(format(solution.seconds, digits: 3)) s")
        lines.append(contentsOf: statusLines(Verdict(solution, report: report), solution: solution, note: statusNote))
        if solution.status.hasOptimalPoint {
            lines.append("objective    \(solution.objective)")
        } else if solution.isMixedInteger, solution.x.count == model.variableCount || solution.mipBound != nil {
            let incumbent = solution.x.count == model.variableCount ? "\(model.objectiveValue(solution.x))" : "none"
            lines.append("incumbent    \(incumbent); best bound \(solution.mipBound.map { "\($0)" } ?? "unknown"), relative MIP gap "
                         + (solution.mipGap.map { format($0, digits: 1, scientific: true) } ?? "unknown") + " (the solver's word, not a certificate)")
        }
        lines.append(certificateLine(report))
        for failure in report.failures { lines.append("  ✗ \(failure)") }
        if solution.x.count == model.variableCount {
            let reducedCosts = solution.reducedCosts.count == model.variableCount && solution.status.hasOptimalPoint ? solution.reducedCosts : nil
            lines.append(contentsOf: variableLines(model: model, x: solution.x, reducedCosts: reducedCosts, all: allVariables))
        }
        if solution.x.count == model.variableCount && model.constraintCount > 0 {
            lines.append(contentsOf: constraintLines(model: model, solution: solution, all: allVariables))
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

    /// The nonzero values (every one with `all`), the first `limit` of them, with reduced costs when known.
    static func variableLines(model: LinearProgram, x: [Double], reducedCosts: [Double]? = nil, all: Bool, limit: Int = 20) -> [String] {
        let shown = all ? Array(x.indices) : x.indices.filter { x[$0] != 0 }
        let listed = all ? shown : Array(shown.prefix(limit))
        let names = listed.map { model.variables[$0].name }
        let values = listed.map { "\(x[$0])" }
        var lines = [(all ? "variables    (all \(x.count)" : "variables    (nonzero: \(shown.count) of \(x.count)")
                     + (reducedCosts == nil ? ")" : "; value, reduced cost)")]
        lines += table(names, values, reducedCosts.map { costs in listed.map { "\(costs[$0])" } })
        if listed.count < shown.count { lines.append("  … \(shown.count - listed.count) more (use --all-variables, --json or --solution FILE)") }
        return lines
    }

    /// Each row's activity aᵀx and dual value (shadow price): every row of a model with at most
    /// `limit` rows (or with `all`), else the first `limit` rows with a nonzero dual.
    static func constraintLines(model: LinearProgram, solution: Solution, all: Bool, limit: Int = 20) -> [String] {
        let duals = solution.rowDuals.count == model.constraintCount && solution.status.hasOptimalPoint ? solution.rowDuals : nil
        let m = model.constraintCount
        let candidates = all || m <= limit ? Array(0..<m) : (duals.map { d in (0..<m).filter { d[$0] != 0 } } ?? [])
        let listed = all ? candidates : Array(candidates.prefix(limit))
        var header = "constraints  (" + (duals == nil ? "activity" : "activity, dual")
        if !(all || m <= limit) { header += duals == nil ? "; use --json or --solution FILE for all \(m))" : "; nonzero duals: \(candidates.count) of \(m))" } else { header += ")" }
        var lines = [header]
        lines += table(listed.map { model.constraints[$0].name }, listed.map { "\(model.constraints[$0].activity(solution.x))" },
                       duals.map { d in listed.map { "\(d[$0])" } })
        if listed.count < candidates.count { lines.append("  … \(candidates.count - listed.count) more (use --all-variables, --json or --solution FILE)") }
        return lines
    }

    /// Rows `  name  value  [second]` with the columns aligned.
    private static func table(_ names: [String], _ values: [String], _ second: [String]?) -> [String] {
        let nameWidth = names.map(\.count).max() ?? 0, valueWidth = values.map(\.count).max() ?? 0
        return names.indices.map { k in
            "  " + names[k].padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                + (second == nil ? values[k] : values[k].padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  " + second![k])
        }
    }

    static func format(_ value: Double, digits: Int, scientific: Bool = false) -> String {
        String(format: scientific ? "%.\(digits)e" : "%.\(digits)f", value)
    }
}
