#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a path: its kind, size and identity (device and inode), taken
/// without opening it (opening a FIFO blocks until a writer appears).
struct FileStatus: Equatable {
    enum Kind: Equatable {
        case regular, directory, fifo, characterDevice, blockDevice, socket, symbolicLink, other

        /// "a directory", "a FIFO (named pipe)", … for messages.
        var phrase: String {
            switch self {
            case .regular: return "a regular file"
            case .directory: return "a directory"
            case .fifo: return "a FIFO (named pipe)"
            case .characterDevice: return "a character device"
            case .blockDevice: return "a block device"
            case .socket: return "a socket"
            case .symbolicLink: return "a symbolic link"
            case .other: return "a special file"
            }
        }
    }

    var kind: Kind
    var size: Int
    var device: UInt64
    var inode: UInt64

    /// The status of what `path` names (following symbolic links unless `followingLinks` is
    /// false); nil with `errno` set when there is nothing there or it cannot be examined.
    init?(path: String, followingLinks: Bool = true) {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        self.init(info)
    }

    /// The status of an open file descriptor.
    init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    private init(_ info: stat) {
        switch UInt32(info.st_mode) & 0o170000 {   // S_IFMT
        case 0o100000: kind = .regular
        case 0o040000: kind = .directory
        case 0o010000: kind = .fifo
        case 0o020000: kind = .characterDevice
        case 0o060000: kind = .blockDevice
        case 0o140000: kind = .socket
        case 0o120000: kind = .symbolicLink
        default: kind = .other
        }
        size = Int(info.st_size)
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The system's message for an `errno` value.
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "system error \(code)" }
        return String(cString: text)
    }
}
