/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, so that every random test
/// input is the same on every run. The tests' streams are this one; the library's own
/// `SeededGenerator` (xoshiro256**) is a different stream.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        // x += φ·2⁶⁴; z = mix(x)
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    public mutating func nextUniform() -> Double {
        // u = ⌊r / 2¹¹⌋ · 2⁻⁵³
        Double(next() >> 11) / Double(1 << 53)
    }

    /// A uniform Double in [a, b): a + (b − a)·u.
    public mutating func nextUniform(from a: Double, to b: Double) -> Double {
        a + (b - a) * nextUniform()
    }
}
