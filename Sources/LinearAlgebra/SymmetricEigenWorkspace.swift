import CLinearAlgebra

/// The scratch memory of LAPACK's `dsyevd` (divide-and-conquer symmetric eigensolver) for one
/// size n, allocated once so that repeated decompositions of n × n matrices allocate nothing.
///
/// Sizes are LAPACK's documented minima for eigenvectors (`jobz = 'V'`): lwork = 1 + 6n + 2n²,
/// liwork = 3 + 5n (both 1 when n ≤ 1).
public final class SymmetricEigenWorkspace {
    public let dimension: Int
    let work: UnsafeMutablePointer<Double>
    let integerWork: UnsafeMutablePointer<Int32>
    let workCount: Int
    let integerWorkCount: Int

    /// - Precondition: `dimension` ≥ 0.
    public init(dimension n: Int) {
        precondition(n >= 0, "an eigen-decomposition workspace needs a dimension ≥ 0, got \(n)")
        dimension = n
        workCount = n <= 1 ? 1 : 1 + 6 * n + 2 * n * n                     // lwork = 1 + 6n + 2n²
        integerWorkCount = n <= 1 ? 1 : 3 + 5 * n                         // liwork = 3 + 5n
        work = .allocate(capacity: workCount)
        integerWork = .allocate(capacity: integerWorkCount)
    }

    deinit {
        work.deallocate()
        integerWork.deallocate()
    }
}

extension LAPACK {
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

/// The LAPACK routines the project uses (OpenBLAS's LAPACKE).
public enum LAPACK {}
