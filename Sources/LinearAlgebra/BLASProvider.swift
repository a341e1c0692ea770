#if canImport(Glibc)
import Glibc
#endif

/// Which BLAS the process runs on, found at run time: OpenBLAS says its version and kernel
/// (`openblas_get_config`); any other provider is named as such.
public enum BLASProvider {
    private typealias GetConfig = @convention(c) () -> UnsafePointer<CChar>?

    /// e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64", or
    /// "a BLAS without OpenBLAS's interface (e.g. reference BLAS)".
    public static var description: String {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "openblas_get_config"),
              let text = unsafeBitCast(symbol, to: GetConfig.self)() else {
            return "a BLAS without OpenBLAS's interface (e.g. reference BLAS)"
        }
        return String(cString: text).trimmingCharacters(in: " ")
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var view = Substring(self)
        while view.first == set { view.removeFirst() }
        while view.last == set { view.removeLast() }
        return String(view)
    }
}
