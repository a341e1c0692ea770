import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads with a size limit: the one way input files (CSV, MPS, model and problem
/// JSON) are read.
///
/// The path must name a regular file (a symbolic link to one is followed); directories,
/// FIFOs, devices such as `/dev/zero` and sockets are refused from `stat` before the file is
/// opened, so reading never blocks or runs without end. A file larger than `limit` bytes is
/// refused, and so is gzip content that inflates to more than `limit` bytes (reading stops
/// there: a small `.gz` cannot exhaust memory). The default limit is 1 GiB, or the value of
/// the environment variable `HYCNN_MAX_INPUT_BYTES` (a positive number of bytes).
public enum InputFile {
    /// 1 GiB, or `HYCNN_MAX_INPUT_BYTES` when it holds a positive integer.
    public static let defaultLimit: Int = {
        if let text = ProcessInfo.processInfo.environment["HYCNN_MAX_INPUT_BYTES"], let value = Int(text), value > 0 { return value }
        return 1 << 30
    }()

    /// The bytes of `path`; with `inflatingGzip`, a file that starts with the gzip magic
    /// `1f 8b` is inflated (every member of a multi-member file, as `gzip -d` does).
    /// - Throws: ``FileError/notFound(path:)``, ``FileError/notRegularFile(path:kind:)``,
    ///   ``FileError/tooLarge(path:limit:inflated:)``, or ``FileError/unreadable(path:reason:)``
    ///   with the system's or zlib's reason (corrupt or truncated gzip data).
    public static func bytes(ofFile path: String, limit: Int = defaultLimit, inflatingGzip: Bool = false) throws -> [UInt8] {
        let raw = try readRegularFile(path, limit: limit)
        guard inflatingGzip, raw.count >= 2, Array(raw[0..<2]) == Gzip.magic else { return raw }
        return try Gzip.inflate(raw, path: path, limit: limit)
    }

    /// The file as `Data`, for `JSONSerialization`.
    public static func data(ofFile path: String, limit: Int = defaultLimit) throws -> Data {
        Data(try bytes(ofFile: path, limit: limit))
    }

    /// Everything on standard input up to end of file (named "standard input" in errors), within
    /// `limit` bytes; gzip data is inflated with `inflatingGzip`, as for a file.
    public static func standardInput(limit: Int = defaultLimit, inflatingGzip: Bool = false) throws -> [UInt8] {
        let path = "standard input"
        let raw = try readAll(STDIN_FILENO, path: path, limit: limit, capacity: 1 << 16)
        guard inflatingGzip, raw.count >= 2, Array(raw[0..<2]) == Gzip.magic else { return raw }
        return try Gzip.inflate(raw, path: path, limit: limit)
    }

    private static func readRegularFile(_ path: String, limit: Int) throws -> [UInt8] {
        guard let status = FileStatus(path: path) else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw FileError.notFound(path: path) }
            throw FileError.unreadable(path: path, reason: FileStatus.message(code))
        }
        guard status.kind == .regular else { throw FileError.notRegularFile(path: path, kind: status.kind.phrase) }
        guard status.size <= limit else { throw FileError.tooLarge(path: path, limit: limit, inflated: false) }
        // O_NONBLOCK: should the path have become a FIFO since stat, open must not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError.unreadable(path: path, reason: FileStatus.message(errno)) }
        defer { close(descriptor) }
        guard let opened = FileStatus(descriptor: descriptor), opened.kind == .regular else {
            throw FileError.notRegularFile(path: path, kind: FileStatus(descriptor: descriptor)?.kind.phrase ?? "a special file")
        }
        return try readAll(descriptor, path: path, limit: limit, capacity: min(opened.size, limit) + 1)
    }

    /// Reads `descriptor` to its end, refusing more than `limit` bytes.
    private static func readAll(_ descriptor: Int32, path: String, limit: Int, capacity: Int) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: capacity)
        var count = 0
        while true {
            if count == result.count {
                guard count <= limit else { throw FileError.tooLarge(path: path, limit: limit, inflated: false) }
                result.append(contentsOf: repeatElement(0, count: min(max(count, 1 << 16), limit + 1 - count)))
            }
            let got = result.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileError.unreadable(path: path, reason: FileStatus.message(errno))
            }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else { throw FileError.tooLarge(path: path, limit: limit, inflated: false) }
        result.removeSubrange(count...)
        return result
    }
}
