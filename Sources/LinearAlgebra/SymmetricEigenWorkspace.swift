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
