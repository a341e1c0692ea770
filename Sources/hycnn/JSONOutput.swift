import Foundation

/// Builds the one JSON object a `--json` run prints: NaN and infinities become null, keys sorted.
enum JSONOutput {
    static func number(_ value: Double?) -> Any {
        guard let value, value.isFinite else { return NSNull() }
        return value
    }

    static func print(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

/// Writes a line to stderr (Swift 6 forbids the C `stderr` global).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
