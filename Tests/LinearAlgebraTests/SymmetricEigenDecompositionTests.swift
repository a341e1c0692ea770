import LinearAlgebra
import TestSupport
import Testing

@Suite("Symmetric eigen-decomposition")
struct SymmetricEigenDecompositionTests {
    /// (B + Bᵀ)/2 for a random B, plus `shift` on the diagonal.
    static func randomSymmetric(_ n: Int, shift: Double, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        let b = randomMatrix(rows: n, columns: n, using: &rng)
        var s = Matrix(rows: n, columns: n)
        for i in 0..<n { for j in 0..<n { s[i, j] = 0.5 * (b[i, j] + b[j, i]) + (i == j ? shift : 0) } }
        return s
    }

    /// max |A V − V Λ| and max |VᵀV − I|.
    static func residuals(_ a: Matrix, _ e: SymmetricEigenDecomposition) -> (Double, Double) {
        let n = a.rows, v = e.eigenvectors
        let av = naiveProduct(a, v), vtv = naiveProduct(v.transposed(), v)
        var decomposition = 0.0, orthogonality = 0.0
        for i in 0..<n {
            for j in 0..<n {
                decomposition = max(decomposition, abs(av[i, j] - v[i, j] * e.eigenvalues[j]))
                orthogonality = max(orthogonality, abs(vtv[i, j] - (i == j ? 1 : 0)))
            }
        }
        return (decomposition, orthogonality)
    }

    @Test("A V = V Λ with orthonormal V, ascending eigenvalues", arguments: [(1, 5.0), (7, 4.0), (30, 0.0), (64, -1.0)])
    func decomposes(n: Int, shift: Double) throws {
        let a = Self.randomSymmetric(n, shift: shift, seed: UInt64(n))
        let e = try SymmetricEigenDecomposition(a)
        let (decomposition, orthogonality) = Self.residuals(a, e)
        #expect(decomposition < 1e-12 * Double(n + 1))
        #expect(orthogonality < 1e-12 * Double(n + 1))
        #expect(zip(e.eigenvalues, e.eigenvalues.dropFirst()).allSatisfy { $0 <= $1 })
        if shift == 4 { #expect(e.eigenvalues.allSatisfy { $0 > 0 }) }           // diagonally dominant: SPD
        if shift == 0 { #expect(e.eigenvalues.first! < 0 && e.eigenvalues.last! > 0) }  // indefinite
    }

    @Test("only the named triangle is read; the upper form agrees")
    func triangles() throws {
        let a = Self.randomSymmetric(6, shift: 3, seed: 9)
        var lowerOnly = a, upperOnly = a
        for j in 0..<6 { for i in 0..<j { lowerOnly[i, j] = .nan; upperOnly[j, i] = .nan } }
        let lower = try SymmetricEigenDecomposition(lowerOnly, triangle: .lower)
        let upper = try SymmetricEigenDecomposition(upperOnly, triangle: .upper)
        for (x, y) in zip(lower.eigenvalues, upper.eigenvalues) { #expect(abs(x - y) < 1e-13) }
    }

    @Test("h(A) = V h(Λ) Vᵀ: the square root squares back to A")
    func squareRoot() throws {
        let a = Self.randomSymmetric(10, shift: 6, seed: 3)
        let root = try SymmetricEigenDecomposition(a).applying { $0.squareRoot() }
        #expect(maxDifference(naiveProduct(root, root), a) < 1e-12)
        #expect(maxDifference(root, root.transposed()) == 0)
    }

    @Test("a workspace serves repeated decompositions of one size")
    func workspaceReuse() throws {
        let workspace = SymmetricEigenWorkspace(dimension: 5)
        for seed in 0..<3 as Range<UInt64> {
            let a = Self.randomSymmetric(5, shift: 1, seed: seed)
            #expect(try SymmetricEigenDecomposition(a, workspace: workspace) == SymmetricEigenDecomposition(a))
        }
        #expect(throws: LinearAlgebraError.self) {
            try SymmetricEigenDecomposition(Matrix(rows: 4, columns: 4), workspace: workspace)
        }
    }

    @Test("bad input: non-square, non-finite; the empty matrix has no eigenvalues")
    func badInput() throws {
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigenDecomposition(Matrix(rows: 2, columns: 3)) }
        var a = Matrix(rows: 3, columns: 3, repeating: 1)
        a[2, 0] = .infinity
        #expect(throws: LinearAlgebraError.notFinite(what: "the symmetric matrix", row: 2, column: 0)) {
            try SymmetricEigenDecomposition(a)
        }
        #expect(try SymmetricEigenDecomposition(Matrix(rows: 0, columns: 0)).eigenvalues.isEmpty)
    }

    @Test("LAPACK's info is carried in the error and its message")
    func lapackInfo() {
        let error = LinearAlgebraError.lapackFailure(routine: "dsyevd", info: 3)
        #expect(error.description.contains("info = 3"))
        #expect(LinearAlgebraError.lapackFailure(routine: "dsyevd", info: -5).description.contains("argument 5"))
    }
}
