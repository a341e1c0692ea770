import DataFiles
import Foundation

/// Seeded mutations of a valid input: byte flips, deleted / duplicated / swapped lines,
/// extreme numbers in place of ordinary ones, truncation, empty files, junk lines and, for
/// JSON, structural edits (misspelt and unknown keys, wrong types, removed keys, huge sizes).
/// Each input gets one to three mutations; the returned names say which.
struct Mutator {
    var generator: SeededGenerator

    /// Finite and non-finite spellings that break numerical code: huge, tiny, subnormal,
    /// overflowing, signed zero, NaN / infinity in the spellings parsers accept or should refuse.
    static let extremeNumbers = [
        "1e300", "-1e300", "1e-300", "-1e-300", "5e-324", "-5e-324", "2.2e-308", "1e20", "-1e20", "1e19", "-1e21",
        "1e400", "-1e400", "-0", "0", "NaN", "nan", "inf", "-inf", "Infinity", "-Infinity", "1e308", "1.7976931348623157e308",
        "4611686018427387904", "9223372036854775807", "18446744073709551616", "1000000000", "-1", "1e-30", "1e10", "1e12",
    ]

    /// Extreme numbers that are valid JSON.
    static let jsonNumbers = [
        "1e300", "-1e300", "1e-300", "-1e-300", "5e-324", "2.2e-308", "1e20", "-1e20", "1e19", "1e308", "-1.7976931348623157e308",
        "-0", "0", "-1", "1e-30", "1e10", "-1e12", "4611686018427387904", "9223372036854775807", "1e400", "0.5", "2",
    ]

    /// Sizes that cannot be allocated (for the integer fields of model files).
    static let hugeSizes = ["1000000000", "4611686018427387904", "9223372036854775807", "2147483648", "0", "-1", "1e9", "100000"]

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func index(_ count: Int) -> Int { count <= 1 ? 0 : Int(generator.nextIndex(below: count)) }
    mutating func chance(_ p: Double) -> Bool { generator.nextUniform() < p }
    mutating func pick<T>(_ items: [T]) -> T { items[index(items.count)] }

    /// The format a mutation may rely on.
    enum Style { case mps, csv, json }

    /// `seed` mutated once (60 %), twice (30 %) or three times; a round is a structural edit of
    /// the format (JSON keys and values, MPS bounds / markers / sections), an extreme number, or
    /// a byte- or line-level edit.
    mutating func mutate(_ seed: Data, style: Style) -> (data: Data, mutations: [String]) {
        var data = seed, names: [String] = []
        let roll = generator.nextUniform()
        let rounds = roll < 0.6 ? 1 : roll < 0.9 ? 2 : 3
        for _ in 0..<rounds {
            let choice = generator.nextUniform()
            var edited: (data: Data, name: String)?
            switch style {
            case .json: edited = choice < 0.8 ? mutateJSON(data) : nil
            case .mps: edited = choice < 0.25 ? mutateMPS(data) : choice < 0.7 ? replaceNumber(in: data) : nil
            case .csv: edited = choice < 0.5 ? replaceNumber(in: data) : nil
            }
            let result = edited ?? mutateText(data)
            data = result.data
            names.append(result.name)
        }
        return (data, names)
    }

    // MARK: text and bytes

