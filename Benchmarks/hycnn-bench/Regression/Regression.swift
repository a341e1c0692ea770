import ArgumentParser
import ConvexNetworks
import ConvexRegression
import Foundation
import Solvers

/// The paper's convex-regression experiment: fit every model to every target and
/// dimension for several seeds; report the noiseless test MSE per (target, d, model).
struct Regression: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The paper's regression benchmark: targets f1…f6, X ~ Unif[−1,1]^d, Y = f(X) + N(0, σ²).",
        discussion: """
        Targets: f1 = ‖x‖², f2 = ‖x‖₄⁴, f3 = ‖x‖² + 0.25 sin(20‖x‖) (non-convex, always noiseless), \
        f4 = ‖x‖₁, f5 = exp(‖x‖₁/√d), f6 = max(‖x−μ‖², ‖x+μ‖²) with μ ~ N(0, I/d) drawn per seed.
        Models: family:WIDTHxDEPTH[:nonlinearity] with family hycnn, groupmax, icnn, icnn-quadratic (rank 1), \
        mlp (nonlinearity max | smooth=τ for hycnn/groupmax, relu | leaky=α | softplus=τ for both ICNNs), or maxaffine:PIECES; \
        convexreg:l1[:N] and convexreg:linf[:N] are the classical L1 / L∞ convex-regression estimators, \
        fitted by LP (GLPK dual simplex, cutting planes) to the first N ≤ 500 training samples (default 500) and \
        evaluated on the same test points; their train MSE is over those N samples.
        The default max-affine baseline has K = 384 pieces: K(d+1) + 2 = 19,586 parameters at d = 50, matched to \
        GroupMaxNet 48×4 (19,057); in a sweep over K = 8…768 (f1, f2; d = 10, 50; 3 seeds) it was the best K at d = 10 \
        and within 3% of K = 768 at d = 50, while K = 48 was about a third (d = 10) and 40% (d = 50) worse.
        Each seed s in 0..<seeds draws its own training set, noise, μ and 1000 noiseless test points \
        (independent streams) and initialises the model with seed s; the same options give the same numbers.
        Progress goes to stderr, the table (Markdown) to stdout; every run is written to --csv and the \
        table to the same path with -summary before .csv.
        """)

    @Option(help: "Targets, comma-separated, from f1…f6.")
    var targets = "f1,f2,f3,f4,f5,f6"

    @Option(help: "Input dimensions, comma-separated.")
    var dimensions = "1,2,5,10,20,50"

    @Option(help: "Models, comma-separated (see the discussion).")
    var models = ModelSpec.defaultList

    @Option(help: "Number of seeds: runs use seeds 0..<k.")
    var seeds = 3

    @Option(help: "Training samples n.")
    var samples = 5000

    @Option(help: "Noiseless test points.")
    var testSamples = 1000

    @Option(help: "Noise standard deviation σ (f3 is always noiseless).")
    var sigma = 1.0

    @Option(help: "Training epochs.")
    var epochs = 100

    @Option(help: "Batch size.")
    var batch = 1000

    @Option(help: "Adam learning rate.")
    var lr = 1e-2

    @Flag(help: "Cosine-decay the learning rate to --final-lr over training.")
    var cosine = false

    @Option(help: "Final learning rate of the cosine decay.")
    var finalLr = 1e-4

    @Option(help: "Share of the n samples held out for validation; with a positive share the best validation epoch is kept, with 0 (the paper's setup) the last epoch.")
    var validation = 0.0

    @Option(help: "How V stays non-negative: softplus or projection.")
    var nonnegativity = "softplus"

    @Option(help: "Threads sharing each minibatch (default: the active cores, at most 8); results are reproducible for a given thread count.")
    var threads = TrainingSettings().threads

    @Option(help: "CSV of every run (the aggregated table goes beside it with -summary).")
    var csv = "Benchmarks/results/regression.csv"

    func validate() throws {
        do {
            _ = try plan()
            _ = try settings()
        } catch let error as BenchError {
            throw ValidationError(error.description)
        } catch let error as ConvexNetworksError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let (targetList, dimensionList, modelList) = try plan()
        let base = try settings()
        let total = targetList.count * dimensionList.count * modelList.count * seeds
        let log = ResultsLog(path: csv)
        try log.open(header: RegressionRun.csvHeader)
        print(setupLine(base))
        print("")

        var runs: [RegressionRun] = []
        let start = DispatchTime.now()
        for target in targetList {
            for d in dimensionList {
                let problems = try (0..<seeds).map {
                    try RegressionProblem(target: target, dimension: d, samples: samples, testSamples: testSamples,
                                          noise: sigma, seed: UInt64($0))
                }
                for model in modelList {
                    for problem in problems {
                        let run = try fit(model, to: problem, settings: base)
                        runs.append(run)
                        try log.append(run.csvRow)
                        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                        Self.progress(run, index: runs.count, total: total, elapsed: elapsed)
                    }
                }
            }
        }
        let summary = RegressionSummary(runs)
        print(summary.table.markdown)
        print("")
        print("test MSE on \(testSamples) noiseless points, mean ± sample sd over the seeds 0..<\(seeds) that did not diverge "
            + "(diverged: NaN/∞, or test MSE above \(Int(RegressionRun.divergenceFactor))× the variance of f, i.e. of a constant fit); "
            + "train MSE against the noisy samples; s/run = mean training seconds; "
            + "* = lowest mean test MSE of its target and dimension among models with no diverged seed.")
        try log.writeSummary(summary.csvTable.csv)
        Self.standardError("wrote \(log.path) (\(runs.count) runs) and \(log.summaryPath)\n")
    }

    /// Trains `model` on the problem's samples (an LP estimator: fits it to the first N of them)
    /// and measures it on the test points.
    func fit(_ model: ModelSpec, to problem: RegressionProblem, settings base: TrainingSettings) throws -> RegressionRun {
        var settings = base
        settings.seed = problem.seed
        let architecture = model.architecture(inputDimension: problem.dimension)
        let training = model.convexRegression == nil ? problem.training : problem.training.subset(Array(0..<model.width))
        let start = DispatchTime.now()
        let fitted: RegressionModel
        if let norm = model.convexRegression {
            fitted = try ConvexRegressionEstimator.fit(training, norm: norm, using: SolverChoice.dualSimplex.makeSolver())
        } else {
            fitted = try Trainer(settings: settings).fit(architecture, to: training).model
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let testMSE = RegressionProblem.meanSquaredError(try fitted.predict(problem.testInputs), problem.testTargets)
        let trainMSE = RegressionProblem.meanSquaredError(try fitted.predict(training.inputs), training.targets)
        return RegressionRun(target: problem.target, dimension: problem.dimension, model: model,
                             parameterCount: architecture.parameterCount, seed: problem.seed,
                             testMSE: testMSE, trainMSE: trainMSE, seconds: seconds, testVariance: problem.testVariance)
    }

    /// The parsed targets, dimensions and models; throws for anything unusable.
    func plan() throws -> ([RegressionTarget], [Int], [ModelSpec]) {
        let targetList = try RegressionTarget.parseList(targets)
        let dimensionList = try ListOption.positiveIntegers(dimensions, option: "--dimensions", example: "10,50")
        let modelList = try ModelSpec.parseList(models)
        for model in modelList { try model.architecture(inputDimension: dimensionList[0]).validate() }
        if let model = modelList.first(where: { $0.convexRegression != nil && $0.width > samples }) {
            throw BenchError.badOption(name: "--models", value: model.key,
                                       reason: "the estimator is fitted to its first \(model.width) training samples but --samples is \(samples)")
        }
        guard seeds > 0 else { throw BenchError.badOption(name: "--seeds", value: "\(seeds)", reason: "must be positive") }
        guard samples > 0 else { throw BenchError.badOption(name: "--samples", value: "\(samples)", reason: "must be positive") }
        guard testSamples > 0 else { throw BenchError.badOption(name: "--test-samples", value: "\(testSamples)", reason: "must be positive") }
        guard sigma >= 0, sigma.isFinite else { throw BenchError.badOption(name: "--sigma", value: "\(sigma)", reason: "must be a finite number ≥ 0") }
        return (targetList, dimensionList, modelList)
    }

    /// The training settings of every run (the seed is set per run).
    func settings() throws -> TrainingSettings {
        guard let mode = NonNegativity(rawValue: nonnegativity) else {
            throw BenchError.badOption(name: "--nonnegativity", value: nonnegativity,
                                       reason: "expected " + NonNegativity.allCases.map(\.rawValue).joined(separator: " or "))
        }
        var settings = TrainingSettings()
        settings.epochs = epochs
        settings.batchSize = batch
        settings.learningRate = lr
        settings.cosineDecay = cosine
        settings.finalLearningRate = finalLr
        settings.validationFraction = validation
        settings.restoreBestEpoch = validation > 0
        settings.nonNegativity = mode
        settings.threads = threads
        try settings.validate()
        return settings
    }

    private func setupLine(_ s: TrainingSettings) -> String {
        let schedule = s.cosineDecay ? "cosine \(s.learningRate) → \(s.finalLearningRate)" : "constant \(s.learningRate)"
        let kept = s.validationFraction > 0 ? "validation \(s.validationFraction), best epoch kept" : "no validation, last epoch kept"
        return "Regression: n = \(samples), σ = \(sigma) (f3: 0), \(testSamples) noiseless test points, "
            + "seeds 0..<\(seeds); Adam lr \(schedule), \(s.epochs) epochs, batch \(s.batchSize), \(kept), "
            + "V ≥ 0 by \(s.nonNegativity.rawValue), \(s.threads) thread\(s.threads == 1 ? "" : "s")."
    }

    private static func progress(_ run: RegressionRun, index: Int, total: Int, elapsed: Double) {
        let width = String(total).count
        let counter = String(repeating: " ", count: width - String(index).count) + "\(index)/\(total)"
        let error = run.diverged ? "diverged (test MSE \(run.testMSE), train MSE \(run.trainMSE))"
            : "test MSE \(RegressionSummary.format(run.testMSE)), train MSE \(RegressionSummary.format(run.trainMSE))"
        let line = "[\(counter)] \(run.target.rawValue) d=\(run.dimension) \(run.model.label) seed \(run.seed): \(error), "
            + String(format: "%.1f s (elapsed %.0f s)", run.seconds, elapsed)
        standardError(line + "\n")
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
