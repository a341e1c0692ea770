import LinearAlgebra
import TestSupport
import Testing

@Suite("SymmetricIndefiniteFactorization")
struct SymmetricIndefiniteFactorizationTests {
    /// A random symmetric matrix with both positive and negative eigenvalues:
    /// diag(+n, …, −n, …) + (R + Rᵀ)/2.
    func randomIndefinite(_ n: Int, using rng: inout SplitMix64) -> Matrix {
        let r = randomMatrix(rows: n, columns: n, using: &rng)
        var a = r.adding(r.transposed()).scaled(by: 0.5)
        for i in 0..<n {
            a[i, i] += i % 2 == 0 ? Double(n) : -Double(n)
        }
        return a
    }

    @Test("solves a random symmetric indefinite system with a small residual")
    func solveRandomIndefinite() throws {
        var rng = SplitMix64(seed: 51)
        let n = 10
        let a = randomIndefinite(n, using: &rng)
        // indefinite: Cholesky must refuse it
        #expect(throws: LinearAlgebraError.self) { try CholeskyFactorization(a) }

        let ldlt = try SymmetricIndefiniteFactorization(a)
        #expect(ldlt.dimension == n)
        let b = randomVector(n, using: &rng)
        let x = try ldlt.solve(b)
        let residual = zip(naiveProduct(a, x), b).map { $0 - $1 }
        #expect(norm(residual) < 1e-12 * norm(b))

        let rightHandSides = randomMatrix(rows: n, columns: 4, using: &rng)
        let solutions = try ldlt.solve(rightHandSides)
        #expect(maxDifference(naiveProduct(a, solutions), rightHandSides) < 1e-12)
    }

    @Test("only the lower triangle is read")
    func ignoresUpperTriangle() throws {
        var rng = SplitMix64(seed: 52)
        let a = randomIndefinite(6, using: &rng)
        var garbled = a
        for j in 1..<6 {
            for i in 0..<j {
                garbled[i, j] = .nan
            }
        }
        let b = randomVector(6, using: &rng)
        #expect(try SymmetricIndefiniteFactorization(garbled).solve(b) == (try SymmetricIndefiniteFactorization(a).solve(b)))
    }

    @Test("needs 2 × 2 pivots on a zero diagonal and still solves")
    func zeroDiagonal() throws {
        // [[0, 1], [1, 0]] has no usable 1 × 1 pivot
        let a = try Matrix(rowMajor: [[0, 1], [1, 0]])
        let x = try SymmetricIndefiniteFactorization(a).solve([3, 5])
        #expect(maxDifference(x, [5, 3]) < 1e-15)
    }

    @Test("a singular matrix reports the zero pivot")
    func singular() throws {
        // column 1 is zero: after the first pivot, D has an exactly zero entry at pivot 2
        let a = try Matrix(rowMajor: [[2, 0, 1], [0, 0, 0], [1, 0, 3]])
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) {
            try SymmetricIndefiniteFactorization(a)
        }
    }

    @Test("bad input is rejected before LAPACK")
    func badInput() throws {
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "LDLᵀ: columns of A (A must be square)", expected: 3, actual: 2)) {
            try SymmetricIndefiniteFactorization(Matrix(rows: 3, columns: 2))
        }
        var a = Matrix.identity(3)
        a[1, 0] = .nan
        #expect(throws: LinearAlgebraError.nonFinite(row: 1, column: 0)) {
            try SymmetricIndefiniteFactorization(a)
        }
        let ldlt = try SymmetricIndefiniteFactorization(Matrix.identity(3))
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "LDLᵀ solve: rows of the right-hand side (must equal the order of A)", expected: 3, actual: 4)) {
            try ldlt.solve(Matrix(rows: 4, columns: 1))
        }
    }
}
