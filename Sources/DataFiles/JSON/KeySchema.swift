import Foundation

/// The keys a JSON file format allows, object by object: checked on the parsed JSON before a
/// file is decoded, so that no key is ignored (problem files, model files; map files will use
/// the same schemas). Only keys are checked here — types and values are the decoder's job, so
/// a value of another kind than the schema expects (a string where an object may stand) passes.
public indirect enum KeySchema: Sendable {
    /// A value whose content is not key-checked: a number, a string, a list of numbers.
    case value
    /// An object whose keys must be among ``ObjectKeys/keys``.
    case object(ObjectKeys)
    /// A list whose elements each follow the schema.
    case list(KeySchema)
    /// An object with free-form names as keys (`{"p1": 0.5}`), each value following the schema.
    case map(KeySchema)

    /// Shorthand for an object with `keys` and no exclusions.
    public static func object(_ keys: [String: KeySchema], exclusive: [ObjectKeys.Exclusion] = []) -> KeySchema {
        .object(ObjectKeys(keys, exclusive: exclusive))
    }

    /// Throws ``FileError/unknownKey(file:key:keyPath:suggestion:allowed:)`` for the first key
    /// (in sorted order, depth first) that the schema does not allow, and
    /// ``FileError/conflictingKeys(file:objectPath:keys:)`` for an object with keys that exclude
    /// each other; `json` is what `JSONSerialization` returned, `file` names the file in errors.
    /// With `source` (the JSON text `json` was parsed from), a key written twice in one object
    /// is ``FileError/duplicateKey(file:keyPath:)`` (the parser would keep one value silently).
    public func check(_ json: Any, source: Data? = nil, file: String) throws {
        if let source, let duplicate = DuplicateKeys.first(in: [UInt8](source)) {
            throw FileError.duplicateKey(file: file, keyPath: duplicate.path)
        }
        try check(json, path: "", file: file)
    }

    private func check(_ json: Any, path: String, file: String) throws {
        switch self {
        case .value: return
        case let .list(element):
            guard let items = json as? [Any] else { return }
            for (k, item) in items.enumerated() { try element.check(item, path: "\(path)[\(k)]", file: file) }
        case let .map(element):
            guard let object = json as? [String: Any] else { return }
            for key in object.keys.sorted() { try element.check(object[key]!, path: Self.join(path, key), file: file) }
        case let .object(keys):
            guard let object = json as? [String: Any] else { return }
            for key in object.keys.sorted() {
                guard let schema = keys.keys[key] else {
                    throw FileError.unknownKey(file: file, key: key, keyPath: Self.join(path, key),
                                               suggestion: EditDistance.nearest(to: key, among: keys.keys.keys),
                                               allowed: keys.keys.keys.sorted())
                }
                try schema.check(object[key]!, path: Self.join(path, key), file: file)
            }
            for exclusion in keys.exclusive {
                let first = exclusion.first.filter { object[$0] != nil }, second = exclusion.second.filter { object[$0] != nil }
                if let a = first.first, let b = second.first { throw FileError.conflictingKeys(file: file, objectPath: path, keys: [a, b]) }
            }
        }
    }

    /// `objective` + `surogates` → `objective.surogates`; at the top level just the key.
    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
}

/// The allowed keys of one kind of JSON object, with the groups of keys that exclude each other.
public struct ObjectKeys: Sendable {
    /// Two groups of keys of which an object may use one, not both (`equals` against
    /// `lower`/`upper`).
    public struct Exclusion: Sendable {
        public var first: [String]
        public var second: [String]

        public init(_ first: [String], _ second: [String]) {
            self.first = first
            self.second = second
        }
    }

    /// Allowed key → the schema of its value.
    public var keys: [String: KeySchema]
    public var exclusive: [Exclusion]

    public init(_ keys: [String: KeySchema], exclusive: [Exclusion] = []) {
        self.keys = keys
        self.exclusive = exclusive
    }
}