    mutating func mutateText(_ data: Data) -> (data: Data, name: String) {
        var bytes = [UInt8](data)
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        switch index(12) {
        case 0, 1, 2, 3:
            return replaceNumber(in: data)
        case 4:
            guard !bytes.isEmpty else { return (data, "flip(empty)") }
            let k = index(bytes.count), bit = UInt8(1) << UInt8(index(8))
            bytes[k] ^= bit
            return (Data(bytes), "flip byte \(k) bit \(bit)")
        case 5:
            guard lines.count > 1 else { return (Data(), "empty file") }
            let k = index(lines.count)
            lines.remove(at: k)
            return (Data(lines.joined(separator: "\n").utf8), "delete line \(k + 1)")
        case 6:
            let k = index(lines.count), copies = chance(0.2) ? 1 + index(40) : 1
            lines.insert(contentsOf: Array(repeating: lines[k], count: copies), at: k)
            return (Data(lines.joined(separator: "\n").utf8), "duplicate line \(k + 1) ×\(copies)")
        case 7:
            guard lines.count > 1 else { return (data, "swap(single line)") }
            let a = index(lines.count), b = index(lines.count)
            lines.swapAt(a, b)
            return (Data(lines.joined(separator: "\n").utf8), "swap lines \(a + 1) and \(b + 1)")
        case 8:
            let cut = index(max(bytes.count, 1))
            return (Data(bytes.prefix(cut)), "truncate at byte \(cut)")
        case 9:
            return chance(0.5) ? (Data(), "empty file") : (Data([0x0a]), "single newline")
        case 10:
            let junk = [" ", "\t", "\u{0}", "\"", ",", ",,", "\r", "x", "-", "1e", "[", "{", "}", "é", "\u{feff}"]
            let k = index(bytes.count + 1)
            bytes.insert(contentsOf: Array(pick(junk).utf8), at: k)
            return (Data(bytes), "insert junk at byte \(k)")
        default:
            let k = index(lines.count + 1)
            let fields = (0..<(1 + index(5))).map { _ in chance(0.5) ? pick(Self.extremeNumbers) : pick(["X", "RHS", "UP", "BND", "MARKER", "a,b", "{}", "[]", "null"]) }
            lines.insert(fields.joined(separator: chance(0.5) ? " " : ","), at: min(k, lines.count))
            return (Data(lines.joined(separator: "\n").utf8), "insert line \(k + 1)")
        }
    }

    /// Replaces one number token (a maximal run of digits, signs, dots and exponents that
    /// starts with a digit or sign) by an extreme one.
    mutating func replaceNumber(in data: Data) -> (data: Data, name: String) {
        let bytes = [UInt8](data)
        var tokens: [Range<Int>] = []
        var k = 0
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        while k < bytes.count {
            let previous: UInt8 = k > 0 ? bytes[k - 1] : 0x20
            let startsWord = !(previous >= 0x41 && previous <= 0x7a) && !isDigit(previous) && previous != 0x2e
            if startsWord && (isDigit(bytes[k]) || ((bytes[k] == 0x2d || bytes[k] == 0x2b) && k + 1 < bytes.count && isDigit(bytes[k + 1]))) {
                var end = k + 1
                while end < bytes.count, isDigit(bytes[end]) || [0x2e, 0x65, 0x45, 0x2d, 0x2b].contains(bytes[end]) { end += 1 }
                tokens.append(k..<end)
                k = end
            } else {
                k += 1
            }
        }
        guard !tokens.isEmpty else { return mutateText(Data(bytes + Array("1e300".utf8))) }
        let token = pick(tokens), replacement = pick(Self.extremeNumbers)
        let old = String(decoding: bytes[token], as: UTF8.self)
        return (Data(bytes[..<token.lowerBound] + Array(replacement.utf8) + bytes[token.upperBound...]),
                "number \(old) → \(replacement) at byte \(token.lowerBound)")
    }

    // MARK: JSON structure

    /// A structural edit of the parsed JSON; nil when the data is not JSON.
    mutating func mutateJSON(_ data: Data) -> (data: Data, name: String)? {
        guard var root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        var paths: [[JSONPathItem]] = []
        collectPaths(root, [], into: &paths)
        guard !paths.isEmpty else { return nil }
        var path = pick(paths)
        let operation = index(9)
        let sizePaths = paths.filter(Self.isSizeField)
        if operation == 4, !sizePaths.isEmpty { path = pick(sizePaths) }
        // Number edits go to numbers (bounds, coefficients, weights) four times in five.
        let numberPaths = paths.filter { value(root, $0) is NSNumber }
        if operation >= 6, !numberPaths.isEmpty, chance(0.8) { path = pick(numberPaths) }
        let placeholder = "@@FUZZ@@"
        var raw: String?
        let name: String
        switch operation {
        case 0:
            guard case let .key(key)? = path.last else { return nil }
            let misspelt = misspell(key)
            root = edit(root, path.dropLast()) { object in
                guard var dictionary = object as? [String: Any] else { return object }
                dictionary[misspelt] = dictionary.removeValue(forKey: key)
                return dictionary
            }
            name = "rename key \(Self.describe(path)) → \"\(misspelt)\""
        case 1:
            let parent = Array(path.dropLast())
            let key = pick(["comment", "note", "extra", "weights", "scale", "bounds", "integer", "version2", "Lower", "upper ", "sense"])
            root = edit(root, parent) { object in
                guard var dictionary = object as? [String: Any] else { return object }
                dictionary[key] = 1
                return dictionary
            }
            name = "add key \"\(key)\" beside \(Self.describe(path))"
        case 2:
            let value: Any = pick(["text", [Any](), [String: Any](), NSNull(), true, [1, 2], ["x"]] as [Any])
            root = edit(root, path) { _ in value }
            name = "value of \(Self.describe(path)) → \(Self.short(value))"
        case 3:
            root = edit(root, path.dropLast()) { object in
                if var dictionary = object as? [String: Any], case let .key(key)? = path.last {
                    dictionary.removeValue(forKey: key)
                    return dictionary
                }
                if var array = object as? [Any], case let .index(i)? = path.last, i < array.count {
                    array.remove(at: i)
                    return array
                }
                return object
            }
            name = "remove \(Self.describe(path))"
        case 4 where Self.isSizeField(path):
            raw = pick(Self.hugeSizes)
            root = edit(root, path) { _ in placeholder }
            name = "size \(Self.describe(path)) → \(raw!)"
        case 5:
            root = edit(root, path) { object in
                guard let array = object as? [Any], !array.isEmpty else { return object }
                return chance(0.5) ? [Any]() : array + array
            }
            name = "empty or doubled array at \(Self.describe(path))"
        default:
            raw = chance(0.85) ? pick(Self.jsonNumbers) : pick(Self.extremeNumbers)
            root = edit(root, path) { _ in placeholder }
            name = "number \(Self.describe(path)) → \(raw!)"
        }
        guard var text = (try? JSONSerialization.data(withJSONObject: root, options: [.fragmentsAllowed, .sortedKeys, .prettyPrinted]))
            .map({ String(decoding: $0, as: UTF8.self) }) else { return nil }
        if let raw { text = text.replacingOccurrences(of: "\"\(placeholder)\"", with: raw) }
        return (Data(text.utf8), name)
    }

