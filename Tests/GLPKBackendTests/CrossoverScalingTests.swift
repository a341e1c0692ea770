import Foundation
import LinearProgramming
import Testing
@testable import GLPKBackend

/// The crossover's own scale factors: powers of two that even out a badly scaled matrix.
@Suite struct CrossoverScalingTests {
    /// A 30 × 20 LP whose row i is multiplied by 10^(i mod 7 − 3) and column j by 10^(j mod 5 − 2).
    static func badlyScaled() -> LinearProgram {
        var lp = LinearProgram(name: "badly-scaled")
        for j in 0..<20 { lp.addVariable("x\(j)", lower: 0, upper: 1, cost: 1) }
        var state: UInt64 = 11
        for i in 0..<30 {
            var terms: [(variable: Int, coefficient: Double)] = []
            for j in 0..<20 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                guard state >> 62 == 0 else { continue }                      // about a quarter of the entries
                let value = 0.5 + Double(state >> 11) / Double(1 << 53)
                terms.append((j, value * pow(10, Double(i % 7 - 3)) * pow(10, Double(j % 5 - 2))))
            }
            lp.addConstraint("r\(i)", terms, .lessOrEqual, 1)
        }
        return lp
    }

    /// max / min of |rᵢ aᵢⱼ sⱼ| over the entries.
    static func ratio(_ lp: LinearProgram, rows r: [Double], columns s: [Double]) -> Double {
        let magnitudes = lp.constraints.enumerated().flatMap { i, row in
            zip(row.columns, row.coefficients).map { abs(r[i] * $1 * s[$0]) }
        }
        return magnitudes.max()! / magnitudes.min()!
    }

    @Test func factorsArePowersOfTwoThatEvenOutTheMatrix() {
        let lp = Self.badlyScaled()
        let (r, s) = CrossoverScaling.factors(of: lp)
        #expect(r.count == 30 && s.count == 20)
        let powers = (r + s).allSatisfy { $0 > 0 && $0.significand == 1 }
        #expect(powers)
        let before = Self.ratio(lp, rows: [Double](repeating: 1, count: 30), columns: [Double](repeating: 1, count: 20))
        let after = Self.ratio(lp, rows: r, columns: s)
        #expect(before > 1e9 && after < 100, "ratio \(before) → \(after)")
        var largest = 0.0
        for (i, row) in lp.constraints.enumerated() {
            for (k, j) in row.columns.enumerated() { largest = max(largest, abs(r[i] * row.coefficients[k] * s[j])) }
        }
        #expect(largest <= 2 && largest >= 0.5)                             // equilibrated, up to the rounding to 2^k
    }

    @Test func nearestPowerOfTwo() {
        #expect(CrossoverScaling.nearestPowerOfTwo(1) == 1)
        #expect(CrossoverScaling.nearestPowerOfTwo(1.4) == 1)
        #expect(CrossoverScaling.nearestPowerOfTwo(1.5) == 2)
        #expect(CrossoverScaling.nearestPowerOfTwo(0.3) == 0.25)
        #expect(CrossoverScaling.nearestPowerOfTwo(3e10) == 0x1p35)
        #expect(CrossoverScaling.nearestPowerOfTwo(0) == 1 && CrossoverScaling.nearestPowerOfTwo(.nan) == 1)
    }
}
