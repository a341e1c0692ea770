import Solvers
import LinearProgramming
import Testing

/// The size rule behind `--solver auto`: strictly above each family's nonzero threshold.
@Suite struct InteriorPointPreferenceTests {
    /// A dense LP with `rows` × `columns` nonzeros (min −Σx, rows Σ a_ij x_j ≤ 1), integer when asked.
    static func dense(rows: Int, columns: Int, integer: Bool = false) -> LinearProgram {
        var program = LinearProgram(name: "dense")
        for j in 0..<columns { program.addVariable("x\(j)", kind: integer ? .integer : .continuous, cost: -1) }
        for i in 0..<rows {
            program.addConstraint("r\(i)", (0..<columns).map { (variable: $0, coefficient: 1 + Double((7 * i + 3 * $0) % 10) / 10) }, .lessOrEqual, 1)
        }
        return program
    }

    @Test func thresholdsAreTheMeasuredOnes() {
        #expect(InteriorPointPreference.nonzeroThreshold(for: .general) == 10_000)
        #expect(InteriorPointPreference.nonzeroThreshold(for: .surrogate) == 10_000)
    }

    @Test func strictlyAboveTheThreshold() {
        #expect(!InteriorPointPreference.prefersInteriorPoint(nonzeros: 0))
        #expect(!InteriorPointPreference.prefersInteriorPoint(nonzeros: 10_000))
        #expect(InteriorPointPreference.prefersInteriorPoint(nonzeros: 10_001))
        #expect(!InteriorPointPreference.prefersInteriorPoint(nonzeros: 10_000, family: .surrogate))
        #expect(InteriorPointPreference.prefersInteriorPoint(nonzeros: 10_001, family: .surrogate))
    }

    @Test func programsByTheirNonzerosAndNeverAMIP() {
        let small = Self.dense(rows: 100, columns: 100), large = Self.dense(rows: 101, columns: 100)
        #expect(small.nonzeroCount == 10_000 && large.nonzeroCount == 10_100)
        #expect(!InteriorPointPreference.prefersInteriorPoint(for: small))
        #expect(InteriorPointPreference.prefersInteriorPoint(for: large))
        #expect(!InteriorPointPreference.prefersInteriorPoint(for: small, family: .surrogate))
        #expect(InteriorPointPreference.prefersInteriorPoint(for: large, family: .surrogate))
        #expect(!InteriorPointPreference.prefersInteriorPoint(for: Self.dense(rows: 101, columns: 100, integer: true)))
    }

    @Test func transportLPsGoToTheInteriorPointAboveTwoThousandPairs() {
        #expect(!InteriorPointPreference.prefersInteriorPoint(transportSources: 40, targets: 50))    // 2,000 pairs
        #expect(InteriorPointPreference.prefersInteriorPoint(transportSources: 41, targets: 50))     // 2,050
        #expect(!InteriorPointPreference.prefersInteriorPoint(transportSources: 1, targets: 2_000))
        #expect(InteriorPointPreference.prefersInteriorPoint(transportSources: 1, targets: 2_001))
        #expect(InteriorPointPreference.prefersInteriorPoint(transportSources: Int.max / 2, targets: 3))   // overflow: huge
        #expect(!InteriorPointPreference.prefersInteriorPoint(transportSources: 0, targets: 10))
    }
}
