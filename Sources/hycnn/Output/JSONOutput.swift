import DataFiles
import Foundation

/// Builds the one JSON object a `--json` run prints: NaN and infinities become null, keys sorted;
/// printed through the checked ``StandardOutput`` (a failed write is an error, exit 1).
enum JSONOutput {
    static func number(_ value: Double?) -> Any {
        guard let value, value.isFinite else { return NSNull() }
        return value
    }

    static func print(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        try StandardOutput.line(String(decoding: data, as: UTF8.self))
    }
}

/// Writes a line to stderr (Swift 6 forbids the C `stderr` global); never traps, even when
/// stderr is full or closed.
func printError(_ message: String) {
    StandardOutput.error(message + "\n")
}
