import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A numeric table read from or written to CSV: a header of unique column names and one
/// finite Double per cell, stored column by column (`columns[k][row]`).
///
/// Reading follows RFC 4180 with a few courtesies: comma separator; cells may be wrapped in
/// double quotes (a quote inside is written `""`); lines end in LF or CRLF; the last line's
/// newline is optional; blank lines at the end are ignored; a UTF-8 byte-order mark is
/// skipped; spaces around a cell are ignored. Every data cell must be a finite decimal
/// number. Problems are reported as ``CSVError/malformed(line:column:reason:)`` with
/// the 1-based line and column of the offending cell.
///
/// Writing uses Swift's shortest round-trip form for numbers, so a table written and read
/// back is bit-for-bit identical (including `-0.0`).
public struct CSVTable: Sendable, Equatable {
    /// Column names in file order.
    public private(set) var header: [String]
    /// `columns[k][row]` is the value of column `header[k]` in data row `row` (0-based).
    public private(set) var columns: [[Double]]
    /// Number of data rows (lines after the header).
    public private(set) var rowCount: Int

    /// A table from values already in memory. Throws if the names are empty or repeated, the
    /// column count or lengths disagree, or a value is not finite.
    public init(header: [String], columns: [[Double]]) throws {
        try Self.validate(header: header, columns: columns)
        self.header = header
        self.columns = columns
        self.rowCount = columns.first?.count ?? 0
    }

    /// Reads a CSV file of at most `limit` bytes (see ``InputFile``: regular files only).
    /// Throws `.fileNotFound`, `.unreadableFile` (a folder, FIFO or device, over the limit) or `.malformed`.
    public init(contentsOfFile path: String, limit: Int = InputFile.defaultLimit) throws {
        try self.init(terminatedBytes: Self.terminatedBytes(ofFile: path, limit: limit), source: path)
    }

    /// The file's bytes followed by the 0 sentinel the parsers stop at; file errors as ``CSVError``.
    static func terminatedBytes(ofFile path: String, limit: Int) throws -> [UInt8] {
        var bytes: [UInt8]
        do { bytes = try InputFile.bytes(ofFile: path, limit: limit) } catch let error as FileError {
            throw CSVError(error, path: path)
        }
        bytes.append(0)
        return bytes
    }

    /// Parses CSV text; `source` names it in error messages.
    public init(text: String, source: String = "<text>") throws {
        var bytes = Array(text.utf8)
        bytes.append(0)
        try self.init(terminatedBytes: bytes, source: source)
    }

    /// The values of the column called `name`; throws `.unknownColumn` listing the names there are.
    public func column(named name: String) throws -> [Double] {
        guard let k = header.firstIndex(of: name) else {
            throw CSVError.unknownColumn(name: name, available: header)
        }
        return columns[k]
    }

    // MARK: Writing

    /// The table as CSV text (LF line ends, a newline after every row).
    public var text: String {
        String(decoding: Self.render(header: header, columns: columns, rowCount: rowCount), as: UTF8.self)
    }

    /// Writes the table to `path` (replacing any file there); throws `.unwritableFile`.
    public func write(toFile path: String) throws {
        try Self.store(Self.render(header: header, columns: columns, rowCount: rowCount), path: path)
    }

    /// CSV text for the given columns after validating them as `init(header:columns:)` does.
    public static func text(header: [String], columns: [[Double]]) throws -> String {
        try CSVTable(header: header, columns: columns).text
    }

    /// Validates the columns and writes them as CSV to `path`.
    public static func write(header: [String], columns: [[Double]], toFile path: String) throws {
        try CSVTable(header: header, columns: columns).write(toFile: path)
    }

    private static func validate(header: [String], columns: [[Double]]) throws {
        guard !header.isEmpty else {
            throw CSVError.invalidHeader(value: "[]", reason: "a table needs at least one named column")
        }
        guard columns.count == header.count else {
            throw CSVError.dimensionMismatch(what: "columns for a header of \(header.count) names",
                                             expected: header.count, actual: columns.count)
        }
        var seen = Set<String>()
        for name in header {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CSVError.invalidHeader(value: "'\(name)'", reason: "column names must not be empty")
            }
            guard seen.insert(name).inserted else {
                throw CSVError.invalidHeader(value: "'\(name)'", reason: "column names must be unique")
            }
        }
        let rows = columns[0].count
        for (k, column) in columns.enumerated() {
            guard column.count == rows else {
                throw CSVError.dimensionMismatch(what: "rows of column '\(header[k])'", expected: rows, actual: column.count)
            }
            if let row = column.firstIndex(where: { !$0.isFinite }) {
                throw CSVError.nonFiniteValue(what: "row \(row + 1) of column '\(header[k])' (\(column[row]))")
            }
        }
    }

    private static func render(header: [String], columns: [[Double]], rowCount: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + rowCount * columns.count * 20)
        for (k, name) in header.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            appendCell(name, to: &out)
        }
        out.append(0x0A)
        for row in 0..<rowCount {
            for k in columns.indices {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: columns[k][row].description.utf8)  // shortest round-trip digits
            }
            out.append(0x0A)
        }
        return out
    }

    /// Appends `text` as one CSV cell, in double quotes (inner quotes doubled) when it holds a
    /// comma, quote or line break, or spaces or a BOM-like byte that reading would strip.
    static func appendCell(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || text.first == " " || text.last == " " || text.first == "\t" || text.last == "\t"
            || text.utf8.first == 0xEF  // a leading BOM-like byte would be stripped on reading
        guard needsQuotes else { out.append(contentsOf: text.utf8); return }
        out.append(0x22)
        for byte in text.utf8 {
            if byte == 0x22 { out.append(0x22) }  // " → ""
            out.append(byte)
        }
        out.append(0x22)
    }

    static func store(_ bytes: [UInt8], path: String) throws {
        do { try OutputFile(path: path).write(bytes) } catch let error as FileError {
            throw CSVError(error, path: path, writing: true)
        }
    }
}

