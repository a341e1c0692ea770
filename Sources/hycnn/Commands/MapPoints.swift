import ArgumentParser
import DataFiles
import TransportMaps

/// The points an `ot-map` command reads: a CSV file with a header whose columns are exactly the
/// map's columns (by name, in any order), at least one row, every cell a finite number (the CSV
/// reader refuses NaN and infinities, naming the line and column).
struct MapPoints {
    var file: String
    /// The file's header, the order the output keeps.
    var header: [String]
    /// Row by row in the map's column order: `coordinates[i * d + k]` is column `map.columns[k]` of data row i + 1.
    var coordinates: [Double]
    var count: Int

    init(file: String, map: TransportMap) throws {
        let table = try HeaderedCSV.table(file, example: map.columns.joined(separator: ","))
        let missing = map.columns.filter { !table.header.contains($0) }
        let extra = table.header.filter { !map.columns.contains($0) }
        guard missing.isEmpty, extra.isEmpty else {
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing " + Self.names(missing)) }
            if !extra.isEmpty { parts.append("not in the map " + Self.names(extra)) }
            throw ValidationError("\(file): the columns must be the map's columns \(Self.names(map.columns)); "
                                      + parts.joined(separator: "; "))
        }
        guard table.rowCount >= 1 else { throw ValidationError("\(file): no points (the header has no rows below it); at least 1 is needed") }
        let d = map.dimension, n = table.rowCount
        var coordinates = [Double](repeating: 0, count: n * d)
        for (k, name) in map.columns.enumerated() {
            let column = try table.column(named: name)
            for i in 0..<n { coordinates[i * d + k] = column[i] }
        }
        self.file = file
        header = table.header
        self.coordinates = coordinates
        count = n
    }

    /// Point i (0-based) in the map's column order.
    func point(_ i: Int, dimension d: Int) -> [Double] { Array(coordinates[i * d ..< (i + 1) * d]) }

    /// `values` (row by row in the map's column order) as CSV under the input's header.
    func csv(_ values: [Double], map: TransportMap) throws -> String {
        let d = map.dimension
        let columns = header.map { name in
            let k = map.columns.firstIndex(of: name)!
            return (0..<count).map { values[$0 * d + k] }
        }
        return try CSVTable.text(header: header, columns: columns)
    }

    /// "'x', 'y'".
    static func names(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }

    /// "data row 3 (line 4)": row i (0-based) of the file.
    static func row(_ i: Int) -> String { "data row \(i + 1) (line \(i + 2))" }

    /// Rows listed for a message: the first ten, then how many more.
    static func rows(_ indices: [Int]) -> String {
        let shown = indices.prefix(10).map { "\($0 + 1)" }.joined(separator: ", ")
        return "data row\(indices.count == 1 ? "" : "s") " + shown + (indices.count > 10 ? " and \(indices.count - 10) more" : "")
    }
}
