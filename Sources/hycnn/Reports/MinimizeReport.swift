import Foundation
import LinearProgramming
import SurrogateOptimization

/// The text and JSON that `hycnn minimize` prints. The status word comes from the one
/// ``Verdict`` (certificate and every surrogate check), each ✓ from the surrogate's own check.
enum MinimizeReport {
    static func verdict(_ solution: SurrogateSolution) -> Verdict {
        Verdict(status: solution.status, certified: solution.verified, mixedInteger: solution.programSolution.isMixedInteger)
    }

    static func referenceGap(_ file: ProblemFile, _ solution: SurrogateSolution) -> (objective: Double?, relative: Double?, maxDistance: Double?) {
        guard let reference = file.reference, !solution.x.isEmpty, solution.incumbentCheck == nil else { return (nil, nil, nil) }
        let relative = reference.objective.map { (solution.forwardObjective - $0) / max(abs($0), 1e-12) }
        let distances = file.problem.variables.enumerated().compactMap { j, v in reference.variables[v.name].map { abs(solution.x[j] - $0) } }
        return (reference.objective, relative, distances.max())
    }

    static func json(file: ProblemFile, compiled: CompiledSurrogateProblem, solution: SurrogateSolution, seconds: Double) -> [String: Any] {
        let problem = file.problem
        var object: [String: Any] = [
            "status": verdict(solution).word,
            "solverStatus": solution.status.rawValue,
            "objective": JSONOutput.number(solution.status == .optimal ? solution.objective : nil),
            "forwardObjective": JSONOutput.number(solution.forwardObjective),
            "route": solution.route.rawValue,
            "solver": solution.programSolution.solver,
            "seconds": seconds,
            "verified": solution.verified,
            "program": ["rows": compiled.program.constraintCount, "columns": compiled.program.variableCount,
                        "binaries": compiled.encodings.reduce(0) { $0 + $1.binaryCount }],
            "certificate": SolveReport.certificateJSON(solution.certificate),
            "convex": compiled.convex.allSatisfy { $0 },
        ]
        if let diagnosis = solution.programSolution.diagnosis { object["diagnosis"] = diagnosis }
        if let check = solution.incumbentCheck {
            object["incumbent"] = ["forwardObjective": JSONOutput.number(solution.forwardObjective),
                                   "mipGap": JSONOutput.number(solution.programSolution.mipGap),
                                   "mipBound": JSONOutput.number(solution.programSolution.mipBound),
                                   "feasible": check.verified, "certificate": SolveReport.certificateJSON(check)] as [String: Any]
        }
        if !solution.x.isEmpty {
            object["variables"] = Dictionary(uniqueKeysWithValues: zip(problem.variables.map(\.name), solution.x.map(JSONOutput.number)))
        }
        object["surrogates"] = Dictionary(uniqueKeysWithValues: solution.surrogates.map {
            ($0.name, ["value": JSONOutput.number($0.value), "epigraph": JSONOutput.number($0.epigraph),
                       "exactnessGap": JSONOutput.number($0.exactnessGap), "route": $0.route.rawValue, "exact": $0.exact, "convex": $0.convex,
                       "check": $0.check.rawValue, "measure": JSONOutput.number($0.measure), "verified": $0.verified,
                       "upperBound": JSONOutput.number($0.upperBound), "tolerance": SurrogateSolution.exactnessTolerance,
                       "outsideData": $0.outsideData.map { ["input": $0.input, "value": $0.value, "lower": $0.lower, "upper": $0.upper] }] as [String: Any])
        })
        if !solution.constraints.isEmpty {
            object["activities"] = Dictionary(uniqueKeysWithValues: solution.constraints.map { ($0.name, JSONOutput.number($0.activity)) })
            if solution.constraints.allSatisfy({ $0.dual != nil }) {
                object["duals"] = Dictionary(uniqueKeysWithValues: solution.constraints.map { ($0.name, JSONOutput.number($0.dual)) })
            }
        }
        let gap = referenceGap(file, solution)
        if let reference = gap.objective {
            let trueObjective = file.reference?.trueObjective(of: problem, at: solution.x)
            object["reference"] = ["objective": reference, "relativeGap": JSONOutput.number(gap.relative),
                                   "duals": file.reference?.duals ?? [:],
                                   "maxVariableDistance": JSONOutput.number(gap.maxDistance),
                                   "trueObjectiveAtSolution": JSONOutput.number(trueObjective),
                                   "trueRelativeGap": JSONOutput.number(trueObjective.map { ($0 - reference) / abs(reference) })]
        }
        return object
    }

