import ArgumentParser
import ConvexNetworks
import DataFiles
import Foundation

extension ModelFamily: ExpressibleByArgument {}
extension NonNegativity: ExpressibleByArgument {}

/// `hycnn fit data.csv --target y -o model.json`: train a network and save it.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a convex network (or a baseline) to the samples of a CSV file.",
        discussion: """
            Inputs and target are standardised (the scalers are saved in the model, so predictions \
            and errors are in the data's own units). Training is minibatch Adam on the mean squared \
            error with a seeded validation split and best-epoch restore; the same seed gives the \
            same model bit for bit. Prints the final training and validation MSE and the model's \
            convexity verdict (--json: one JSON object). The model file records the box of the \
            training inputs, so that `hycnn minimize` can warn when it extrapolates. -o is checked before training (not an input, a regular file or \
            nothing, in a writable folder) and replaced only when the new model is complete. \
            Exit codes: 0 saved, 1 error.
            """)

    @Argument(help: "CSV file with a header row.") var data: String
    @Option(help: "The target column.") var target: String
    @Option(help: "Input columns, comma-separated (default: every column but the target).") var inputs: String?
    @Option(help: "hycnn, groupmax, icnn, icnn-quadratic, maxaffine or mlp.") var model: ModelFamily = .hycnn
    @Option(help: "Hidden widths: WIDTHxDEPTH (48x4) or a list (64,64,32). Default 48x4 (icnn, icnn-quadratic, mlp: 64x4).") var widths: String?
    @Option(help: "Gate of hycnn/groupmax: max (LP-encodable; the default) or smooth.") var gate: String?
    @Option(help: "Temperature of the smooth gate or softplus (default 1).") var tau: Double?
    @Option(help: "Activation of icnn and icnn-quadratic: relu (the default), leaky-relu or softplus.") var activation: String?
    @Option(help: "Rank of icnn-quadratic's quadratic term per first-layer unit (default 1).") var rank: Int?
    @Option(help: "Slope of leaky-relu, in [0, 1] for convexity (default 0.01).") var slope: Double?
    @Option(help: "Pieces of maxaffine (default 48).") var pieces: Int?
    @Option(help: "Training epochs.") var epochs: Int = 100
    @Option(help: "Minibatch size.") var batch: Int = 1000
    @Option(help: "Adam learning rate.") var lr: Double = 1e-2
    @Flag(help: "Cosine-decay the learning rate to 1e-4.") var cosine = false
    @Option(help: "Keep V ≥ 0 by softplus reparametrisation or by projection.") var nonnegativity: NonNegativity = .softplus
    @Option(help: "Seed of the initialisation, split and shuffling.") var seed: UInt64 = 0
    @Option(help: "Share of samples held out for validation, in [0, 1).") var validation: Double = 0.1
    @Option(name: [.short, .customLong("output")], help: "Where to save the model (JSON).") var output: String
    @Flag(help: "No progress bar.") var quiet = false
    @Flag(help: "Print one JSON object instead of text (the progress bar still goes to stderr unless --quiet).") var json = false

    func validate() throws {
        let gated = model == .hycnn || model == .groupmax, activated = model == .icnn || model == .icnnQuadratic
        if gate != nil && !gated { throw ValidationError("--gate applies only to --model hycnn or groupmax") }
        if activation != nil && !activated { throw ValidationError("--activation applies only to --model icnn or icnn-quadratic") }
        if rank != nil && model != .icnnQuadratic { throw ValidationError("--rank applies only to --model icnn-quadratic") }
        if pieces != nil && model != .maxaffine { throw ValidationError("--pieces applies only to --model maxaffine") }
        if widths != nil && model == .maxaffine { throw ValidationError("--widths does not apply to --model maxaffine (it has --pieces)") }
        if slope != nil && !(activated && activation == "leaky-relu") { throw ValidationError("--slope applies only to --activation leaky-relu") }
        if tau != nil && !((gated && gate.map { $0 != "max" } == true) || (activated && activation == "softplus")) {
            throw ValidationError("--tau applies only to --gate smooth or --activation softplus")
        }
        if let rank, rank < 1 { throw ValidationError("--rank must be at least 1, got \(rank)") }
        if let pieces, pieces < 1 { throw ValidationError("--pieces must be at least 1, got \(pieces)") }
        if let tau, !(tau > 0 && tau.isFinite) { throw ValidationError("--tau must be a positive number, got \(tau)") }
        if let slope, !(slope >= 0 && slope <= 1) { throw ValidationError("--slope must lie in [0, 1] (a convex leaky-relu), got \(slope)") }
        if epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        if batch < 1 { throw ValidationError("--batch must be at least 1, got \(batch)") }
        if !(lr > 0 && lr.isFinite) { throw ValidationError("--lr must be a positive number, got \(lr)") }
        if !(validation >= 0 && validation < 1) { throw ValidationError("--validation must lie in [0, 1), got \(validation)") }
    }

    func architecture(dimension d: Int) throws -> Architecture {
        let hidden = try Self.parseWidths(widths ?? ([.icnn, .icnnQuadratic, .mlp].contains(model) ? "64x4" : "48x4"))
        let tau = self.tau ?? 1
        let gateKind: Nonlinearity
        switch gate ?? "max" {
        case "max": gateKind = .maxGate
        case "smooth", "smooth-max": gateKind = .smoothMaxGate(temperature: tau)
        default: throw ValidationError("--gate must be max or smooth, not \(gate ?? "")")
        }
        switch model {
        case .hycnn: return .hycnn(inputDimension: d, widths: hidden, gate: gateKind)
        case .groupmax: return .groupMax(inputDimension: d, widths: hidden, gate: gateKind)
        case .icnn, .icnnQuadratic:
            let kind: Nonlinearity
            switch activation ?? "relu" {
            case "relu": kind = .relu
            case "leaky-relu": kind = .leakyRelu(slope: slope ?? 0.01)
            case "softplus": kind = .softplus(temperature: tau)
            default: throw ValidationError("--activation must be relu, leaky-relu or softplus, not \(activation ?? "")")
            }
            if model == .icnnQuadratic {
                return .icnnQuadratic(inputDimension: d, widths: hidden, activation: kind, rank: rank ?? Architecture.defaultQuadraticRank)
            }
            return .icnn(inputDimension: d, widths: hidden, activation: kind)
        case .maxaffine: return .maxAffine(inputDimension: d, pieces: pieces ?? 48)
        case .mlp: return .mlp(inputDimension: d, widths: hidden)
        }
    }

    /// "48x4" → [48, 48, 48, 48]; "64,64,32" → [64, 64, 32].
    static func parseWidths(_ text: String) throws -> [Int] {
        let parts = text.lowercased().split(separator: "x")
        if parts.count == 2, let width = Int(parts[0]), let depth = Int(parts[1]), width > 0, depth > 0 {
            // Checked before the list is built: 3x100000000 would allocate 800 MB only to be refused.
            let (units, overflow) = width.multipliedReportingOverflow(by: depth)
            guard !overflow, units <= Architecture.maximumUnitCount else {
                throw ValidationError("--widths \(text) makes the network too large: \(overflow ? "more than \(Int.max)" : "\(units)") "
                                      + "hidden units, beyond the limit of \(Architecture.maximumUnitCount) per sample")
            }
            return Array(repeating: width, count: depth)
        }
        let list = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty, list.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ValidationError("--widths must look like 48x4 or 64,64,32, not \(text)")
        }
        return list.map { $0! }
    }

    func run() throws {
        do {
            // Checked before training: a fit is never lost to an unwritable or unsafe -o.
            let destination = try OutputFile(path: output, role: "-o", inputs: [data])
            let table = try CSVTable(contentsOfFile: data)
            let inputNames = inputs?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let dataset = try Dataset(table: table, target: target, inputs: inputNames)
            let architecture = try architecture(dimension: dataset.dimension)
            var settings = TrainingSettings()
            settings.epochs = epochs
            settings.batchSize = batch
            settings.learningRate = lr
            settings.cosineDecay = cosine
            settings.nonNegativity = nonnegativity
            settings.seed = seed
            settings.validationFraction = validation
            let start = Date()
            let bar = quiet ? nil : ProgressBar()
            let result = try Trainer(settings: settings).fit(architecture, to: dataset) { report in
                bar?.update(EpochReportLine(epoch: report.epoch, epochs: report.epochs, trainingMSE: report.trainingMSE,
                                            validationMSE: report.validationMSE, samplesPerSecond: report.samplesPerSecond))
            }
            try destination.write(result.model.jsonData())
            if json {
                try JSONOutput.print(FitReport.json(result: result, architecture: architecture, samples: dataset.count, output: output,
                                                    seconds: Date().timeIntervalSince(start)), command: "fit")
            } else {
                try StandardOutput.line(FitReport.text(result: result, architecture: architecture, samples: dataset.count, output: output))
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
