/// Bad input files, unsafe outputs and keys a file format does not know. Each case carries
/// the path it is about; ``reason`` is the message without the path, for modules that wrap it
/// in their own error type.
public enum FileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Nothing exists at `path`.
    case notFound(path: String)
    /// `path` is not a regular file (`kind`: "a directory", "a FIFO (named pipe)", …).
    case notRegularFile(path: String, kind: String)
    /// The file, or its content after gzip inflation (`inflated`), exceeds `limit` bytes.
    case tooLarge(path: String, limit: Int, inflated: Bool)
    /// The system or zlib refused to read `path`.
    case unreadable(path: String, reason: String)
    /// The system refused to write `path`, or the data could not be written whole.
    case unwritable(path: String, reason: String)
    /// The output `path` (for `role`, the name the caller gives it) is the same file as the input `input`.
    case outputIsInput(path: String, role: String, input: String)
    /// The output `path` exists and is not a regular file (`kind` as in ``notRegularFile``).
    case outputNotRegularFile(path: String, role: String, kind: String)
    /// An object in `file` has a key the format does not define; `keyPath` locates it
    /// (`objective.surogates`, `surrogates[1].inputs[0].lineer`), `suggestion` is the nearest
    /// valid key at that place, and `allowed` lists the valid keys there.
    case unknownKey(file: String, key: String, keyPath: String, suggestion: String?, allowed: [String])
    /// An object in `file` has the key at `keyPath` twice.
    case duplicateKey(file: String, keyPath: String)
    /// The object at `objectPath` in `file` has keys that exclude each other.
    case conflictingKeys(file: String, objectPath: String, keys: [String])

    public var description: String {
        switch self {
        case let .notFound(path): return "no such file: \(path)"
        case let .unknownKey(file, _, _, _, _), let .conflictingKeys(file, _, _), let .duplicateKey(file, _): return "\(file): \(reason)"
        case let .notRegularFile(path, _), let .tooLarge(path, _, _), let .unreadable(path, _):
            return "cannot read \(path): \(reason)"
        case let .unwritable(path, _), let .outputIsInput(path, _, _), let .outputNotRegularFile(path, _, _):
            return "cannot write \(path): \(reason)"
        }
    }

    /// The message without the file's path.
    public var reason: String {
        switch self {
        case .notFound: return "no such file"
        case let .notRegularFile(_, kind): return "it is \(kind), not a regular file"
        case let .tooLarge(_, limit, inflated):
            let what = inflated ? "its gzip content inflates to more than" : "it is larger than"
            return "\(what) the input limit of \(limit) bytes (set HYCNN_MAX_INPUT_BYTES to raise it)"
        case let .unreadable(_, reason), let .unwritable(_, reason): return reason
        case let .outputIsInput(_, role, input):
            return "\(role) names the input file \(input); writing would destroy it — choose another path"
        case let .outputNotRegularFile(_, role, kind): return "\(role) names \(kind); give the path of a regular file"
        case let .unknownKey(_, key, keyPath, suggestion, allowed):
            let head = "unknown key \"\(key)\" at `\(keyPath)`"
            if let suggestion { return "\(head); did you mean `\(suggestion)`?" }
            return head + (allowed.isEmpty ? "; no keys are allowed there" : "; valid keys there: " + allowed.map { "`\($0)`" }.joined(separator: ", "))
        case let .duplicateKey(_, keyPath): return "the key `\(keyPath)` appears twice in its object; keep one"
        case let .conflictingKeys(_, objectPath, keys):
            let place = objectPath.isEmpty ? "the top level" : "`\(objectPath)`"
            return "\(place) has " + keys.map { "`\($0)`" }.joined(separator: " and ") + ", which exclude each other; keep one"
        }
    }
}
