import ArgumentParser
import ConvexNetworks
import DataFiles
import Foundation

/// `hycnn certify model.json`: re-check convexity from the file alone.
struct CertifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certify",
        abstract: "Check a saved model's convexity from the file alone.",
        discussion: """
            Reports, per layer, the nonlinearity (convex and non-decreasing or not) and the \
            smallest weight of its V matrix; the model is certified convex when every \
            nonlinearity is convex and non-decreasing and every V ≥ 0. Otherwise a seeded search \
            looks for a counterexample: points a, b (in the data's units) with \
            f((a+b)/2) > (f(a)+f(b))/2, re-checked by evaluation. \
            With --potential f or g, the file is a transport map file (`hycnn ot-map`) and the \
            named potential is checked. \
            Exit codes: 0 convex, 4 not certified convex, 1 error.
            """)

    @Argument(help: "A model file written by `hycnn fit`, or a map file with --potential.") var model: String
    @Option(help: "The potential of a map file to check: f (forward) or g (inverse).") var potential: PotentialChoice?
    @Option(help: "Pairs of points tried in the counterexample search.") var trials: Int = 20_000
    @Option(help: "Seed of the counterexample search.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func run() throws {
        let regression: RegressionModel
        do {
            regression = try PotentialChoice.model(at: model, potential: potential)
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let certificate = ConvexityCertificate.certify(regression, seed: seed, trials: max(trials, 0))
        if json {
            var object = certificate.jsonObject
            object["status"] = certificate.convex ? "convex" : certificate.counterexample != nil ? "notConvex" : "notCertified"
            try JSONOutput.print(object, command: "certify")
        } else {
            for line in ConvexityReport.lines(certificate, inputNames: regression.inputNames) { try StandardOutput.line(line) }
        }
        throw certificate.convex ? ExitCode.success : ExitCode.notConvex
    }
}
