import ConvexNetworks
@testable import ConvexRegression
import DataFiles
import Foundation
import Testing

/// Samples inside the hull of affinely dependent samples (a row of a grid, collinear samples in
/// 2-D and 3-D, coplanar ones in 3-D): the exact proof encloses the weights in k < d coordinates
/// and proves the other coordinates' balance exactly (``AffineSupport``), so a plain violation is
/// "not convex" with a verified certificate — and a sample just off the degenerate hull never is.
@Suite struct DataConvexityDegenerateHullTests {
    typealias Edge = DataConvexityEdgeTests

    /// Sample `point`'s multipliers on `neighbours` with float weights, re-checked at τ = 0.
    static func plain(_ data: Dataset, point: Int, _ neighbours: [Int], _ weights: [Double]) -> PlainCertificateCheck {
        DataConvexity.checkPlainly(zip(neighbours, weights).map { PairMultiplier(point: point, neighbour: $0, weight: $1) }, data: data)
    }

    /// The seeded fuzzer's 6 × 4 grid: sample 10 lies on the segment between samples 9 and 11
    /// (equal x1), its target far above their average.
    @Test func theFuzzersGridIsProvedNotConvex() throws {
        let x1 = [-2.0, -1.2, -0.3999999999999999, 0.40000000000000036, 1.2000000000000002, 2.0]
        let x2 = [-1.0, -0.33333333333333337, 0.33333333333333326, 1.0]
        let y = [4.0, 3.333333333333333, 3.333333333333333, 4.0, 1.8399999999999999, 1.1733333333333333, 1.1733333333333333,
                 1.8399999999999999, 0.96, 0.29333333333333333, 0.2933333333333332, -0.0, 1.3600000000000005, 0.6933333333333338,
                 0.6933333333333337, 1.3600000000000005, 3.0400000000000005, 2.373333333333334, 2.373333333333334, 3.0400000000000005,
                 6.0, 5.333333333333333, 5.333333333333333, 6.0]
        let data = try Edge.dataset(x1.flatMap { a in x2.map { [a, $0] } }, y)
        let report = try DataConvexity.check(data, using: Edge.solver)
        #expect(report.verdict == .notConvex, "\(report.undecidedReason ?? "")")
        try Edge.expectSound(report, data: data, truth: .notConvex, "grid")
        let check = Self.plain(data, point: 10, [9, 11], [0.5, 0.5])
        #expect(check.passed && check.method == .enclosure && check.enclosedCoordinates == [1], "\(check.failures)")
    }

    @Test func collinearSamplesIn2DAnd3D() throws {
        // (1, 2) = ⅚·(0, 0) + ⅙·(6, 12): the weights do not balance exactly in doubles, so the proof is an enclosure in one coordinate.
        let plane = try Edge.dataset([[0, 0], [6, 12], [1, 2]], [0, 0, 5])
        let check = Self.plain(plane, point: 2, [0, 1], [5.0 / 6, 1.0 / 6])
        #expect(check.passed && check.method == .enclosure && check.enclosedCoordinates.count == 1, "\(check.failures)")
        let space = try Edge.dataset([[0, 0, 0], [6, 12, 18], [1, 2, 3]], [0, 0, 5])
        let check3 = Self.plain(space, point: 2, [0, 1], [5.0 / 6, 1.0 / 6])
        #expect(check3.passed && check3.enclosedCoordinates.count == 1, "\(check3.failures)")
        // The whole check, with samples off the line that leave the middle one inside only the segment.
        let cases: [([[Double]], String)] = [([[0, 0], [3, 6], [1, 2], [5, -3], [-4, 1]], "2-D"),
                                             ([[0, 0, 0], [3, 6, 9], [1, 2, 3], [5, -3, 1], [-4, 1, 2], [1, 1, -6]], "3-D")]
        for (inputs, label) in cases {
            let targets = inputs.indices.map { $0 == 2 ? 5.0 : inputs[$0].reduce(0) { $0 + $1 * $1 } / 100 }
            let data = try Edge.dataset(inputs, targets)
            let report = try DataConvexity.check(data, using: Edge.solver)
            #expect(report.verdict == .notConvex, "\(label): \(report.undecidedReason ?? "")")
            try Edge.expectSound(report, data: data, truth: .notConvex, label)
        }
    }

