/// A sum of products accumulated without cancellation loss (Neumaier's compensated summation
/// with each product split exactly by a fused multiply-add): the result is the exact sum of the
/// products rounded about once, so a large term that cancels does not drown small ones.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    init(_ start: Double = 0) { sum = start }

    /// sum += value, the rounding error of the addition kept in the compensation (TwoSum).
    mutating func add(_ value: Double) {
        let total = sum + value
        compensation += abs(sum) >= abs(value) ? (sum - total) + value : (value - total) + sum
        sum = total
    }

    /// sum += a·b exactly: p = fl(a·b) and its error e = a·b − p = fma(a, b, −p) (TwoProduct).
    mutating func add(_ a: Double, times b: Double) {
        let product = a * b
        add(product)
        if product.isFinite { compensation += (-product).addingProduct(a, b) }
    }

    var value: Double { sum + compensation }
}
