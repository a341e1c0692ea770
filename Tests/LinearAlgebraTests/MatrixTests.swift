import LinearAlgebra
import TestSupport
import Testing

@Suite("Matrix")
struct MatrixTests {
    @Test("rowMajor init stores column-major and the subscript reads and writes it")
    func rowMajorLayout() throws {
        var m = try Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2)
        #expect(m.columns == 3)
        #expect(m.elements == [1, 4, 2, 5, 3, 6])
        #expect(m[1, 0] == 4)
        #expect(m[0, 2] == 3)
        m[1, 2] = -7
        #expect(m.elements == [1, 4, 2, 5, 3, -7])
        #expect(try Matrix(rowMajor: []) == Matrix(rows: 0, columns: 0))
    }

    @Test("symmetrize replaces M by ½(M + Mᵀ)")
    func symmetrize() throws {
        var m = try Matrix(rowMajor: [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        m.symmetrize()
        #expect(m == (try Matrix(rowMajor: [[1, 3, 5], [3, 5, 7], [5, 7, 9]])))
    }

    @Test("rowMajor init rejects ragged rows")
    func raggedRows() {
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "length of row 1 (all rows must be as long as row 0)", expected: 2, actual: 3)) {
            try Matrix(rowMajor: [[1, 2], [3, 4, 5]])
        }
    }

    @Test("elements init checks the count and the sizes")
    func elementsInit() throws {
        let m = try Matrix(rows: 2, columns: 2, elements: [1, 2, 3, 4])
        #expect(m[0, 1] == 3)
        #expect(m == Matrix(rows: 2, columns: 2, repeating: 0).withElements([1, 2, 3, 4]))
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "element count of a 2 × 3 matrix", expected: 6, actual: 5)) {
            try Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5])
        }
        #expect(throws: LinearAlgebraError.negativeDimension(rows: -1, columns: -1)) {
            try Matrix(rows: -1, columns: -1, elements: [1])
        }
    }

    @Test("changing the element count traps instead of corrupting BLAS calls")
    func elementCountIsGuarded() async {
        await #expect(processExitsWith: .failure) {
            var m = Matrix(rows: 2, columns: 2)
            m.elements = [1, 2, 3]
        }
    }

    @Test("matrix products match the triple loop")
    func products() throws {
        var rng = SplitMix64(seed: 1)
        let a = randomMatrix(rows: 7, columns: 5, using: &rng)
        let b = randomMatrix(rows: 5, columns: 4, using: &rng)
        var product = Matrix(rows: 7, columns: 4)
        try BLAS.gemm(a, b, into: &product)
        #expect(maxDifference(product, naiveProduct(a, b)) < 1e-13)
        var same = Matrix(rows: 7, columns: 5)
        try BLAS.gemm(.identity(7), a, into: &same)
        #expect(same == a)
        #expect(throws: LinearAlgebraError.self) { try BLAS.gemm(a, a, into: &same) }
    }
}

private extension Matrix {
    /// A copy with `elements` replaced, exercising the public setter.
    func withElements(_ elements: [Double]) -> Matrix {
        var copy = self
        copy.elements = elements
        return copy
    }
}
