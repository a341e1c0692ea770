import DataFiles
import Foundation

/// The CSV files the commands read points from: a header line naming the columns is required,
/// and a first line of numbers only is refused (never read as column names, which would also
/// drop a data row).
enum HeaderedCSV {
    /// A file whose first line holds numbers only, with the line and a header to write instead.
    struct MissingHeader: Error, CustomStringConvertible {
        var path: String
        var line: String
        var example: String

        var description: String {
            let shown = line.count > 60 ? String(line.prefix(60)) + "…" : line
            return "\(path) has no header: its first line (\(shown)) holds numbers only. A header line "
                + "naming the columns is required, e.g. \(example)"
        }
    }

    /// The table of `path`, whose header must not be numbers only; `example` shows a header.
    static func table(_ path: String, example: String) throws -> CSVTable {
        let table = try readTable(path, example: example)
        if isNumeric(table.header) { throw MissingHeader(path: path, line: table.header.joined(separator: ","), example: example) }
        return table
    }

    /// The CSV table; when it cannot be read and its first line holds numbers only, the error
    /// says that the header is missing (a headerless file often fails as repeated column names).
    static func readTable(_ path: String, example: String) throws -> CSVTable {
        do {
            return try CSVTable(contentsOfFile: path)
        } catch {
            if let line = firstLine(path), isNumeric(line.split(separator: ",").map(String.init)) {
                throw MissingHeader(path: path, line: line, example: example)
            }
            throw error
        }
    }

    static func isNumeric(_ fields: [String]) -> Bool {
        !fields.isEmpty && fields.allSatisfy { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
    }

    /// The file's first line (of its first 64 KB), or nil if it cannot be read (read through
    /// InputFile, so a FIFO or device is refused rather than waited on).
    static func firstLine(_ path: String) -> String? {
        guard let bytes = try? InputFile.bytes(ofFile: path) else { return nil }
        return String(decoding: bytes.prefix(1 << 16), as: UTF8.self).split(separator: "\n", maxSplits: 1).first
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
