/// A sparse matrix of `Double` in compressed sparse column (CSC) form.
///
/// The stored entries of column j are `(rowIndex[k], values[k])` for k in
/// `columnStart[j]..<columnStart[j + 1]`, with strictly increasing row indices. Indices are
/// 0-based. Two sparse matrices are equal when they store the same entries in the same
/// structure (an explicitly stored zero counts as an entry).
public struct SparseMatrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Where each column's entries start in `rowIndex` and `values`; `columns + 1` entries,
    /// from 0 to `nonzeroCount`.
    public let columnStart: [Int]
    /// The row of each stored entry.
    public let rowIndex: [Int]
    /// The value of each stored entry (rescaled in place by ``scale(rows:columns:)``).
    public private(set) var values: [Double]

    /// The number of stored entries (explicit zeros included).
    public var nonzeroCount: Int { rowIndex.count }

    /// Assembles a matrix from (row, column, value) triplets given in any order.
    ///
    /// Entries are sorted by row within each column. Triplets at the same position are
    /// **summed** (in the order given), as when assembling a matrix from pieces; a sum that is
    /// zero stays stored as an explicit zero.
    /// - Throws: `negativeDimension` for negative sizes, `indexOutOfRange` for a triplet
    ///   outside `rows × columns`.
    public init(rows: Int, columns: Int, triplets: [(row: Int, column: Int, value: Double)]) throws {
        guard rows >= 0 && columns >= 0 else {
            throw LinearAlgebraError.negativeDimension(rows: rows, columns: columns)
        }
        for t in triplets where !(0..<rows).contains(t.row) || !(0..<columns).contains(t.column) {
            throw LinearAlgebraError.indexOutOfRange(row: t.row, column: t.column, rows: rows, columns: columns)
        }
        let order = triplets.indices.sorted {
            (triplets[$0].column, triplets[$0].row, $0) < (triplets[$1].column, triplets[$1].row, $1)
        }
        var columnStart = [Int](repeating: 0, count: columns + 1)
        var rowIndex: [Int] = []
        var values: [Double] = []
        var previous: (row: Int, column: Int)?
        for k in order {
            let t = triplets[k]
            if let p = previous, p.row == t.row, p.column == t.column {
                values[values.count - 1] += t.value
            } else {
                rowIndex.append(t.row)
                values.append(t.value)
                columnStart[t.column + 1] += 1
                previous = (t.row, t.column)
            }
        }
        for j in 0..<columns {
            columnStart[j + 1] += columnStart[j]  // entry counts per column → start offsets
        }
        self.init(rows: rows, columns: columns, validColumnStart: columnStart, rowIndex: rowIndex, values: values)
    }

    /// A matrix from raw compressed-column arrays, after checking that they form a valid matrix.
    /// - Throws: `negativeDimension` for negative sizes; `dimensionMismatch` unless
    ///   `columnStart.count == columns + 1` and `values.count == rowIndex.count`;
    ///   `invalidColumnStart` unless `columnStart` starts at 0, never decreases and ends at
    ///   `rowIndex.count`; `indexOutOfRange` for a row index outside `0..<rows`;
    ///   `rowIndicesNotIncreasing` for unsorted or repeated rows within a column.
    public init(rows: Int, columns: Int, columnStart: [Int], rowIndex: [Int], values: [Double]) throws {
        guard rows >= 0 && columns >= 0 else {
            throw LinearAlgebraError.negativeDimension(rows: rows, columns: columns)
        }
        guard columnStart.count == columns + 1 else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "sparse matrix: count of columnStart (columns + 1)", expected: columns + 1, actual: columnStart.count)
        }
        guard values.count == rowIndex.count else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "sparse matrix: count of values (must equal the count of rowIndex)",
                expected: rowIndex.count, actual: values.count)
        }
        guard columnStart[0] == 0 else {
            throw LinearAlgebraError.invalidColumnStart(index: 0, value: columnStart[0])
        }
        for j in 0..<columns where columnStart[j + 1] < columnStart[j] {
            throw LinearAlgebraError.invalidColumnStart(index: j + 1, value: columnStart[j + 1])
        }
        guard columnStart[columns] == rowIndex.count else {
            throw LinearAlgebraError.invalidColumnStart(index: columns, value: columnStart[columns])
        }
        for j in 0..<columns {
            for k in columnStart[j]..<columnStart[j + 1] {
                guard 0 <= rowIndex[k] && rowIndex[k] < rows else {
                    throw LinearAlgebraError.indexOutOfRange(row: rowIndex[k], column: j, rows: rows, columns: columns)
                }
                guard k == columnStart[j] || rowIndex[k - 1] < rowIndex[k] else {
                    throw LinearAlgebraError.rowIndicesNotIncreasing(column: j)
                }
            }
        }
        self.init(rows: rows, columns: columns, validColumnStart: columnStart, rowIndex: rowIndex, values: values)
    }

    /// Stores arrays already known to form a valid matrix.
    private init(rows: Int, columns: Int, validColumnStart columnStart: [Int], rowIndex: [Int], values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.columnStart = columnStart
        self.rowIndex = rowIndex
        self.values = values
    }

    /// The matrix of the columns `selected` of A, in that order (a copy).
    public func columns(_ selected: [Int]) -> SparseMatrix {
        var start = [0], rows = [Int](), kept = [Double]()
        start.reserveCapacity(selected.count + 1)
        for j in selected {
            rows += rowIndex[columnStart[j]..<columnStart[j + 1]]
            kept += values[columnStart[j]..<columnStart[j + 1]]
            start.append(rows.count)
        }
        return SparseMatrix(rows: self.rows, columns: selected.count, validColumnStart: start, rowIndex: rows, values: kept)
    }

    /// The product A x.
    /// - Throws: `dimensionMismatch` unless `x.count == columns`.
    public func multiply(_ x: [Double]) throws -> [Double] {
        var y = [Double](repeating: 0, count: rows)
        try multiply(x, into: &y)
        return y
    }

    /// Writes A x into `y`, overwriting it, without allocating.
    /// - Throws: `dimensionMismatch` unless `x.count == columns` and `y.count == rows`.
    public func multiply(_ x: [Double], into y: inout [Double]) throws {
        guard x.count == columns else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "sparse A x: length of x (must equal the columns of A)", expected: columns, actual: x.count)
        }
        guard y.count == rows else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "sparse A x: length of the output (must equal the rows of A)", expected: rows, actual: y.count)
        }
        multiply(x, writingTo: &y)
    }

    /// The product Aᵀ y.
    /// - Throws: `dimensionMismatch` unless `y.count == rows`.
    public func transposeMultiply(_ y: [Double]) throws -> [Double] {
        var x = [Double](repeating: 0, count: columns)
        try transposeMultiply(y, into: &x)
        return x
    }

    /// Writes Aᵀ y into `x`, overwriting it, without allocating.
    /// - Throws: `dimensionMismatch` unless `y.count == rows` and `x.count == columns`.
    public func transposeMultiply(_ y: [Double], into x: inout [Double]) throws {
        guard y.count == rows else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "sparse Aᵀ y: length of y (must equal the rows of A)", expected: rows, actual: y.count)
        }
        guard x.count == columns else {
            throw LinearAlgebraError.dimensionMismatch(
                what: "sparse Aᵀ y: length of the output (must equal the columns of A)", expected: columns, actual: x.count)
        }
        transposeMultiply(y, writingTo: &x)
    }

    /// y ← A x over caller-provided buffers, unchecked: `x` holds `columns` entries, `y` `rows`.
    /// No allocation; a column with xⱼ = 0 is skipped.
    public func multiply(_ x: UnsafePointer<Double>, writingTo y: UnsafeMutablePointer<Double>) {
        y.update(repeating: 0, count: rows)
        withStorage { start, row, value in
            for j in 0..<columns {
                let xj = x[j]
                if xj == 0 { continue }
                for k in start[j]..<start[j + 1] { y[row[k]] += value[k] * xj }             // y_i += a_ij x_j
            }
        }
    }

    /// x ← Aᵀ y over caller-provided buffers, unchecked: `y` holds `rows` entries, `x` `columns`.
    /// No allocation.
    public func transposeMultiply(_ y: UnsafePointer<Double>, writingTo x: UnsafeMutablePointer<Double>) {
        withStorage { start, row, value in
            for j in 0..<columns { x[j] = Self.dot(column: start[j]..<start[j + 1], row, value, y) }   // x_j = Σ_i a_ij y_i
        }
    }

    /// y ← y + Σ_{j ∈ S} aⱼ xⱼ for the columns S = `columns` (`x` indexed by column, as for the
    /// whole product). Unchecked, no allocation.
    public func multiply(adding columns: UnsafeBufferPointer<Int>, _ x: UnsafePointer<Double>, to y: UnsafeMutablePointer<Double>) {
        withStorage { start, row, value in
            for j in columns {
                let xj = x[j]
                if xj == 0 { continue }
                for p in start[j]..<start[j + 1] { y[row[p]] += value[p] * xj }             // y_i += a_ij x_j
            }
        }
    }

    /// xⱼ ← aⱼᵀ y for the columns j in `columns` (the other entries of `x` are not touched).
    /// Unchecked, no allocation.
    public func transposeMultiply(columns: UnsafeBufferPointer<Int>, _ y: UnsafePointer<Double>, writingTo x: UnsafeMutablePointer<Double>) {
        withStorage { start, row, value in
            for j in columns { x[j] = Self.dot(column: start[j]..<start[j + 1], row, value, y) }
        }
    }

    /// y ← y + Σ_{j ∈ S} aⱼ xⱼ and z ← z + Σ_{j ∈ S} |aⱼ xⱼ| (entry-wise) for the columns S =
    /// `columns`, in one pass. Unchecked, no allocation.
    public func multiply(adding columns: UnsafeBufferPointer<Int>, _ x: UnsafePointer<Double>, to y: UnsafeMutablePointer<Double>,
                         magnitudesTo z: UnsafeMutablePointer<Double>) {
        withStorage { start, row, value in
            for j in columns {
                let xj = x[j]
                if xj == 0 { continue }
                for k in start[j]..<start[j + 1] {
                    let product = value[k] * xj
                    y[row[k]] += product                                                    // y_i += a_ij x_j
                    z[row[k]] += abs(product)                                               // z_i += |a_ij x_j|
                }
            }
        }
    }

    /// xⱼ ← aⱼᵀ y and zⱼ ← aⱼᵀ w for the columns j in `columns`, in one pass over their entries
    /// (the other entries of `x` and `z` are not touched). Unchecked, no allocation.
    public func transposeMultiply(columns: UnsafeBufferPointer<Int>, _ y: UnsafePointer<Double>,
                                  writingTo x: UnsafeMutablePointer<Double>, _ w: UnsafePointer<Double>,
                                  writingTo z: UnsafeMutablePointer<Double>) {
        withStorage { start, row, value in
            for j in columns {
                var p = start[j]
                let end = start[j + 1]
                var s0 = 0.0, s1 = 0.0, t0 = 0.0, t1 = 0.0                    // two chains each
                while p + 2 <= end {
                    let r0 = row[p], r1 = row[p + 1], a0 = value[p], a1 = value[p + 1]
                    s0 += a0 * y[r0]; t0 += a0 * w[r0]
                    s1 += a1 * y[r1]; t1 += a1 * w[r1]
                    p += 2
                }
                if p < end { s0 += value[p] * y[row[p]]; t0 += value[p] * w[row[p]] }
                x[j] = s0 + s1
                z[j] = t0 + t1
            }
        }
    }

    /// Σ over the entries p in `entries` of value[p]·y[row[p]], in four chains (not bound by the
    /// add's latency).
    @inline(__always)
    private static func dot(column entries: Range<Int>, _ row: UnsafeBufferPointer<Int>, _ value: UnsafeBufferPointer<Double>,
                            _ y: UnsafePointer<Double>) -> Double {
        var k = entries.lowerBound
        let end = entries.upperBound
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        while k + 4 <= end {
            s0 += value[k] * y[row[k]]
            s1 += value[k + 1] * y[row[k + 1]]
            s2 += value[k + 2] * y[row[k + 2]]
            s3 += value[k + 3] * y[row[k + 3]]
            k += 4
        }
        while k < end { s0 += value[k] * y[row[k]]; k += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// Runs `body` over the raw compressed-column arrays (column starts, row indices, values):
    /// the hot loops then carry no bounds checks.
    private func withStorage<T>(_ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Double>) -> T) -> T {
        columnStart.withUnsafeBufferPointer { start in
            rowIndex.withUnsafeBufferPointer { row in values.withUnsafeBufferPointer { value in body(start, row, value) } }
        }
    }

    /// A ← R A C in place, with R = diag(`rowFactors`) and C = diag(`columnFactors`): each
    /// stored aᵢⱼ becomes aᵢⱼ·(rᵢ·cⱼ). The pattern is unchanged.
    /// - Precondition: `rowFactors.count == rows` and `columnFactors.count == columns`.
    public mutating func scale(rows rowFactors: [Double], columns columnFactors: [Double]) {
        precondition(rowFactors.count == rows && columnFactors.count == columns,
                     "scale: \(rowFactors.count) row and \(columnFactors.count) column factors for a \(rows) × \(columns) matrix")
        let start = columnStart, row = rowIndex
        values.withUnsafeMutableBufferPointer { value in
            for j in 0..<columns {
                let cj = columnFactors[j]
                for k in start[j]..<start[j + 1] { value[k] *= rowFactors[row[k]] * cj }     // aᵢⱼ ← rᵢ aᵢⱼ cⱼ
            }
        }
    }

    /// The values of A C, C = diag(`columnFactors`), into a caller-provided buffer of at least
    /// `nonzeroCount` entries, in storage order (same pattern as A): out[k] = aᵢⱼ·cⱼ. Unchecked,
    /// no allocation.
    public func scaledValues(columnFactors: UnsafePointer<Double>, writingTo out: UnsafeMutablePointer<Double>) {
        withStorage { start, _, value in
            for j in 0..<columns {
                let factor = columnFactors[j]
                for k in start[j]..<start[j + 1] { out[k] = value[k] * factor }
            }
        }
    }
}
