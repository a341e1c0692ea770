import ConvexNetworks
import Foundation

/// What `hycnn fit` prints when it is done.
enum FitReport {
    static func text(result: Trainer.Result, architecture: Architecture, samples: Int, output: String) -> String {
        let best = result.history[result.bestEpoch - 1]
        let widths = architecture.family == .maxaffine ? "\(architecture.lanes) pieces"
            : architecture.widths.map(String.init).joined(separator: ",")
                + (architecture.quadraticRank > 0 ? ", quadratic rank \(architecture.quadraticRank)" : "")
        var lines = [
            "model        \(architecture.family.rawValue) (\(architecture.nonlinearity.name)), widths \(widths), \(architecture.parameterCount) parameters",
            "data         \(counted(samples, "sample")), \(counted(architecture.inputDimension, "input"))",
            "epoch        \(result.bestEpoch) of \(result.history.count) kept (best \(best.validationMSE == nil ? "training" : "validation") loss)",
            String(format: "training     MSE %.6g", best.trainingMSE),
        ]
        if let validation = best.validationMSE { lines.append(String(format: "validation   MSE %.6g", validation)) }
        let certificate = ConvexityCertificate.certify(result.model, trials: 2_000)
        let minima = result.model.network.minimumConstrainedWeights.compactMap { $0 }
        var verdict = certificate.convex ? "certified convex" : "NOT certified convex"
        if certificate.convex, let smallest = minima.min() { verdict += String(format: " (smallest V entry %.3g)", smallest) }
        if certificate.counterexample != nil { verdict += "; a counterexample was found (run `hycnn certify`)" }
        if certificate.convex && !certificate.piecewiseLinear {
            verdict += architecture.quadraticRank > 0 ? "; quadratic first layer, so not exactly LP-encodable"
                : "; smooth, so not exactly LP-encodable"
        }
        lines.append("convexity    " + verdict)
        lines.append("saved        \(output)")
        return lines.joined(separator: "\n")
    }

    /// The same facts as one JSON object (`hycnn fit --json`).
    static func json(result: Trainer.Result, architecture: Architecture, samples: Int, output: String, seconds: Double) -> [String: Any] {
        let best = result.history[result.bestEpoch - 1]
        let certificate = ConvexityCertificate.certify(result.model, trials: 2_000)
        let minima = result.model.network.minimumConstrainedWeights.compactMap { $0 }
        var model: [String: Any] = [
            "family": architecture.family.rawValue, "nonlinearity": architecture.nonlinearity.name,
            "widths": architecture.widths, "parameters": architecture.parameterCount,
            "inputs": result.model.inputNames, "target": result.model.targetName,
        ]
        if architecture.family == .maxaffine { model["pieces"] = architecture.lanes }
        if architecture.quadraticRank > 0 { model["quadraticRank"] = architecture.quadraticRank }
        if let range = result.model.inputRange { model["inputRange"] = ["lower": range.lower, "upper": range.upper] }
        return [
            "status": "saved", "output": output, "seconds": seconds,
            "model": model, "samples": samples,
            "epochs": result.history.count, "bestEpoch": result.bestEpoch,
            "trainingMSE": JSONOutput.number(best.trainingMSE), "validationMSE": JSONOutput.number(best.validationMSE),
            "convex": certificate.convex,
            "convexity": ["certified": certificate.convex, "piecewiseLinear": certificate.piecewiseLinear,
                          "smallestConstrainedWeight": JSONOutput.number(minima.min()),
                          "counterexampleFound": certificate.counterexample != nil] as [String: Any],
        ]
    }
}
