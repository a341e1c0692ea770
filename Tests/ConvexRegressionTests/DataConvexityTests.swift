import ConvexNetworks
import ConvexRegression
import DataFiles
import Foundation
import GLPKBackend
import LinearProgramming
import Testing

/// Convexity of data (the interpolation LP and its certificates) and the L1 / L∞ convex
/// regression estimators, on seeded samples the tests make themselves.
@Suite struct DataConvexityTests {
    static let solver = GLPKSolver(method: .primalSimplex)

    /// `count` samples with inputs uniform in [−1, 1]^d and targets f(x) + noise·N(0, 1).
    static func samples(count: Int, dimension d: Int, seed: UInt64, noise: Double = 0,
                        _ f: ([Double]) -> Double) throws -> Dataset {
        var generator = SeededGenerator(seed: seed)
        var inputs: [Double] = [], targets: [Double] = []
        for _ in 0..<count {
            let x = (0..<d).map { _ in 2 * generator.nextUniform() - 1 }
            inputs += x
            targets.append(f(x) + noise * generator.nextNormal())
        }
        return try Dataset(inputNames: (1...d).map { "x\($0)" }, targetName: "y", inputs: inputs, targets: targets)
    }

    static func squaredNorm(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 } }

    // MARK: convex data

    @Test func convexDataInOneDimension() throws {
        let data = try Self.samples(count: 50, dimension: 1, seed: 1) { $0[0] * $0[0] + abs($0[0]) }
        let report = try DataConvexity.check(data, using: Self.solver)
        #expect(report.convex)
        #expect(report.certificate == nil)
        #expect(report.lpCount == 50)
        let g = try #require(report.subgradients)
        #expect(g.count == 50)
        #expect(try #require(report.interpolationViolation) <= report.tolerance)
        for i in 0..<50 {                                       // g lies between the one-sided slopes of x² + |x|
            let x = data.inputs[i]
            #expect(g[i] >= 2 * x - 1 - 0.2 && g[i] <= 2 * x + 1 + 0.2)
        }
    }

    @Test func convexDataInThreeDimensions() throws {
        let data = try Self.samples(count: 50, dimension: 3, seed: 2) { Self.squaredNorm($0) + exp($0[0]) }
        let report = try DataConvexity.check(data, using: Self.solver)
        #expect(report.convex)
        #expect(report.subgradients?.count == 150)
        #expect(try #require(report.interpolationViolation) <= report.tolerance)
    }

    @Test func samplesOfAnAffineFunctionAreConvex() throws {
        // Every row is tight (g = the slope): the degenerate case, with rounding in the data.
        let data = try Self.samples(count: 40, dimension: 2, seed: 3) { 0.3 * $0[0] - 1.7 * $0[1] + 0.1 }
        let report = try DataConvexity.check(data, using: Self.solver)
        #expect(report.convex)
        #expect(try #require(report.interpolationViolation) <= report.tolerance)
    }

    @Test func aSingleSampleAndRepeatedEqualSamplesAreConvex() throws {
        let one = try Dataset(inputNames: ["x"], targetName: "y", inputs: [0.5], targets: [2])
        #expect(try DataConvexity.check(one, using: Self.solver).convex)
        let repeated = try Dataset(inputNames: ["x"], targetName: "y", inputs: [0, 1, 1, 2], targets: [1, 0, 0, 1])
        #expect(try DataConvexity.check(repeated, using: Self.solver).convex)
    }

    // MARK: non-convex data

    /// The checks every non-convexity certificate must pass.
    static func expectSound(_ certificate: NonConvexityCertificate, data: Dataset, maximumPoints: Int) throws {
        #expect(certificate.verified, "\(certificate.lpReport.failures)")
        #expect(certificate.plainCheck.passed, "\(certificate.plainCheck.failures)")
        #expect(certificate.plainCheck.targetSum < 0)
        #expect(certificate.plainCheck.balanceResidual <= 1e-9)
        #expect(certificate.points.count >= 2 && certificate.points.count <= maximumPoints)
        #expect(certificate.points == certificate.points.sorted())
        #expect(certificate.points.allSatisfy { $0 >= 0 && $0 < data.count })
        #expect(certificate.points.contains(certificate.point))
        #expect(Set(certificate.neighbours).isSubset(of: Set(certificate.points)))
        // Jensen, in the data's units: xᵢ = Σ μⱼ xⱼ but yᵢ > Σ μⱼ yⱼ.
        #expect(abs(certificate.weights.reduce(0, +) - 1) < 1e-12)
        #expect(certificate.target > certificate.combinedTarget)
        let d = data.dimension
        for k in 0..<d {
            let combination = zip(certificate.neighbours, certificate.weights).reduce(0) { $0 + $1.1 * data.inputs[$1.0 * d + k] }
            #expect(abs(combination - data.inputs[certificate.point * d + k]) < 1e-9)
        }
        #expect(abs(certificate.target - data.targets[certificate.point]) == 0)
    }

    @Test func samplesOfAConcaveFunctionAreNotConvex() throws {
        let data = try Self.samples(count: 40, dimension: 1, seed: 4) { -$0[0] * $0[0] }
        let report = try DataConvexity.check(data, using: Self.solver)
        #expect(!report.convex)
        #expect(report.subgradients == nil)
        let certificate = try #require(report.certificate)
        #expect(certificate.reason == .aboveLowerHull)
        try Self.expectSound(certificate, data: data, maximumPoints: 3)   // one sample and two around it
        // Padded with zeros, the point LP's ray proves the whole n(n − 1)-row LP infeasible.
        let lp = try DataConvexity.interpolationProgram(for: data)
        #expect(lp.constraintCount == 40 * 39 && lp.variableCount == 40)
        let whole = Solution(status: .primalInfeasible, farkasRay: certificate.farkasRay(sampleCount: 40), solver: "test")
        #expect(verify(whole, for: lp).verified)
    }

    @Test func samplesOfASineAreNotConvex() throws {
        let data = try Self.samples(count: 50, dimension: 1, seed: 5) { sin(3 * $0[0]) }
        let report = try DataConvexity.check(data, using: Self.solver)
        #expect(!report.convex)
        try Self.expectSound(try #require(report.certificate), data: data, maximumPoints: 3)
    }

    @Test func nonConvexDataInTwoDimensions() throws {
        let data = try Self.samples(count: 50, dimension: 2, seed: 6) { Self.squaredNorm($0) - 2 * $0[0] * $0[0] }   // a saddle
        let report = try DataConvexity.check(data, using: Self.solver)
        #expect(!report.convex)
        try Self.expectSound(try #require(report.certificate), data: data, maximumPoints: 4)   // ≤ d + 1 neighbours
    }

    @Test func aSmallDipIsFound() throws {
        // Samples of |x| with one sample raised by 0.01: only that sample breaks convexity.
        var targets = (0..<21).map { abs(Double($0 - 10) / 10) }
        targets[13] += 0.01
        let data = try Dataset(inputNames: ["x"], targetName: "y", inputs: (0..<21).map { Double($0 - 10) / 10 }, targets: targets)
        let certificate = try #require(try DataConvexity.check(data, using: Self.solver).certificate)
        try Self.expectSound(certificate, data: data, maximumPoints: 3)
        #expect(certificate.points.contains(13))
    }

    @Test func equalInputsWithDifferentTargetsAreNotConvex() throws {
        let data = try Dataset(inputNames: ["a", "b"], targetName: "y", inputs: [0, 0, 1, 0, 0, 1, 1, 0], targets: [0, 1, 1, 3])
        let report = try DataConvexity.check(data, using: Self.solver)
        #expect(!report.convex)
        #expect(report.lpCount == 0)
        let certificate = try #require(report.certificate)
        #expect(certificate.reason == .repeatedInput)
        #expect(certificate.points == [1, 3])
        #expect(certificate.point == 3 && certificate.neighbours == [1])
        try Self.expectSound(certificate, data: data, maximumPoints: 2)
    }

    // MARK: tampering and misuse

    @Test func tamperedMultipliersFailThePlainCheck() throws {
        let data = try Self.samples(count: 30, dimension: 1, seed: 7) { -$0[0] * $0[0] }
        let certificate = try #require(try DataConvexity.check(data, using: Self.solver).certificate)
        #expect(DataConvexity.checkPlainly(certificate.multipliers, data: data).passed)

        var scaled = certificate.multipliers                    // the inputs no longer balance
        scaled[0].weight *= 1.5
        let unbalanced = DataConvexity.checkPlainly(scaled, data: data)
        #expect(unbalanced.balanceResidual > 1e-3)              // proved only by enclosing the exact weights, far off these
        #expect(!unbalanced.passed || (unbalanced.method == .enclosure && unbalanced.weightRadius > 0.05))
        #expect(!DataConvexity.checkPlainly(certificate.multipliers, data: data, tolerance: 10).passed)   // not beyond τ = 10
        var pushed = certificate.multipliers                    // weights so wrong that no exact ones near them are ≥ 0
        pushed[0].weight *= 1e3
        #expect(!DataConvexity.checkPlainly(pushed, data: data).passed)
        var ray = certificate.farkasRay(sampleCount: 30)        // the same change to the whole LP's ray
        ray[try #require(ray.firstIndex { $0 > 0 })] *= 1.5
        #expect(!verify(Solution(status: .primalInfeasible, farkasRay: ray, solver: "test"),
                        for: try DataConvexity.interpolationProgram(for: data)).verified)

        var negative = certificate.multipliers
        negative[0].weight = -negative[0].weight
        #expect(!DataConvexity.checkPlainly(negative, data: data).passed)

        var reversed = certificate.multipliers                  // rows of another sample: no longer about point i
        reversed = reversed.map { PairMultiplier(point: $0.neighbour, neighbour: $0.point, weight: $0.weight) }
        #expect(!DataConvexity.checkPlainly(reversed, data: data).passed)

        #expect(!DataConvexity.checkPlainly([], data: data).passed)
        #expect(!DataConvexity.checkPlainly([PairMultiplier(point: 0, neighbour: 0, weight: 1)], data: data).passed)
        #expect(!DataConvexity.checkPlainly([PairMultiplier(point: 0, neighbour: 30, weight: 1)], data: data).passed)
    }

    @Test func theSameMultipliersProveNothingOnConvexData() throws {
        let concave = try Self.samples(count: 30, dimension: 1, seed: 7) { -$0[0] * $0[0] }
        let convex = try Self.samples(count: 30, dimension: 1, seed: 7) { $0[0] * $0[0] }   // same inputs
        let certificate = try #require(try DataConvexity.check(concave, using: Self.solver).certificate)
        let check = DataConvexity.checkPlainly(certificate.multipliers, data: convex)
        #expect(check.balanceResidual <= 1e-9)
        #expect(!check.passed && check.targetSum > 0)
    }

    @Test func emptyAndOversizedDataAreClearErrors() throws {
        let empty = try Dataset(inputNames: ["x"], targetName: "y", inputs: [], targets: [])
        #expect(throws: ConvexRegressionError.emptyDataset) { try DataConvexity.check(empty, using: Self.solver) }
        #expect(throws: ConvexRegressionError.emptyDataset) { try ConvexRegressionEstimator.fit(empty, norm: .l1, using: Self.solver) }
        let n = DataConvexity.maximumSampleCount + 1
        let large = try Dataset(inputNames: ["x"], targetName: "y", inputs: (0..<n).map(Double.init), targets: [Double](repeating: 0, count: n))
        #expect(throws: ConvexRegressionError.tooManySamples(count: n, limit: DataConvexity.maximumSampleCount)) {
            try DataConvexity.check(large, using: Self.solver)
        }
        #expect(throws: ConvexRegressionError.tooManySamples(count: n, limit: ConvexRegressionEstimator.maximumSampleCount)) {
            try ConvexRegressionEstimator.fit(large, norm: .linf, using: Self.solver)
        }
        #expect(ConvexRegressionError.tooManySamples(count: n, limit: 2000).description.contains("2000"))
        #expect(throws: ConvexRegressionError.self) { try DataConvexity.interpolationProgram(for: large) }
    }

    // MARK: convex regression

    /// Saves, reloads and certifies a fitted model; returns the reloaded predictions.
    static func roundTrip(_ result: ConvexRegressionEstimator.Result, data: Dataset) throws -> [Double] {
        #expect(result.model.network.architecture.family == .maxaffine)
        #expect(result.model.network.architecture.lanes == data.count)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("data-convexity-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try result.model.save(to: path)
        let loaded = try RegressionModel(contentsOfFile: path)
        #expect(ConvexityCertificate.certify(loaded).convex)
        let predictions = try loaded.predict(data.inputs)
        #expect(predictions == result.fittedValues)
        #expect(result.lpReport.verified, "\(result.lpReport.failures)")
        #expect(result.interpolationGap <= 1e-7)
        return predictions
    }

    @Test func l1AndLInfinityFitsOfNoisyConvexData() throws {
        let data = try Self.samples(count: 60, dimension: 2, seed: 8, noise: 0.1) { Self.squaredNorm($0) }
        let y = data.targets, n = Double(data.count)
        let median = y.sorted()[y.count / 2]                          // best constant for L1 (one of the middle values)
        let constantL1 = y.reduce(0) { $0 + abs($1 - median) } / n
        let constantLInf = (y.max()! - y.min()!) / 2                  // the midrange's error, best for L∞

        let l1 = try ConvexRegressionEstimator.solve(data, norm: .l1, using: Self.solver)
        let predictions = try Self.roundTrip(l1, data: data)
        let meanError = zip(predictions, y).reduce(0) { $0 + abs($1.0 - $1.1) } / n
        #expect(abs(meanError - l1.meanAbsoluteError) < 1e-12)
        #expect(l1.meanAbsoluteError <= constantL1)
        #expect(l1.meanAbsoluteError > 0)                              // noisy data are not convex
        #expect(abs(l1.objective - l1.meanAbsoluteError * n) <= 1e-6)

        let linf = try ConvexRegressionEstimator.solve(data, norm: .linf, using: Self.solver)
        _ = try Self.roundTrip(linf, data: data)
        #expect(linf.maxAbsoluteError <= constantLInf)
        #expect(abs(linf.objective - linf.maxAbsoluteError) <= 1e-6)
        // Each estimator is best in its own norm.
        #expect(linf.maxAbsoluteError <= l1.maxAbsoluteError + 1e-7)
        #expect(l1.meanAbsoluteError <= linf.meanAbsoluteError + 1e-7)
    }

    @Test func noiselessConvexDataAreFitExactly() throws {
        let data = try Self.samples(count: 40, dimension: 3, seed: 9) { Self.squaredNorm($0) + abs($0[1]) }
        for norm in ConvexRegressionEstimator.Norm.allCases {
            let result = try ConvexRegressionEstimator.solve(data, norm: norm, using: Self.solver)
            _ = try Self.roundTrip(result, data: data)
            #expect(result.maxAbsoluteError <= 1e-7, "\(norm)")
            #expect(result.meanAbsoluteError <= 1e-7, "\(norm)")
        }
        let model = try ConvexRegressionEstimator.fit(data, norm: .l1, using: Self.solver)
        #expect(model.inputNames == ["x1", "x2", "x3"] && model.targetName == "y")
    }

    @Test func theLInfinityErrorIsAtLeastHalfTheCertificatesGap() throws {
        // For any convex f within t of the data, yᵢ − t ≤ f(xᵢ) ≤ Σ μⱼ f(xⱼ) ≤ Σ μⱼ yⱼ + t.
        let data = try Self.samples(count: 40, dimension: 1, seed: 10) { sin(3 * $0[0]) }
        let certificate = try #require(try DataConvexity.check(data, using: Self.solver).certificate)
        let linf = try ConvexRegressionEstimator.solve(data, norm: .linf, using: Self.solver)
        _ = try Self.roundTrip(linf, data: data)
        #expect(linf.maxAbsoluteError >= (certificate.target - certificate.combinedTarget) / 2 - 1e-9)
        // The fitted values themselves are convex data.
        let fitted = try Dataset(inputNames: data.inputNames, targetName: "y", inputs: data.inputs, targets: linf.fittedValues)
        #expect(try DataConvexity.check(fitted, using: Self.solver).convex)
    }
}
