/// A CSV table kept as text: the header and every cell as written (unquoted), so that columns
/// that are not numbers — ids, labels — pass through a command unchanged. Reading follows the
/// rules of ``CSVTable`` (RFC 4180, LF or CRLF, quotes, a BOM, trailing blank lines); numeric
/// columns are parsed on demand with ``CSVTable``'s number rules and messages (line and column
/// of a bad cell).
public struct CSVTextTable: Sendable, Equatable {
    public private(set) var header: [String]
    /// `rows[r][k]`: the text of column `header[k]` in data row `r`.
    public private(set) var rows: [[String]]
    /// The file line each data row starts on (for messages).
    private var lines: [Int]
    private let source: String

    public var rowCount: Int { rows.count }

    /// Reads a CSV file of at most `limit` bytes (see ``InputFile``).
    public init(contentsOfFile path: String, limit: Int = InputFile.defaultLimit) throws {
        try self.init(terminatedBytes: CSVTable.terminatedBytes(ofFile: path, limit: limit), source: path)
    }

    /// Parses CSV text; `source` names it in error messages.
    public init(text: String, source: String = "<text>") throws {
        try self.init(terminatedBytes: Array(text.utf8) + [0], source: source)
    }

    private init(terminatedBytes bytes: [UInt8], source: String) throws {
        self.source = source
        (header, rows, lines) = try bytes.withUnsafeBufferPointer { buf in
            let end = buf.count - 1
            var pos = 0
            if end >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { pos = 3 }
            if (pos..<end).allSatisfy({ [CSVTable.space, CSVTable.tab, CSVTable.cr, CSVTable.lf].contains(buf[$0]) }) {
                throw CSVTable.fail(1, 0, source, "the file is empty; the first line must be a header naming the columns")
            }
            var line = 1
            let header = try CSVTable.parseHeader(buf, &pos, &line, end: end, source: source)
            var rows: [[String]] = [], lines: [Int] = []
            var firstBlankLine: Int?
            while pos < end {
                let recordLine = line
                var cell = try CSVTable.scanCell(buf, &pos, &line, end: end, column: 1, source: source)
                if cell.endsRecord, !cell.quoted, cell.start == cell.end {   // a blank line
                    if firstBlankLine == nil { firstBlankLine = recordLine }
                    continue
                }
                if let blank = firstBlankLine { throw CSVTable.fail(blank, 0, source, "blank line between data rows; remove it") }
                var row: [String] = []
                row.reserveCapacity(header.count)
                while true {
                    if row.count == header.count {
                        throw CSVTable.fail(cell.line, row.count + 1, source,
                                            "extra cell \(CSVTable.quoted(buf, cell)): the header has \(header.count) columns")
                    }
                    var text = String(decoding: UnsafeBufferPointer(rebasing: buf[cell.start..<cell.end]), as: UTF8.self)
                    if cell.hasEscapedQuote { text = text.replacingOccurrences(of: "\"\"", with: "\"") }
                    row.append(text)
                    if cell.endsRecord { break }
                    cell = try CSVTable.scanCell(buf, &pos, &line, end: end, column: row.count + 1, source: source)
                }
                if row.count < header.count {
                    throw CSVTable.fail(cell.line, row.count + 1, source, "the row has \(row.count) cells but the header has \(header.count) columns")
                }
                rows.append(row)
                lines.append(recordLine)
            }
            return (header, rows, lines)
        }
    }

    /// The values of column `name` as finite Doubles; throws `.unknownColumn`, or `.malformed`
    /// with the line and column of the first cell that is not a finite number.
    public func numericColumn(named name: String) throws -> [Double] {
        guard let k = header.firstIndex(of: name) else { throw CSVError.unknownColumn(name: name, available: header) }
        return try rows.indices.map { r in
            let bytes = Array(rows[r][k].utf8) + [0]
            return try bytes.withUnsafeBufferPointer { buf in
                let cell = CSVTable.Cell(start: 0, end: buf.count - 1, line: lines[r], quoted: false, hasEscapedQuote: false, endsRecord: true)
                return try CSVTable.number(buf, cell, column: k + 1, source: source)
            }
        }
    }

    /// The table with one more column at the end; throws `.invalidHeader` when the name is taken
    /// and `.dimensionMismatch` when the values are not one per row.
    public func appending(column name: String, values: [String]) throws -> CSVTextTable {
        guard !header.contains(name) else {
            throw CSVError.invalidHeader(value: "'\(name)'", reason: "the table already has a column of that name")
        }
        guard values.count == rows.count else {
            throw CSVError.dimensionMismatch(what: "values of column '\(name)'", expected: rows.count, actual: values.count)
        }
        var table = self
        table.header.append(name)
        for r in table.rows.indices { table.rows[r].append(values[r]) }
        return table
    }

    /// The table as CSV text: cells quoted where needed, LF line ends.
    public var text: String {
        var out: [UInt8] = []
        for row in [header] + rows {
            for (k, cell) in row.enumerated() {
                if k > 0 { out.append(CSVTable.comma) }
                CSVTable.appendCell(cell, to: &out)
            }
            out.append(CSVTable.lf)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
