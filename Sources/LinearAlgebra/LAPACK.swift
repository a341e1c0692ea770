import CLinearAlgebra

/// The LAPACK routines the project uses (OpenBLAS's LAPACKE), over raw column-major buffers
/// like the BLAS kernels: no allocation, no copy; the caller guarantees the shapes.
public enum LAPACK {
    /// Eigenvalues and eigenvectors of the symmetric n × n matrix in `a` (column-major, leading
    /// dimension `lda`, only `triangle` read) by `dsyevd`: on return `values` holds the n
    /// eigenvalues in ascending order and the columns of `a` the orthonormal eigenvectors.
    /// No allocation; no check of finiteness (see ``SymmetricEigenDecomposition`` for the
    /// checked form).
    /// - Throws: ``LinearAlgebraError/lapackFailure(routine:info:)`` with LAPACK's info when it
    ///   is not 0.
    public static func symmetricEigen(n: Int, a: UnsafeMutablePointer<Double>, lda: Int, triangle: BLAS.Triangle = .lower,
                                      values: UnsafeMutablePointer<Double>, workspace: SymmetricEigenWorkspace) throws {
        precondition(workspace.dimension == n, "the workspace is for n = \(workspace.dimension), the matrix is \(n) × \(n)")
        guard n > 0 else { return }
        let info = LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")),
                                       CChar(UInt8(ascii: triangle == .lower ? "L" : "U")), Int32(n), a, Int32(lda),
                                       values, workspace.work, Int32(workspace.workCount),
                                       workspace.integerWork, Int32(workspace.integerWorkCount))
        guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dsyevd", info: Int(info)) }
    }
}
