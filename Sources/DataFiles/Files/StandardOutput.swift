#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Checked writes to stdout and best-effort writes to stderr. Swift's `print` drops write
/// errors and `FileHandle.write` traps on them; a command's results go through ``write(_:)``
/// instead, so that a full disk or a closed pipe (output sent to `/dev/full`) ends the command with
/// an error rather than a signal or a false success. (Ignore SIGPIPE in the process so a
/// closed pipe arrives as the error EPIPE.)
public enum StandardOutput {
    /// Writes `text` to stdout (file descriptor 1) in full.
    /// - Throws: ``FileError/unwritable(path:reason:)`` for "standard output" with the system's reason.
    public static func write(_ text: String) throws {
        if let reason = writeAll(1, Array(text.utf8)) { throw FileError.unwritable(path: "standard output", reason: reason) }
    }

    /// Writes `text` and a newline to stdout.
    public static func line(_ text: String) throws { try write(text + "\n") }

    /// Writes `text` to stderr, ignoring failure (there is nowhere left to report it).
    public static func error(_ text: String) { _ = writeAll(2, Array(text.utf8)) }

    /// Writes every byte to `descriptor`; the system's message on failure, nil on success.
    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> String? {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                return FileStatus.message(errno)
            }
            written += count
        }
        return nil
    }
}
