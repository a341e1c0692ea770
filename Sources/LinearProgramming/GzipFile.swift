import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and writes of files that may be gzip-compressed (RFC 1952), through zlib.
///
/// Reading looks at the first two bytes: the gzip magic `1f 8b` means the file is inflated
/// (every member of a multi-member file, as `gzip -d` does); anything else is returned as is.
enum GzipFile {
    /// The two bytes every gzip member starts with.
    static let magic: (UInt8, UInt8) = (0x1f, 0x8b)

    private static let chunkSize = 1 << 20

    /// The bytes of `path`, inflated when the file is gzip-compressed.
    /// - Throws: `.fileNotFound` when nothing exists at `path`; `.unreadableFile` with the
    ///   system's or zlib's reason when the file cannot be read or its compressed data is corrupt
    ///   or truncated.
    static func contents(ofFile path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw LinearProgrammingError.fileNotFound(path: path) }
            throw LinearProgrammingError.unreadableFile(path: path, reason: systemMessage(code))
        }
        var head: (UInt8, UInt8) = (0, 0)
        let headCount = withUnsafeMutableBytes(of: &head) { fread($0.baseAddress, 1, 2, file) }
        let headError = ferror(file) != 0 ? errno : 0
        fclose(file)
        if headError != 0 { throw LinearProgrammingError.unreadableFile(path: path, reason: systemMessage(headError)) }
        if headCount == 2 && head == magic { return try inflate(path) }
        return try readPlain(path)
    }

    /// Writes `bytes` to `path`, gzip-compressed when `compressed` is true.
    /// - Throws: `.unwritableFile` with the system's or zlib's reason when the
    ///   file cannot be created or written.
    static func write(_ bytes: [UInt8], toFile path: String, compressed: Bool) throws {
        func failure(_ reason: String) -> LinearProgrammingError {
            .unwritableFile(path: path, reason: reason)
        }
        if compressed {
            guard let gz = gzopen(path, "wb") else { throw failure(systemMessage(errno)) }
            var offset = 0
            while offset < bytes.count {
                let count = min(chunkSize, bytes.count - offset)
                let written = bytes.withUnsafeBytes { gzwrite(gz, $0.baseAddress! + offset, UInt32(count)) }
                if written <= 0 {
                    let message = zlibMessage(gz)
                    gzclose(gz)
                    throw failure(message)
                }
                offset += Int(written)
            }
            guard gzclose(gz) == Z_OK else { throw failure("zlib could not finish the compressed stream") }
        } else {
            guard let file = fopen(path, "wb") else { throw failure(systemMessage(errno)) }
            let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, bytes.count, file) }
            let writeError = written == bytes.count ? 0 : errno
            let closeFailed = fclose(file) != 0
            if written != bytes.count { throw failure(systemMessage(writeError)) }
            if closeFailed { throw failure(systemMessage(errno)) }
        }
    }

    private static func readPlain(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw LinearProgrammingError.unreadableFile(path: path, reason: systemMessage(errno))
        }
        defer { fclose(file) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, chunkSize, file) }
            result.append(contentsOf: chunk[0..<count])
            if count < chunkSize {
                if ferror(file) != 0 {
                    throw LinearProgrammingError.unreadableFile(path: path, reason: systemMessage(errno))
                }
                return result
            }
        }
    }

    private static func inflate(_ path: String) throws -> [UInt8] {
        guard let gz = gzopen(path, "rb") else {
            throw LinearProgrammingError.unreadableFile(path: path, reason: systemMessage(errno))
        }
        gzbuffer(gz, UInt32(1 << 17))
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { gzread(gz, $0.baseAddress, UInt32(chunkSize)) }
            if count < 0 {
                let message = zlibMessage(gz)
                gzclose(gz)
                throw LinearProgrammingError.unreadableFile(path: path, reason: "corrupt gzip data (\(message))")
            }
            if count == 0 { break }
            result.append(contentsOf: chunk[0..<Int(count)])
        }
        // gzclose reports Z_BUF_ERROR when the input ended in the middle of a gzip stream.
        let status = gzclose(gz)
        if status == Z_BUF_ERROR {
            throw LinearProgrammingError.unreadableFile(path: path, reason: "truncated gzip data (the compressed stream ends early)")
        }
        if status != Z_OK {
            throw LinearProgrammingError.unreadableFile(path: path, reason: "zlib could not close the file (error \(status))")
        }
        return result
    }

    private static func zlibMessage(_ gz: gzFile) -> String {
        var code: Int32 = 0
        guard let text = gzerror(gz, &code) else { return "zlib error \(code)" }
        if code == Z_ERRNO { return systemMessage(errno) }
        let message = String(cString: text)
        return message.isEmpty ? "zlib error \(code)" : message
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "system error \(code)" }
        return String(cString: text)
    }
}
