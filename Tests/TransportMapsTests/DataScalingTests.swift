import ConvexNetworks
import DataFiles
import Foundation
import Testing
import TransportMaps

@Suite("Brenier map trainer: the change of units")
struct DataScalingTests {
    static let shiftX = [5.0, -3.0], shiftY = [100.0, 20.0], factor = 40.0

    static func settings(_ family: ModelFamily = .hycnn) -> BrenierMapSettings {
        var settings = BrenierMapTrainerTests.smallSettings(iterations: 20)
        settings.family = family
        settings.threads = 1
        return settings
    }

    /// c + k·p for points row by row in 2-D.
    static func moved(_ points: [Double], shift: [Double], factor k: Double) -> [Double] {
        points.enumerated().map { shift[$0.offset % 2] + k * $0.element }
    }

    static func samples() -> (source: [Double], target: [Double], test: [Double]) {
        let source = BrenierMapTrainerTests.normal(400, 2, seed: 21)
        let target = BrenierMapTrainerTests.normal(400, 2, seed: 22).enumerated().map { $0.offset % 2 == 0 ? 1.5 * $0.element + 0.5 : 0.7 * $0.element }
        return (source, target, BrenierMapTrainerTests.normal(50, 2, seed: 23))
    }

    @Test("standardized: the map learned from c + kX to e + kY is x ↦ e + k·T(x′) of the map from X to Y, gaps scale by k²")
    func mapDoesNotDependOnUnits() throws {
        let (source, target, test) = Self.samples()
        let k = Self.factor
        let trainer = BrenierMapTrainer(settings: Self.settings())
        let unit = try trainer.train(source: source, target: target, dimension: 2)
        let scaled = try trainer.train(source: Self.moved(source, shift: Self.shiftX, factor: k),
                                       target: Self.moved(target, shift: Self.shiftY, factor: k), dimension: 2)
        let expected = Self.moved(try unit.map.apply(test), shift: Self.shiftY, factor: k)          // e + k T(x)
        let images = try scaled.map.apply(Self.moved(test, shift: Self.shiftX, factor: k))
        for (a, b) in zip(images, expected) { #expect(abs(a - b) <= 1e-6 * k) }
        let back = try scaled.map.applyInverse(Self.moved(test, shift: Self.shiftY, factor: k))      // ∇G: c + k ∇g(y)
        for (a, b) in zip(back, Self.moved(try unit.map.applyInverse(test), shift: Self.shiftX, factor: k)) { #expect(abs(a - b) <= 1e-6 * k) }
        // F(x) + G(y) − ⟨x, y⟩ in data units is k² times the unit problem's.
        func gap(_ map: TransportMap, _ x: [Double], _ y: [Double]) throws -> Double {
            try map.forward.predict(x)[0] + map.backward.predict(y)[0] - (x[0] * y[0] + x[1] * y[1])
        }
        for i in 0..<10 {
            let x = Array(test[(2 * i)..<(2 * i + 2)]), y = Array(test[(2 * i + 20)..<(2 * i + 22)])
            let unitGap = try gap(unit.map, x, y)
            let scaledGap = try gap(scaled.map, Self.moved(x, shift: Self.shiftX, factor: k), Self.moved(y, shift: Self.shiftY, factor: k))
            #expect(abs(scaledGap - k * k * unitGap) <= 1e-6 * k * k * (1 + abs(unitGap)))
        }
        // W₂² of the moved samples: ‖c − e + k(m_X − m_Y)‖² + k²(W₂² − ‖m_X − m_Y‖²).
        let meanX = [0, 1].map { j in stride(from: j, to: source.count, by: 2).map { source[$0] }.reduce(0, +) / 400 }
        let meanY = [0, 1].map { j in stride(from: j, to: target.count, by: 2).map { target[$0] }.reduce(0, +) / 400 }
        var shiftGap = 0.0, meanGap = 0.0
        for j in 0..<2 {
            let a = Self.shiftX[j] - Self.shiftY[j] + k * (meanX[j] - meanY[j]), b = meanX[j] - meanY[j]
            shiftGap += a * a
            meanGap += b * b
        }
        let predicted = shiftGap + k * k * (unit.dualEstimate - meanGap)
        #expect(abs(scaled.dualEstimate - predicted) <= 1e-6 * abs(predicted))
        #expect(scaled.map.training.dataScaling == "standardized")
        #expect(scaled.map.forward.inputScaler.mean != [0, 0] && scaled.map.forward.targetScaler.scale[0] > 1)
    }

    @Test("GroupMaxNet (no input skip at the output) is only scaled, and its map still scales with the data")
    func groupMaxIsOnlyScaled() throws {
        let (source, target, test) = Self.samples()
        let trainer = BrenierMapTrainer(settings: Self.settings(.groupmax))
        let unit = try trainer.train(source: source, target: target, dimension: 2)
        let scaled = try trainer.train(source: source.map { 40 * $0 }, target: target.map { 40 * $0 }, dimension: 2)
        #expect(scaled.map.forward.inputScaler.mean == [0, 0] && scaled.map.backward.inputScaler.mean == [0, 0])
        for (a, b) in zip(try scaled.map.apply(test.map { 40 * $0 }), try unit.map.apply(test)) { #expect(abs(a - 40 * b) <= 1e-6 * 40) }
    }

    @Test("scaling none: the networks read the data as given (identity scalers), and the file records the choice")
    func noScaling() throws {
        let (source, target, _) = Self.samples()
        var settings = Self.settings()
        settings.dataScaling = .none
        let result = try BrenierMapTrainer(settings: settings).train(source: source, target: target, dimension: 2)
        #expect(result.map.forward.inputScaler == .identity(dimension: 2) && result.map.forward.targetScaler == .identity(dimension: 1))
        #expect(result.map.backward.inputScaler == .identity(dimension: 2))
        #expect(result.map.training.dataScaling == "none")
        let reloaded = try TransportMap(jsonData: result.map.jsonData(), path: "map.json")
        #expect(reloaded == result.map)
    }

    @Test("data far from unit scale (coordinates ±40, shifted by 100): the dual estimate is close to the exact W₂²")
    func largeScaleData() throws {
        let problem = try GaussianProblem(dimension: 2, seed: 9)
        let samples = try problem.samples(sourceCount: 2000, targetCount: 2000, testCount: 500, seed: 10)
        var settings = BrenierMapTrainerTests.smallSettings(iterations: 300, initialization: .identity)
        settings.threads = 1
        let move = { (p: [Double]) in Self.moved(p, shift: [100, -60], factor: 40) }
        let result = try BrenierMapTrainer(settings: settings).train(source: move(samples.source), target: move(samples.target), dimension: 2,
                                                                     test: try MapTestSet(inputs: move(samples.testInputs),
                                                                                          outputs: move(samples.testOutputs), dimension: 2))
        #expect(try #require(result.testUnexplainedVariance) < 2)
        let many = try problem.samples(sourceCount: 1, targetCount: 1, testCount: 100_000, seed: 11)
        let exact = 1600 * zip(many.testInputs, many.testOutputs).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 100_000
        #expect(abs(result.dualEstimate - exact) < 0.08 * exact)
    }
}
