import DataFiles
import Foundation
import LinearAlgebra

/// Fits a network to a dataset by minibatch Adam on the mean squared error, in standardised
/// units (scalers from the training split), with a seeded validation split, optional cosine
/// decay and best-epoch restore. Prints nothing: progress goes to the caller's callback.
///
/// Training refuses data with values beyond ``Standardizer/largestTrainableMagnitude`` before it
/// starts, and stops with `trainingDiverged` at the first step whose loss, gradient or
/// parameters are not finite (or an epoch whose error in the data's units overflows), so every
/// model it returns has finite parameters and a finite loss.
public struct Trainer {
    public var settings: TrainingSettings

    public init(settings: TrainingSettings = TrainingSettings()) { self.settings = settings }

    public struct Result: Sendable {
        public var model: RegressionModel
        public var history: [EpochReport]
        /// The epoch whose parameters the model holds (1-based).
        public var bestEpoch: Int
    }

    public func fit(_ architecture: Architecture, to data: Dataset,
                    progress: ((EpochReport) -> Void)? = nil) throws -> Result {
        try settings.validate()
        guard architecture.inputDimension == data.dimension else {
            throw ConvexNetworksError.dimensionMismatch(what: "inputs of the data set for this architecture",
                                                        expected: architecture.inputDimension, actual: data.dimension)
        }
        try data.checkMagnitudes(atMost: Standardizer.largestTrainableMagnitude)
        let (training, validation) = try data.split(validationFraction: settings.validationFraction, seed: settings.seed)
        let inputScaler = Standardizer(fitting: training.inputs, dimension: data.dimension)
        let targetScaler = Standardizer(fitting: training.targets, dimension: 1)
        let x = inputScaler.standardized(training.inputs), y = targetScaler.standardized(training.targets)
        let validationX = inputScaler.standardized(validation.inputs), validationY = targetScaler.standardized(validation.targets)
        let unitsSquared = targetScaler.scale[0] * targetScaler.scale[0]   // MSE in original units = s² · MSE

        var network = try NetworkInitializer.initialParameters(for: architecture, seed: settings.seed)
        var weights = ConstrainedWeights(network: network, mode: settings.nonNegativity)
        var optimizer = AdamOptimizer(parameterCount: network.parameters.count, beta1: settings.beta1, beta2: settings.beta2)
        var shuffler = SeededGenerator(seed: settings.seed &+ 0x9E37_79B9)

        let n = training.count
        let batchSize = min(settings.batchSize, n)
        let parallel = ParallelGradient(architecture: architecture, batchSize: batchSize, threads: settings.threads)
        var gradient = [Double](repeating: 0, count: network.parameters.count)
        var order = Array(0..<n)
        let stepsPerEpoch = (n + batchSize - 1) / batchSize
        let (product, overflow) = settings.epochs.multipliedReportingOverflow(by: stepsPerEpoch)
        let totalSteps = overflow ? Int.max : product
        var step = 0
        var history: [EpochReport] = []
        var best = (loss: Double.infinity, epoch: 0, parameters: network.parameters)

        // Workers share each batch; BLAS runs on one thread inside them (its threads cost more
        // than they give on these small matrices).
        try BLASThreads.with(parallel.workers.count > 1 ? 1 : BLASThreads.count) {
            for epoch in 1...settings.epochs {
                let start = DispatchTime.now()
                shuffler.shuffle(&order)
                var squaredError = 0.0
                var learningRate = settings.learningRate
                for batchStart in stride(from: 0, to: n, by: batchSize) {
                    let batch = order[batchStart..<min(batchStart + batchSize, n)]
                    let batchError = parallel.compute(network, inputs: x, targets: y, batch: batch, into: &gradient)
                    learningRate = scheduledRate(step: step, of: totalSteps)
                    step += 1
                    func diverged(_ what: String) -> ConvexNetworksError {
                        .trainingDiverged(epoch: epoch, step: step, what: what, learningRate: learningRate)
                    }
                    guard batchError.isFinite else {
                        if step == 1 {                                  // before any update: the initial network
                            throw ConvexNetworksError.trainingDiverged(epoch: epoch, step: 0, what: "the untrained network's squared error (\(batchError))",
                                                                       learningRate: learningRate)
                        }
                        throw diverged("the batch's squared error (\(batchError))")
                    }
                    if let k = gradient.firstIndex(where: { !$0.isFinite }) { throw diverged("gradient entry \(k + 1) (\(gradient[k]))") }
                    squaredError += batchError
                    weights.step(&network, gradient: &gradient, optimizer: &optimizer, learningRate: learningRate)
                    if let k = network.parameters.firstIndex(where: { !$0.isFinite }) {
                        throw diverged("parameter \(k + 1) after the step (\(network.parameters[k]))")
                    }
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                let trainingMSE = squaredError / Double(n) * unitsSquared
                var validationMSE: Double?
                if validation.count > 0 {
                    let f = network.evaluate(validationX)
                    validationMSE = zip(f, validationY).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(validation.count) * unitsSquared
                }
                for (name, value) in [("the training MSE", trainingMSE), ("the validation MSE", validationMSE ?? 0)] where !value.isFinite {
                    throw ConvexNetworksError.trainingDiverged(epoch: epoch, step: step, what: "\(name) in the target's units (\(value))",
                                                               learningRate: learningRate)
                }
                let report = EpochReport(epoch: epoch, epochs: settings.epochs, trainingMSE: trainingMSE, validationMSE: validationMSE,
                                         learningRate: learningRate, seconds: seconds, samplesPerSecond: Double(n) / max(seconds, 1e-9))
                history.append(report)
                progress?(report)
                let loss = validationMSE ?? trainingMSE
                if loss < best.loss || !settings.restoreBestEpoch {
                    best = (loss, epoch, network.parameters)
                }
            }
        }
        network.parameters = best.parameters
        var model = try RegressionModel(network: network, inputScaler: inputScaler, targetScaler: targetScaler,
                                        inputNames: data.inputNames, targetName: data.targetName)
        model.inputRange = InputRange(inputs: data.inputs, dimension: data.dimension)
        return Result(model: model, history: history, bestEpoch: best.epoch)
    }

    /// lr_t = lr_end + ½(lr_0 − lr_end)(1 + cos(π t/T)) with cosine decay, else lr_0.
    func scheduledRate(step: Int, of total: Int) -> Double {
        guard settings.cosineDecay, total > 1 else { return settings.learningRate }
        let progress = Double(step) / Double(total - 1)
        return settings.finalLearningRate + 0.5 * (settings.learningRate - settings.finalLearningRate) * (1 + cos(Double.pi * progress))
    }
}