    enum JSONPathItem { case key(String), index(Int) }

    /// Whether the path ends at an integer size field of a model file (widths, lanes, inputDimension).
    static func isSizeField(_ path: [JSONPathItem]) -> Bool {
        path.contains { item in
            if case let .key(key) = item { return ["widths", "lanes", "inputDimension", "version"].contains(key) }
            return false
        }
    }

    /// Every path to a value, at most the first four elements of each array.
    func collectPaths(_ value: Any, _ path: [JSONPathItem], into paths: inout [[JSONPathItem]]) {
        if !path.isEmpty { paths.append(path) }
        if let dictionary = value as? [String: Any] {
            for key in dictionary.keys.sorted() { collectPaths(dictionary[key]!, path + [.key(key)], into: &paths) }
        } else if let array = value as? [Any] {
            for (i, element) in array.prefix(4).enumerated() { collectPaths(element, path + [.index(i)], into: &paths) }
        }
    }

    /// The value at `path`, or nil.
    func value(_ root: Any, _ path: [JSONPathItem]) -> Any? {
        var current: Any? = root
        for item in path {
            switch item {
            case let .key(key): current = (current as? [String: Any])?[key]
            case let .index(i): current = (current as? [Any]).flatMap { i < $0.count ? $0[i] : nil }
            }
        }
        return current
    }

    /// `root` with the value at `path` replaced by `change(value)`.
    func edit<Path: Collection>(_ root: Any, _ path: Path, _ change: (Any) -> Any) -> Any where Path.Element == JSONPathItem {
        guard let first = path.first else { return change(root) }
        let rest = path.dropFirst()
        switch first {
        case let .key(key):
            guard var dictionary = root as? [String: Any], let child = dictionary[key] else { return root }
            dictionary[key] = edit(child, rest, change)
            return dictionary
        case let .index(i):
            guard var array = root as? [Any], i < array.count else { return root }
            array[i] = edit(array[i], rest, change)
            return array
        }
    }

    /// A one-letter typo: a letter dropped, doubled, or the case of the first changed.
    mutating func misspell(_ key: String) -> String {
        guard key.count > 1 else { return key + "s" }
        var characters = Array(key)
        let k = index(characters.count)
        switch index(3) {
        case 0: characters.remove(at: k)
        case 1: characters.insert(characters[k], at: k)
        default: return key.prefix(1).uppercased() == key.prefix(1) ? key.lowercased() : key.prefix(1).uppercased() + key.dropFirst()
        }
        return String(characters)
    }

    static func describe(_ path: [JSONPathItem]) -> String {
        path.map { item -> String in
            switch item {
            case let .key(key): return "." + key
            case let .index(i): return "[\(i)]"
            }
        }.joined()
    }

    static func short(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "\(value)"
    }
}
