import LinearAlgebra
import TestSupport
import Testing

@Suite("CholeskyFactorization")
struct CholeskyFactorizationTests {
    @Test("factor reproduces A = L Lᵀ and solves with a small residual")
    func solveRandomSPD() throws {
        var rng = SplitMix64(seed: 41)
        let n = 12
        let a = randomSPD(n, using: &rng)
        let cholesky = try CholeskyFactorization(a)
        #expect(cholesky.dimension == n)
        let l = cholesky.factor
        for j in 0..<n {
            for i in 0..<j {
                #expect(l[i, j] == 0)
            }
        }
        #expect(maxDifference(naiveProduct(l, l.transposed()), a) < 1e-12)

        let b = randomVector(n, using: &rng)
        let x = try cholesky.solve(b)
        let residual = zip(naiveProduct(a, x), b).map { $0 - $1 }
        #expect(norm(residual) < 1e-12 * norm(b))

        let rightHandSides = randomMatrix(rows: n, columns: 3, using: &rng)
        let solutions = try cholesky.solve(rightHandSides)
        #expect(solutions.rows == n && solutions.columns == 3)
        #expect(maxDifference(naiveProduct(a, solutions), rightHandSides) < 1e-12)
        #expect(maxDifference(solutions.column(0), try cholesky.solve(rightHandSides.column(0))) < 1e-14)
    }

    @Test("only the lower triangle is read")
    func ignoresUpperTriangle() throws {
        var rng = SplitMix64(seed: 42)
        let a = randomSPD(5, using: &rng)
        var garbled = a
        for j in 1..<5 {
            for i in 0..<j {
                garbled[i, j] = .nan
            }
        }
        #expect(try CholeskyFactorization(garbled).factor == (try CholeskyFactorization(a).factor))
    }

    @Test("a matrix that is not positive definite reports the failing minor")
    func notPositiveDefinite() throws {
        // leading minors 2, 3, −11: the order-3 minor fails
        let a = try Matrix(rowMajor: [[2, 1, 1, 0], [1, 2, 1, 0], [1, 1, -3, 0], [0, 0, 0, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 3)) {
            try CholeskyFactorization(a)
        }
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 1)) {
            try CholeskyFactorization(Matrix(rowMajor: [[0, 0], [0, 1]]))
        }
    }

    @Test("bad input is rejected before LAPACK")
    func badInput() throws {
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "Cholesky: columns of A (A must be square)", expected: 2, actual: 3)) {
            try CholeskyFactorization(Matrix(rows: 2, columns: 3))
        }
        var a = Matrix.identity(3)
        a[2, 1] = .infinity
        #expect(throws: LinearAlgebraError.nonFinite(row: 2, column: 1)) {
            try CholeskyFactorization(a)
        }
        let cholesky = try CholeskyFactorization(Matrix.identity(3))
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "Cholesky solve: rows of the right-hand side (must equal the order of A)", expected: 3, actual: 2)) {
            try cholesky.solve([1, 2])
        }
        #expect(throws: LinearAlgebraError.nonFinite(row: 1, column: 0)) {
            try cholesky.solve([1, .nan, 3])
        }
    }
}
