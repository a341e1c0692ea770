import LinearAlgebra

/// The inner loops of log-domain Sinkhorn over one contiguous row: the soft-minimum
/// −ε·log Σⱼ exp(hⱼ − λ·cⱼ) (λ = 1/ε) by a max pass and an exp pass (stable log-sum-exp), and
/// the plan row exp(shift + hⱼ − λ·cⱼ). The loops are branch-free element-wise arithmetic that
/// the compiler vectorises (the exp below has no calls and no table); the sums go to BLAS.
/// No allocation: each caller passes its own scratch row.
enum SinkhornKernels {
    // Cody–Waite split of ln 2 (fdlibm): k·ln2Hi is exact for |k| < 2¹¹.
    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10
    private static let log2e = 1.44269504088896338700e+00
    /// 1.5·2⁵²: adding it rounds to an integer and leaves that integer in the low mantissa bits.
    private static let shifter = 6_755_399_441_055_744.0
    /// Below this an exp is flushed to 0 (e^−708 ≈ 3e−308; every term here is ≤ 1 and summed with one ≥ 1).
    static let underflow = -708.0

    /// eˣ within 2 ulp on [−708, 709]; 0 below −708 (and for −∞).
    @inline(__always) @_optimize(speed)
    static func exp(_ x: Double) -> Double {
        let clamped = Swift.min(Swift.max(x, underflow), 709)
        let t = clamped * log2e + shifter                                   // t = 1.5·2⁵² + k, k = round(x / ln 2)
        let k = t - shifter
        let r = (clamped - k * ln2Hi) - k * ln2Lo                          // x = k·ln 2 + r, |r| ≤ ln 2 / 2
        // e^r by Horner on the degree-13 Taylor polynomial: truncation < 5e−18 for |r| ≤ 0.347.
        var p = 1.0 / 6_227_020_800
        p = p * r + 1.0 / 479_001_600
        p = p * r + 1.0 / 39_916_800
        p = p * r + 1.0 / 3_628_800
        p = p * r + 1.0 / 362_880
        p = p * r + 1.0 / 40_320
        p = p * r + 1.0 / 5_040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let scale = Double(bitPattern: (t.bitPattern &<< 52) &+ (1023 << 52))   // 2ᵏ: k's low bits into the exponent field
        return x < underflow ? 0 : p * scale
    }

    /// −ε·log Σⱼ exp(hⱼ − λ·cⱼ) over `count` entries of a contiguous cost row `c`, using
    /// `scratch` (≥ count). Entries with hⱼ = −∞ (zero weight) contribute nothing.
    @inline(__always) @_optimize(speed)
    static func softMin(row c: UnsafePointer<Double>, h: UnsafePointer<Double>, count: Int, lambda: Double, epsilon: Double,
                        scratch: UnsafeMutablePointer<Double>) -> Double {
        for j in 0..<count { scratch[j] = h[j] - lambda * c[j] }             // vⱼ = hⱼ − λ cⱼ
        let m = maximum(scratch, count: count)                                // M = maxⱼ vⱼ
        for j in 0..<count { scratch[j] = exp(scratch[j] - m) }               // e^{vⱼ − M} ∈ [0, 1]
        let s = BLAS.asum(n: count, x: scratch)                         // S = Σⱼ e^{vⱼ − M} ≥ 1
        return -epsilon * (m + _log(s))                                       // −ε (M + log S)
    }

    /// `out[j] = exp(shift + hⱼ − λ·cⱼ)` for a contiguous row; returns Σⱼ out[j] and Σⱼ cⱼ·out[j].
    @inline(__always) @_optimize(speed)
    static func exponentiate(row c: UnsafePointer<Double>, h: UnsafePointer<Double>, count: Int, lambda: Double,
                             shift: Double, into out: UnsafeMutablePointer<Double>) -> (mass: Double, cost: Double) {
        for j in 0..<count { out[j] = exp(shift + h[j] - lambda * c[j]) }    // Pⱼ = e^{shift + hⱼ − λ cⱼ}
        return (BLAS.asum(n: count, x: out), BLAS.dot(n: count, x: c, y: out))
    }

    /// maxⱼ v[j] with four running maxima (−∞ for an empty row).
    @inline(__always) @_optimize(speed)
    static func maximum(_ v: UnsafePointer<Double>, count: Int) -> Double {
        var m0 = -Double.infinity, m1 = m0, m2 = m0, m3 = m0
        var j = 0
        while j + 4 <= count {
            m0 = Swift.max(m0, v[j]); m1 = Swift.max(m1, v[j + 1])
            m2 = Swift.max(m2, v[j + 2]); m3 = Swift.max(m3, v[j + 3])
            j += 4
        }
        while j < count { m0 = Swift.max(m0, v[j]); j += 1 }
        return Swift.max(Swift.max(m0, m1), Swift.max(m2, m3))
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) private func _log(_ x: Double) -> Double { Glibc.log(x) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) private func _log(_ x: Double) -> Double { Darwin.log(x) }
#endif
