import ArgumentParser
import ConvexNetworks
import ConvexRegression
import DataFiles
import Foundation
import LinearProgramming
import Solvers

extension ConvexRegressionEstimator.Norm: ExpressibleByArgument {}

/// `hycnn check-data data.csv --target y`: does any convex function fit the samples? With proof.
struct CheckDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-data",
        abstract: "Check whether any convex function fits the samples of a CSV file, with proof.",
        discussion: """
            Solves the interpolation LP y_j ≥ y_i + g_iᵀ(x_j − x_i) with GLPK, one \
            sample at a time. When no convex function fits, prints the few samples that prove it: \
            one sample whose inputs are a weighted average of the others' but whose target lies \
            above the same average of their targets (Jensen's inequality fails), with the LP's \
            Farkas ray verified independently and re-checked in plain terms. Rows are counted as \
            CSV data rows (1 = the first row below the header); --json gives 0-based indices. \
            With --fit l1|linf -o model.json it also fits the L1 or L∞ convex regression \
            estimator and saves it as a max-affine model (on a seeded random subsample of --max-samples, \
            default \(ConvexRegressionEstimator.maximumSampleCount), when there are more). At most \(DataConvexity.maximumSampleCount) samples. \
            When the answer is "not convex" or "undecided" (and there are at most \(ConvexRegressionEstimator.maximumSampleCount) samples), \
            the distance to convexity is reported too: δ*, the smallest uniform change of the targets \
            after which a convex function fits, bracketed by the L∞ convex regression LP's verified \
            lower bound and a fitted function's re-evaluated error; a tolerance ≥ 2δ* decides "convex". \
            The question is decided at a tolerance τ on the targets (--tolerance times their range): \
            "convex" means a convex f with y_j ≤ f(x_j) ≤ y_j + τ exists (its subgradients re-checked \
            on every pair), "not convex" that none does (the weights re-checked exactly); when neither \
            proof verifies — a sample within rounding of the boundary of the others' hull — the \
            answer is "undecided". \
            Exit codes: 0 a convex function fits, 4 none does (verified certificate), 3 undecided at \
            this tolerance or time limit reached, 1 error.
            """)

    @Argument(help: "CSV file with a header row.") var data: String
    @Option(help: "The target column.") var target: String
    @Option(help: "Input columns, comma-separated (default: every column but the target).") var inputs: String?
    @Option(help: "Also fit the convex regression estimator: l1 (least absolute deviations) or linf (minimax).") var fit: ConvexRegressionEstimator.Norm?
    @Option(name: [.short, .customLong("output")], help: "Where to save the fitted max-affine model (JSON); needs --fit.") var output: String?
    @Option(help: "Tolerance on the targets, relative to their range (default \(DataConvexity.defaultRelativeTolerance)).")
    var tolerance: Double = DataConvexity.defaultRelativeTolerance
    @Option(help: "Stop after this many seconds from the start (exit 3).") var timeLimit: Double?
    @Option(help: "With more samples than this, --fit uses a seeded random subsample of this many (at most \(ConvexRegressionEstimator.maximumSampleCount), the default).")
    var maxSamples: Int = ConvexRegressionEstimator.maximumSampleCount
    @Option(help: "Seed of --max-samples' subsample (default 0).") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        if !(tolerance >= 0 && tolerance < 1) { throw ValidationError("--tolerance must be a number in [0, 1) (relative to the targets' range)") }
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if fit != nil && output == nil { throw ValidationError("--fit needs -o model.json: where to save the fitted model") }
        if fit == nil && output != nil { throw ValidationError("-o is only used with --fit l1|linf") }
        if !(1...ConvexRegressionEstimator.maximumSampleCount).contains(maxSamples) {
            throw ValidationError("--max-samples must be between 1 and \(ConvexRegressionEstimator.maximumSampleCount) (the estimator's LP has n² rows), got \(maxSamples)")
        }
    }

    func run() throws {
        let deadline = timeLimit.map { Deadline(secondsFromNow: $0) }     // one deadline for the whole command
        let dataset: Dataset, report: DataConvexityReport
        var regression: ConvexRegressionEstimator.Result?
        var distance: ConvexityDistance?, subsample: Int?
        do {
            let destination = try output.map { try OutputFile(path: $0, role: "-o", inputs: [data]) }
            let table = try CSVTable(contentsOfFile: data)
            let inputNames = inputs?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            dataset = try Dataset(table: table, target: target, inputs: inputNames)
            report = try DataConvexity.check(dataset, using: SolverChoice.simplex.makeSolver(deadline: deadline), relativeTolerance: tolerance, deadline: deadline)
            if report.verdict == .notConvex || report.verdict == .undecided, dataset.count <= ConvexRegressionEstimator.maximumSampleCount {
                distance = try ConvexityDistance.measure(dataset, using: SolverChoice.dualSimplex.makeSolver(deadline: deadline))
            }
            if let fit, let destination, report.verdict != .timeLimit {
                var fitted = dataset
                if dataset.count > maxSamples {
                    var generator = SeededGenerator(seed: seed)
                    fitted = dataset.subset(Array(Array(0..<dataset.count).shuffled(using: &generator).prefix(maxSamples)).sorted())
                    subsample = maxSamples
                    printError("note: --fit uses a random subsample of \(maxSamples) of the \(dataset.count) samples (--max-samples, --seed \(seed))")
                }
                let result = try ConvexRegressionEstimator.solve(fitted, norm: fit, using: SolverChoice.dualSimplex.makeSolver(deadline: deadline))
                try destination.write(result.model.jsonData())
                regression = result
            }
        } catch {
            printError("error: \(error)")
            throw deadline?.hasPassed == true ? ExitCode.limitOrUndecided : ExitCode.failure
        }
        if json {
            var object = jsonObject(report, regression: regression, data: dataset)
            object["distance"] = distance.map { Self.distanceJSON($0, data: dataset) } ?? NSNull()
            if let subsample { object["fitSamples"] = subsample }
            try JSONOutput.print(object, command: "check-data")
        } else {
            var lines = text(report, regression: regression, data: dataset)
            if let distance { lines += "\n" + Self.distanceText(distance, data: dataset) }
            try StandardOutput.line(lines)
        }
        throw Self.exitCode(report)
    }

    /// success when convex, notConvex only with a verified certificate (else failure),
    /// limitOrUndecided when undecided or at the time limit.
    static func exitCode(_ report: DataConvexityReport) -> ExitCode {
        switch report.verdict {
        case .convex: return .success
        case .notConvex: return report.certificate?.verified == true ? .notConvex : .failure
        case .undecided, .timeLimit: return .limitOrUndecided
        }
    }

    static func format(_ x: Double) -> String { String(format: "%.6g", x) }

    /// δ* bracketed, and the --tolerance that decides "convex" (τ ≥ 2δ*, relative to the targets' range).
    static func distanceText(_ distance: ConvexityDistance, data: Dataset) -> String {
        let bracket = distance.lowerVerified ? "\(format(distance.lower)) ≤ δ* ≤ \(format(distance.upper))"
            : "δ* ≤ \(format(distance.upper)) (the lower bound \(format(distance.lower)) is NOT verified)"
        var line = "distance to convexity: \(bracket) in \(data.targetName)'s units — the smallest uniform change of the targets after which "
            + "a convex function fits (L∞ convex regression LP, \(counted(distance.rounds, "cutting-plane round")); lower bound by its verified "
            + "certificate, upper bound by a fitted convex max-affine function re-evaluated at every sample)"
        if let needed = toleranceToFit(distance, data: data) {
            line += "\n  a --tolerance of at least \(format(needed)) (2δ* / the range of \(data.targetName)) decides \"convex\""
        }
        return line
    }

    static func distanceJSON(_ distance: ConvexityDistance, data: Dataset) -> [String: Any] {
        ["lower": JSONOutput.number(distance.lower), "upper": JSONOutput.number(distance.upper), "lowerVerified": distance.lowerVerified,
         "toleranceToFit": JSONOutput.number(toleranceToFit(distance, data: data)), "rounds": distance.rounds]
    }

    /// 2δ* over the range of the targets: the smallest relative --tolerance at which a convex f fits (nil for constant targets).
    static func toleranceToFit(_ distance: ConvexityDistance, data: Dataset) -> Double? {
        let range = (data.targets.max() ?? 0) - (data.targets.min() ?? 0)
        return range > 0 ? 2 * distance.upper / range : nil
    }

    /// "(0.1, 2)" for one sample's inputs.
    static func inputs(of sample: Int, in data: Dataset) -> String {
        let values = data.input(ofSample: sample).map(format)
        return values.count == 1 ? values[0] : "(" + values.joined(separator: ", ") + ")"
    }

    func text(_ report: DataConvexityReport, regression: ConvexRegressionEstimator.Result?, data: Dataset) -> String {
        var lines = ["data: \(counted(report.sampleCount, "sample")), inputs \(data.inputNames.joined(separator: ", ")) → target \(data.targetName)"]
        let effort = "\(counted(report.lpCount, "LP")), \(report.solver), \(Self.format(report.seconds)) s"
        lines.append("tolerance: τ = \(Self.format(report.relativeTolerance)) × the range of \(data.targetName) = \(Self.format(report.tolerance)) "
                     + "(a fit means y ≤ f(x) ≤ y + τ at every sample)")
        switch report.verdict {
        case .convex:
            lines.append("a convex function fits the data to within τ: every sample lies on or above the lower convex hull of the others")
            let violation = report.interpolationViolation.map(Self.format) ?? "?"
            lines.append("  (subgradients at every sample, every pair re-checked with its rounding bound: worst interpolation row "
                         + "off by at most \(violation) ≤ τ in \(data.targetName)'s units; \(effort))")
        case .undecided:
            lines.append("undecided at this tolerance: neither a convex fit nor a certificate against one could be verified "
                         + "at \(counted(report.undecidedSamples.count, "sample")), CSV data row\(report.undecidedSamples.count == 1 ? "" : "s") "
                         + report.undecidedSamples.prefix(10).map { String($0 + 1) }.joined(separator: ", ")
                         + (report.undecidedSamples.count > 10 ? ", …" : ""))
            if let reason = report.undecidedReason { lines.append("  first: " + reason) }
            lines.append("  (the answer turns on differences below rounding; a larger --tolerance may decide it; \(effort))")
        case .timeLimit:
            lines.append("time limit reached before an answer (\(effort))")
        case .notConvex:
            break
        }
        if report.verdict == .notConvex, let certificate = report.certificate {
            lines.append("no convex function fits the data, not even to within τ.")
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
            let plain = certificate.plainCheck
            let others = data.inputNames.indices.filter { !plain.enclosedCoordinates.contains($0) }.map { data.inputNames[$0] }
            let enclosedIn = others.isEmpty ? ""                              // a lower-dimensional hull: say where the proof is exact
                : " in \(plain.enclosedCoordinates.map { data.inputNames[$0] }.joined(separator: ", ")) (\(others.joined(separator: ", ")) \(others.count == 1 ? "balances" : "balance") exactly)"
            let weights = plain.method == .enclosure
                ? "exact weights enclosed within ±\(Self.format(plain.weightRadius)) of those shown\(enclosedIn) (the inputs balance to a relative \(Self.format(plain.balanceResidual)))"
                : "the inputs balance exactly"
            lines.append(plain.passed
                ? "certificate: verified exactly on the data: \(weights), and the target exceeds the average by at least \(Self.format(plain.provedExcess)) > τ"
                : "certificate NOT verified: " + plain.failures.joined(separator: "; "))
            let lp = certificate.lpReport
            lines.append(lp.verified
                ? "  as a Farkas ray of the interpolation LP it also passes verify (ray residual \(Self.format(lp.rayResidual ?? .nan)), proof value \(Self.format(lp.rayObjective ?? .nan)))"
                : "  as a Farkas ray of the interpolation LP it does not pass verify's floating-point tolerances: " + lp.failures.joined(separator: "; "))
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

    func jsonObject(_ report: DataConvexityReport, regression: ConvexRegressionEstimator.Result?, data: Dataset) -> [String: Any] {
        var object: [String: Any] = [
            "status": report.verdict.rawValue,
            "convex": report.convex,
            "tolerance": report.tolerance,
            "relativeTolerance": report.relativeTolerance,
            "undecidedSamples": report.undecidedSamples,
            "undecidedReason": report.undecidedReason.map { $0 as Any } ?? NSNull(),
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
                "failures": certificate.plainCheck.failures,
                "lpVerified": certificate.lpReport.verified,
                "lpFailures": certificate.lpReport.failures,
                "rayResidual": JSONOutput.number(certificate.lpReport.rayResidual),
                "proofValue": JSONOutput.number(certificate.lpReport.rayObjective),
                "plainCheck": [
                    "passed": certificate.plainCheck.passed,
                    "method": certificate.plainCheck.method?.rawValue ?? NSNull(),
                    "tolerance": certificate.plainCheck.tolerance,
                    "weightRadius": JSONOutput.number(certificate.plainCheck.weightRadius),
                    "enclosedInputs": certificate.plainCheck.enclosedCoordinates.map { data.inputNames[$0] },
                    "provedExcess": JSONOutput.number(certificate.plainCheck.provedExcess),
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
