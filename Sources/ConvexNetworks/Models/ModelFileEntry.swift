import DataFiles

/// A model in its file form, for file formats that hold models inside them (a transport map
/// holds two potentials). It encodes to exactly the object a model file holds at its top
/// level, `format` and `version` included, so an entry cut out of the containing file is a
/// complete model file; reading one makes the same checks as reading a model file.
public struct ModelFileEntry: Codable {
    let file: ModelFile

    public init(_ model: RegressionModel) { file = ModelFile(model) }

    public init(from decoder: any Decoder) throws { file = try ModelFile(from: decoder) }

    public func encode(to encoder: any Encoder) throws { try file.encode(to: encoder) }

    /// The keys an entry may have, for the containing format's own key schema.
    public static var keys: KeySchema { ModelFile.keys }

    /// Checks `format` and `version` of a parsed entry (before its keys: a newer version's keys
    /// are not unknown keys, its version is unsupported). `path` names the entry in errors.
    /// - Throws: `invalidModelFile` for another format, `unsupportedVersion` for another version.
    public static func checkHeader(_ object: [String: Any], path: String) throws {
        if let format = object["format"] as? String, format != ModelFile.formatName {
            throw ConvexNetworksError.invalidModelFile(path: path, reason: "\"format\" is \"\(format)\", expected \"\(ModelFile.formatName)\"")
        }
        if let version = object["version"] as? Int, version != ModelFile.currentVersion {
            throw ConvexNetworksError.unsupportedVersion(found: version, supported: ModelFile.currentVersion)
        }
    }

    /// The model, after the checks of a model file: format, version, shapes, finite numbers,
    /// and for a model declared convex every constrained weight ≥ 0. `path` names it in errors.
    public func model(path: String) throws -> RegressionModel { try file.model(path: path) }
}
