import LinearAlgebra
import TestSupport
import Testing

@Suite("SparseMatrix")
struct SparseMatrixTests {
    /// A 3 × 4 example, unsorted, with duplicates at (2, 1) and (1, 3).
    static let triplets: [(row: Int, column: Int, value: Double)] = [
        (2, 1, 5), (0, 1, 1), (2, 1, -2), (1, 3, 4), (0, 0, 7), (1, 0, 0.5), (1, 3, 1),
    ]

    /// A random `rows × columns` matrix from about `rows * columns / 3` triplets, some repeated.
    func randomSparse(rows: Int, columns: Int, using rng: inout SplitMix64) throws -> SparseMatrix {
        let triplets = (0..<(rows * columns / 3)).map { _ in
            (row: Int.random(in: 0..<rows, using: &rng), column: Int.random(in: 0..<columns, using: &rng),
             value: Double.random(in: -1...1, using: &rng))
        }
        return try SparseMatrix(rows: rows, columns: columns, triplets: triplets)
    }

    @Test("triplets are sorted within columns and duplicates are summed")
    func tripletAssembly() throws {
        let a = try SparseMatrix(rows: 3, columns: 4, triplets: Self.triplets)
        #expect(a.rows == 3 && a.columns == 4)
        #expect(a.columnStart == [0, 2, 4, 4, 5])
        #expect(a.rowIndex == [0, 1, 0, 2, 1])
        #expect(a.values == [7, 0.5, 1, 3, 5])
        #expect(a.nonzeroCount == 5)
        #expect(a.dense() == (try Matrix(rowMajor: [[7, 1, 0, 0], [0.5, 0, 0, 5], [0, 3, 0, 0]])))
    }

    @Test("duplicates that cancel stay stored as an explicit zero")
    func cancellingDuplicates() throws {
        let a = try SparseMatrix(rows: 2, columns: 2, triplets: [(1, 1, 2.5), (0, 1, -2.5), (1, 1, -2.5)])
        #expect(a.nonzeroCount == 2)
        #expect(a.rowIndex == [0, 1])
        #expect(a.values == [-2.5, 0])
        let empty = try SparseMatrix(rows: 0, columns: 3, triplets: [])
        #expect(empty.columnStart == [0, 0, 0, 0])
        #expect(try empty.multiply([1, 2, 3]) == [])
        #expect(try empty.transposeMultiply([]) == [0, 0, 0])
    }

