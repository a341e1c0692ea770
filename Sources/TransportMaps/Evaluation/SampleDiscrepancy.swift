import LinearAlgebra
import Transport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How far apart two samples are, for judging a map whose true form is unknown: compare the
/// pushforward T̂#P (the mapped source points) with held-out target points. Points row by row.
public enum SampleDiscrepancy {
    /// The exact optimal transport cost between the two samples with uniform weights
    /// (1/n and 1/m) and cost ‖x − y‖², i.e. W₂² between the empirical measures, solved by the
    /// network simplex, with the certificate that checked it (dual feasibility over every pair,
    /// marginals, zero duality gap): the plan's cost is the exact cost when
    /// `certificate.verified`, and the certificate's failures say why not otherwise (a solve
    /// that hit its pivot limit).
    /// - Throws: `shapeMismatch`/`tooFewPoints`/`notFinite` for bad samples, Transport's errors
    ///   for costs it cannot resolve.
    public static func exactTransportCost(_ x: [Double], _ y: [Double], dimension d: Int) throws -> CertifiedTransportPlan {
        _ = try PointRows.count(x, dimension: d, name: "first sample", needed: 1)
        _ = try PointRows.count(y, dimension: d, name: "second sample", needed: 1)
        let problem = try TransportProblem(source: PointCloud(coordinates: x, dimension: d, name: "first sample"),
                                           target: PointCloud(coordinates: y, dimension: d, name: "second sample"))
        let plan = try NetworkSimplex().solve(problem)
        return CertifiedTransportPlan(plan: plan, certificate: TransportCertificate.check(plan, for: problem))
    }

    /// The unbiased estimate of the squared maximum mean discrepancy with a Gaussian kernel
    /// k(u, v) = exp(−‖u − v‖² / (2σ²)):
    ///
    ///     MMD²ᵤ = Σ_{i≠i'} k(xᵢ, xᵢ')/(n(n−1)) + Σ_{j≠j'} k(yⱼ, yⱼ')/(m(m−1)) − 2 Σᵢⱼ k(xᵢ, yⱼ)/(nm),
    ///
    /// near 0 (either sign) for samples of one distribution, positive for different ones. σ is
    /// `bandwidth`, or by the median heuristic the median distance between distinct points of
    /// the pooled sample. The squared distances come from one BLAS `dgemm` Gram matrix of the
    /// pooled points (O((n + m)²) memory).
    /// - Throws: for bad samples (each needs 2 points), `invalidSetting` for a bandwidth that is
    ///   not positive and finite (or a median of 0: all points equal).
    public static func maximumMeanDiscrepancy(_ x: [Double], _ y: [Double], dimension d: Int,
                                              bandwidth: Double? = nil) throws -> (squared: Double, bandwidth: Double) {
        let n = try PointRows.count(x, dimension: d, name: "first sample", needed: 2)
        let m = try PointRows.count(y, dimension: d, name: "second sample", needed: 2)
        let total = n + m
        let pooled = x + y
        var gram = [Double](repeating: 0, count: total * total)
        pooled.withUnsafeBufferPointer { z in
            gram.withUnsafeMutableBufferPointer { g in
                // Row-major (n + m) × d is column-major d × (n + m) Z; G = Zᵀ Z has the inner
                // products, lower triangle (the upper is not read).
                BLAS.gemm(transposeA: true, m: total, n: total, k: d, a: z.baseAddress!, lda: d, b: z.baseAddress!, ldb: d,
                          beta: 0, c: g.baseAddress!, ldc: total)
            }
        }
        let norms = (0..<total).map { gram[$0 * total + $0] }
        var squared = [Double](repeating: 0, count: total * (total - 1) / 2)
        var p = 0
        for j in 0..<total {
            for i in (j + 1)..<total {
                squared[p] = max(0, norms[i] + norms[j] - 2 * gram[i + j * total])       // ‖zᵢ − zⱼ‖² = ‖zᵢ‖² + ‖zⱼ‖² − 2zᵢᵀzⱼ
                p += 1
            }
        }
        let sigma: Double
        if let bandwidth {
            sigma = bandwidth
        } else {
            var sorted = squared
            sorted.sort()
            let h = sorted.count
            sigma = (h % 2 == 1 ? sorted[h / 2] : 0.5 * (sorted[h / 2 - 1] + sorted[h / 2])).squareRoot()   // median distance
        }
        guard sigma > 0, sigma.isFinite else {
            throw TransportMapsError.invalidSetting(name: "MMD bandwidth", reason: "must be positive and finite, got \(sigma) (all points equal?)")
        }
        let scale = -1 / (2 * sigma * sigma)
        var within = (0.0, 0.0), across = 0.0
        p = 0
        for j in 0..<total {
            for i in (j + 1)..<total {
                let k = exp(scale * squared[p])                                           // k = exp(−‖zᵢ − zⱼ‖²/(2σ²))
                p += 1
                if j >= n { within.1 += k } else if i < n { within.0 += k } else { across += k }
            }
        }
        let value = 2 * within.0 / Double(n * (n - 1)) + 2 * within.1 / Double(m * (m - 1)) - 2 * across / Double(n * m)
        return (value, sigma)
    }
}
