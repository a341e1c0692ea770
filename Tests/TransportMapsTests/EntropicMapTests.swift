import Foundation
import Testing
import Transport
import TransportMaps

@Suite("Entropic map")
struct EntropicMapTests {
    @Test("two points to two points: the weights by hand")
    func byHand() throws {
        // 1-D, x = {0, 1}, y = {0, 2}, ε = 1. By symmetry (P is doubly stochastic / 2 with equal
        // diagonal entries), P = ½ [[p, 1 − p], [1 − p, p]] with p/(1 − p) = √(K₁₁K₂₂/(K₁₂K₂₁)),
        // K = exp(−C/ε), C = [[0, 4], [1, 1]].
        var settings = SinkhornSettings(epsilon: 1, tolerance: 1e-13, maxIterations: 100_000)
        settings.initialEpsilon = 1
        let map = try EntropicMap(source: [0, 1], target: [0, 2], dimension: 1, settings: settings)
        let ratio = exp(-0.5 * (0 + 1 - 4 - 1))                                          // √(K₁₁K₂₂/(K₁₂K₂₁)) = e²
        let p = ratio / (1 + ratio)
        let images = try map.apply([0, 1])
        #expect(abs(images[0] - 2 * (1 - p)) < 1e-10)                                   // T(0) = p·0 + (1 − p)·2
        #expect(abs(images[1] - 2 * p) < 1e-10)                                          // T(1) = (1 − p)·0 + p·2
    }

    @Test("at the source points it is the plan's barycentric projection; out of sample it is smooth")
    func barycentric() throws {
        var settings = SinkhornSettings(epsilon: 0.05, tolerance: 1e-11)
        settings.maxIterations = 100_000
        let source = (0..<40).map { Double($0) / 40 }.flatMap { [$0, $0 * $0] }
        let target = (0..<30).map { Double($0) / 30 }.flatMap { [2 * $0 + 0.5, $0] }
        let map = try EntropicMap(source: source, target: target, dimension: 2, settings: settings)
        let projection = try map.plan.barycentricMap(targets: target, dimension: 2)
        #expect(maxDifference(try map.apply(source), projection) < 1e-8)
        let between = try map.apply([0.5, 0.3, 0.51, 0.3])
        #expect(between.allSatisfy { $0.isFinite } && abs(between[0] - between[2]) < 0.1)
        // Far out of sample the softmin picks the nearest target point.
        let far = try map.apply([100, 0])
        #expect(abs(far[0] - target[58]) < 1e-9 && abs(far[1] - target[59]) < 1e-9)
    }

    @Test("many points are mapped in blocks with the same answer as one by one")
    func blocks() throws {
        let source = (0..<600).map { sin(Double($0)) }, target = (0..<50).map { cos(Double($0)) }
        let map = try EntropicMap(source: source, target: target, dimension: 1, settings: SinkhornSettings(epsilon: 0.1))
        let all = try map.apply(source)
        for i in [0, 511, 512, 599] { #expect(abs(all[i] - (try map.apply([source[i]]))[0]) < 1e-14) }
    }

    @Test("a plan stopped by its iteration limit still maps, and says so")
    func notConverged() throws {
        let map = try EntropicMap(source: [0, 1, 2], target: [0, 5, 9], dimension: 1, settings: SinkhornSettings(epsilon: 1e-3, maxIterations: 2))
        #expect(map.plan.status == .iterationLimit)
        #expect(try map.apply([0.5]).allSatisfy { $0.isFinite })
    }
}
