import ArgumentParser
import DataFiles
import Foundation
import LinearProgramming
import Solvers
import TransportMaps

/// `hycnn ot-map apply map.json points.csv -o mapped.csv`: ∇f, ∇g, or the exact inverse ∇f*.
struct OTMapApplyCommand: ParsableCommand {
    /// How `--inverse` maps back: by ∇g, or by the exact conjugate maximiser of f.
    enum Inverse: String, ExpressibleByArgument, CaseIterable {
        case gradient, exact
    }

    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Map points by ∇f (or back by ∇g, or exactly by ∇f*) and write them as CSV.",
        discussion: """
            Writes the images with the input's header, row for row. Without --inverse the images \
            are ∇f(x); --inverse (or --inverse gradient) uses the learned inverse ∇g(y); \
            --inverse exact computes x*(y) = ∇f*(y), the maximiser of ⟨x, y⟩ − f(x), by one LP per \
            point (--solver) with its certificate checked — only for a piecewise-linear f (max \
            gate, ReLU or leaky ReLU, max-affine). A point y outside dom f* (outside the hull of \
            f's slopes) has no preimage, proved by a verified improving ray: its rows are named \
            and nothing is written (exit 2). --svg draws 2-D points, their images and a few \
            arrows. -o and --svg are written only when every point was mapped, and may not name \
            an input or each other.
            Exit codes: 0 every point mapped (exact: every LP verified), 1 error or an LP that \
            did not verify, 2 points outside dom f* (verified rays), 3 time limit.
            """)

    @Argument(help: "A map file (\"format\": \"hycnn-ot-map\").") var map: String
    @Argument(help: "Points: CSV with a header naming exactly the map's columns.") var points: String
    @Option(name: [.short, .customLong("output")], help: "Write the mapped points here (CSV, the input's header).") var output: String
    @Option(defaultAsFlag: Inverse.gradient,
            help: "Map back: gradient (∇g, the default when given alone) or exact (∇f* by LP; a piecewise-linear f only).")
    var inverse: Inverse?
    @Option(help: "The LP solver of --inverse exact: \(SolverChoice.help).") var solver: SolverChoice?
    @Option(help: "Stop --inverse exact after this many seconds (exit 3).") var timeLimit: Double?
    @Option(help: "Draw the points, their images and a few arrows as SVG (2-D points only).") var svg: String?
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        if solver != nil && inverse != .exact { throw ValidationError("--solver is only used with --inverse exact") }
        if timeLimit != nil && inverse != .exact { throw ValidationError("--time-limit is only used with --inverse exact") }
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
    }

    /// What the run maps by, in words.
    var direction: String {
        switch inverse {
        case nil: "∇f (forward)"
        case .gradient?: "∇g (inverse, learned)"
        case .exact?: "∇f* (inverse, exact LP)"
        }
    }

    func run() throws {
        let deadline = timeLimit.map { Deadline(secondsFromNow: $0) }     // one deadline for the whole command
        let start = Date()
        let destination: OutputFile, drawing: OutputFile?, transportMap: TransportMap, input: MapPoints
        var outcome: ExactInverse?
        var images: [Double]
        do {
            destination = try OutputFile(path: output, role: "-o", inputs: [map, points])
            drawing = try svg.map { try OutputFile(path: $0, role: "--svg", inputs: [map, points], otherOutputs: [destination]) }
            transportMap = try TransportMap(contentsOfFile: map)
            input = try MapPoints(file: points, map: transportMap)
            if svg != nil && transportMap.dimension != 2 {
                throw ValidationError("--svg draws 2-D points only; this map has \(transportMap.dimension) columns")
            }
            switch inverse {
            case nil: images = try transportMap.apply(input.coordinates)
            case .gradient?: images = try transportMap.applyInverse(input.coordinates)
            case .exact?:
                let exact = try ExactInverse(map: transportMap, points: input, solver: solver ?? .auto, deadline: deadline,
                                             progress: input.count > 20)
                images = exact.images
                outcome = exact
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let exitCode = outcome?.exitCode ?? .success
        if let outcome { for line in outcome.problems { printError(line) } }
        var drawn: String?
        do {
            if exitCode == .success {
                try destination.write(input.csv(images, map: transportMap))
                if let drawing {
                    let title = "\(direction): \(counted(input.count, "point")) of \((input.file as NSString).lastPathComponent)"
                    let labels = switch inverse {
                        case nil: ("points x", "images ∇f(x)")
                        case .gradient?: ("points y", "images ∇g(y)")
                        case .exact?: ("points y", "images ∇f*(y)")
                    }
                    try drawing.write(MapPlot.svg(points: input.coordinates, images: images, title: title,
                                                  pointLabel: labels.0, imageLabel: labels.1))
                    drawn = drawing.path
                }
            } else {
                for file in [destination] + (drawing.map { [$0] } ?? []) {
                    printError("note: not every point was mapped, so \(file.role) \(file.path) was not written")
                }
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let seconds = Date().timeIntervalSince(start)
        if json {
            var object: [String: Any] = [
                "map": map, "points": points, "count": input.count, "columns": input.header,
                "direction": inverse.map { "inverse-\($0.rawValue)" } ?? "forward",
                "output": exitCode == .success ? destination.path : NSNull(), "svg": drawn ?? NSNull(), "seconds": seconds,
            ]
            if let outcome { object["exact"] = outcome.json }
            try JSONOutput.print(object, command: "ot-map apply")
        } else {
            var lines = ["map: \(map) (\(transportMap.columns.joined(separator: ", ")))", "by: \(direction)"]
            if let outcome { lines.append(outcome.summary) }
            lines.append(exitCode == .success ? "wrote \(input.count) mapped points to \(destination.path)" : "wrote nothing")
            if let drawn { lines.append("drew \(drawn)") }
            try StandardOutput.line(lines.joined(separator: "\n"))
        }
        throw exitCode
    }
}
