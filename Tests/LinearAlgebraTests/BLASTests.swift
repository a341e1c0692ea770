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

    @Test("buffer gemm matches α op(A) op(B) + β C from the triple loop, with padded leading dimensions",
          arguments: transposeFlags)
    func bufferGemm(transposeA: Bool, transposeB: Bool) throws {
        var rng = SplitMix64(seed: 13)
        let opA = randomMatrix(rows: 6, columns: 4, using: &rng)
        let opB = randomMatrix(rows: 4, columns: 5, using: &rng)
        let c0 = randomMatrix(rows: 6, columns: 5, using: &rng)
        let a = padded(transposeA ? opA.transposed() : opA, by: 2)
        let b = padded(transposeB ? opB.transposed() : opB, by: 1)
        var c = padded(c0, by: 3)
        BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: 6, n: 5, k: 4, alpha: 0.7,
                  a: a.elements, lda: a.rows, b: b.elements, ldb: b.rows, beta: -1.3, c: &c.elements, ldc: c.rows)
        let product = naiveProduct(opA, opB)
        for j in 0..<5 {
            for i in 0..<6 {
                #expect(abs(c[i, j] - (0.7 * product[i, j] - 1.3 * c0[i, j])) < 1e-13)
            }
            for i in 6..<9 {
                #expect(c[i, j] == 0)                                   // padding rows untouched
            }
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
        BLAS.gemv(transpose: transpose, m: a.rows, n: a.columns, alpha: -0.5, a: a.elements, lda: a.rows,
                  x: x, beta: 0.25, y: &y)
        let product = naiveProduct(opA, x)
        let expected = (0..<7).map { -0.5 * product[$0] + 0.25 * y0[$0] }
        #expect(maxDifference(y, expected) < 1e-14)
    }

    @Test("syrk writes α A Aᵀ + β C into one triangle only", arguments: [BLAS.Triangle.lower, .upper])
    func syrk(triangle: BLAS.Triangle) throws {
        var rng = SplitMix64(seed: 31)
        let a = randomMatrix(rows: 5, columns: 3, using: &rng)
        let n = 5
        let r = randomMatrix(rows: n, columns: n, using: &rng)
        let s = r.adding(r.transposed())  // symmetric start S = R + Rᵀ
        let gram = naiveProduct(a, a.transposed())
        let expected = gram.scaled(by: 1.5).adding(s.scaled(by: -2))

        var c = s
        BLAS.syrk(triangle: triangle, n: n, k: 3, alpha: 1.5, a: a.elements, lda: a.rows, beta: -2,
                  c: &c.elements, ldc: n)
        for j in 0..<n {
            for i in 0..<n {
                let written = triangle == .lower ? i >= j : i <= j
                #expect(abs(c[i, j] - (written ? expected[i, j] : s[i, j])) < 1e-13)
            }
        }
    }

    @Test("trsm from the right and trsv solve with the lower triangle, leaving the upper one unread")
    func triangularSolves() throws {
        var rng = SplitMix64(seed: 41)
        var l = randomMatrix(rows: 4, columns: 4, using: &rng)
        for i in 0..<4 { l[i, i] = 2 + abs(l[i, i]) }                    // well conditioned diagonal
        var lower = l
        for j in 0..<4 { for i in 0..<j { lower[i, j] = 0 } }
        let b0 = randomMatrix(rows: 3, columns: 4, using: &rng)
        var b = b0
        BLAS.trsmRightLowerTransposed(m: 3, n: 4, alpha: 2, l: l.elements, lda: 4, b: &b.elements, ldb: 3)
        #expect(maxDifference(naiveProduct(b, lower.transposed()), b0.scaled(by: 2)) < 1e-13)   // X Lᵀ = 2 B

        let r = randomVector(4, using: &rng)
        for transpose in [false, true] {
            var x = r
            BLAS.trsvLower(transpose: transpose, n: 4, l: l.elements, lda: 4, x: &x)
            #expect(maxDifference(naiveProduct(transpose ? lower.transposed() : lower, x), r) < 1e-13)
        }
    }

    @Test("asum and dot match their sums")
    func reductions() {
        let x: [Double] = [1, -2, 3.5, -0.25], y: [Double] = [2, 1, -1, 4]
        #expect(BLAS.asum(n: 4, x: x) == 6.75)
        #expect(BLAS.dot(n: 4, x: x, y: y) == 2 - 2 - 3.5 - 1)
        #expect(BLAS.asum(n: 2, x: x) == 3)
    }

    /// `matrix` stored with `extra` zero rows below it, so its leading dimension exceeds its rows.
    private func padded(_ matrix: Matrix, by extra: Int) -> Matrix {
        var result = Matrix(rows: matrix.rows + extra, columns: matrix.columns)
        for j in 0..<matrix.columns { for i in 0..<matrix.rows { result[i, j] = matrix[i, j] } }
        return result
    }
}
