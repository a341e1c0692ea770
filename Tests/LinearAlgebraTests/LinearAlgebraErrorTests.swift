import LinearAlgebra
import Testing

@Suite("LinearAlgebraError")
struct LinearAlgebraErrorTests {
    @Test("every message names the data it carries")
    func messages() {
        let cases: [(LinearAlgebraError, [String])] = [
            (.dimensionMismatch(what: "gemv: length of x", expected: 4, actual: 3), ["gemv: length of x", "3", "4"]),
            (.negativeDimension(rows: -2, columns: 3), ["-2 × 3"]),
            (.indexOutOfRange(row: 5, column: 1, rows: 3, columns: 4), ["(5, 1)", "3 × 4"]),
            (.invalidColumnStart(index: 2, value: 7), ["columnStart[2] = 7"]),
            (.rowIndicesNotIncreasing(column: 6), ["column 6"]),
        ]
        for (error, fragments) in cases {
            for fragment in fragments {
                #expect(error.description.contains(fragment), "\(error.description) should mention \(fragment)")
            }
        }
    }
}
