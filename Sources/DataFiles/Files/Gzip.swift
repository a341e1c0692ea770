import CZlib

/// gzip (RFC 1952) through zlib: inflating with a size limit for ``InputFile``, deflating for
/// outputs such as `.mps.gz`.
public enum Gzip {
    /// The first two bytes of every gzip member.
    public static let magic: [UInt8] = [0x1f, 0x8b]

    /// `bytes` as one gzip member (zlib's default compression level).
    /// - Throws: ``FileError/unwritable(path:reason:)`` for `path` when zlib fails.
    public static func compress(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: write a gzip header and trailer; memLevel 8 is zlib's default.
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw FileError.unwritable(path: path, reason: "zlib could not start compressing")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        var input = bytes
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw FileError.unwritable(path: path, reason: "zlib could not compress (error \(status))") }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// Inflates every gzip member of `compressed`, stopping with `.tooLarge` past `limit` bytes.
    static func inflate(_ compressed: [UInt8], path: String, limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: gzip framing only (the magic was checked).
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw FileError.unreadable(path: path, reason: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var input = compressed
        return try input.withUnsafeMutableBufferPointer { source in
            var offset = 0   // bytes of `source` handed to zlib so far
            func feed() {
                guard stream.avail_in == 0, offset < source.count else { return }
                let take = min(source.count - offset, 1 << 30)
                stream.next_in = source.baseAddress! + offset
                stream.avail_in = UInt32(take)
                offset += take
            }
            while true {
                feed()
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard output.count + produced <= limit else { throw FileError.tooLarge(path: path, limit: limit, inflated: true) }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    // Another member may follow (`cat a.gz b.gz`); anything else after the last member is ignored, as gzip -d does.
                    feed()
                    guard stream.avail_in >= 2, stream.next_in[0] == magic[0], stream.next_in[1] == magic[1] else { return output }
                    guard inflateReset(&stream) == Z_OK else { throw FileError.unreadable(path: path, reason: "zlib could not reset") }
                case Z_BUF_ERROR where stream.avail_in == 0 && offset == source.count:
                    throw FileError.unreadable(path: path, reason: "truncated gzip data (the compressed stream ends early)")
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw FileError.unreadable(path: path, reason: "corrupt gzip data (\(message))")
                }
            }
        }
    }
}