    @Test func coplanarSamplesIn3D() throws {
        // (1, 1, 3) = 23/35·(0, 0, 0) + ⅕·(5, 0, 5) + ⅐·(0, 7, 14), on the plane z = x + 2y.
        let data = try Edge.dataset([[0, 0, 0], [5, 0, 5], [0, 7, 14], [1, 1, 3], [2, -5, 4]], [0, 0, 0, 5, 1])
        let check = Self.plain(data, point: 3, [0, 1, 2], [23.0 / 35, 1.0 / 5, 1.0 / 7])
        #expect(check.passed && check.method == .enclosure && check.enclosedCoordinates.count == 2, "\(check.failures)")
        let report = try DataConvexity.check(data, using: Edge.solver)
        #expect(report.verdict == .notConvex, "\(report.undecidedReason ?? "")")
        try Edge.expectSound(report, data: data, truth: .notConvex, "plane")
    }

    @Test func justOffADegenerateHullIsNeverProved() throws {
        // The middle sample moved off the line (or plane) by one ulp or 1e-17: outside the others' hull.
        for off in [(2.0).nextUp, 2 + 0x1p-48, 2 - 1e-15] {
            let data = try Edge.dataset([[0, 0], [6, 12], [1, off]], [0, 0, 5])
            let check = Self.plain(data, point: 2, [0, 1], [5.0 / 6, 1.0 / 6])
            #expect(!check.passed, "\(off)")
        }
        let space = try Edge.dataset([[0, 0, 0], [5, 0, 5], [0, 7, 14], [1, 1, (3.0).nextUp]], [0, 0, 0, 5])
        #expect(!Self.plain(space, point: 3, [0, 1, 2], [23.0 / 35, 1.0 / 5, 1.0 / 7]).passed)
        do {
            _ = try AffineSupport(point: 3, neighbours: [0, 1, 2], data: space)
            Issue.record("a sample one ulp off the plane was put on it")
        } catch {
            guard case .offHull = error else { Issue.record("\(error)"); return }
        }
        let tiny = try Edge.dataset([[0, 0], [6, 0x1p-1030], [1, 0x1p-1029]], [0, 0, 5])      // subnormal products: not decided exactly
        #expect(!Self.plain(tiny, point: 2, [0, 1], [5.0 / 6, 1.0 / 6]).passed)
        #expect(throws: AffineSupport.Failure.self) { try AffineSupport(point: 2, neighbours: [0, 1], data: tiny) }
        // Whole data sets: every other sample on the line x2 = 2 x1 (or the plane z = x + 2y), one just off it and raised.
        let line = (0..<9).map { [Double($0), 2 * Double($0)] } + [[3.5, (7.0).nextUp]]
        let lineData = try Edge.dataset(line, (0..<9).map { Double($0 * $0) } + [100])
        try Edge.expectSound(try DataConvexity.check(lineData, using: Edge.solver), data: lineData, truth: .convexOrUndecided, "line")
        var grid: [[Double]] = []
        for a in 0..<4 { for b in 0..<4 { grid.append([Double(a), Double(b), Double(a + 2 * b)]) } }
        grid.append([1.5, 1.5, (4.5).nextDown])
        let planeData = try Edge.dataset(grid, grid.indices.map { $0 == 16 ? 100 : grid[$0][0] * grid[$0][0] + grid[$0][1] * grid[$0][1] })
        try Edge.expectSound(try DataConvexity.check(planeData, using: Edge.solver), data: planeData, truth: .convexOrUndecided, "plane")
    }

