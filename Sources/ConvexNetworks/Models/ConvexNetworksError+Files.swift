import DataFiles

extension ConvexNetworksError {
    /// A ``FileError`` from reading or writing `path` as this module's error: `.fileNotFound`,
    /// `.unreadableFile` or `.unwritableFile`; unknown or conflicting keys as `.invalidModelFile`.
    init(_ error: FileError, path: String, writing: Bool = false) {
        switch error {
        case .notFound: self = .fileNotFound(path: path)
        case .notRegularFile(_, "a directory"): self = .unreadableFile(path: path, reason: "it is a folder; give the path of a file")
        case .unknownKey, .conflictingKeys, .duplicateKey: self = .invalidModelFile(path: path, reason: error.reason)
        default: self = writing ? .unwritableFile(path: path, reason: error.reason) : .unreadableFile(path: path, reason: error.reason)
        }
    }

    /// Reads the bytes of `path` within ``InputFile``'s limit, with this module's errors.
    static func reading(_ path: String, limit: Int = InputFile.defaultLimit) throws -> [UInt8] {
        do { return try InputFile.bytes(ofFile: path, limit: limit) } catch let error as FileError {
            throw ConvexNetworksError(error, path: path)
        }
    }
}
