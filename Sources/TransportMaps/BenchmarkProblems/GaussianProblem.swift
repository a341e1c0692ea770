import DataFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LinearAlgebra

/// Gaussian to Gaussian: P = N(0, Σ₁), Q = N(m, Σ₂) with random covariances of a chosen
/// condition number and a random mean shift; the exact map is the closed-form ``GaussianMap``.
///
/// Each covariance is Σ = U diag(λ) Uᵀ with U the eigenvectors of a random symmetric Gaussian
/// matrix (uniformly distributed over the orthogonal group) and λₖ = κ^{k/(d−1)},
/// k = 0 … d−1, spread evenly on a log scale from 1 to κ (condition exactly κ). The shift m has
/// independent N(0, s²) coordinates.
public struct GaussianProblem: Sendable {
    public let dimension: Int
    public let sourceMean: [Double]
    public let sourceCovariance: Matrix
    public let targetMean: [Double]
    public let targetCovariance: Matrix
    /// The exact W₂-optimal map from P to Q (no ridge).
    public let map: GaussianMap
    /// Σ₁^{½}, to sample x = Σ₁^{½} z.
    let sourceRoot: Matrix

    /// - Throws: `invalidSetting` for d < 1, a condition below 1 or a non-finite shift scale.
    public init(dimension d: Int, condition: Double = 10, shift: Double = 1, seed: UInt64) throws {
        guard d > 0 else { throw TransportMapsError.invalidSetting(name: "dimension", reason: "must be at least 1, got \(d)") }
        guard condition >= 1, condition.isFinite else {
            throw TransportMapsError.invalidSetting(name: "condition", reason: "must be ≥ 1 and finite, got \(condition)")
        }
        guard shift.isFinite else { throw TransportMapsError.invalidSetting(name: "shift", reason: "must be finite, got \(shift)") }
        var generator = SeededGenerator(seed: seed)
        sourceCovariance = try Self.randomCovariance(dimension: d, condition: condition, using: &generator)
        targetCovariance = try Self.randomCovariance(dimension: d, condition: condition, using: &generator)
        dimension = d
        sourceMean = [Double](repeating: 0, count: d)
        targetMean = (0..<d).map { _ in shift * generator.nextNormal() }
        map = try GaussianMap(sourceMean: sourceMean, sourceCovariance: sourceCovariance, targetMean: targetMean,
                              targetCovariance: targetCovariance, ridge: 0)
        sourceRoot = try SymmetricEigenDecomposition(sourceCovariance).applying { $0.squareRoot() }
    }

    /// Seeded samples as for ``PotentialProblem/samples(sourceCount:targetCount:testCount:seed:)``:
    /// the target pool is an independent draw from P pushed through the exact map (a sample of Q).
    public func samples(sourceCount: Int = 5000, targetCount: Int = 5000, testCount: Int = 1000, seed: UInt64) throws -> MapSamples {
        var streams = MapSamples.streams(seed: seed)
        let source = try sample(count: sourceCount, using: &streams.source)
        let target = try map.apply(sample(count: targetCount, using: &streams.target))
        let test = try sample(count: testCount, using: &streams.test)
        return MapSamples(dimension: dimension, source: source, target: target, testInputs: test, testOutputs: try map.apply(test))
    }

    /// `count` points from P = N(0, Σ₁), row by row: x = Σ₁^{½} z with z ~ N(0, I).
    public func sample(count: Int, using generator: inout SeededGenerator) throws -> [Double] {
        let z = try Matrix(rows: dimension, columns: count, elements: (0..<(dimension * count)).map { _ in generator.nextNormal() })
        var x = Matrix(rows: dimension, columns: count)
        try BLAS.gemm(sourceRoot, z, into: &x)                                          // column i = Σ₁^{½} zᵢ
        return x.elements
    }

    /// U diag(κ^{k/(d−1)}) Uᵀ with U Haar-distributed (eigenvectors of a symmetric Gaussian matrix).
    static func randomCovariance(dimension d: Int, condition: Double, using generator: inout SeededGenerator) throws -> Matrix {
        var symmetric = Matrix(rows: d, columns: d)
        for j in 0..<d { for i in j..<d { symmetric[i, j] = generator.nextNormal() } }
        let vectors = try SymmetricEigenDecomposition(symmetric).eigenvectors
        let spectrum = (0..<d).map { d == 1 ? 1 : pow(condition, Double($0) / Double(d - 1)) }   // λₖ = κ^{k/(d−1)}
        var scaled = vectors
        for k in 0..<d { for i in 0..<d { scaled[i, k] *= spectrum[k] } }              // U diag(λ)
        var covariance = Matrix(rows: d, columns: d)
        try BLAS.gemm(scaled, vectors, into: &covariance, transposeB: true)            // U diag(λ) Uᵀ
        covariance.symmetrize()
        return covariance
    }
}
