#if canImport(Glibc)
import Glibc
#endif

/// Process-wide tuning of the C allocator for the executables (a library leaves it alone).
///
/// glibc serves blocks from 128 KiB up by fresh `mmap` pages and hands freed heap tops back to
/// the system, so every solve's workspaces of a few hundred KiB are first-touch page faults
/// again: on the 48×4 surrogate LP (385 × 242) that was 10 % of a 25 ms interior-point solve.
/// Keeping blocks up to 32 MiB on the heap and up to 128 MiB of freed memory in the process
/// removes them; larger blocks (big transport plans) still get their own mappings.
public enum ProcessMemory {
    private typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
    /// glibc's `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` (malloc.h).
    private static let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3

    /// Applies the tuning; does nothing where the C library has no `mallopt`.
    public static func keepFreedPages() {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallocOption.self)
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 128 << 20)
    }
}
