import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a command will write, checked before the work starts and replaced only on success.
///
/// Creating one checks, before any long computation, that
/// - the path is not one of the command's inputs (same resolved path, or same device and
///   inode: hard links count) nor another output of the same command;
/// - nothing is there, or a regular file is (a directory, FIFO, device node or socket is
///   refused: `-o /dev/null` or `-o /dev/sda` never writes into a device);
/// - its directory exists and a file can be created in it.
///
/// Symbolic links are written through: when the path is a link to a regular file, the link's
/// target is replaced and the link itself is kept; a link to nothing is refused. ``write(_:)``
/// writes to a temporary file in the target's directory and renames it over the target only
/// after every byte is written and the file is closed, so a failed or interrupted run never
/// leaves a half-written file and never replaces a previous good output. An existing file's
/// permissions are kept.
public struct OutputFile: Sendable, Equatable {
    /// The path as given.
    public let path: String
    /// What the caller calls this output in messages (e.g. the option that named the path).
    public let role: String
    /// The absolute path that is replaced: the link target for a symbolic link.
    public let target: String

    /// Checks `path` as an output of a command that reads `inputs` and writes `otherOutputs`.
    /// - Throws: ``FileError/outputIsInput(path:role:input:)``,
    ///   ``FileError/outputNotRegularFile(path:role:kind:)`` or
    ///   ``FileError/unwritable(path:reason:)``.
    public init(path: String, role: String = "the output", inputs: [String] = [], otherOutputs: [OutputFile] = []) throws {
        self.path = path
        self.role = role
        guard !path.isEmpty else { throw FileError.unwritable(path: path, reason: "\(role) is an empty path") }
        if let link = FileStatus(path: path, followingLinks: false), link.kind == .symbolicLink, FileStatus(path: path) == nil {
            throw FileError.unwritable(path: path, reason: "it is a symbolic link to a file that does not exist; remove the link or give another path")
        }
        target = Self.resolved(path)
        let existing = FileStatus(path: target)
        if let existing, existing.kind != .regular {
            throw FileError.outputNotRegularFile(path: path, role: role, kind: existing.kind.phrase)
        }
        for input in inputs {
            let same = Self.resolved(input) == target
                || (existing != nil && FileStatus(path: input).map { $0.device == existing!.device && $0.inode == existing!.inode } == true)
            if same { throw FileError.outputIsInput(path: path, role: role, input: input) }
        }
        for other in otherOutputs where other.target == target {
            throw FileError.unwritable(path: path, reason: "\(role) and \(other.role) name the same file; give each its own path")
        }
        // Create and remove a probe file: the folder exists, is a folder and takes new files.
        let probe = try temporaryFile()
        close(probe.descriptor)
        unlink(probe.path)
    }

    /// Writes `bytes` to a temporary file beside the target and renames it over the target.
    /// - Throws: ``FileError/unwritable(path:reason:)`` with the system's reason (disk full,
    ///   permission denied, …); the target is then left as it was.
    public func write(_ bytes: [UInt8]) throws {
        let temporary = try temporaryFile()
        var removeTemporary = true
        defer { if removeTemporary { unlink(temporary.path) } }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(temporary.descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = FileStatus.message(errno)
                close(temporary.descriptor)
                throw FileError.unwritable(path: path, reason: reason)
            }
            written += count
        }
        // Keep an existing file's permissions; a new file gets 0666 less the umask, as open(2) would give.
        let mode: mode_t
        var info = stat()
        if stat(target, &info) == 0 {
            mode = info.st_mode & 0o7777
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        let synced = fchmod(temporary.descriptor, mode) == 0 && fsync(temporary.descriptor) == 0
        let syncError = errno
        guard close(temporary.descriptor) == 0, synced else {
            throw FileError.unwritable(path: path, reason: FileStatus.message(synced ? errno : syncError))
        }
        guard rename(temporary.path, target) == 0 else { throw FileError.unwritable(path: path, reason: FileStatus.message(errno)) }
        removeTemporary = false
    }

    /// Writes `text` as UTF-8.
    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Writes `data`.
    public func write(_ data: Data) throws { try write([UInt8](data)) }

    /// A new empty file `.NAME.XXXXXX` in the target's directory (mkstemp), open for writing;
    /// NAME is cut to 200 bytes so that the name stays within the system's limit.
    private func temporaryFile() throws -> (path: String, descriptor: Int32) {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let name = String(decoding: url.lastPathComponent.utf8.prefix(200), as: UTF8.self)
        var template = Array((folder == "/" ? "" : folder).utf8CString.dropLast()) + Array("/.\(name).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            let code = errno
            var isFolder: ObjCBool = false
            let reason = !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) ? "the folder \(folder) does not exist"
                : !isFolder.boolValue ? "\(folder) is not a folder" : "cannot create a file in \(folder): \(FileStatus.message(code))"
            throw FileError.unwritable(path: path, reason: reason)
        }
        return (String(cString: template.map { $0 }), descriptor)
    }

    /// The absolute path `path` stands for: symbolic links resolved when the file exists, else
    /// the resolved folder plus the file name.
    static func resolved(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        if let real = realPath(absolute.path) { return real }
        let folder = absolute.deletingLastPathComponent().path
        return URL(fileURLWithPath: realPath(folder) ?? folder).appendingPathComponent(absolute.lastPathComponent).path
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
