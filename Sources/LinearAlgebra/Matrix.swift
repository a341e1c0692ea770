/// A dense matrix of `Double`, stored column by column as BLAS and LAPACK expect.
///
/// Entry (i, j) lives at `elements[i + j * rows]`. Indices are 0-based.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries in column-major order. Its count must stay `rows * columns`: BLAS and LAPACK
    /// read exactly that many entries, so changing the count traps.
    public var elements: [Double] {
        didSet {
            precondition(elements.count == rows * columns,
                         "Matrix.elements must keep \(rows * columns) entries for a \(rows) × \(columns) matrix")
        }
    }

    /// A `rows × columns` matrix with every entry equal to `value`.
    /// - Precondition: `rows` and `columns` are zero or positive.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "a matrix cannot be \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A `rows × columns` matrix from its entries in column-major order.
    /// - Throws: `negativeDimension` for negative sizes, `dimensionMismatch` unless
    ///   `elements.count == rows * columns`.
    public init(rows: Int, columns: Int, elements: [Double]) throws {
        guard rows >= 0 && columns >= 0 else {
            throw LinearAlgebraError.negativeDimension(rows: rows, columns: columns)
        }
        guard elements.count == rows * columns else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "element count of a \(rows) × \(columns) matrix", expected: rows * columns, actual: elements.count)
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from a list of rows, as it would be written on paper: `[[1, 2], [3, 4]]`.
    /// An empty list gives a 0 × 0 matrix.
    /// - Throws: `dimensionMismatch` if the rows have different lengths.
    public init(rowMajor rowList: [[Double]]) throws {
        let columns = rowList.first?.count ?? 0
        for (i, row) in rowList.enumerated() where row.count != columns {
            throw LinearAlgebraError.dimensionMismatch(
                what: "length of row \(i) (all rows must be as long as row 0)", expected: columns, actual: row.count)
        }
        self.init(rows: rowList.count, columns: columns)
        for (i, row) in rowList.enumerated() {
            for (j, value) in row.enumerated() {
                self[i, j] = value
            }
        }
    }

    /// Entry (row, column), 0-based.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(0 <= row && row < rows && 0 <= column && column < columns,
                         "index (\(row), \(column)) outside a \(rows) × \(columns) matrix")
            return elements[row + column * rows]
        }
        set {
            precondition(0 <= row && row < rows && 0 <= column && column < columns,
                         "index (\(row), \(column)) outside a \(rows) × \(columns) matrix")
            elements[row + column * rows] = newValue
        }
    }
}

extension Matrix {
    /// Replaces a square matrix by ½(M + Mᵀ): exactly symmetric, for a product that is
    /// symmetric in exact arithmetic but not after rounding.
    /// - Precondition: the matrix is square.
    public mutating func symmetrize() {
        precondition(rows == columns, "only a square matrix can be symmetrized, this one is \(rows) × \(columns)")
        for j in 0..<columns {
            for i in (j + 1)..<rows {
                let mean = 0.5 * (self[i, j] + self[j, i])                              // ½(mᵢⱼ + mⱼᵢ)
                self[i, j] = mean
                self[j, i] = mean
            }
        }
    }
}
