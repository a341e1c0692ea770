import ConvexNetworks
@testable import Transport
import DataFiles

/// Seeded random transport instances for the tests.
enum TransportInstances {
    /// n × d Gaussian points, row-major.
    static func points(_ n: Int, dimension d: Int, random: inout SeededGenerator, shift: Double = 0) -> [Double] {
        (0..<(n * d)).map { _ in random.nextNormal() + shift }
    }

    /// Positive random weights normalised to `total`, with the listed indices set to 0.
    static func weights(_ n: Int, total: Double = 1, zeros: [Int] = [], random: inout SeededGenerator) -> [Double] {
        var w = (0..<n).map { _ in 0.1 + random.nextUniform() }
        for k in zeros { w[k] = 0 }
        let sum = w.reduce(0, +)
        return w.map { $0 / sum * total }
    }

    /// Two Gaussian clouds (the target shifted) with the given weights and squared Euclidean cost.
    static func clouds(n: Int, m: Int, dimension d: Int, seed: UInt64, uniform: Bool = false,
                       sourceZeros: [Int] = [], targetZeros: [Int] = []) throws -> TransportProblem {
        var random = SeededGenerator(seed: seed)
        let x = points(n, dimension: d, random: &random)
        let y = points(m, dimension: d, random: &random, shift: 0.5)
        let a = uniform ? nil : weights(n, zeros: sourceZeros, random: &random)
        let b = uniform ? nil : weights(m, zeros: targetZeros, random: &random)
        let source = try PointCloud(coordinates: x, dimension: d, weights: a, name: "source")
        let target = try PointCloud(coordinates: y, dimension: d, weights: b, name: "target")
        return try TransportProblem(source: source, target: target)
    }

    /// Integer costs in 0...maxCost and integer masses with equal totals: many ties, degenerate.
    static func integer(n: Int, m: Int, maxCost: Int, seed: UInt64) throws -> TransportProblem {
        var random = SeededGenerator(seed: seed)
        let costs = (0..<(n * m)).map { _ in Double(random.nextIndex(below: maxCost + 1)) }
        var a = (0..<n).map { _ in Double(1 + random.nextIndex(below: 4)) }
        var b = (0..<m).map { _ in Double(1 + random.nextIndex(below: 4)) }
        // Balance by topping up the lighter side's last entry.
        let difference = a.reduce(0, +) - b.reduce(0, +)
        if difference > 0 { b[m - 1] += difference } else { a[n - 1] -= difference }
        return try TransportProblem(sourceWeights: a, targetWeights: b, cost: CostMatrix(rows: n, columns: m, values: costs))
    }
}