    static func text(file: ProblemFile, compiled: CompiledSurrogateProblem, solution: SurrogateSolution, seconds: Double, svg: String?) -> String {
        let problem = file.problem
        let binaries = compiled.encodings.reduce(0) { $0 + $1.binaryCount }
        var lines = [
            "problem      \(problem.name): \(counted(problem.variables.count, "variable")), \(counted(problem.surrogates.count, "surrogate")), "
                + counted(problem.linearRows.count + problem.surrogateBounds.count, "constraint"),
            "encoding     \(compiled.route.rawValue) route: \(counted(compiled.program.constraintCount, "row")) × \(counted(compiled.program.variableCount, "column"))"
                + (binaries > 0 ? ", \(counted(binaries, "binary", "binaries"))" : ""),
            "solver       \(solution.programSolution.solver), \(counted(solution.programSolution.iterations, "iteration")), \(String(format: "%.3f", seconds)) s in all",
        ]
        lines.append(contentsOf: SolveReport.statusLines(verdict(solution), solution: solution.programSolution))
        if solution.status.hasOptimalPoint {
            lines.append("objective    \(solution.objective)   (forward passes at x*: \(solution.forwardObjective))")
        }
        if let check = solution.incumbentCheck {
            let gap = solution.programSolution.mipGap.map { String(format: "%.1e", $0) } ?? "unknown"
            let bound = solution.programSolution.mipBound.map { "\($0)" } ?? "unknown"
            lines.append("incumbent    the best point found before the limit, not proved optimal: forward objective "
                         + "\(solution.forwardObjective); best bound \(bound), relative MIP gap \(gap) (the solver's word)")
            lines.append("  " + SolveReport.certificateLine(check))
        }
        if !solution.x.isEmpty {
            let width = problem.variables.map(\.name.count).max() ?? 0
            lines.append("variables")
            for (v, value) in zip(problem.variables, solution.x) {
                lines.append("  " + v.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(value)")
            }
            let nameWidth = solution.surrogates.map(\.name.count).max() ?? 0
            lines.append("surrogates   (forward value f(x*), value in the program, the check that applies)")
            for s in solution.surrogates {
                lines.append("  " + s.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                             + String(format: "  %.10g  %.10g  ", s.value, s.epigraph) + checkText(s)
                             + ", \(s.convex ? "convex" : "not convex"), \(s.route.rawValue)")
            }
        }
        lines.append(contentsOf: constraintLines(file: file, solution: solution))
        lines.append(contentsOf: extrapolationWarnings(solution).map { "warning      " + $0 })
        lines.append(SolveReport.certificateLine(solution.certificate))
        for failure in solution.certificate.failures { lines.append("  ✗ \(failure)") }
        if !solution.surrogates.isEmpty {
            let tolerance = SurrogateSolution.exactnessTolerance
            let exactness = solution.surrogates.filter { $0.check == .exactness }
            if let worst = exactness.map(\.measure).max() {
                lines.append("exactness    " + (exactness.allSatisfy(\.verified) ? "verified" : "NOT verified")
                             + String(format: ": largest |f(x*) − program value| / (1 + |f|) = %.1e (tolerance %.0e) over ", worst, tolerance)
                             + counted(exactness.count, "surrogate"))
            }
            let bounded = solution.surrogates.filter { $0.check == .upperBound }
            if let worst = bounded.map(\.measure).max() {
                lines.append("bounds       " + (bounded.allSatisfy(\.verified) ? "verified" : "NOT verified")
                             + String(format: ": largest (f(x*) − upper) / (1 + |upper|) = %.1e (tolerance %.0e) over ", worst, tolerance)
                             + counted(bounded.count, "surrogate") + " only bounded above, whose program value is an upper estimate")
            }
            let convex = solution.surrogates.filter(\.convex).count
            lines.append("convexity    \(convex) of \(counted(solution.surrogates.count, "surrogate")) certified convex")
        }
        let gap = referenceGap(file, solution)
        if let reference = gap.objective, let relative = gap.relative {
            var line = String(format: "reference    %.10g: learned optimum differs by %+.3f %%", reference, 100 * relative)
            if let distance = gap.maxDistance { line += String(format: "; variables differ by at most %.4g", distance) }
            if let source = file.reference?.source { line += " (\(source))" }
            lines.append(line)
        }
        if let reference = file.reference, let optimum = reference.objective, !solution.x.isEmpty,
           let actual = reference.trueObjective(of: problem, at: solution.x) {
            lines.append(String(format: "truth        x* costs %.10g under the true functions; the true optimum is %.10g (x* is %.3f %% above it)",
                                actual, optimum, 100 * (actual - optimum) / abs(optimum)))
        }
        if let svg, !solution.x.isEmpty { lines.append("plot         \(svg)") }
        return lines.joined(separator: "\n")
    }

    /// Each constraint's activity and dual value (the objective's change per unit of its bound),
    /// beside the reference's dual when the problem file gives one.
    static func constraintLines(file: ProblemFile, solution: SurrogateSolution) -> [String] {
        guard !solution.constraints.isEmpty else { return [] }
        let hasDuals = solution.constraints.allSatisfy { $0.dual != nil }
        var lines = ["constraints  (activity" + (hasDuals ? ", dual: the objective's change per unit of the bound)" : "; the MILP route has no duals)")]
        let width = solution.constraints.map(\.name.count).max() ?? 0
        for c in solution.constraints {
            var line = "  " + c.name.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: "  %.10g", c.activity)
            if let dual = c.dual {
                line += String(format: "  %.10g", dual)
                if let reference = file.reference?.duals[c.name] {
                    line += String(format: "   (reference %.10g, %+.2f %%)", reference, 100 * (dual - reference) / max(abs(reference), 1e-12))
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// One sentence per surrogate evaluated outside its training data's box.
    static func extrapolationWarnings(_ solution: SurrogateSolution) -> [String] {
        solution.surrogates.filter { !$0.outsideData.isEmpty }.map { s in
            "surrogate '\(s.name)' extrapolates at x*: " + s.outsideData.map {
                "input \($0.input) = \(String(format: "%.6g", $0.value)) is outside its training data's [\(String(format: "%.6g", $0.lower)), \(String(format: "%.6g", $0.upper))]"
            }.joined(separator: "; ")
        }
    }

    /// "✓ exact: gap 1.2e-12 (tolerance 1e-07)" or "✓ within its upper bound 40: … (tolerance
    /// 1e-07)": the mark, the number it is derived from and the tolerance, side by side.
    static func checkText(_ s: SurrogateSolution.SurrogateResult) -> String {
        let mark = s.verified ? "✓" : "✗"
        let tolerance = String(format: "%.0e", SurrogateSolution.exactnessTolerance)
        switch s.check {
        case .exactness:
            return "\(mark) exact: gap " + String(format: "%.1e", s.measure) + " (tolerance \(tolerance))"
        case .upperBound:
            return "\(mark) within its upper bound " + String(format: "%.10g", s.upperBound ?? .infinity)
                + ": (f − upper) / (1 + |upper|) = " + String(format: "%.1e", s.measure) + " (tolerance \(tolerance)); program value only an upper estimate"
        }
    }
}
