@testable import DataFiles
import Foundation
import Testing

@Suite struct InputFileTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-datafiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func gzipped(_ bytes: [UInt8], in folder: URL, name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(Gzip.compress(bytes, path: path)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readsRegularFilesAndInflatesGzip() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = Array("a,b\n1,2\n".utf8)
        let plain = folder.appendingPathComponent("t.csv").path
        try Data(text).write(to: URL(fileURLWithPath: plain))
        #expect(try InputFile.bytes(ofFile: plain) == text)
        #expect(try InputFile.bytes(ofFile: plain, limit: text.count) == text)
        let compressed = try Self.gzipped(text, in: folder, name: "t.csv.gz")
        #expect(try InputFile.bytes(ofFile: compressed, inflatingGzip: true) == text)
        #expect(try InputFile.bytes(ofFile: compressed) != text)   // without inflation: the raw bytes
        // Two members one after the other inflate to both contents.
        let both = folder.appendingPathComponent("both.gz").path
        try Data(Gzip.compress(text, path: both) + Gzip.compress([0x41], path: both)).write(to: URL(fileURLWithPath: both))
        #expect(try InputFile.bytes(ofFile: both, inflatingGzip: true) == text + [0x41])
        let empty = folder.appendingPathComponent("empty").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(try InputFile.bytes(ofFile: empty, inflatingGzip: true).isEmpty)
    }

    @Test func filesAndInflatedContentOverTheLimitAreRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("big").path
        try Data(repeating: 65, count: 1001).write(to: URL(fileURLWithPath: plain))
        #expect(throws: FileError.tooLarge(path: plain, limit: 1000, inflated: false)) { try InputFile.bytes(ofFile: plain, limit: 1000) }
        // 8 MB of zeros compress to a few kB: inflation stops at the limit.
        let bomb = try Self.gzipped([UInt8](repeating: 0, count: 8 << 20), in: folder, name: "bomb.gz")
        #expect(try Data(contentsOf: URL(fileURLWithPath: bomb)).count < 100_000)
        #expect(throws: FileError.tooLarge(path: bomb, limit: 1 << 20, inflated: true)) {
            try InputFile.bytes(ofFile: bomb, limit: 1 << 20, inflatingGzip: true)
        }
        #expect(InputFile.defaultLimit > 0)
    }

    @Test func specialFilesAreRefusedWithoutBlocking() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: FileError.notRegularFile(path: fifo, kind: "a FIFO (named pipe)")) { try InputFile.bytes(ofFile: fifo) }
        #expect(throws: FileError.notRegularFile(path: "/dev/zero", kind: "a character device")) { try InputFile.bytes(ofFile: "/dev/zero") }
        #expect(throws: FileError.notRegularFile(path: folder.path, kind: "a directory")) { try InputFile.bytes(ofFile: folder.path) }
        let missing = folder.appendingPathComponent("none").path
        #expect(throws: FileError.notFound(path: missing)) { try InputFile.bytes(ofFile: missing) }
        #expect(throws: FileError.notFound(path: missing + "/x")) { try InputFile.bytes(ofFile: missing + "/x") }
    }

    @Test func corruptAndTruncatedGzipAreUnreadable() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SystemRandomNumberGenerator()
        let content = (0..<50_000).map { _ in UInt8.random(in: 48...57, using: &random) }
        let good = try Self.gzipped(content, in: folder, name: "good.gz")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: good)))
        let truncated = folder.appendingPathComponent("truncated.gz").path
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: truncated))
        #expect(throws: FileError.unreadable(path: truncated, reason: "truncated gzip data (the compressed stream ends early)")) {
            try InputFile.bytes(ofFile: truncated, inflatingGzip: true)
        }
        var corrupt = bytes
        for k in 20..<60 { corrupt[k] ^= 0x5a }
        let corruptPath = folder.appendingPathComponent("corrupt.gz").path
        try Data(corrupt).write(to: URL(fileURLWithPath: corruptPath))
        do {
            _ = try InputFile.bytes(ofFile: corruptPath, inflatingGzip: true)
            Issue.record("corrupt gzip must be refused")
        } catch let FileError.unreadable(_, reason) {
            #expect(reason.contains("corrupt gzip data"))
        }
    }
}
