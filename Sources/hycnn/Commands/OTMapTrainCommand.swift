import ArgumentParser
import ConvexNetworks
import DataFiles
import Foundation
import TransportMaps

extension PotentialInitialization: ExpressibleByArgument {}
extension MapDataScaling: ExpressibleByArgument {}

/// `hycnn ot-map train source.csv target.csv -o map.json`: learn T = ∇f from two samples.
struct OTMapTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Learn the transport map from the points of one CSV file to those of another.",
        discussion: """
            Both files have a header row and one point per row, with the same columns (in any \
            order; the source's order is kept). Two convex potentials are trained by the minimax \
            of Makkuva et al.: f on the source side (the map is ∇f) and g on the target side (∇g \
            maps back). By default the networks train on both samples shifted to mean 0 and \
            divided by one common scale (a change of units that leaves the optimal map unchanged; \
            --scaling none trains on the data as given); the saved map works in the data's units. \
            The other defaults are the HyCNN paper's setup. \
            Prints the dual estimate of W2², the time and f's convexity verdict; the same seed \
            and thread count give the same map bit for bit. -o is checked before training and \
            replaced only when the new map is complete. Exit codes: 0 saved, 1 error.
            """)

    @Argument(help: "CSV file of source points, with a header row.") var source: String
    @Argument(help: "CSV file of target points, with the same columns.") var target: String
    @Option(help: "hycnn, groupmax, icnn or icnn-quadratic.") var model: ModelFamily = .hycnn
    @Option(help: "Hidden widths: WIDTHxDEPTH (48x4) or a list (64,64,32). Default 48x4 (icnn: 64x4).") var widths: String?
    @Option(help: "Gate of hycnn/groupmax: smooth (default) or max.") var gate: String?
    @Option(help: "Temperature of the smooth gate or softplus (default 10).") var tau: Double?
    @Option(help: "Activation of icnn/icnn-quadratic: relu (default), leaky-relu or softplus.") var activation: String?
    @Option(help: "Slope of leaky-relu, in [0, 1] for convexity (default 0.01).") var slope: Double?
    @Option(help: "Squared linear forms per first-layer unit of icnn-quadratic (default 1).") var rank: Int?
    @Flag(help: "Leave g's V free under the penalty λ Σ relu(−V)² (the paper's ICNN baselines).") var freeG = false
    @Option(help: "λ of that penalty.") var penalty: Double = 1
    @Option(help: "Outer iterations.") var iterations: Int = 1000
    @Option(help: "Steps on g per outer iteration.") var inner: Int = 5
    @Option(help: "Points per batch, drawn with replacement.") var batch: Int = 256
    @Option(help: "Initial Adam learning rate (cosine-decayed to 1e-4).") var lr: Double = 1e-2
    @Option(name: .customLong("init"), help: "paper, identity or gaussian.") var initialization: PotentialInitialization = .paper
    @Option(help: "Adam steps of the identity or gaussian pre-fit of each potential (default 300).") var initSteps: Int?
    @Option(help: "standardized (both samples centred, one common scale) or none.") var scaling: MapDataScaling = .standardized
    @Option(help: "Seed of the initialisation and the batches.") var seed: UInt64 = 0
    @Option(help: "Threads sharing each batch (default: the active cores, at most 8).") var threads: Int?
    @Option(name: [.short, .customLong("output")], help: "Where to save the map (JSON).") var output: String
    @Option(help: "Hold out this fraction of the target points (chosen by --seed): the map and the linear and entropic baselines are fitted on the rest and their pushforwards of the source compared with the held-out points.") var holdout: Double?
    @Option(help: "Draw the source, the target and the source's images ∇f(x) as SVG (the first two coordinates).") var svg: String?
    @Flag(help: "Print one JSON object instead of text.") var json = false
    @Flag(help: "No progress bar.") var quiet = false

    func settings() throws -> BrenierMapSettings {
        var settings = BrenierMapSettings()
        settings.family = model
        let isICNN = model == .icnn || model == .icnnQuadratic
        settings.widths = try FitCommand.parseWidths(widths ?? (isICNN ? "64x4" : "48x4"))
        if let rank {
            guard model == .icnnQuadratic else { throw ValidationError("--rank applies to --model icnn-quadratic only") }
            settings.quadraticRank = rank
        }
        switch model {
        case .hycnn, .groupmax:
            if activation != nil || slope != nil { throw ValidationError("--activation and --slope apply to icnn and icnn-quadratic; \(model.rawValue) takes --gate") }
            switch gate ?? "smooth" {
            case "max":
                if tau != nil { throw ValidationError("--tau applies to the smooth gate, not --gate max") }
                settings.nonlinearity = .maxGate
            case "smooth", "smooth-max": settings.nonlinearity = .smoothMaxGate(temperature: tau ?? 10)
            default: throw ValidationError("--gate must be max or smooth, not \(gate ?? "")")
            }
        case .icnn, .icnnQuadratic:
            if gate != nil { throw ValidationError("--gate applies to hycnn and groupmax; \(model.rawValue) takes --activation") }
            let name = activation ?? "relu"
            if slope != nil, name != "leaky-relu" { throw ValidationError("--slope applies to --activation leaky-relu only") }
            if tau != nil, name != "softplus" { throw ValidationError("--tau applies to --activation softplus (or the smooth gate) only") }
            switch name {
            case "relu": settings.nonlinearity = .relu
            case "leaky-relu": settings.nonlinearity = .leakyRelu(slope: slope ?? 0.01)
            case "softplus": settings.nonlinearity = .softplus(temperature: tau ?? 10)
            default: throw ValidationError("--activation must be relu, leaky-relu or softplus, not \(name)")
            }
        case .maxaffine, .mlp: throw ValidationError("--model must be hycnn, groupmax, icnn or icnn-quadratic, not \(model.rawValue)")
        }
        settings.freeBackwardWeights = freeG
        settings.backwardPenalty = penalty
        settings.iterations = iterations
        settings.innerSteps = inner
        settings.batchSize = batch
        settings.learningRate = lr
        settings.finalLearningRate = min(1e-4, lr)
        settings.initialization = initialization
        if let initSteps {
            guard initialization != .paper else { throw ValidationError("--init-steps applies to --init identity or gaussian only") }
            settings.initializationSteps = initSteps
        }
        settings.dataScaling = scaling
        settings.seed = seed
        if let threads { settings.threads = threads }
        if let tau, !(tau > 0 && tau.isFinite) { throw ValidationError("--tau must be a positive number, got \(tau)") }
        do {
            try settings.validate()
        } catch TransportMapsError.invalidSetting(let name, let reason) {
            throw ValidationError("\(Self.flags[name] ?? name): \(reason)")          // the flag the user typed
        }
        return settings
    }

    /// The flag that sets each of ``BrenierMapSettings``' settings.
    static let flags = ["family": "--model", "widths": "--widths", "nonlinearity": "--gate/--activation/--tau", "freeBackwardWeights": "--free-g",
                        "backwardPenalty": "--penalty", "iterations": "--iterations", "innerSteps": "--inner", "batchSize": "--batch",
                        "learningRate": "--lr", "finalLearningRate": "--lr", "initialization": "--init", "initializationSteps": "--init-steps",
                        "dataScaling": "--scaling", "seed": "--seed", "threads": "--threads", "quadraticRank": "--rank", "architecture": "--widths"]

    /// The points of `table` row by row in the order of `columns`.
    static func points(_ table: CSVTable, columns: [String], path: String) throws -> [Double] {
        guard Set(table.header) == Set(columns), table.header.count == columns.count else {
            throw ValidationError("\(path): columns \(table.header.joined(separator: ", ")) differ from the source's \(columns.joined(separator: ", "))")
        }
        let ordered = try columns.map { try table.column(named: $0) }
        var points = [Double](repeating: 0, count: table.rowCount * columns.count)
        for (k, column) in ordered.enumerated() { for (i, value) in column.enumerated() { points[i * columns.count + k] = value } }
        return points
    }

    /// The held-out comparison as a table: W₂² (✓ when its certificate verified) and MMD².
    static func printHoldout(_ split: HoldoutSplit, _ comparison: PushforwardComparison, sourceCount: Int, targetCount: Int,
                             dimension d: Int) throws {
        let held = split.heldOutRows.count
        try StandardOutput.line("held out \(held) of \(targetCount) target points (--seed); the map and the baselines were fitted on the other \(targetCount - held)")
        try StandardOutput.line("the \(sourceCount) source points pushed forward, against the held-out points:")
        let width = comparison.rows.map(\.name.count).max() ?? 0
        try StandardOutput.line("  " + "".padding(toLength: width, withPad: " ", startingAt: 0)
                                + "  " + "W2² (exact)".padding(toLength: 14, withPad: " ", startingAt: 0)
                                + "  MMD² (σ = \(String(format: "%.4g", comparison.bandwidth)))")
        for row in comparison.rows {
            let cost = String(format: "%.6g", row.transportCost) + (row.verified ? " ✓" : " (not verified)")
            try StandardOutput.line("  " + row.name.padding(toLength: width, withPad: " ", startingAt: 0)
                                    + "  " + cost.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: "  %.4g", row.meanDiscrepancy))
        }
    }

    static func holdoutJSON(_ split: HoldoutSplit, _ comparison: PushforwardComparison, dimension d: Int) -> [String: Any] {
        ["heldOutCount": split.heldOutRows.count, "heldOutRows": split.heldOutRows.map { $0 + 1 },
         "mmdBandwidth": comparison.bandwidth,
         "rows": comparison.rows.map { ["name": $0.name, "transportCost": JSONOutput.number($0.transportCost), "verified": $0.verified,
                                        "mmdSquared": JSONOutput.number($0.meanDiscrepancy)] as [String: Any] }]
    }

    func run() throws {
        do {
            let settings = try settings()
            let destination = try OutputFile(path: output, role: "-o", inputs: [source, target])
            let drawing = try svg.map { try OutputFile(path: $0, role: "--svg", inputs: [source, target, output]) }
            let sourceTable = try HeaderedCSV.table(source, example: "x,y (one name per coordinate)")
            let columns = sourceTable.header
            let targetTable = try HeaderedCSV.table(target, example: columns.joined(separator: ","))
            guard Set(columns).count == columns.count else { throw ValidationError("\(source): repeated column names") }
            let sourcePoints = try Self.points(sourceTable, columns: columns, path: source)
            let targetPoints = try Self.points(targetTable, columns: columns, path: target)
            let d = columns.count
            if svg != nil, d < 2 {
                throw ValidationError("--svg draws two coordinates; these points have one")
            }
            let split = try holdout.map { fraction in
                do {
                    return try HoldoutSplit(targetPoints, dimension: d, fraction: fraction, seed: seed)
                } catch let TransportMapsError.invalidSetting(_, reason) {
                    throw ValidationError("--holdout \(fraction): \(reason)")
                }
            }
            let trainingTarget = split?.kept ?? targetPoints
            let bar = quiet ? nil : MinimaxProgressBar()
            let result = try BrenierMapTrainer(settings: settings).train(source: sourcePoints, target: trainingTarget, dimension: d,
                                                                         columns: columns) { bar?.update($0) }
            try destination.write(result.map.jsonData())
            let images = try result.map.apply(sourcePoints)
            let comparison = try split.map { split in
                try PushforwardComparison(trainingTarget: split.kept, heldOut: split.heldOut,
                                          candidates: PushforwardComparison.baselines(source: sourcePoints, trainingTarget: split.kept, dimension: d)
                                              + [(name: "learned map ∇f", points: images)],
                                          dimension: d)
            }
            if let drawing {
                let plane = d == 2 ? "" : " (\(columns[0]), \(columns[1]) of \(d) coordinates)"
                try drawing.write(MapPlot.svg(points: MapPlot.firstTwoCoordinates(sourcePoints, dimension: d), images: MapPlot.firstTwoCoordinates(images, dimension: d),
                                              title: "∇f learned from \((source as NSString).lastPathComponent) to \((target as NSString).lastPathComponent)" + plane,
                                              pointLabel: "source x", imageLabel: "images ∇f(x)",
                                              reference: MapPlot.firstTwoCoordinates(targetPoints, dimension: d), referenceLabel: "target y"))
            }
            let certificate = ConvexityCertificate.certify(result.map.forward, seed: seed, trials: 0)
            for warning in result.warnings { StandardOutput.error("warning: \(warning)\n") }
            if json {
                var object: [String: Any] = ["output": output, "dualEstimate": JSONOutput.number(result.dualEstimate), "seconds": result.seconds,
                                             "sourceCount": sourceTable.rowCount, "targetCount": targetTable.rowCount,
                                             "convexity": certificate.jsonObject, "warnings": result.warnings,
                                             "svg": drawing?.path ?? NSNull()]
                if let split, let comparison { object["holdout"] = Self.holdoutJSON(split, comparison, dimension: d) }
                try JSONOutput.print(object, command: "ot-map train")
            } else {
                try StandardOutput.line(String(format: "W2² estimate (dual)  %.6g", result.dualEstimate))
                try StandardOutput.line(String(format: "time                 %.2f s", result.seconds))
                try StandardOutput.line("f: " + certificate.description)
                try StandardOutput.line("saved the map to \(output)")
                if let split, let comparison {
                    try Self.printHoldout(split, comparison, sourceCount: sourceTable.rowCount, targetCount: targetTable.rowCount, dimension: d)
                }
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
