import ConvexNetworks
import DataFiles
import Foundation

/// The versioned JSON form of a ``TransportMap`` (`"format": "hycnn-ot-map", "version": 1`):
///
///     { "format": "hycnn-ot-map", "version": 1, "columns": [...],
///       "f": { a model file }, "g": { a model file }, "training": { ... } }
///
/// f and g are each written exactly as a model file (``ModelFileEntry``), so either can be cut
/// out and used as one; numbers are in shortest round-trip form, so save → load is bit-exact.
/// Reading is strict: the format, then the version, then every key (an unknown or repeated key
/// is an error naming its path), then each potential with all the checks of a model file, then
/// the dimensions and names of f and g against the columns.
struct TransportMapFile: Codable {
    static let formatName = "hycnn-ot-map"
    static let currentVersion = 1

    static let keys: KeySchema = .object([
        "format": .value, "version": .value, "columns": .value, "f": ModelFileEntry.keys, "g": ModelFileEntry.keys,
        "training": .object(Dictionary(uniqueKeysWithValues: MapTrainingRecord.keyNames.map { ($0, KeySchema.value) })),
    ])

    var format: String
    var version: Int
    var columns: [String]
    var f: ModelFileEntry
    var g: ModelFileEntry
    var training: MapTrainingRecord

    init(_ map: TransportMap) {
        format = Self.formatName
        version = Self.currentVersion
        columns = map.columns
        f = ModelFileEntry(map.forward)
        g = ModelFileEntry(map.backward)
        training = map.training
    }
}

extension TransportMap {
    /// The map as versioned JSON (keys sorted).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(TransportMapFile(self))
    }

    /// Writes the map file (a temporary file renamed over `path` once complete).
    public func save(to path: String) throws {
        do { try OutputFile(path: path, role: "the map file").write(jsonData()) } catch let error as FileError {
            throw TransportMapsError.file(error)
        }
    }

    /// Reads and checks a map file (at most ``InputFile/defaultLimit`` bytes, a regular file).
    public init(contentsOfFile path: String) throws {
        let bytes: [UInt8]
        do { bytes = try InputFile.bytes(ofFile: path) } catch let error as FileError { throw TransportMapsError.file(error) }
        try self.init(jsonData: Data(bytes), path: path)
    }

    /// Reads and checks a map from JSON; `path` names it in errors.
    /// - Throws: `notAMapFile` when the top level is not an object with `"format": "hycnn-ot-map"`
    ///   (a model file, another JSON file), `unsupportedMapVersion`, `invalidMapFile` for
    ///   unknown or repeated keys, missing or mistyped values, a potential that fails the model
    ///   file checks, or f and g that disagree with the columns or each other.
    public init(jsonData data: Data, path: String = "<data>") throws {
        func bad(_ reason: String) -> TransportMapsError { .invalidMapFile(path: path, reason: reason) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw TransportMapsError.notAMapFile(path: path, format: nil)
        }
        guard let root = object as? [String: Any], let format = root["format"] as? String, format == TransportMapFile.formatName else {
            throw TransportMapsError.notAMapFile(path: path, format: (object as? [String: Any])?["format"].map { "\($0)" })
        }
        if let version = root["version"] as? Int, version != TransportMapFile.currentVersion {
            throw TransportMapsError.unsupportedMapVersion(path: path, found: version, supported: TransportMapFile.currentVersion)
        }
        for name in ["f", "g"] {
            guard let entry = root[name] as? [String: Any] else { continue }         // a missing or mistyped entry: the decoder says so
            do { try ModelFileEntry.checkHeader(entry, path: name) } catch { throw bad("potential \(name): \(error)") }
        }
        do { try TransportMapFile.keys.check(root, source: data, file: path) } catch let error as FileError { throw bad(error.reason) }
        let file: TransportMapFile
        do { file = try JSONDecoder().decode(TransportMapFile.self, from: data) } catch let error as DecodingError {
            throw bad(Self.describe(error))
        }
        func potential(_ entry: ModelFileEntry, _ name: String) throws -> RegressionModel {
            do { return try entry.model(path: name) } catch let error as ConvexNetworksError { throw bad("potential \(name): \(error)") }
        }
        let f = try potential(file.f, "f"), g = try potential(file.g, "g")
        guard f.inputDimension == g.inputDimension else {
            throw bad("f has \(f.inputDimension) inputs and g has \(g.inputDimension); both potentials live in the same space")
        }
        do { try self.init(forward: f, backward: g, columns: file.columns, training: file.training) } catch { throw bad("\(error)") }
    }

    /// Where a decoding error happened and what it found, in words.
    private static func describe(_ error: DecodingError) -> String {
        func location(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "top level" : String(path.drop { $0 == "." })
        }
        switch error {
        case let .keyNotFound(key, context): return "missing key \"\(key.stringValue)\" at \(location(context))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(location(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
