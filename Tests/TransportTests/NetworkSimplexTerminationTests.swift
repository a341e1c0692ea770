import ConvexNetworks
import DataFiles
import Foundation
import LinearProgramming
import Testing
@testable import Transport

/// Class 7 of issue 10: the numeric policy on costs, the pricing's noise floor and the pivot
/// limit, so that no transport problem makes the network simplex run without end.
@Suite struct NetworkSimplexTerminationTests {
    /// 100 × 100 Gaussian clouds with random weights; source point `outlier` has coordinate
    /// `axis` set to `value`.
    static func outlierClouds(value: Double, seed: UInt64, dimension d: Int = 2) throws -> (PointCloud, PointCloud) {
        var random = SeededGenerator(seed: seed)
        var x = TransportInstances.points(100, dimension: d, random: &random)
        let y = TransportInstances.points(100, dimension: d, random: &random)
        x[random.nextIndex(below: 100 * d)] = value
        let a = TransportInstances.weights(100, random: &random), b = TransportInstances.weights(100, random: &random)
        return (try PointCloud(coordinates: x, dimension: d, weights: a, name: "source"),
                try PointCloud(coordinates: y, dimension: d, weights: b, name: "target"))
    }

    @Test(arguments: [-1e20, 1e20, -1e30, 1e12])
    func anOutlyingCoordinateIsRefusedNamingIt(value: Double) throws {
        let (source, target) = try Self.outlierClouds(value: value, seed: 7)
        let error = #expect(throws: TransportError.self) { try TransportProblem(source: source, target: target) }
        guard case let .unresolvableCosts(reason) = error else {
            Issue.record("expected unresolvableCosts, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("can resolve them") && reason.contains("= \(value)"), "\(reason)")
    }

    @Test(arguments: [100.0, -1000.0])
    func aModerateOutlierIsSolvedAndVerified(value: Double) throws {
        let (source, target) = try Self.outlierClouds(value: value, seed: 7)
        let problem = try TransportProblem(source: source, target: target)
        let plan = try NetworkSimplex().solve(problem)
        #expect(plan.status == .optimal)
        #expect(TransportCertificate.check(plan, for: problem).verified)
    }

    @Test func coordinatesWhoseCostsOverflowAreRefused() throws {
        let (source, target) = try Self.outlierClouds(value: 1e200, seed: 8)
        #expect(throws: TransportError.self) { try TransportProblem(source: source, target: target) }
    }

    @Test func costsBeyondTheLargestAcceptedAreRefused() throws {
        let cost = try CostMatrix(rows: 2, columns: 2, values: [1e200, 1e200, 1e200, 2e200])
        let error = #expect(throws: TransportError.self) {
            try TransportProblem(sourceWeights: [1, 1], targetWeights: [1, 1], cost: cost)
        }
        #expect(error?.description.contains("cost (1, 1) is 1e+200") == true)
    }

    @Test func rowsOfZeroMassAndConstantRowsDoNotCount() throws {
        // The huge row has no mass; the other rows are constant or well spread.
        let cost = try CostMatrix(rows: 3, columns: 2, values: [1e40, 2e40, 5, 5, 1, 3])
        let problem = try TransportProblem(sourceWeights: [0, 1, 1], targetWeights: [1, 1], cost: cost)
        let plan = try NetworkSimplex().solve(problem)
        #expect(plan.status == .optimal && plan.cost == 6)
    }

    /// The tree alone, without the policy: costs of 1e40 beside costs of 1 (which once made the
    /// pivots cycle on rounding noise) must end within a few pivots per node.
    @Test(arguments: [1 as UInt64, 2, 3, 4, 5, 6])
    func pricingIgnoresRoundingNoise(seed: UInt64) throws {
        let (source, target) = try Self.outlierClouds(value: -1e20, seed: seed)
        let cost = try CostMatrix(from: source, to: target)
        let supplies = source.weights + target.weights.map { -$0 }
        let pivots = cost.values.withUnsafeBufferPointer { c in
            let tree = NetworkSimplexTree(sources: 100, targets: 100, cost: c.baseAddress!, supplies: supplies,
                                          blockSize: 100, pricingTolerance: 1e-14)
            var pivots = 0
            while pivots < 20_000 {
                var entering = tree.findEnteringArc()
                if entering < 0 {
                    tree.refresh(clamp: true)
                    entering = tree.findEnteringArc()
                    if entering < 0 { break }
                }
                tree.pivot(entering)
                pivots += 1
                if pivots % 200 == 0 { tree.refresh(clamp: true) }
            }
            return pivots
        }
        #expect(pivots < 2_000, "seed \(seed): \(pivots) pivots")
    }

    @Test func aPivotLimitEndsWithTheLimitStatus() throws {
        let problem = try TransportInstances.clouds(n: 40, m: 40, dimension: 2, seed: 9)
        var settings = NetworkSimplexSettings()
        settings.iterationLimit = 3
        let plan = try NetworkSimplex(settings: settings).solve(problem)
        #expect(plan.status == .iterationLimit)
        #expect(plan.iterations == 3)
        #expect(plan.cost.isNaN)
        #expect(!TransportCertificate.check(plan, for: problem).verified)
    }

    @Test func theDefaultPivotLimitIsProportionalToTheNodes() {
        #expect(NetworkSimplexSettings.defaultIterationLimit(sources: 100, targets: 50) == 150_000)
        #expect(NetworkSimplexSettings.defaultIterationLimit(sources: Int.max, targets: 1) == Int.max)
        #expect(NetworkSimplexSettings.defaultIterationLimit(sources: Int.max / 10, targets: 1) == Int.max)
    }
}
