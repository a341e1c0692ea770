#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The thread count of the BLAS provider (OpenBLAS), found at run time so that another BLAS
/// (reference BLAS, which has no threads) works too. Callers that parallelise over data with
/// small matrices run BLAS on one thread: OpenBLAS's own threads cost more than they give there.
public enum BLASThreads {
    private typealias SetThreads = @convention(c) (Int32) -> Void
    private typealias GetThreads = @convention(c) () -> Int32

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        dlsym(dlopen(nil, RTLD_NOW), name)
    }

    /// The provider's current thread count (1 when it has no threads).
    public static var count: Int {
        guard let get = symbol("openblas_get_num_threads") else { return 1 }
        return Int(unsafeBitCast(get, to: GetThreads.self)())
    }

    /// Sets the provider's thread count (ignored by a provider without threads).
    public static func set(_ threads: Int) {
        guard let set = symbol("openblas_set_num_threads") else { return }
        unsafeBitCast(set, to: SetThreads.self)(Int32(max(threads, 1)))
    }

    /// Held by every ``with(_:_:)`` and ``holdingCount(_:)`` body: the count is one setting for
    /// the whole process, so a body that sets it or depends on it keeps it for its duration.
    private static let lock = NSRecursiveLock()

    /// Runs `body` with BLAS on `threads` threads, then restores the previous count; no other
    /// thread changes the count meanwhile (such callers wait).
    public static func with<Result>(_ threads: Int, _ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        let previous = count
        set(threads)
        defer { set(previous) }
        return try body()
    }

    /// Runs `body` at the current count, which no other thread changes meanwhile: for
    /// computations whose rounding depends on how BLAS splits its work (an interior point's
    /// iterates, hence its iteration count, can differ between 1 and 2 threads).
    public static func holdingCount<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