// MARK: Parsing

extension CSVTable {
    static let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20, tab: UInt8 = 0x09

    /// One cell as found in the bytes: `start..<end` is its content without surrounding spaces
    /// (inside the quotes for a quoted cell); `line` is where it starts.
    struct Cell {
        var start: Int, end: Int, line: Int
        var quoted: Bool
        var hasEscapedQuote: Bool
        var endsRecord: Bool
    }

    /// Parses `bytes`, whose last byte is a 0 sentinel that is not part of the text.
    private init(terminatedBytes bytes: [UInt8], source: String) throws {
        let parsed = try bytes.withUnsafeBufferPointer { buffer in
            try Self.parse(buffer, source: source)
        }
        header = parsed.header
        rowCount = parsed.rowCount
        columns = parsed.columns
    }

    static func fail(_ line: Int, _ column: Int, _ source: String, _ reason: String) -> CSVError {
        .malformed(line: line, column: column, reason: "\(source): \(reason)")
    }

    /// The cell's text for messages, unescaped and shortened to at most 40 characters.
    static func quoted(_ buf: UnsafeBufferPointer<UInt8>, _ cell: Cell) -> String {
        var text = String(decoding: UnsafeBufferPointer(rebasing: buf[cell.start..<cell.end]), as: UTF8.self)
        if cell.hasEscapedQuote { text = text.replacingOccurrences(of: "\"\"", with: "\"") }
        if text.count > 40 { text = String(text.prefix(37)) + "..." }
        return "'\(text)'"
    }

    /// Scans the cell starting at `pos` (column `column`, for messages) and moves `pos` past
    /// its terminating comma or line end; counts newlines into `line`.
    static func scanCell(_ buf: UnsafeBufferPointer<UInt8>, _ pos: inout Int, _ line: inout Int,
                                 end: Int, column: Int, source: String) throws -> Cell {
        while pos < end, buf[pos] == space || buf[pos] == tab { pos += 1 }
        var cell = Cell(start: pos, end: pos, line: line, quoted: false, hasEscapedQuote: false, endsRecord: true)
        if pos < end, buf[pos] == quote {
            cell.quoted = true
            pos += 1
            cell.start = pos
            while true {
                guard pos < end else {
                    throw fail(cell.line, column, source, "a quoted cell is never closed; add the closing double quote")
                }
                let byte = buf[pos]
                if byte == quote {
                    if pos + 1 < end, buf[pos + 1] == quote { cell.hasEscapedQuote = true; pos += 2; continue }
                    break
                }
                if byte == lf { line += 1 }
                pos += 1
            }
            cell.end = pos
            pos += 1  // past the closing quote
            while pos < end, buf[pos] == space || buf[pos] == tab { pos += 1 }
            if pos < end, buf[pos] != comma, buf[pos] != lf, buf[pos] != cr {
                throw fail(line, column, source, "unexpected text after the closing quote of \(quoted(buf, cell)); "
                           + "put the whole cell inside the quotes and double any quote within it")
            }
            // trim spaces inside the quotes too: " 1.5 " reads as 1.5
            while cell.start < cell.end, buf[cell.start] == space || buf[cell.start] == tab { cell.start += 1 }
            while cell.end > cell.start, buf[cell.end - 1] == space || buf[cell.end - 1] == tab { cell.end -= 1 }
        } else {
            while pos < end, buf[pos] != comma, buf[pos] != lf, buf[pos] != cr { pos += 1 }
            cell.end = pos
            while cell.end > cell.start, buf[cell.end - 1] == space || buf[cell.end - 1] == tab { cell.end -= 1 }
        }
        if pos < end, buf[pos] == comma {
            cell.endsRecord = false
            pos += 1
        } else if pos < end {  // LF, CRLF or a lone CR ends the line
            if buf[pos] == cr, pos + 1 < end, buf[pos + 1] == lf { pos += 1 }
            pos += 1
            line += 1
        }
        return cell
    }

