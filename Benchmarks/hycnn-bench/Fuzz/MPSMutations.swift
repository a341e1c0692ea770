import Foundation

/// Edits that keep an MPS file well formed but change its meaning: a bound of an existing column
/// set to an extreme value or type, integer markers around all columns, a RANGES entry, the
/// objective sense flipped, an extreme RHS.
extension Mutator {
    mutating func mutateMPS(_ data: Data) -> (data: Data, name: String)? {
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        guard let columnsAt = lines.firstIndex(where: { $0.hasPrefix("COLUMNS") }),
              let endAt = lines.firstIndex(where: { $0.hasPrefix("ENDATA") }), columnsAt < endAt else { return nil }
        let sectionEnds = lines.indices.filter { $0 > columnsAt && !(lines[$0].first?.isWhitespace ?? true) }
        let columnsEnd = sectionEnds.first ?? endAt
        let entries = lines[(columnsAt + 1)..<columnsEnd].map { $0.split(separator: " ").map(String.init) }.filter { $0.count >= 3 && !$0.contains("'MARKER'") }
        let columns = Array(Set(entries.map { $0[0] })).sorted()
        let rows = Array(Set(entries.flatMap { e in stride(from: 1, to: e.count - 1, by: 2).map { e[$0] } })).filter { $0 != "obj" }.sorted()
        guard !columns.isEmpty else { return nil }
        func insert(_ line: String, section: String, before: String) {
            if let at = lines.firstIndex(where: { $0.hasPrefix(section) }) {
                lines.insert(line, at: at + 1)
            } else {
                let at = lines.firstIndex(where: { $0.hasPrefix(before) }) ?? lines.firstIndex(where: { $0.hasPrefix("ENDATA") })!
                lines.insert(contentsOf: [section, line], at: at)
            }
        }
        let name: String
        switch index(6) {
        case 0, 1:
            let type = pick(["UP", "LO", "FX", "MI", "PL", "FR", "BV", "LI", "UI", "UP", "LO"])
            let column = pick(columns), value = pick(Self.extremeNumbers + ["-5", "0.5", "3"])
            let line = ["FR", "MI", "PL", "BV"].contains(type) ? " \(type) BND \(column)" : " \(type) BND \(column) \(value)"
            insert(line, section: "BOUNDS", before: "ENDATA")
            name = "bound \(line.trimmingCharacters(in: .whitespaces))"
        case 2:
            lines.insert("    M9 'MARKER' 'INTEND'", at: columnsEnd)
            lines.insert("    M8 'MARKER' 'INTORG'", at: columnsAt + 1)
            name = "integer markers around every column"
        case 3:
            guard let row = rows.isEmpty ? nil : pick(rows) else { return nil }
            let value = pick(Self.extremeNumbers + ["2", "-3"])
            insert("    RNG \(row) \(value)", section: "RANGES", before: "BOUNDS")
            name = "range of \(row) → \(value)"
        case 4:
            if let at = lines.firstIndex(where: { $0.hasPrefix("OBJSENSE") }), at + 1 < lines.count {
                lines[at + 1] = lines[at + 1].contains("MAX") ? "    MIN" : "    MAX"
            } else if let at = lines.firstIndex(where: { $0.hasPrefix("ROWS") }) {
                lines.insert(contentsOf: ["OBJSENSE", "    MAX"], at: at)
            }
            name = "objective sense flipped"
        default:
            guard let row = rows.isEmpty ? nil : pick(rows) else { return nil }
            let value = pick(Self.extremeNumbers)
            insert("    RHS \(row) \(value)", section: "RHS", before: "RANGES")
            name = "rhs of \(row) → \(value)"
        }
        return (Data(lines.joined(separator: "\n").utf8), name)
    }
}
