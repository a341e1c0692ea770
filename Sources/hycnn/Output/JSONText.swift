import Foundation

/// The text of the JSON trees the commands print (dictionaries with string keys, arrays,
/// strings, booleans, integers, doubles, `NSNull`): keys sorted, two-space indentation,
/// `"key" : value` as Foundation's pretty printer writes it, slashes not escaped. Written here
/// because `JSONSerialization` took about 27 µs an entry: one second for `hycnn solve --json`
/// on dfl001 (37,000 values), more than the solve. A non-finite double is written as null;
/// nil for a value of any other type (the caller then falls back to `JSONSerialization`).
enum JSONText {
    static func render(_ object: Any) -> String? {
        var text = ""
        guard append(object, indent: 0, to: &text) else { return nil }
        return text
    }

    private static func append(_ value: Any, indent: Int, to text: inout String) -> Bool {
        switch value {
        case let dictionary as [String: Any]:
            guard !dictionary.isEmpty else { text += "{}"; return true }
            text += "{\n"
            let inner = String(repeating: " ", count: indent + 2)
            for (n, key) in dictionary.keys.sorted().enumerated() {
                text += inner
                appendString(key, to: &text)
                text += " : "
                guard append(dictionary[key]!, indent: indent + 2, to: &text) else { return false }
                text += n + 1 < dictionary.count ? ",\n" : "\n"
            }
            text += String(repeating: " ", count: indent) + "}"
        case let array as [Any]:
            guard !array.isEmpty else { text += "[]"; return true }
            text += "[\n"
            let inner = String(repeating: " ", count: indent + 2)
            for (n, element) in array.enumerated() {
                text += inner
                guard append(element, indent: indent + 2, to: &text) else { return false }
                text += n + 1 < array.count ? ",\n" : "\n"
            }
            text += String(repeating: " ", count: indent) + "]"
        case let string as String: appendString(string, to: &text)
        case _ where type(of: value) == Bool.self: text += value as! Bool ? "true" : "false"
        case let number as NSNumber where type(of: value) is NSNumber.Type: appendNumber(number, to: &text)
        case let integer as any BinaryInteger: text += "\(integer)"
        case let number as Double: appendNumber(number, to: &text)
        case let number as Float: appendNumber(Double(number), to: &text)
        case is NSNull: text += "null"
        default: return false
        }
        return true
    }

    /// An `NSNumber` object (as the trees hold a `UInt64` seed): a boolean's as true or false,
    /// an integer's digits, a floating-point one as a double. (A Swift `Bool`, integer or double
    /// is matched by its own type first: an `NSNumber` of 0 would pass as `false`.)
    private static func appendNumber(_ number: NSNumber, to text: inout String) {
        switch String(cString: number.objCType) {
        case "c", "B": text += number.boolValue ? "true" : "false"
        case "d", "f": appendNumber(number.doubleValue, to: &text)
        case "Q", "L", "I", "S", "C": text += String(number.uint64Value)
        default: text += String(number.int64Value)
        }
    }

    /// An integral double below 2⁵³ as an integer ("10", as Foundation writes it), any other
    /// finite one in Swift's shortest round-trip form ("0.1", "3.55e-15"), else null.
    private static func appendNumber(_ number: Double, to text: inout String) {
        guard number.isFinite else { text += "null"; return }
        if number == number.rounded(), abs(number) < 0x1p53 {
            text += String(Int64(number))
        } else {
            text += "\(number)"
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    private static func appendString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20: text += String(format: "\\u%04x", scalar.value)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
