import Foundation

/// Finds an object key written twice in JSON text, which `JSONSerialization` would resolve
/// silently by keeping one of the values. The text must already be valid JSON.
enum DuplicateKeys {
    /// An object or list being read: its path, and for an object the keys seen so far.
    private struct Frame {
        var isObject: Bool
        var path: String
        var keys: Set<String> = []
        var key: String?
        var expectingKey = true
        var index = 0
    }

    /// The first repeated key and its path (`objective.sense`, `rows[2].upper`), or nil.
    static func first(in bytes: [UInt8]) -> (key: String, path: String)? {
        var stack: [Frame] = []
        // The path of the value that starts now, from the innermost frame.
        func valuePath() -> String {
            guard let top = stack.last else { return "" }
            return top.isObject ? join(top.path, top.key ?? "") : "\(top.path)[\(top.index)]"
        }
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "{"): stack.append(Frame(isObject: true, path: valuePath()))
            case UInt8(ascii: "["): stack.append(Frame(isObject: false, path: valuePath()))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
            case UInt8(ascii: ","):
                guard !stack.isEmpty else { break }
                if stack[stack.count - 1].isObject { stack[stack.count - 1].expectingKey = true } else { stack[stack.count - 1].index += 1 }
            case UInt8(ascii: "\""):
                let start = i
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                if let top = stack.last, top.isObject, top.expectingKey {
                    let key = decode(Array(bytes[start...min(i, bytes.count - 1)]))
                    if top.keys.contains(key) { return (key, join(top.path, key)) }
                    stack[stack.count - 1].keys.insert(key)
                    stack[stack.count - 1].key = key
                    stack[stack.count - 1].expectingKey = false
                }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// A JSON string literal (with its quotes) as text, escapes resolved.
    private static func decode(_ literal: [UInt8]) -> String {
        guard literal.contains(UInt8(ascii: "\\")) else { return String(decoding: literal.dropFirst().dropLast(), as: UTF8.self) }
        return (try? JSONSerialization.jsonObject(with: Data(literal), options: .fragmentsAllowed) as? String) ?? String(decoding: literal, as: UTF8.self)
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
}
