import LinearAlgebra
import TestSupport
import Testing

@Suite("leastSquares")
struct LeastSquaresTests {
    @Test("a tall system matches the normal-equations solution")
    func tallSystem() throws {
        var rng = SplitMix64(seed: 61)
        let a = randomMatrix(rows: 30, columns: 5, using: &rng)
        let b = randomVector(30, using: &rng)
        let x = try leastSquares(a, b)
        #expect(x.count == 5)

        // AᵀA x = Aᵀb
        let normal = try CholeskyFactorization(naiveProduct(a.transposed(), a))
        let xNormal = try normal.solve(naiveProduct(a.transposed(), b))
        #expect(maxDifference(x, xNormal) < 1e-12)

        // the residual is orthogonal to the columns of A: Aᵀ(A x − b) = 0
        let residual = zip(naiveProduct(a, x), b).map { $0 - $1 }
        #expect(norm(naiveProduct(a.transposed(), residual)) < 1e-12)
        #expect(norm(residual) > 0.1)  // a random tall system is not consistent
    }

    @Test("a wide system gives the minimum-norm solution")
    func wideSystem() throws {
        var rng = SplitMix64(seed: 62)
        let a = randomMatrix(rows: 4, columns: 9, using: &rng)
        let b = randomVector(4, using: &rng)
        let x = try leastSquares(a, b)
        #expect(x.count == 9)
        #expect(maxDifference(naiveProduct(a, x), b) < 1e-13)

        // x = Aᵀ (A Aᵀ)⁻¹ b
        let y = try CholeskyFactorization(naiveProduct(a, a.transposed())).solve(b)
        #expect(maxDifference(x, naiveProduct(a.transposed(), y)) < 1e-12)
    }

    @Test("a matrix right-hand side is solved column by column")
    func matrixRightHandSide() throws {
        var rng = SplitMix64(seed: 63)
        let a = randomMatrix(rows: 8, columns: 3, using: &rng)
        let b = randomMatrix(rows: 8, columns: 2, using: &rng)
        let x = try leastSquares(a, b)
        #expect(x.rows == 3 && x.columns == 2)
        for j in 0..<2 {
            #expect(maxDifference(x.column(j), try leastSquares(a, b.column(j))) < 1e-14)
        }
        #expect(a == (try Matrix(rows: 8, columns: 3, elements: a.elements)))  // input untouched
    }

    @Test("a rank-deficient matrix is reported with LAPACK's info")
    func rankDeficient() throws {
        var rng = SplitMix64(seed: 64)
        var tall = randomMatrix(rows: 6, columns: 3, using: &rng)
        for i in 0..<6 {
            tall[i, 1] = 0
        }
        #expect(throws: LinearAlgebraError.rankDeficient(info: 2)) {
            try leastSquares(tall, randomVector(6, using: &rng))
        }
        var wide = randomMatrix(rows: 3, columns: 5, using: &rng)
        for j in 0..<5 {
            wide[2, j] = 0
        }
        #expect(throws: LinearAlgebraError.rankDeficient(info: 3)) {
            try leastSquares(wide, [1, 2, 3])
        }
    }

    @Test("bad input is rejected before LAPACK")
    func badInput() throws {
        let a = Matrix.identity(3)
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "least squares: rows of the right-hand side (must equal the rows of A)", expected: 3, actual: 2)) {
            try leastSquares(a, [1, 2])
        }
        #expect(throws: LinearAlgebraError.nonFinite(row: 2, column: 0)) {
            try leastSquares(a, [1, 2, .infinity])
        }
        var b = a
        b[0, 2] = .nan
        #expect(throws: LinearAlgebraError.nonFinite(row: 0, column: 2)) {
            try leastSquares(b, [1, 2, 3])
        }
    }
}
