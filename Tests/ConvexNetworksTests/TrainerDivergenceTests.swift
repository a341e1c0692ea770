import Foundation
import Testing
@testable import ConvexNetworks

/// Training on data or settings that make the loss overflow: refused before training, or
/// stopped at the first non-finite step, never a trap or a model with non-finite parameters.
@Suite struct TrainerDivergenceTests {
    static func data(inputs: (Int, Double) -> Double = { s, _ in Double(s % 17) / 8 - 1 },
                     target: (Int, Double) -> Double = { _, x in x * x }) throws -> Dataset {
        let n = 60
        let x = (0..<n).map { inputs($0, Double($0 % 17) / 8 - 1) }
        let y = (0..<n).map { target($0, x[$0]) }
        return try Dataset(inputNames: ["x"], targetName: "y", inputs: x, targets: y)
    }

    static func settings(learningRate: Double = 1e-2, mode: NonNegativity = .softplus) -> TrainingSettings {
        var settings = TrainingSettings()
        settings.epochs = 5
        settings.batchSize = 20
        settings.learningRate = learningRate
        settings.nonNegativity = mode
        return settings
    }

    @Test(arguments: [1e200, -1e151, 1e300])
    func targetsBeyondTheLimitAreRefusedBeforeTraining(value: Double) throws {
        let data = try Self.data(target: { s, x in s == 7 ? value : x })
        #expect(throws: ConvexNetworksError.valueTooLarge(what: "target 'y' of sample 8", value: value,
                                                          limit: Standardizer.largestTrainableMagnitude)) {
            try Trainer(settings: Self.settings()).fit(.hycnn(inputDimension: 1, widths: [4]), to: data)
        }
    }

    @Test func anInputBeyondTheLimitIsRefusedWithItsColumnAndSample() throws {
        let data = try Self.data(inputs: { s, x in s == 3 ? 1e300 : x }, target: { _, x in min(abs(x), 1) })
        let error = #expect(throws: ConvexNetworksError.self) {
            try Trainer(settings: Self.settings()).fit(.icnn(inputDimension: 1, widths: [4]), to: data)
        }
        #expect(error == .valueTooLarge(what: "input 'x' of sample 4", value: 1e300, limit: 1e150))
        #expect(error?.description.contains("rescale") == true)
    }

    @Test func valuesAtTheLimitTrainToFiniteModels() throws {
        let data = try Self.data(target: { s, x in s % 7 == 0 ? 1e150 : x })
        let result = try Trainer(settings: Self.settings()).fit(.hycnn(inputDimension: 1, widths: [4]), to: data)
        #expect(result.bestEpoch >= 1)
        #expect(result.model.network.parameters.allSatisfy { $0.isFinite })
        #expect(result.history.allSatisfy { $0.trainingMSE.isFinite && ($0.validationMSE ?? 0).isFinite })
    }

    @Test(arguments: [(1e308, NonNegativity.softplus), (1e300, .projection), (1e100, .softplus)])
    func aHugeLearningRateStopsWithTrainingDiverged(learningRate: Double, mode: NonNegativity) throws {
        let data = try Self.data()
        var reports = 0
        let error = #expect(throws: ConvexNetworksError.self) {
            try Trainer(settings: Self.settings(learningRate: learningRate, mode: mode))
                .fit(.icnn(inputDimension: 1, widths: [8, 8]), to: data) { _ in reports += 1 }
        }
        guard case let .trainingDiverged(epoch, step, _, rate) = error else {
            Issue.record("expected trainingDiverged, got \(String(describing: error))")
            return
        }
        #expect(epoch == reports + 1)                   // no epoch with a non-finite loss was reported
        #expect(step >= 1 && rate == learningRate)
        #expect(error!.description.contains("Lower the learning rate"))
    }

    @Test func everyModelReturnedHasAFiniteBestEpoch() throws {
        // Large but trainable rates either diverge (thrown) or give a model whose kept epoch exists.
        let data = try Self.data()
        for learningRate in [1.0, 1e3, 1e10] {
            do {
                let result = try Trainer(settings: Self.settings(learningRate: learningRate))
                    .fit(.hycnn(inputDimension: 1, widths: [4, 4]), to: data)
                #expect((1...result.history.count).contains(result.bestEpoch))
                #expect(result.model.network.parameters.allSatisfy { $0.isFinite })
            } catch let error as ConvexNetworksError {
                guard case .trainingDiverged = error else { throw error }
            }
        }
    }

    @Test func aNetworkThatIsNotFiniteBeforeTrainingIsNotBlamedOnTheLearningRate() throws {
        let data = try Self.data()
        let error = #expect(throws: ConvexNetworksError.self) {
            try Trainer(settings: Self.settings())
                .fit(.hycnn(inputDimension: 1, widths: [4], gate: .smoothMaxGate(temperature: 1e308)), to: data)
        }
        guard case .trainingDiverged(_, 0, _, _) = error else {
            Issue.record("expected trainingDiverged at step 0, got \(String(describing: error))")
            return
        }
        #expect(error!.description.contains("training cannot start") && error!.description.contains("temperature"))
    }
}
