import ArgumentParser
import ConvexNetworks
import DataFiles
import Foundation
import GLPKBackend
import LinearProgramming
import SurrogateOptimization

extension ConvexRegression.Norm: ExpressibleByArgument {}

/// `hycnn check-data data.csv --target y`: does any convex function fit the samples? With proof.
struct CheckData: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-data",
        abstract: "Check whether any convex function fits the samples of a CSV file, with proof.",
        discussion: """
            Solves the interpolation LP y_j ≥ y_i + g_iᵀ(x_j − x_i) (HYCNN.md §3) with GLPK, one \
            sample at a time. When no convex function fits, prints the few samples that prove it: \
            one sample whose inputs are a weighted average of the others' but whose target lies \
            above the same average of their targets (Jensen's inequality fails), with the LP's \
            Farkas ray verified independently and re-checked in plain terms. Rows are counted as \
            CSV data rows (1 = the first row below the header); --json gives 0-based indices. \
            With --fit l1|linf -o model.json it also fits the L1 or L∞ convex regression \
            estimator (at most \(ConvexRegression.maximumSampleCount) samples) and saves it as a \
            max-affine model. At most \(DataConvexity.maximumSampleCount) samples. \
            Exit codes: 0 a convex function fits, 4 none does, 1 error.
            """)

    @Argument(help: "CSV file with a header row.") var data: String
    @Option(help: "The target column.") var target: String
    @Option(help: "Input columns, comma-separated (default: every column but the target).") var inputs: String?
    @Option(help: "Also fit the convex regression estimator: l1 (least absolute deviations) or linf (minimax).") var fit: ConvexRegression.Norm?
    @Option(name: [.short, .customLong("output")], help: "Where to save the fitted max-affine model (JSON); needs --fit.") var output: String?
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        if fit != nil && output == nil { throw ValidationError("--fit needs -o model.json: where to save the fitted model") }
        if fit == nil && output != nil { throw ValidationError("-o is only used with --fit l1|linf") }
    }

    func run() throws {
        let dataset: Dataset, report: DataConvexityReport
        var regression: ConvexRegression.Result?
        do {
            let destination = try output.map { try OutputFile(path: $0, role: "-o", inputs: [data]) }
            let table = try CSVTable(contentsOfFile: data)
            let inputNames = inputs?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            dataset = try Dataset(table: table, target: target, inputs: inputNames)
            report = try DataConvexity.check(dataset, using: GLPKSolver(method: .primalSimplex))
            if let fit, let destination {
                let result = try ConvexRegression.solve(dataset, norm: fit, using: GLPKSolver(method: .dualSimplex))
                try destination.write(result.model.jsonData())
                regression = result
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if json {
            try JSONOutput.print(jsonObject(report, regression: regression, data: dataset))
        } else {
            try StandardOutput.line(text(report, regression: regression, data: dataset))
        }
        throw ExitCode(report.convex ? 0 : 4)
    }

    static func format(_ x: Double) -> String { String(format: "%.6g", x) }

    /// "(0.1, 2)" for one sample's inputs.
    static func inputs(of sample: Int, in data: Dataset) -> String {
        let values = data.input(ofSample: sample).map(format)
        return values.count == 1 ? values[0] : "(" + values.joined(separator: ", ") + ")"
    }

    func text(_ report: DataConvexityReport, regression: ConvexRegression.Result?, data: Dataset) -> String {
        var lines = ["data: \(report.sampleCount) samples, inputs \(data.inputNames.joined(separator: ", ")) → target \(data.targetName)"]
        let effort = "\(report.lpCount) LPs, \(report.solver), \(Self.format(report.seconds)) s"
        if report.convex {
            lines.append("a convex function fits the data: every sample lies on the lower convex hull of the others")
            let violation = report.interpolationViolation.map(Self.format) ?? "?"
            lines.append("  (subgradients found at every sample; worst interpolation row off by \(violation) in \(data.targetName)'s units; \(effort))")
        } else if let certificate = report.certificate {
            lines.append("no convex function fits the data.")
            let row = { (sample: Int) in "row \(sample + 1)" }
            lines.append("points involved (CSV data rows, 1 = the first row below the header): "
                         + certificate.points.map { String($0 + 1) }.joined(separator: ", "))
            for s in certificate.points {
                lines.append("  \(row(s)): \(data.inputNames.joined(separator: ", ")) = \(Self.inputs(of: s, in: data)), \(data.targetName) = \(Self.format(data.targets[s]))")
            }
            let i = certificate.point
            switch certificate.reason {
            case .repeatedInput:
                let j = certificate.neighbours[0]
                lines.append("proof: \(row(i)) and \(row(j)) have the same inputs but different targets "
                             + "(\(Self.format(certificate.target)) and \(Self.format(data.targets[j]))): no function at all fits.")
            case .aboveLowerHull:
                let average = zip(certificate.weights, certificate.neighbours).map { "\(Self.format($0.0))·\(row($0.1))" }.joined(separator: " + ")
                lines.append("proof: \(row(i))'s inputs are the weighted average \(average) of theirs,")
                lines.append("  but its target \(Self.format(certificate.target)) exceeds the same average of their targets, "
                             + "\(Self.format(certificate.combinedTarget)), by \(Self.format(certificate.target - certificate.combinedTarget)),")
                let values = zip(certificate.weights, certificate.neighbours).map { "\(Self.format($0.0))·f(\(row($0.1)))" }.joined(separator: " + ")
                lines.append("  while a convex f has f(\(row(i))) ≤ \(values) (Jensen's inequality).")
            }
            let lp = certificate.lpReport
            lines.append(certificate.verified
                ? "certificate: Farkas ray of the interpolation LP, verified independently (ray residual \(Self.format(lp.rayResidual ?? .nan)), proof value \(Self.format(lp.rayObjective ?? .nan)))"
                : "certificate: Farkas ray NOT verified: " + lp.failures.joined(separator: "; "))
            let plain = certificate.plainCheck
            lines.append(plain.passed
                ? "  plain re-check passed: Σλ(xⱼ − xᵢ) = 0 (relative residual \(Self.format(plain.balanceResidual))), Σλ(yⱼ − yᵢ) = \(Self.format(plain.targetSum)) < 0"
                : "  plain re-check FAILED: " + plain.failures.joined(separator: "; "))
            lines.append("  (\(effort))")
        }
        if let regression, let output {
            let certified = ConvexityCertificate.certify(regression.model, trials: 0).convex
            lines.append("fitted the \(regression.norm == .l1 ? "L1" : "L∞") convex regression estimator: max-affine, \(regression.model.network.architecture.lanes) pieces, "
                         + (certified ? "certified convex" : "NOT certified convex"))
            lines.append("  training mean |error| \(Self.format(regression.meanAbsoluteError)), max |error| \(Self.format(regression.maxAbsoluteError)) "
                         + "(LP rounds \(regression.rounds), pair rows \(regression.pairRows), \(Self.format(regression.seconds)) s)")
            lines.append("  saved to \(output)")
        }
        return lines.joined(separator: "\n")
    }

    func jsonObject(_ report: DataConvexityReport, regression: ConvexRegression.Result?, data: Dataset) -> [String: Any] {
        var object: [String: Any] = [
            "convex": report.convex,
            "samples": report.sampleCount,
            "inputs": data.inputNames,
            "target": data.targetName,
            "solver": report.solver,
            "lpCount": report.lpCount,
            "seconds": report.seconds,
            "interpolationViolation": JSONOutput.number(report.interpolationViolation),
            "certificate": NSNull(),
        ]
        if let certificate = report.certificate {
            object["certificate"] = [
                "points": certificate.points,
                "csvRows": certificate.points.map { $0 + 1 },
                "verified": certificate.verified,
                "failures": certificate.lpReport.failures,
                "rayResidual": JSONOutput.number(certificate.lpReport.rayResidual),
                "proofValue": JSONOutput.number(certificate.lpReport.rayObjective),
                "plainCheck": [
                    "passed": certificate.plainCheck.passed,
                    "balanceResidual": JSONOutput.number(certificate.plainCheck.balanceResidual),
                    "targetSum": JSONOutput.number(certificate.plainCheck.targetSum),
                    "failures": certificate.plainCheck.failures,
                ] as [String: Any],
                "reason": certificate.reason.rawValue,
                "point": certificate.point,
                "neighbours": certificate.neighbours,
                "weights": certificate.weights,
                "pointTarget": certificate.target,
                "combinedTarget": certificate.combinedTarget,
                "multipliers": certificate.multipliers.map { ["point": $0.point, "neighbour": $0.neighbour, "weight": $0.weight] as [String: Any] },
            ] as [String: Any]
        }
        if let regression, let output {
            object["fit"] = [
                "norm": regression.norm.rawValue,
                "model": output,
                "pieces": regression.model.network.architecture.lanes,
                "meanAbsoluteError": JSONOutput.number(regression.meanAbsoluteError),
                "maxAbsoluteError": JSONOutput.number(regression.maxAbsoluteError),
                "objective": JSONOutput.number(regression.objective),
                "certifiedConvex": ConvexityCertificate.certify(regression.model, trials: 0).convex,
                "lpVerified": regression.lpReport.verified,
                "rounds": regression.rounds,
                "pairRows": regression.pairRows,
                "seconds": regression.seconds,
            ] as [String: Any]
        }
        return object
    }
}
