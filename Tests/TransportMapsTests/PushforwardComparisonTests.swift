import Testing
import TransportMaps

@Suite("Held-out evaluation of maps")
struct PushforwardComparisonTests {
    @Test("the split is seeded, keeps the order and covers every point once")
    func holdoutSplit() throws {
        let points = (0..<40).map(Double.init)                                  // 20 points in 2-D: point i is (2i, 2i + 1)
        let split = try HoldoutSplit(points, dimension: 2, fraction: 0.25, seed: 7)
        #expect(split.heldOutRows.count == 5 && split.heldOutRows == split.heldOutRows.sorted())
        #expect(split.kept.count == 30 && split.heldOut.count == 10)
        #expect(Set(split.kept + split.heldOut) == Set(points))
        #expect(split.heldOut == split.heldOutRows.flatMap { [Double(2 * $0), Double(2 * $0 + 1)] })
        #expect(try HoldoutSplit(points, dimension: 2, fraction: 0.25, seed: 7) == split)
        #expect(try HoldoutSplit(points, dimension: 2, fraction: 0.25, seed: 8).heldOutRows != split.heldOutRows)
        #expect(throws: TransportMapsError.invalidSetting(name: "held-out fraction", reason: "must lie strictly between 0 and 1, got 0.0")) {
            try HoldoutSplit(points, dimension: 2, fraction: 0, seed: 1)
        }
        #expect(throws: TransportMapsError.invalidSetting(name: "held-out fraction",
                                                          reason: "0.95 of 20 points holds out 19, leaving 1; each part needs at least 2")) {
            try HoldoutSplit(points, dimension: 2, fraction: 0.95, seed: 1)
        }
    }

    @Test("rows: the two-sample floor first, then each candidate; the exact map beats no map; costs certified")
    func comparison() throws {
        let problem = try GaussianProblem(dimension: 3, seed: 2)
        let samples = try problem.samples(sourceCount: 150, targetCount: 150, testCount: 1, seed: 3)
        let split = try HoldoutSplit(samples.target, dimension: 3, fraction: 0.4, seed: 4)
        let exactImages = try problem.map.apply(samples.source)
        let comparison = try PushforwardComparison(
            trainingTarget: split.kept, heldOut: split.heldOut,
            candidates: try PushforwardComparison.baselines(source: samples.source, trainingTarget: split.kept, dimension: 3)
                + [(name: "exact map", points: exactImages)], dimension: 3)
        #expect(comparison.rows.map { $0.name }.prefix(3) == ["training target (two samples of the target)", "source, unmapped", "linear (Gaussian) map"])
        #expect(comparison.rows[3].name.hasPrefix("entropic map (ε = ") && comparison.rows[4].name == "exact map")
        #expect(comparison.rows.allSatisfy { $0.verified })
        let unmapped = comparison.rows[1], exact = comparison.rows[4]
        #expect(exact.transportCost < unmapped.transportCost && exact.meanDiscrepancy < unmapped.meanDiscrepancy)
        #expect(comparison.bandwidth > 0)
        // The first row's cost is the exact W₂² between the two samples.
        let floor = try SampleDiscrepancy.exactTransportCost(split.kept, split.heldOut, dimension: 3)
        #expect(abs(comparison.rows[0].transportCost - floor.plan.cost) <= 1e-12 * floor.plan.cost)
    }
}
