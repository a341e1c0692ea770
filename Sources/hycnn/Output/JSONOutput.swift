import DataFiles
import Foundation

/// Builds the one JSON object a `--json` run prints: NaN and infinities become null, keys sorted
/// (``JSONText``; `JSONSerialization` for a value of a type it does not write); printed through the checked ``StandardOutput`` (a failed write is an error, exit 1). Every
/// object carries `command` (the subcommand, e.g. `solve`, `ot-map train`) and `schemaVersion`;
/// docs/schemas/ has one JSON Schema per command, which the tests check real outputs against.
enum JSONOutput {
    /// The version of the JSON schemas in docs/schemas; raised when a key changes meaning or goes.
    static let schemaVersion = 1

    static func number(_ value: Double?) -> Any {
        guard let value, value.isFinite else { return NSNull() }
        return value
    }

    static func print(_ object: [String: Any], command: String) throws {
        var object = object
        object["command"] = command
        object["schemaVersion"] = schemaVersion
        if let text = JSONText.render(object) { try StandardOutput.line(text); return }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        try StandardOutput.line(String(decoding: data, as: UTF8.self))
    }
}

/// Writes a line to stderr (Swift 6 forbids the C `stderr` global); never traps, even when
/// stderr is full or closed.
func printError(_ message: String) {
    StandardOutput.error(message + "\n")
}
