import LinearAlgebra
import TestSupport
import Testing

@Suite("BLAS")
struct BLASTests {
    static let transposeFlags = [(false, false), (true, false), (false, true), (true, true)]

    @Test("gemm matches α op(A) op(B) + β C from the triple loop", arguments: transposeFlags)
    func gemm(transposeA: Bool, transposeB: Bool) throws {
        var rng = SplitMix64(seed: 11)
        let opA = randomMatrix(rows: 6, columns: 4, using: &rng)
        let opB = randomMatrix(rows: 4, columns: 5, using: &rng)
        let c0 = randomMatrix(rows: 6, columns: 5, using: &rng)
        let a = transposeA ? opA.transposed() : opA
        let b = transposeB ? opB.transposed() : opB
        var c = c0
        try BLAS.gemm(a, b, into: &c, transposeA: transposeA, transposeB: transposeB, alpha: 0.7, beta: -1.3)
        let product = naiveProduct(opA, opB)
        var expected = c0
        for k in expected.elements.indices {
            expected.elements[k] = 0.7 * product.elements[k] - 1.3 * c0.elements[k]
        }
        #expect(maxDifference(c, expected) < 1e-13)
    }

    @Test("gemm with an empty inner dimension gives β C")
    func gemmEmptyInner() throws {
        let a = Matrix(rows: 3, columns: 0)
        let b = Matrix(rows: 0, columns: 2)
        var c = try Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
        try BLAS.gemm(a, b, into: &c, beta: 2)
        #expect(c == (try Matrix(rowMajor: [[2, 4], [6, 8], [10, 12]])))
        try BLAS.gemm(a, b, into: &c)
        #expect(c == Matrix(rows: 3, columns: 2))
    }

    @Test("gemm rejects mismatched shapes before touching C")
    func gemmMismatch() throws {
        var rng = SplitMix64(seed: 12)
        let a = randomMatrix(rows: 3, columns: 4, using: &rng)
        let b = randomMatrix(rows: 3, columns: 2, using: &rng)
        let c0 = randomMatrix(rows: 3, columns: 2, using: &rng)
        var c = c0
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "gemm: rows of op(B) (must equal the columns of op(A))", expected: 4, actual: 3)) {
            try BLAS.gemm(a, b, into: &c)
        }
        #expect(c == c0)
        var wrongC = Matrix(rows: 4, columns: 2)
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "gemm: rows of C (must equal the rows of op(A))", expected: 3, actual: 4)) {
            try BLAS.gemm(b, b, into: &wrongC, transposeA: false, transposeB: true)
        }
        var wrongColumns = Matrix(rows: 4, columns: 3)
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "gemm: columns of C (must equal the columns of op(B))", expected: 2, actual: 3)) {
            try BLAS.gemm(a, b, into: &wrongColumns, transposeA: true)
        }
    }

    @Test("gemv matches α op(A) x + β y from the double loop", arguments: [false, true])
    func gemv(transpose: Bool) throws {
        var rng = SplitMix64(seed: 21)
        let opA = randomMatrix(rows: 7, columns: 3, using: &rng)
        let a = transpose ? opA.transposed() : opA
        let x = randomVector(3, using: &rng)
        let y0 = randomVector(7, using: &rng)
        var y = y0
        try BLAS.gemv(a, x, into: &y, transpose: transpose, alpha: -0.5, beta: 0.25)
        let product = naiveProduct(opA, x)
        let expected = (0..<7).map { -0.5 * product[$0] + 0.25 * y0[$0] }
        #expect(maxDifference(y, expected) < 1e-14)
    }

    @Test("gemv with an empty inner dimension gives β y")
    func gemvEmptyInner() throws {
        var y: [Double] = [1, 2, 3]
        try BLAS.gemv(Matrix(rows: 3, columns: 0), [], into: &y, beta: 2)
        #expect(y == [2, 4, 6])
        try BLAS.gemv(Matrix(rows: 0, columns: 3), [], into: &y, transpose: true)
        #expect(y == [0, 0, 0])
    }

    @Test("gemv rejects mismatched lengths")
    func gemvMismatch() throws {
        let a = Matrix(rows: 3, columns: 2)
        var y = [Double](repeating: 0, count: 3)
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "gemv: length of x (must equal the columns of op(A))", expected: 3, actual: 2)) {
            try BLAS.gemv(a, [1, 2], into: &y, transpose: true)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "gemv: length of y (must equal the rows of op(A))", expected: 3, actual: 2)) {
            var short: [Double] = [0, 0]
            try BLAS.gemv(a, [1, 2], into: &short)
        }
    }

    @Test("syrk writes α A Aᵀ + β C (or Aᵀ A) into one triangle only; symmetrize fills the other",
          arguments: [(false, BLAS.Triangle.lower), (false, .upper), (true, .lower), (true, .upper)])
    func syrk(transpose: Bool, triangle: BLAS.Triangle) throws {
        var rng = SplitMix64(seed: 31)
        let a = randomMatrix(rows: 5, columns: 3, using: &rng)
        let n = transpose ? 3 : 5
        let r = randomMatrix(rows: n, columns: n, using: &rng)
        let s = r.adding(r.transposed())  // symmetric start S = R + Rᵀ
        let gram = transpose ? naiveProduct(a.transposed(), a) : naiveProduct(a, a.transposed())
        let expected = gram.scaled(by: 1.5).adding(s.scaled(by: -2))

        var c = s
        try BLAS.syrk(a, into: &c, transpose: transpose, triangle: triangle, alpha: 1.5, beta: -2)
        for j in 0..<n {
            for i in 0..<n {
                let written = triangle == .lower ? i >= j : i <= j
                #expect(abs(c[i, j] - (written ? expected[i, j] : s[i, j])) < 1e-13)
            }
        }
        try BLAS.symmetrize(&c, from: triangle)
        #expect(maxDifference(c, expected) < 1e-13)
        #expect(c == c.transposed())
    }

    @Test("syrk and symmetrize reject wrong shapes")
    func syrkMismatch() throws {
        let a = Matrix(rows: 5, columns: 3)
        var c = Matrix(rows: 5, columns: 5)
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "syrk: rows of C (must equal the columns of A)", expected: 3, actual: 5)) {
            try BLAS.syrk(a, into: &c, transpose: true)
        }
        var notSquare = Matrix(rows: 5, columns: 4)
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "syrk: columns of C (must equal the rows of A)", expected: 5, actual: 4)) {
            try BLAS.syrk(a, into: &notSquare)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "symmetrize: columns of C (a symmetric matrix must be square)", expected: 5, actual: 4)) {
            try BLAS.symmetrize(&notSquare, from: .lower)
        }
    }
}
