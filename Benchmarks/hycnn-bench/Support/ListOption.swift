import Foundation

/// The comma-separated list options of the bench subcommands (`--widths 16,32`,
/// `--targets f1,f2`, `--models hycnn:48x4,mlp:64x4`), parsed one way everywhere: items are
/// trimmed, empty items skipped, repeats dropped (the first kept, order kept), and an empty
/// list refused unless `allowEmpty`.
enum ListOption {
    /// Each item of `text` through `parse`, which returns nil for an item it does not accept
    /// (the error then says "expected `expected`, e.g. `example`") or throws its own error.
    static func parse<Value: Equatable>(_ text: String, option: String, expected: String, example: String,
                                        allowEmpty: Bool = false, _ parse: (String) throws -> Value?) throws -> [Value] {
        var values: [Value] = []
        for item in text.split(separator: ",") {
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let value = try parse(trimmed) else {
                throw BenchError.badOption(name: option, value: "'\(trimmed)'", reason: "expected \(expected), e.g. \(example)")
            }
            if !values.contains(value) { values.append(value) }
        }
        guard allowEmpty || !values.isEmpty else {
            throw BenchError.badOption(name: option, value: "'\(text)'", reason: "name at least one, e.g. \(example)")
        }
        return values
    }

    /// Positive integers such as `--widths 16,32`.
    static func positiveIntegers(_ text: String, option: String, example: String) throws -> [Int] {
        try parse(text, option: option, expected: "positive integers separated by commas", example: example) { item in
            Int(item).flatMap { $0 > 0 ? $0 : nil }
        }
    }
}
