import LinearAlgebra

/// The mean and covariance of a sample of points, stored row by row (`points[i * dimension + k]`
/// is coordinate k of point i). The covariance is the unbiased one, Σ = Σᵢ (xᵢ − m)(xᵢ − m)ᵀ / (n − 1),
/// formed by one BLAS `dsyrk` over the centred sample.
public struct SampleMoments: Sendable, Equatable {
    public let mean: [Double]
    /// d × d, symmetric (both triangles filled).
    public let covariance: Matrix

    /// - Throws: `shapeMismatch` for a size that is not a multiple of `dimension`, `tooFewPoints`
    ///   for fewer than 2 points, `notFinite` for a NaN or infinite coordinate.
    public init(points: [Double], dimension d: Int, name: String = "sample") throws {
        let n = try PointRows.count(points, dimension: d, name: name, needed: 2)
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for k in 0..<d { mean[k] += points[i * d + k] } }
        for k in 0..<d { mean[k] /= Double(n) }                                       // m = Σ xᵢ / n
        var centred = points
        for i in 0..<n { for k in 0..<d { centred[i * d + k] -= mean[k] } }
        var covariance = Matrix(rows: d, columns: d)
        centred.withUnsafeBufferPointer { x in
            covariance.elements.withUnsafeMutableBufferPointer { c in
                // Row-major n × d is column-major d × n: Σ = X Xᵀ / (n − 1), lower triangle.
                BLAS.syrk(triangle: .lower, n: d, k: n, alpha: 1 / Double(n - 1), a: x.baseAddress!, lda: d,
                          beta: 0, c: c.baseAddress!, ldc: d)
            }
        }
        for j in 0..<d { for i in (j + 1)..<d { covariance[j, i] = covariance[i, j] } }
        self.mean = mean
        self.covariance = covariance
    }
}
