import Foundation

/// A JSON value, decoded strictly (booleans are not numbers), for checking outputs against the
/// schemas in docs/schemas.
public enum JSONValue: Decodable, Equatable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null } else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public init(data: Data) throws { self = try JSONDecoder().decode(JSONValue.self, from: data) }

    /// The JSON type names this value has ("integer" also counts as "number").
    var types: Set<String> {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .number(let x): x.rounded() == x && x.isFinite ? ["number", "integer"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }
}

/// Checks JSON values against a schema in the subset of JSON Schema (draft 2020-12) that
/// docs/schemas uses: `type` (a name or a list), `properties`, `required`,
/// `additionalProperties` (false or a schema), `items`, `enum`, `const`, `anyOf`, and `$ref` to
/// `#/$defs/NAME` in the same file. Any other keyword except the annotations (`$schema`, `$id`,
/// `$defs`, `title`, `description`) is reported as unsupported, so a schema cannot silently
/// promise more than is checked.
public struct JSONSchema: Sendable {
    public let root: JSONValue
    static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description"]
    static let keywords: Set<String> = ["type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "$ref"]

    public init(contentsOf url: URL) throws { root = try JSONValue(data: Data(contentsOf: url)) }
    public init(_ root: JSONValue) { self.root = root }

    /// Every way `value` breaks the schema, each with its JSON path ("$.certificate.verified: …").
    public func violations(of value: JSONValue) -> [String] {
        var found: [String] = []
        check(value, against: root, at: "$", into: &found)
        return found
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, into found: inout [String]) {
        guard case .object(let rules) = schema else {
            if schema != .bool(true) { found.append("\(path): the schema here is not an object") }
            return
        }
        for key in rules.keys where !Self.keywords.contains(key) && !Self.annotations.contains(key) {
            found.append("\(path): unsupported schema keyword '\(key)'")
        }
        if case .string(let reference)? = rules["$ref"] {
            let prefix = "#/$defs/"
            guard reference.hasPrefix(prefix), case .object(let root) = root, case .object(let definitions)? = root["$defs"],
                  let target = definitions[String(reference.dropFirst(prefix.count))] else {
                found.append("\(path): unresolvable $ref \(reference)")
                return
            }
            check(value, against: target, at: path, into: &found)
        }
        if let type = rules["type"] {
            let allowed: [String]
            switch type {
            case .string(let name): allowed = [name]
            case .array(let names): allowed = names.compactMap { if case .string(let n) = $0 { n } else { nil } }
            default: allowed = []
            }
            if value.types.isDisjoint(with: allowed) {
                found.append("\(path): \(Self.describe(value)) where the schema allows \(allowed.joined(separator: " or "))")
                return
            }
        }
        if let constant = rules["const"], constant != value { found.append("\(path): \(Self.describe(value)) is not the constant \(Self.describe(constant))") }
        if case .array(let options)? = rules["enum"], !options.contains(value) {
            found.append("\(path): \(Self.describe(value)) is not one of \(options.map(Self.describe).joined(separator: ", "))")
        }
        if case .array(let alternatives)? = rules["anyOf"] {
            let passing = alternatives.contains { alternative in
                var errors: [String] = []
                check(value, against: alternative, at: path, into: &errors)
                return errors.isEmpty
            }
            if !passing { found.append("\(path): \(Self.describe(value)) matches none of the anyOf alternatives") }
        }
        if case .object(let members) = value {
            let properties: [String: JSONValue]
            if case .object(let declared)? = rules["properties"] { properties = declared } else { properties = [:] }
            if case .array(let required)? = rules["required"] {
                for case .string(let key) in required where members[key] == nil { found.append("\(path): the required key '\(key)' is missing") }
            }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[key] {
                    check(member, against: property, at: "\(path).\(key)", into: &found)
                } else if let additional = rules["additionalProperties"] {
                    if additional == .bool(false) { found.append("\(path): the key '\(key)' is not in the schema") } else {
                        check(member, against: additional, at: "\(path).\(key)", into: &found)
                    }
                }
            }
        }
        if case .array(let elements) = value, let items = rules["items"] {
            for (k, element) in elements.enumerated() { check(element, against: items, at: "\(path)[\(k)]", into: &found) }
        }
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let x): "\(x)"
        case .string(let s): "\"\(s.prefix(40))\""
        case .array(let a): "an array of \(a.count)"
        case .object(let o): "an object of \(o.count) keys"
        }
    }
}
