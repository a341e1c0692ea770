import DataFiles
import LinearAlgebra
import Testing
import TransportMaps

@Suite("Gaussian map")
struct GaussianMapTests {
    @Test("1-D: A = σ₂/σ₁, T(x) = m₂ + (σ₂/σ₁)(x − m₁)")
    func oneDimensional() throws {
        let map = try GaussianMap(sourceMean: [1], sourceCovariance: Matrix(rowMajor: [[4]]), targetMean: [-2],
                                  targetCovariance: Matrix(rowMajor: [[9]]), ridge: 0)
        #expect(abs(map.matrix[0, 0] - 1.5) < 1e-15)
        #expect(maxDifference(try map.apply([1, 3, -1]), [-2, 1, -5]) < 1e-14)
    }

    @Test("A is symmetric, A Σ₁ A = Σ₂, and A is the identity between equal covariances", arguments: [2, 8, 32])
    func closedForm(d: Int) throws {
        let problem = try GaussianProblem(dimension: d, seed: UInt64(d))
        let a = problem.map.matrix
        #expect(maxDifference(a, problem.map.matrix) == 0)
        for i in 0..<d { for j in 0..<d { #expect(a[i, j] == a[j, i]) } }
        let pushed = product(product(a, problem.sourceCovariance), a)              // A Σ₁ A = Σ₂
        #expect(maxDifference(pushed, problem.targetCovariance) < 1e-11)
        let same = try GaussianMap(sourceMean: problem.sourceMean, sourceCovariance: problem.sourceCovariance,
                                   targetMean: problem.sourceMean, targetCovariance: problem.sourceCovariance, ridge: 0)
        var identity = Matrix(rows: d, columns: d)
        for k in 0..<d { identity[k, k] = 1 }
        #expect(maxDifference(same.matrix, identity) < 1e-12)
    }

    @Test("fitted to large exact Gaussian samples, it reproduces the closed form")
    func fittedToSamples() throws {
        let problem = try GaussianProblem(dimension: 4, seed: 7)
        let samples = try problem.samples(sourceCount: 200_000, targetCount: 200_000, testCount: 500, seed: 1)
        let fitted = try GaussianMap(fittingSource: samples.source, target: samples.target, dimension: 4)
        #expect(maxDifference(fitted.matrix, problem.map.matrix) < 0.03)
        let error = try MapMetrics.meanSquaredError(try fitted.apply(samples.testInputs), samples.testOutputs, dimension: 4)
        let varianceOfQ = (0..<4).reduce(0.0) { $0 + problem.targetCovariance[$1, $1] }    // tr Σ₂
        #expect(error < 1e-3 * varianceOfQ)
    }

    @Test("the fitted map sends a sample's mean and covariance to the target's")
    func mapsMoments() throws {
        var generator = SeededGenerator(seed: 5)
        let d = 3, n = 400
        let source = (0..<(n * d)).map { k in generator.nextNormal() * Double(1 + k % d) }
        let target = (0..<(n * d)).map { k in 2 + generator.nextUniform() * Double(1 + (k + 1) % d) }
        let map = try GaussianMap(fittingSource: source, target: target, dimension: d, ridge: 0)
        let pushed = try SampleMoments(points: try map.apply(source), dimension: d)
        let expected = try SampleMoments(points: target, dimension: d)
        #expect(maxDifference(pushed.mean, expected.mean) < 1e-12)
        #expect(maxDifference(pushed.covariance, expected.covariance) < 1e-10)
    }

    @Test("a rank-deficient source covariance is regularised by the ridge, not rejected")
    func ridge() throws {
        // Three points in 3-D lie in a plane: the sample covariance is singular.
        let source: [Double] = [0, 0, 0, 1, 0, 0, 0, 1, 0]
        let target: [Double] = [0, 0, 1, 2, 0, 1, 0, 2, 1]
        let map = try GaussianMap(fittingSource: source, target: target, dimension: 3)
        let entries = map.matrix.elements
        #expect(entries.allSatisfy { $0.isFinite })
        #expect(maxDifference(try map.apply(source), target) < 1e-6)
        #expect(abs(map.addedRidge - 1e-9 * (2.0 / 9)) < 1e-24)                           // ridge · tr Σ₁ / d, tr Σ₁ = 2/3
        #expect(throws: TransportMapsError.self) { try GaussianMap(fittingSource: source, target: target, dimension: 3, ridge: -1) }
    }

    @Test("bad input: too few points, NaN, mismatched sizes")
    func badInput() throws {
        #expect(throws: TransportMapsError.tooFewPoints(what: "source sample", count: 1, needed: 2)) {
            try GaussianMap(fittingSource: [1, 2], target: [1, 2, 3, 4], dimension: 2)
        }
        #expect(throws: TransportMapsError.notFinite(what: "target sample", point: 1, coordinate: 0)) {
            try GaussianMap(fittingSource: [1, 2, 3, 4], target: [1, 2, .nan, 4], dimension: 2)
        }
        #expect(throws: TransportMapsError.self) { try GaussianMap(fittingSource: [1, 2, 3], target: [1, 2, 3, 4], dimension: 2) }
        let map = try GaussianMap(fittingSource: [1, 2, 3, 5], target: [1, 2, 3, 4], dimension: 2)
        #expect(throws: TransportMapsError.self) { try map.apply([1, 2, 3]) }
    }
}
