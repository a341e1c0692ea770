import Foundation

/// A table of results, rendered either as an aligned Markdown pipe table (for the terminal and
/// Benchmarks/README.md) or as CSV.
struct ResultTable {
    enum Alignment { case left, right }

    struct Column {
        let title: String
        let alignment: Alignment
    }

    let columns: [Column]
    private(set) var rows: [[String]] = []

    init(columns: [Column]) { self.columns = columns }

    /// Appends a row; it must have one cell per column.
    mutating func append(_ row: [String]) {
        precondition(row.count == columns.count, "ResultTable row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }

    /// The table as Markdown with padded cells: `| a | b |`, a `|---|--:|` rule, then the rows.
    var markdown: String {
        let widths = columns.indices.map { k in
            max(3, ([columns[k].title] + rows.map { $0[k] }).map(\.count).max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { k, cell -> String in
                let padding = String(repeating: " ", count: widths[k] - cell.count)
                return columns[k].alignment == .left ? cell + padding : padding + cell
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let rule = "|" + columns.indices.map { k in
            let dashes = String(repeating: "-", count: widths[k] + 1)
            return columns[k].alignment == .left ? dashes + "-" : dashes + ":"
        }.joined(separator: "|") + "|"
        return ([line(columns.map(\.title)), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// The table as CSV (header row first; cells with commas, quotes or newlines are quoted).
    var csv: String {
        ([columns.map(\.title)] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// `"…"` with doubled quotes when the field needs quoting, else the field itself.
    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