    /// The cell as a finite Double, or a `.malformed` error quoting it.
    static func number(_ buf: UnsafeBufferPointer<UInt8>, _ cell: Cell, column: Int, source: String) throws -> Double {
        guard cell.start < cell.end else {
            throw fail(cell.line, column, source, "empty cell; every cell must hold a finite number")
        }
        // only 0-9 + - . E e: no hex, nan or inf forms, and strtod cannot read past the cell
        let plain = (cell.start..<cell.end).allSatisfy {
            switch buf[$0] {
            case 0x30...0x39, 0x2B, 0x2D, 0x2E, 0x45, 0x65: return true
            default: return false
            }
        }
        if plain {
            var stop: UnsafeMutablePointer<CChar>? = nil
            let base = UnsafeRawPointer(buf.baseAddress!)
            // strtod stops at the comma, quote, newline or 0 sentinel that follows the cell
            let value = strtod((base + cell.start).assumingMemoryBound(to: CChar.self), &stop)
            if let stop, UnsafeRawPointer(stop) - base == cell.end {
                if value.isFinite { return value }
                throw fail(cell.line, column, source, "\(quoted(buf, cell)) is outside the range of Double (about ±1.8e308)")
            }
        }
        let word = quoted(buf, cell).lowercased().filter { $0 != "+" && $0 != "-" }
        if ["'nan'", "'inf'", "'infinity'"].contains(word) {
            throw fail(cell.line, column, source, "\(quoted(buf, cell)) is not finite; every cell must hold a finite number")
        }
        throw fail(cell.line, column, source, "\(quoted(buf, cell)) is not a number")
    }

    /// The header row starting at `pos` (after any BOM): unique, non-empty names.
    static func parseHeader(_ buf: UnsafeBufferPointer<UInt8>, _ pos: inout Int, _ line: inout Int,
                            end: Int, source: String) throws -> [String] {
        var header: [String] = []
        var firstColumn: [String: Int] = [:]
        while true {
            let column = header.count + 1
            let cell = try scanCell(buf, &pos, &line, end: end, column: column, source: source)
            var name = String(decoding: UnsafeBufferPointer(rebasing: buf[cell.start..<cell.end]), as: UTF8.self)
            if cell.hasEscapedQuote { name = name.replacingOccurrences(of: "\"\"", with: "\"") }
            guard !name.isEmpty else {
                throw fail(cell.line, column, source, "empty column name in the header; give every column a name")
            }
            if let previous = firstColumn[name] {
                throw fail(cell.line, column, source, "duplicate column name '\(name)' (also column \(previous)); names must be unique")
            }
            firstColumn[name] = column
            header.append(name)
            if cell.endsRecord { break }
        }
        return header
    }

    private static func parse(_ buf: UnsafeBufferPointer<UInt8>, source: String)
        throws -> (header: [String], columns: [[Double]], rowCount: Int)
    {
        let end = buf.count - 1  // the 0 sentinel
        var pos = 0
        if end >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { pos = 3 }  // UTF-8 BOM
        if (pos..<end).allSatisfy({ [space, tab, cr, lf].contains(buf[$0]) }) {
            throw fail(1, 0, source, "the file is empty; the first line must be a header naming the columns")
        }
        var line = 1
        let header = try parseHeader(buf, &pos, &line, end: end, source: source)

        // data, row-major while reading
        let width = header.count
        var values: [Double] = []
        values.reserveCapacity(max(16, (end - pos) / 8))
        var rowCount = 0
        var firstBlankLine: Int? = nil
        while pos < end {
            let recordLine = line
            var column = 1
            var cell = try scanCell(buf, &pos, &line, end: end, column: column, source: source)
            if cell.endsRecord, !cell.quoted, cell.start == cell.end {  // a blank line
                if firstBlankLine == nil { firstBlankLine = recordLine }
                continue
            }
            if let blank = firstBlankLine {
                throw fail(blank, 0, source, "blank line between data rows; remove it")
            }
            while true {
                if column > width {
                    throw fail(cell.line, column, source, "extra cell \(quoted(buf, cell)): the header has \(width) columns")
                }
                values.append(try number(buf, cell, column: column, source: source))
                if cell.endsRecord { break }
                column += 1
                cell = try scanCell(buf, &pos, &line, end: end, column: column, source: source)
            }
            if column < width {
                throw fail(cell.line, column + 1, source, "the row has \(column) cells but the header has \(width) columns")
            }
            rowCount += 1
        }

        // transpose to columns[k][row]
        var columns = [[Double]](repeating: [], count: width)
        values.withUnsafeBufferPointer { v in
            for k in 0..<width {
                columns[k] = [Double](unsafeUninitializedCapacity: rowCount) { out, initialized in
                    for row in 0..<rowCount { out[row] = v[row * width + k] }
                    initialized = rowCount
                }
            }
        }
        return (header, columns, rowCount)
    }
}
