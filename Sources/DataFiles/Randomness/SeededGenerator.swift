#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, fast, seeded random number generator: xoshiro256** (Blackman & Vigna 2018) whose
/// 256-bit state is filled from a 64-bit seed by SplitMix64.
///
/// The same seed gives the same sequence, bit for bit, on every platform and Swift version:
/// every derived draw (`nextUniform`, `nextIndex(below:)`, `shuffle`, `nextNormal`) is defined
/// here rather than by the standard library, whose algorithms may change. (`nextNormal` calls
/// the C library's `log` and `cos`, so across different C libraries it may differ in the last
/// bit; on one platform it is exactly reproducible.)
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the state with four successive SplitMix64 outputs of `seed`.
    public init(seed: UInt64) {
        var x = seed
        // SplitMix64: x += φ·2⁶⁴; z = mix(x)
        func splitMix() -> UInt64 {
            x &+= 0x9e37_79b9_7f4a_7c15
            var z = x
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    @inline(__always)
    private static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        // result = rotl(s1·5, 7)·9
        let result = Self.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        return result
    }

    /// A uniform Double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    public mutating func nextUniform() -> Double {
        // u = ⌊r / 2¹¹⌋ · 2⁻⁵³
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal draw by the Box–Muller transform.
    ///
    /// Each call consumes exactly two uniforms and returns only the cosine branch; the sine
    /// partner is discarded, so there is no hidden cached value and a copy of the generator
    /// always continues with the same draws as the original.
    public mutating func nextNormal() -> Double {
        let u1 = 1.0 - nextUniform()  // in (0, 1], so log(u1) is finite
        let u2 = nextUniform()
        // z = √(−2 ln u₁) · cos(2π u₂)
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// A uniform integer in 0 ..< `bound` (Lemire's multiply-shift with rejection, unbiased).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "nextIndex(below:) needs a positive bound, got \(bound)")
        let n = UInt64(bound)
        // threshold = 2⁶⁴ mod n: products whose low word falls below it are rejected
        let threshold = (0 &- n) % n
        while true {
            let (high, low) = n.multipliedFullWidth(by: next())
            if low >= threshold { return Int(high) }
        }
    }

    /// Shuffles `indices` in place by Fisher–Yates, drawing j ∈ 0...i for i = n−1 down to 1.
    public mutating func shuffle(_ indices: inout [Int]) {
        var i = indices.count - 1
        while i > 0 {
            let j = nextIndex(below: i + 1)
            indices.swapAt(i, j)
            i -= 1
        }
    }
}
