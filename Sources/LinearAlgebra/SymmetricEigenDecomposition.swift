/// A = V diag(λ) Vᵀ for a symmetric matrix A, by LAPACK's `dsyevd`: eigenvalues ascending,
/// eigenvectors orthonormal (column k of ``eigenvectors`` belongs to `eigenvalues[k]`).
public struct SymmetricEigenDecomposition: Sendable, Equatable {
    /// λ₁ ≤ … ≤ λₙ.
    public let eigenvalues: [Double]
    /// V, n × n, orthonormal columns.
    public let eigenvectors: Matrix

    /// Decomposes the square matrix `matrix`, reading only its `triangle` (the other is assumed
    /// to mirror it).
    /// - Throws: `dimensionMismatch` for a non-square matrix or a workspace of another size, `notFinite` for a NaN or infinite
    ///   entry in the triangle read, `lapackFailure` with LAPACK's info if `dsyevd` fails.
    public init(_ matrix: Matrix, triangle: BLAS.Triangle = .lower, workspace: SymmetricEigenWorkspace? = nil) throws {
        let n = matrix.rows
        guard matrix.columns == n else {
            throw LinearAlgebraError.dimensionMismatch(what: "columns of a symmetric matrix (must equal its rows)", expected: n,
                                                       actual: matrix.columns)
        }
        for j in 0..<n {
            for i in (triangle == .lower ? j..<n : 0..<(j + 1)) where !matrix[i, j].isFinite {
                throw LinearAlgebraError.notFinite(what: "the symmetric matrix", row: i, column: j)
            }
        }
        if let workspace, workspace.dimension != n {
            throw LinearAlgebraError.dimensionMismatch(what: "dimension of the eigen-decomposition workspace", expected: n,
                                                       actual: workspace.dimension)
        }
        let scratch = workspace ?? SymmetricEigenWorkspace(dimension: n)
        var vectors = matrix
        var values = [Double](repeating: 0, count: n)
        try vectors.elements.withUnsafeMutableBufferPointer { a in
            try values.withUnsafeMutableBufferPointer { w in
                guard n > 0 else { return }
                try LAPACK.symmetricEigen(n: n, a: a.baseAddress!, lda: n, triangle: triangle, values: w.baseAddress!,
                                          workspace: scratch)
            }
        }
        eigenvalues = values
        eigenvectors = vectors
    }

    /// V diag(h(λ)) Vᵀ: the matrix function h(A) (for instance the square root with h = √).
    /// The result is symmetric to rounding; it is made exactly symmetric.
    public func applying(_ h: (Double) -> Double) -> Matrix {
        let n = eigenvalues.count
        var scaled = eigenvectors
        for k in 0..<n {
            let factor = h(eigenvalues[k])
            for i in 0..<n { scaled.elements[i + k * n] *= factor }               // column k of V · h(λₖ)
        }
        var result = Matrix(rows: n, columns: n)
        guard n > 0 else { return result }
        scaled.elements.withUnsafeBufferPointer { s in
            eigenvectors.elements.withUnsafeBufferPointer { v in
                result.elements.withUnsafeMutableBufferPointer { r in
                    BLAS.gemm(transposeB: true, m: n, n: n, k: n, a: s.baseAddress!, lda: n, b: v.baseAddress!, ldb: n,
                              beta: 0, c: r.baseAddress!, ldc: n)                 // (V h(Λ)) Vᵀ
                }
            }
        }
        result.symmetrize()
        return result
    }
}
