/// A dense transport cost matrix, row-major: `values[i * columns + j]` = c(source i, target j).
public struct CostMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public private(set) var values: [Double]

    /// Throws ``TransportError/badCost(row:column:value:)`` for a non-finite entry.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard values.count == rows * columns else {
            throw TransportError.shapeMismatch(what: "cost matrix", expected: "\(rows * columns) values",
                                               actual: "\(values.count)")
        }
        if let k = values.firstIndex(where: { !$0.isFinite }) {
            throw TransportError.badCost(row: k / max(columns, 1), column: k % max(columns, 1), value: values[k])
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(i: Int, j: Int) -> Double { values[i * columns + j] }
}
