import ArgumentParser
import ConvexNetworks
import DataFiles
import Foundation
import LinearProgramming
import Solvers
import TransportMaps

/// `hycnn ot-map certify map.json points.csv`: convexity of f and g, and the Fenchel–Young gaps
/// of the map on the points.
struct OTMapCertifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certify",
        abstract: "Certify a map: convexity of f and g, and the Fenchel–Young gap of ∇f at each point.",
        discussion: """
            Convexity of each potential is checked as `hycnn certify` does (--trials, --seed). At \
            each point x, FY(x, ∇f(x)) = f(x) + f*(∇f(x)) − ⟨x, ∇f(x)⟩ ≥ 0 is zero exactly when \
            ∇f(x) is a subgradient of f at x. For a piecewise-linear f (max gate, ReLU, leaky ReLU, \
            max-affine) f* is computed exactly by one LP per point (--solver) whose certificate is \
            checked; for a smooth f (smooth max gate, softplus) the gap is bracketed through the \
            max-gate network with the same weights, whose bracket width is at most the stated \
            offset Δ. A point is within tolerance when its gap (the bracket's upper end) is at \
            most --tolerance × (1 + |f(x)| + |f*(y)| + Σ|xᵢyᵢ|). --json adds every point's numbers.
            Exit codes: 0 both potentials certified convex and every gap verified within \
            tolerance, 4 a potential not certified convex, 1 error or a gap not verified within \
            tolerance, 3 time limit.
            """)

    @Argument(help: "A map file (\"format\": \"hycnn-ot-map\").") var map: String
    @Argument(help: "Points: CSV with a header naming exactly the map's columns.") var points: String
    @Option(help: "The LP solver of the conjugates: \(SolverChoice.help).") var solver: SolverChoice = .auto
    @Option(help: "Relative tolerance of a zero gap.") var tolerance: Double = VerificationTolerances().gap
    @Option(help: "Pairs of points tried in each potential's counterexample search.") var trials: Int = 20_000
    @Option(help: "Seed of the counterexample search.") var seed: UInt64 = 0
    @Option(help: "Stop after this many seconds (exit 3).") var timeLimit: Double?
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        if !(tolerance > 0 && tolerance.isFinite) { throw ValidationError("--tolerance must be a positive number") }
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if trials < 0 { throw ValidationError("--trials must be 0 or more") }
    }

    func run() throws {
        let deadline = timeLimit.map { Deadline(secondsFromNow: $0) }     // one deadline for the whole command
        let start = Date()
        let transportMap: TransportMap, input: MapPoints, gaps: MapGaps
        let certificates: [(name: String, model: RegressionModel, certificate: ConvexityCertificate)]
        do {
            transportMap = try TransportMap(contentsOfFile: map)
            input = try MapPoints(file: points, map: transportMap)
            certificates = [("f", transportMap.forward), ("g", transportMap.backward)].map {
                ($0.0, $0.1, ConvexityCertificate.certify($0.1, seed: seed, trials: trials))
            }
            gaps = try MapGaps(map: transportMap, points: input, solver: solver, relativeTolerance: tolerance, deadline: deadline,
                               progress: input.count > 20)
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let convex = certificates.allSatisfy(\.certificate.convex)
        let exitCode: ExitCode = !convex ? .notConvex : gaps.notReached > 0 && gaps.failedCount == 0 ? .limitOrUndecided
            : gaps.allWithinTolerance ? .success : .failure
        if json {
            var object: [String: Any] = ["map": map, "points": points, "count": input.count, "gaps": gaps.json,
                                         "verified": exitCode == .success, "seconds": Date().timeIntervalSince(start)]
            for (name, _, certificate) in certificates { object[name] = certificate.jsonObject }
            try JSONOutput.print(object, command: "ot-map certify")
        } else {
            var lines = ["map: \(map) (\(transportMap.columns.joined(separator: ", "))), \(counted(input.count, "point")) of \(points)"]
            for (name, model, certificate) in certificates {
                let report = ConvexityReport.lines(certificate, inputNames: model.inputNames)
                lines.append("potential \(name): " + report[0])
                lines += report.dropFirst()
            }
            lines += gaps.summary
            lines.append("verdict: " + (exitCode == .success ? "verified" : "NOT verified"))
            try StandardOutput.line(lines.joined(separator: "\n"))
        }
        throw exitCode
    }
}
