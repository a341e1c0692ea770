import DataFiles
import Foundation
import Testing
import Transport
import TransportMaps

@Suite("Map evaluation")
struct EvaluationTests {
    @Test("mean squared error and L2-UVP on a known case")
    func metrics() throws {
        let exact: [Double] = [0, 0, 2, 0, 0, 2, 2, 2]                                  // 4 points in 2-D
        let estimated: [Double] = [1, 0, 2, 0, 0, 2, 2, 3]                              // two off by 1
        #expect(try MapMetrics.meanSquaredError(estimated, exact, dimension: 2) == 0.5)
        #expect(try MapMetrics.totalVariance(exact, dimension: 2) == 2)                 // 1 + 1
        #expect(try MapMetrics.unexplainedVariance(estimated, exact, dimension: 2) == 25)
        #expect(try MapMetrics.unexplainedVariance(estimated, exact, dimension: 2, targetVariance: 4) == 12.5)
        // The constant map to the mean scores 100 %.
        #expect(abs(try MapMetrics.unexplainedVariance([Double](repeating: 1, count: 8), exact, dimension: 2) - 100) < 1e-12)
        #expect(throws: TransportMapsError.self) { try MapMetrics.meanSquaredError([1, 2], exact, dimension: 2) }
        #expect(throws: TransportMapsError.self) { try MapMetrics.meanSquaredError([.nan, 0, 2, 0, 0, 2, 2, 2], exact, dimension: 2) }
        #expect(throws: TransportMapsError.self) { try MapMetrics.unexplainedVariance(exact, exact, dimension: 2, targetVariance: 0) }
    }

    @Test("exact transport cost equals the network simplex's, with a checked certificate")
    func exactCost() throws {
        var generator = SeededGenerator(seed: 8)
        let x = (0..<(30 * 3)).map { _ in generator.nextNormal() }
        let y = (0..<(20 * 3)).map { _ in generator.nextNormal() + 0.5 }
        let certified = try SampleDiscrepancy.exactTransportCost(x, y, dimension: 3)
        let problem = try TransportProblem(source: PointCloud(coordinates: x, dimension: 3), target: PointCloud(coordinates: y, dimension: 3))
        let direct = try NetworkSimplex().solve(problem)
        #expect(certified.certificate.verified)
        #expect(abs(certified.plan.cost - direct.cost) <= 1e-12 * direct.cost)
        // One point each: the cost is the squared distance.
        #expect(abs(try SampleDiscrepancy.exactTransportCost([0, 0], [3, 4], dimension: 2).plan.cost - 25) < 1e-12)
        #expect(throws: TransportMapsError.self) { try SampleDiscrepancy.exactTransportCost([], y, dimension: 3) }
    }

    @Test("MMD ≈ 0 for one distribution, > 0 for a shifted one; median bandwidth")
    func mmd() throws {
        var generator = SeededGenerator(seed: 21)
        func sample(_ n: Int, shift: Double) -> [Double] { (0..<(n * 2)).map { _ in generator.nextNormal() + shift } }
        let x = sample(300, shift: 0), same = sample(300, shift: 0), shifted = sample(300, shift: 1)
        let null = try SampleDiscrepancy.maximumMeanDiscrepancy(x, same, dimension: 2)
        let alternative = try SampleDiscrepancy.maximumMeanDiscrepancy(x, shifted, dimension: 2)
        #expect(abs(null.squared) < 0.01)
        #expect(alternative.squared > 0.1)
        #expect(null.bandwidth > 1 && null.bandwidth < 3)                                // median distance of N(0, I₂) pairs ≈ 1.67
        // Two points each, fixed bandwidth: by hand.
        let hand = try SampleDiscrepancy.maximumMeanDiscrepancy([0, 1], [0, 2], dimension: 1, bandwidth: 1)
        let k1: Double = exp(-0.5), k2: Double = exp(-2.0)
        let within: Double = k1 + k2                                                     // k(0, 1) + k(0, 2)
        let across: Double = 1 + k2 + k1 + k1                                            // k(0,0) k(0,2) k(1,0) k(1,2)
        let expected = within - 2 * across / 4
        #expect(abs(hand.squared - expected) < 1e-15)
        #expect(throws: TransportMapsError.self) { try SampleDiscrepancy.maximumMeanDiscrepancy([1, 1], [1, 1], dimension: 1) }
    }
}
