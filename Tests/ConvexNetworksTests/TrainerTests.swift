import DataFiles
import Foundation
import Testing
@testable import ConvexNetworks

@Suite struct TrainerTests {
    /// y = ‖x‖² (+ noise) on Unif[−1, 1]^d, as in the paper's f1.
    static func squaredNorm(d: Int, n: Int, noise: Double, seed: UInt64) throws -> Dataset {
        var random = SeededGenerator(seed: seed)
        let x = (0..<(n * d)).map { _ in 2 * random.nextUniform() - 1 }
        let y = (0..<n).map { s in (0..<d).reduce(0.0) { $0 + x[s * d + $1] * x[s * d + $1] } + noise * random.nextNormal() }
        return try Dataset(inputNames: (1...d).map { "x\($0)" }, targetName: "y", inputs: x, targets: y)
    }

    static func settings(epochs: Int) -> TrainingSettings {
        var settings = TrainingSettings()
        settings.epochs = epochs
        settings.batchSize = 128
        return settings
    }

    @Test func hycnnLearnsASquaredNorm() throws {
        let data = try Self.squaredNorm(d: 2, n: 2000, noise: 0, seed: 1)
        let result = try Trainer(settings: Self.settings(epochs: 60)).fit(.hycnn(inputDimension: 2, widths: [16, 16]), to: data)
        let test = try Self.squaredNorm(d: 2, n: 500, noise: 0, seed: 2)
        let predictions = try result.model.predict(test.inputs)
        let mse = zip(predictions, test.targets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(test.count)
        #expect(mse < 2e-3, "test MSE \(mse)")          // Var(y) ≈ 0.18: the fit explains > 98 %
        #expect(result.history.count == 60)
        #expect(result.history.last!.trainingMSE < result.history.first!.trainingMSE / 10)
        #expect(result.model.network.minimumConstrainedWeights.compactMap { $0 }.allSatisfy { $0 >= 0 })
    }

    @Test(arguments: NonNegativity.allCases)
    func sameSeedSameModelBitForBit(mode: NonNegativity) throws {
        let data = try Self.squaredNorm(d: 3, n: 300, noise: 0.1, seed: 3)
        var settings = Self.settings(epochs: 5)
        settings.nonNegativity = mode
        let a = try Trainer(settings: settings).fit(.hycnn(inputDimension: 3, widths: [8, 8]), to: data)
        let b = try Trainer(settings: settings).fit(.hycnn(inputDimension: 3, widths: [8, 8]), to: data)
        #expect(a.model == b.model)
        settings.seed = 99
        let c = try Trainer(settings: settings).fit(.hycnn(inputDimension: 3, widths: [8, 8]), to: data)
        #expect(c.model.network.parameters != a.model.network.parameters)
    }

    @Test func projectionKeepsExactZerosAndSoftplusStaysPositive() throws {
        let data = try Self.squaredNorm(d: 2, n: 400, noise: 0.5, seed: 4)
        var settings = Self.settings(epochs: 20)
        settings.learningRate = 0.05
        settings.nonNegativity = .projection
        let projected = try Trainer(settings: settings).fit(.icnn(inputDimension: 2, widths: [16, 16]), to: data)
        let minima = projected.model.network.minimumConstrainedWeights.compactMap { $0 }
        #expect(minima.allSatisfy { $0 >= 0 })
        #expect(minima.contains(0))                         // projection produces exact zeros
        settings.nonNegativity = .softplus
        let reparametrised = try Trainer(settings: settings).fit(.icnn(inputDimension: 2, widths: [16, 16]), to: data)
        #expect(reparametrised.model.network.minimumConstrainedWeights.compactMap { $0 }.allSatisfy { $0 > 0 })
    }

    @Test func bestEpochIsRestoredAndReportedInOriginalUnits() throws {
        let data = try Self.squaredNorm(d: 2, n: 500, noise: 0.3, seed: 5)
        var settings = Self.settings(epochs: 15)
        settings.validationFraction = 0.2
        var reports: [EpochReport] = []
        let result = try Trainer(settings: settings).fit(.hycnn(inputDimension: 2, widths: [8]), to: data) { reports.append($0) }
        #expect(reports.count == 15)
        let losses = reports.map { $0.validationMSE! }
        #expect(result.bestEpoch == losses.firstIndex(of: losses.min()!)! + 1)
        // The restored model's validation MSE, recomputed in original units, is the best epoch's.
        let (_, validation) = try data.split(validationFraction: 0.2, seed: settings.seed)
        let predictions = try result.model.predict(validation.inputs)
        let mse = zip(predictions, validation.targets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(validation.count)
        #expect(abs(mse - losses.min()!) <= 1e-9 * mse)
    }

    @Test func cosineDecayRunsFromTheInitialToTheFinalRate() {
        var settings = TrainingSettings()
        settings.cosineDecay = true
        settings.learningRate = 0.01
        settings.finalLearningRate = 0.0001
        let trainer = Trainer(settings: settings)
        #expect(trainer.scheduledRate(step: 0, of: 101) == 0.01)
        #expect(abs(trainer.scheduledRate(step: 50, of: 101) - 0.00505) < 1e-15)
        #expect(abs(trainer.scheduledRate(step: 100, of: 101) - 0.0001) < 1e-15)
    }

    @Test func badSettingsAndShapesAreClearErrors() throws {
        let data = try Self.squaredNorm(d: 2, n: 50, noise: 0, seed: 6)
        var settings = TrainingSettings()
        settings.epochs = 0
        #expect(throws: ConvexNetworksError.self) { try Trainer(settings: settings).fit(.hycnn(inputDimension: 2, widths: [4]), to: data) }
        #expect(throws: ConvexNetworksError.dimensionMismatch(what: "inputs of the data set for this architecture", expected: 3, actual: 2)) {
            try Trainer().fit(.hycnn(inputDimension: 3, widths: [4]), to: data)
        }
        #expect(throws: ConvexNetworksError.self) { try Trainer().fit(.hycnn(inputDimension: 2, widths: [0]), to: data) }
    }

    @Test func adamMatchesItsFormulaOnOneStep() {
        var adam = AdamOptimizer(parameterCount: 2)
        var theta = [1.0, -2.0]
        adam.update(&theta, gradient: [0.5, -4], learningRate: 0.1)
        // First step: m̂ = g, v̂ = g², so θ moves by lr·g/(|g| + ε) ≈ lr·sign(g).
        #expect(abs(theta[0] - 0.9) < 1e-7 && abs(theta[1] + 1.9) < 1e-7)
    }
}