    /// Seeded grids (2-D and 3-D, coordinates not exactly representable) of an affine function with
    /// one interior sample raised by half or a thousandth of the range: not convex, proved; the
    /// grid of a strictly convex function: convex.
    @Test(arguments: [2, 3])
    func seededGridsWithOneTargetRaised(dimension d: Int) throws {
        for seed in UInt64(1)...8 {
            var random = SeededGenerator(seed: seed)
            let sizes = (0..<d).map { _ in 3 + Int(random.nextUniform() * 3) }
            let axes = sizes.map { m in (0..<m).map { -2 + 4 * Double($0) / Double(m - 1) + 0.1 * random.nextUniform() } }
            var inputs: [[Double]] = [[]]
            for axis in axes { inputs = inputs.flatMap { prefix in axis.map { prefix + [$0] } } }
            let slopes = (0..<d).map { _ in 2 * random.nextUniform() - 1 }
            let targets = inputs.map { x in zip(slopes, x).reduce(0) { $0 + $1.0 * $1.1 } }
            let interior = inputs.indices.filter { s in (0..<d).allSatisfy { k in inputs[s][k] != axes[k].first! && inputs[s][k] != axes[k].last! } }
            let raised = interior[Int(random.nextUniform() * Double(interior.count))]
            let range = (targets.max() ?? 0) - (targets.min() ?? 0)
            for amount in [0.5, 1e-3] {
                var y = targets
                y[raised] += amount * range
                let data = try Edge.dataset(inputs, y)
                let report = try DataConvexity.check(data, using: Edge.solver)
                #expect(report.verdict == .notConvex, "d \(d) seed \(seed) +\(amount): \(report.undecidedReason ?? "")")
                try Edge.expectSound(report, data: data, truth: .notConvex, "d \(d) seed \(seed)")
            }
            let convex = try Edge.dataset(inputs, inputs.map { x in x.reduce(0) { $0 + $1 * $1 } })
            let report = try DataConvexity.check(convex, using: Edge.solver)
            #expect(report.verdict == .convex, "d \(d) seed \(seed): \(report.undecidedReason ?? "")")
            try Edge.expectSound(report, data: convex, truth: .convexOrUndecided, "convex d \(d) seed \(seed)")
        }
    }

    @Test func exactDeterminantsAndProducts() throws {
        var product = ExactSum()                                      // 0.1·0.2·0.3 − fl(…) ≠ 0, 3·0.1·7 − 7·0.1·3 = 0
        product.addProduct(of: [0.1, 0.2, 0.3])
        product.add(-(0.1 * 0.2 * 0.3))
        #expect(product.isExact && product.sign != 0)
        var same = ExactSum()
        same.addProduct(of: [3, 0.1, 7])
        same.addProduct(of: [-7, 0.1, 3])
        #expect(same.isExact && same.sign == 0)
        let data = try Edge.dataset([[0.1, 0.2], [0.3, 0.7], [0.2, 0.45]], [0, 0, 0])
        // det [[x₀₁ − x₂₁, x₁₁ − x₂₁], [x₀₂ − x₂₂, x₁₂ − x₂₂]] in exact arithmetic on the doubles
        let sign = try #require(AffineSupport.determinantSign(rows: [0, 1], point: 2, neighbours: [0, 1], data: data))
        #expect(sign != 0)                                            // the doubles 0.1, 0.2, 0.3, 0.45, 0.7 are not exactly collinear
        #expect(AffineSupport.determinantSign(rows: [0, 1], point: 2, neighbours: [0, 1],
                                              data: try Edge.dataset([[0, 0], [4, 2], [1, 0.5]], [0, 0, 0])) == 0)
        #expect(throws: AffineSupport.Failure.dependent(neighbours: 3)) {   // three collinear neighbours of a point in 3-D
            try AffineSupport(point: 3, neighbours: [0, 1, 2],
                              data: try Edge.dataset([[0, 0, 0], [1, 1, 1], [2, 2, 2], [1, 1, 1.5]], [0, 0, 0, 0]))
        }
        #expect(throws: AffineSupport.Failure.neighbourCount(4, dimension: 2)) {
            try AffineSupport(point: 4, neighbours: [0, 1, 2, 3], data: try Edge.dataset([[0, 0], [1, 0], [0, 1], [1, 1], [0.5, 0.5]], [0, 0, 0, 0, 0]))
        }
    }
}
