/// Errors of an estimated map T̂ against a known map T over the same test points (row by row,
/// n × d): the mean squared error E‖T̂(X) − T(X)‖² (summed over coordinates, not divided by
/// d) and its scale-free form, the unexplained variance
///
///     L2-UVP = 100 · E‖T̂(X) − T(X)‖² / Var(Q)   (%),
///
/// with Var(Q) the sum of the coordinate variances of the target distribution (0 % is the
/// exact map; 100 % is what the constant map to the mean of Q scores).
public enum MapMetrics {
    /// (1/n) Σᵢ ‖T̂(xᵢ) − T(xᵢ)‖².
    /// - Throws: `shapeMismatch` for arrays of different sizes or not a multiple of d,
    ///   `tooFewPoints` for no points, `notFinite` for a NaN or infinite coordinate.
    public static func meanSquaredError(_ estimated: [Double], _ exact: [Double], dimension d: Int) throws -> Double {
        let n = try PointRows.count(exact, dimension: d, name: "exact images", needed: 1)
        guard estimated.count == exact.count else {
            throw TransportMapsError.shapeMismatch(what: "estimated images", expected: "\(exact.count) values (as the exact images)",
                                                   actual: "\(estimated.count)")
        }
        _ = try PointRows.count(estimated, dimension: d, name: "estimated images", needed: 1)
        var sum = 0.0
        for k in exact.indices { let r = estimated[k] - exact[k]; sum += r * r }        // Σ ‖T̂ − T‖²
        return sum / Double(n)
    }

    /// Var(Q) = Σₖ (1/m) Σⱼ (yⱼₖ − ȳₖ)²: the sum of the coordinate variances of a sample of Q
    /// (the population form, dividing by m).
    /// - Throws: as ``meanSquaredError(_:_:dimension:)``.
    public static func totalVariance(_ points: [Double], dimension d: Int) throws -> Double {
        let m = try PointRows.count(points, dimension: d, name: "target sample", needed: 1)
        var mean = [Double](repeating: 0, count: d)
        for j in 0..<m { for k in 0..<d { mean[k] += points[j * d + k] } }
        for k in 0..<d { mean[k] /= Double(m) }
        var sum = 0.0
        for j in 0..<m { for k in 0..<d { let r = points[j * d + k] - mean[k]; sum += r * r } }
        return sum / Double(m)
    }

    /// L2-UVP (%) = 100 · meanSquaredError / `targetVariance`.
    /// - Throws: as ``meanSquaredError(_:_:dimension:)``; `invalidSetting` unless
    ///   `targetVariance` is positive and finite.
    public static func unexplainedVariance(_ estimated: [Double], _ exact: [Double], dimension d: Int,
                                           targetVariance: Double) throws -> Double {
        guard targetVariance > 0, targetVariance.isFinite else {
            throw TransportMapsError.invalidSetting(name: "target variance", reason: "must be positive and finite, got \(targetVariance)")
        }
        return 100 * (try meanSquaredError(estimated, exact, dimension: d)) / targetVariance
    }

    /// L2-UVP (%) with Var(Q) measured on the exact images themselves (they are a sample of Q).
    public static func unexplainedVariance(_ estimated: [Double], _ exact: [Double], dimension d: Int) throws -> Double {
        try unexplainedVariance(estimated, exact, dimension: d, targetVariance: totalVariance(exact, dimension: d))
    }
}
