import Foundation
import TestSupport
import Testing
@testable import LinearProgramming

/// The verifier's sums: terms that cancel must not drown the small ones, in either order.
@Suite struct CompensatedSumTests {
    @Test("large terms that cancel leave the small ones exact, whichever comes first")
    func cancellation() {
        for order in [[1e16, 1, -1e16, 3e-3], [1, 1e16, 3e-3, -1e16], [3e-3, -1e16, 1, 1e16]] {
            var sum = CompensatedSum()
            for term in order { sum.add(term) }
            #expect(sum.value == 1.003, "\(order)")
            var naive = 0.0
            for term in order { naive += term }
            #expect(naive != 1.003, "the naive sum loses the small terms: \(order)")
        }
    }

    @Test("products are split exactly: (1 + 2⁻³⁰)² − 1 − 2⁻²⁹ leaves 2⁻⁶⁰")
    func exactProducts() {
        let a = 1 + 0x1p-30
        var sum = CompensatedSum(-1)
        sum.add(a, times: a)
        sum.add(-0x1p-29)
        #expect(sum.value == 0x1p-60)
    }

    @Test("the product error matches the fused multiply-add's on random and extreme operands")
    func productErrorMatchesFMA() {
        var generator = SplitMix64(seed: 29)
        for _ in 0..<2000 {
            let a = Double.random(in: -1...1, using: &generator) * pow(10, Double.random(in: -150...150, using: &generator))
            let b = Double.random(in: -1...1, using: &generator) * pow(10, Double.random(in: -150...150, using: &generator))
            let p = a * b
            guard p.isNormal else { continue }
            #expect(CompensatedSum.productError(a, b, p) == (-p).addingProduct(a, b), "\(a) × \(b)")
        }
        let huge = 1e300, p = huge * 1e-10
        #expect(CompensatedSum.productError(huge, 1e-10, p) == (-p).addingProduct(huge, 1e-10))
    }
}