    @Test("triplets outside the matrix are rejected")
    func badTriplets() {
        #expect(throws: LinearAlgebraError.indexOutOfRange(row: 3, column: 0, rows: 3, columns: 4)) {
            try SparseMatrix(rows: 3, columns: 4, triplets: [(0, 0, 1), (3, 0, 1)])
        }
        #expect(throws: LinearAlgebraError.indexOutOfRange(row: -1, column: 2, rows: 3, columns: 4)) {
            try SparseMatrix(rows: 3, columns: 4, triplets: [(-1, 2, 1)])
        }
        #expect(throws: LinearAlgebraError.indexOutOfRange(row: 0, column: 4, rows: 3, columns: 4)) {
            try SparseMatrix(rows: 3, columns: 4, triplets: [(0, 4, 1)])
        }
        #expect(throws: LinearAlgebraError.negativeDimension(rows: 3, columns: -1)) {
            try SparseMatrix(rows: 3, columns: -1, triplets: [])
        }
    }

    @Test("valid compressed-column arrays are accepted as given")
    func validArrays() throws {
        let a = try SparseMatrix(rows: 3, columns: 4, columnStart: [0, 2, 4, 4, 5],
                                 rowIndex: [0, 1, 0, 2, 1], values: [7, 0.5, 1, 3, 5])
        #expect(a == (try SparseMatrix(rows: 3, columns: 4, triplets: Self.triplets)))
    }

    @Test("invalid compressed-column arrays are rejected with the reason")
    func invalidArrays() {
        func make(_ columnStart: [Int], _ rowIndex: [Int], _ values: [Double] = [7, 0.5, 1, 3, 5]) throws {
            _ = try SparseMatrix(rows: 3, columns: 4, columnStart: columnStart, rowIndex: rowIndex, values: values)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "sparse matrix: count of columnStart (columns + 1)", expected: 5, actual: 4)) {
            try make([0, 2, 4, 5], [0, 1, 0, 2, 1])
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "sparse matrix: count of values (must equal the count of rowIndex)", expected: 5, actual: 4)) {
            try make([0, 2, 4, 4, 5], [0, 1, 0, 2, 1], [7, 0.5, 1, 3])
        }
        #expect(throws: LinearAlgebraError.invalidColumnStart(index: 0, value: 1)) {
            try make([1, 2, 4, 4, 5], [0, 1, 0, 2, 1])
        }
        #expect(throws: LinearAlgebraError.invalidColumnStart(index: 2, value: 1)) {
            try make([0, 2, 1, 4, 5], [0, 1, 0, 2, 1])
        }
        #expect(throws: LinearAlgebraError.invalidColumnStart(index: 4, value: 4)) {
            try make([0, 2, 4, 4, 4], [0, 1, 0, 2, 1])
        }
        #expect(throws: LinearAlgebraError.indexOutOfRange(row: 3, column: 1, rows: 3, columns: 4)) {
            try make([0, 2, 4, 4, 5], [0, 1, 0, 3, 1])
        }
        #expect(throws: LinearAlgebraError.indexOutOfRange(row: -2, column: 3, rows: 3, columns: 4)) {
            try make([0, 2, 4, 4, 5], [0, 1, 0, 2, -2])
        }
        #expect(throws: LinearAlgebraError.rowIndicesNotIncreasing(column: 0)) {
            try make([0, 2, 4, 4, 5], [1, 0, 0, 2, 1])
        }
        #expect(throws: LinearAlgebraError.rowIndicesNotIncreasing(column: 1)) {
            try make([0, 2, 4, 4, 5], [0, 1, 2, 2, 1])
        }
    }

    @Test("A x and Aᵀ y match the dense products, allocating and in place")
    func products() throws {
        var rng = SplitMix64(seed: 71)
        let a = try randomSparse(rows: 9, columns: 7, using: &rng)
        let dense = a.dense()
        let x = randomVector(7, using: &rng)
        let y = randomVector(9, using: &rng)

        #expect(maxDifference(try a.multiply(x), naiveProduct(dense, x)) < 1e-14)
        #expect(maxDifference(try a.transposeMultiply(y), naiveProduct(dense.transposed(), y)) < 1e-14)

        var ax = [Double](repeating: .nan, count: 9)  // garbage must be overwritten
        try a.multiply(x, into: &ax)
        #expect(ax == (try a.multiply(x)))
        var aty = [Double](repeating: 42, count: 7)
        try a.transposeMultiply(y, into: &aty)
        #expect(aty == (try a.transposeMultiply(y)))
    }

    @Test("products reject wrong lengths")
    func productMismatch() throws {
        let a = try SparseMatrix(rows: 3, columns: 4, triplets: Self.triplets)
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "sparse A x: length of x (must equal the columns of A)", expected: 4, actual: 3)) {
            try a.multiply([1, 2, 3])
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "sparse A x: length of the output (must equal the rows of A)", expected: 3, actual: 4)) {
            var out = [Double](repeating: 0, count: 4)
            try a.multiply([1, 2, 3, 4], into: &out)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "sparse Aᵀ y: length of y (must equal the rows of A)", expected: 3, actual: 4)) {
            try a.transposeMultiply([1, 2, 3, 4])
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch(
            what: "sparse Aᵀ y: length of the output (must equal the columns of A)", expected: 4, actual: 3)) {
            var out = [Double](repeating: 0, count: 3)
            try a.transposeMultiply([1, 2, 3], into: &out)
        }
    }
}
