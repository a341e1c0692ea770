import LinearAlgebra

/// The linear (Gaussian, Bures) transport map T(x) = A(x − m₁) + m₂ with
///
///     A = Σ₁^{-½} (Σ₁^{½} Σ₂ Σ₁^{½})^{½} Σ₁^{-½},
///
/// the W₂-optimal map from N(m₁, Σ₁) to N(m₂, Σ₂) (exact between Gaussians in any dimension,
/// and the baseline that matches two samples' first two moments). A is symmetric positive
/// definite, so T is the gradient of the convex ½(x − m₁)ᵀA(x − m₁) + m₂ᵀx.
///
/// Regularisation: Σ₁ must be inverted, so ``ridge`` · (tr Σ₁ / d) is added to its diagonal
/// before the square roots (default 1e-9: a relative change far below sampling error, which
/// keeps a near-singular or rank-deficient sample covariance — fewer points than dimensions,
/// collinear data — invertible). Rounding can leave tiny negative eigenvalues in
/// Σ₁^{½} Σ₂ Σ₁^{½}; they are taken as 0 before its square root.
public struct GaussianMap: Sendable, Equatable {
    /// The relative ridge added to the source covariance by default.
    public static let defaultRidge = 1e-9

    public let dimension: Int
    /// m₁ and m₂.
    public let sourceMean: [Double]
    public let targetMean: [Double]
    /// A, d × d, symmetric.
    public let matrix: Matrix
    /// The amount added to the diagonal of Σ₁: ridge · (tr Σ₁ / d), so a caller can report how
    /// much the map was regularised.
    public let addedRidge: Double

    /// The map between N(m₁, Σ₁) and N(m₂, Σ₂); each covariance is read from its lower triangle.
    /// - Throws: `shapeMismatch` for sizes that do not agree, `notFinite` for a NaN or infinite
    ///   mean, `invalidSetting` for a negative ridge; LinearAlgebra's `notFinite` for a NaN or
    ///   infinite covariance entry and `lapackFailure` (with LAPACK's info) if an
    ///   eigen-decomposition fails.
    public init(sourceMean: [Double], sourceCovariance: Matrix, targetMean: [Double], targetCovariance: Matrix,
                ridge: Double = GaussianMap.defaultRidge) throws {
        let d = sourceMean.count
        guard d > 0 else { throw TransportMapsError.shapeMismatch(what: "source mean", expected: "at least 1 coordinate", actual: "0") }
        for (name, count) in [("target mean", targetMean.count), ("rows of the source covariance", sourceCovariance.rows),
                              ("columns of the source covariance", sourceCovariance.columns),
                              ("rows of the target covariance", targetCovariance.rows),
                              ("columns of the target covariance", targetCovariance.columns)] where count != d {
            throw TransportMapsError.shapeMismatch(what: name, expected: "\(d)", actual: "\(count)")
        }
        for (name, mean) in [("source mean", sourceMean), ("target mean", targetMean)] {
            if let k = mean.firstIndex(where: { !$0.isFinite }) { throw TransportMapsError.notFinite(what: name, point: 0, coordinate: k) }
        }
        guard ridge >= 0, ridge.isFinite else { throw TransportMapsError.invalidSetting(name: "ridge", reason: "must be ≥ 0 and finite, got \(ridge)") }
        let workspace = SymmetricEigenWorkspace(dimension: d)
        var regularised = sourceCovariance
        var trace = 0.0
        for k in 0..<d { trace += sourceCovariance[k, k] }
        let added = ridge * max(trace, 0) / Double(d)
        for k in 0..<d { regularised[k, k] += added }                                  // Σ₁ + ridge · (tr Σ₁ / d) I
        let source = try SymmetricEigenDecomposition(regularised, workspace: workspace)
        let root = source.applying { $0 > 0 ? $0.squareRoot() : 0 }                    // Σ₁^{½}
        let inverseRoot = source.applying { 1 / $0.squareRoot() }                        // Σ₁^{-½}
        var lowerTarget = targetCovariance
        for j in 0..<d { for i in 0..<j { lowerTarget[i, j] = targetCovariance[j, i] } } // mirror the lower triangle
        let middle = try Self.product(Self.product(root, lowerTarget), root)            // Σ₁^{½} Σ₂ Σ₁^{½}
        let middleRoot = try SymmetricEigenDecomposition(middle, workspace: workspace).applying { $0 > 0 ? $0.squareRoot() : 0 }
        var a = try Self.product(Self.product(inverseRoot, middleRoot), inverseRoot)
        a.symmetrize()                                                                // ½(A + Aᵀ)
        dimension = d
        self.sourceMean = sourceMean
        self.targetMean = targetMean
        matrix = a
        addedRidge = added
    }

    /// The map fitted to two samples' means and unbiased covariances (``SampleMoments``), points
    /// row by row. Each sample needs at least 2 points.
    public init(fittingSource source: [Double], target: [Double], dimension: Int, ridge: Double = GaussianMap.defaultRidge) throws {
        let p = try SampleMoments(points: source, dimension: dimension, name: "source sample")
        let q = try SampleMoments(points: target, dimension: dimension, name: "target sample")
        try self.init(sourceMean: p.mean, sourceCovariance: p.covariance, targetMean: q.mean, targetCovariance: q.covariance, ridge: ridge)
    }

    /// T(x) for every point of `points` (row by row, n × d); the result is n × d, row by row.
    /// One dgemm: Tᵀ = A (X − m₁)ᵀ + m₂ over the column-major d × n view of the points.
    /// - Throws: `shapeMismatch` unless the size is a multiple of d.
    public func apply(_ points: [Double]) throws -> [Double] {
        let d = dimension
        guard points.count % d == 0 else {
            throw TransportMapsError.shapeMismatch(what: "points to map", expected: "a multiple of \(d) values", actual: "\(points.count)")
        }
        let n = points.count / d
        var centred = points
        for i in 0..<n { for k in 0..<d { centred[i * d + k] -= sourceMean[k] } }      // x − m₁
        var mapped = [Double](repeating: 0, count: points.count)
        for i in 0..<n { for k in 0..<d { mapped[i * d + k] = targetMean[k] } }         // m₂, then += A(x − m₁)
        guard n > 0 else { return mapped }
        matrix.elements.withUnsafeBufferPointer { a in
            centred.withUnsafeBufferPointer { x in
                mapped.withUnsafeMutableBufferPointer { t in
                    BLAS.gemm(m: d, n: n, k: d, a: a.baseAddress!, lda: d, b: x.baseAddress!, ldb: d, beta: 1, c: t.baseAddress!, ldc: d)
                }
            }
        }
        return mapped
    }

    private static func product(_ x: Matrix, _ y: Matrix) throws -> Matrix {
        var z = Matrix(rows: x.rows, columns: y.columns)
        try BLAS.gemm(x, y, into: &z)
        return z
    }
}
