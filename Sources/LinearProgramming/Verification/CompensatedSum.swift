/// A sum of products accumulated without cancellation loss (compensated summation: the error of
/// each addition by TwoSum and of each product by a fused multiply-add): the result is the exact sum of the
/// products rounded about once, so a large term that cancels does not drown small ones.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    init(_ start: Double = 0) { sum = start }

    /// sum += value, the rounding error of the addition kept in the compensation (Knuth's
    /// TwoSum: exact for either order of magnitude, without a branch on it).
    mutating func add(_ value: Double) {
        let total = sum + value
        let valuePart = total - sum                                               // e = (s − (t − v')) + (v − v'), v' = t − s
        compensation += (sum - (total - valuePart)) + (value - valuePart)
        sum = total
    }

    /// sum += a·b exactly: p = fl(a·b) and its error e = a·b − p (``productError``).
    mutating func add(_ a: Double, times b: Double) {
        let product = a * b
        add(product)
        if product.isFinite { compensation += Self.productError(a, b, product) }
    }

    /// a·b − p for p = fl(a·b), exactly: Dekker's TwoProduct on Veltkamp's halves of a and b
    /// (inline, where `fma` is a library call on the baseline x86-64 target: the verifier's
    /// reduced costs took 6 % of a 2.4 ms interior-point solve through it); `fma` itself where the
    /// split would overflow.
    static func productError(_ a: Double, _ b: Double, _ p: Double) -> Double {
        guard abs(a) < 1e290, abs(b) < 1e290 else { return (-p).addingProduct(a, b) }
        let (aHigh, aLow) = halves(a), (bHigh, bLow) = halves(b)
        return ((aHigh * bHigh - p) + aHigh * bLow + aLow * bHigh) + aLow * bLow
    }

    /// x = high + low with high holding x's leading 26 bits (Veltkamp: c = (2²⁷ + 1)·x, high = c − (c − x)).
    private static func halves(_ x: Double) -> (high: Double, low: Double) {
        let c = 134_217_729 * x
        let high = c - (c - x)
        return (high, x - high)
    }

    var value: Double { sum + compensation }
}
