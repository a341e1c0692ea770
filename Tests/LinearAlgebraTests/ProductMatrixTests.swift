import LinearAlgebra
import TestSupport
import Testing

@Suite("ProductMatrix")
struct ProductMatrixTests {
    /// A `rows × columns` matrix whose column j has about `fill[j % fill.count]`·rows nonzeros.
    func mixedSparse(rows: Int, columns: Int, fill: [Double], using rng: inout SplitMix64) throws -> SparseMatrix {
        var triplets: [(row: Int, column: Int, value: Double)] = []
        for j in 0..<columns {
            for i in 0..<rows where Double.random(in: 0..<1, using: &rng) < fill[j % fill.count] {
                triplets.append((i, j, Double.random(in: -2...2, using: &rng)))
            }
        }
        return try SparseMatrix(rows: rows, columns: columns, triplets: triplets)
    }

    /// |A| |x| from the dense matrix.
    func magnitudes(_ a: Matrix, _ x: [Double]) -> [Double] {
        (0..<a.rows).map { i in (0..<a.columns).reduce(0.0) { $0 + abs(a[i, $1] * x[$1]) } }
    }

    @Test("products with dense and sparse columns match the dense products", arguments: [
        [0.9, 0.05, 0.3, 0.0],                // dense, sparse, just dense, empty columns
        [0.05, 0.1],                          // no dense column: the sparse loops alone
        [1.0],                                // every column dense
    ])
    func products(fill: [Double]) throws {
        var rng = SplitMix64(seed: 17)
        let a = try mixedSparse(rows: 40, columns: 23, fill: fill, using: &rng)
        let product = ProductMatrix(a, withMagnitudes: true)
        let expectedDense = (0..<a.columns).filter { Double(a.columnStart[$0 + 1] - a.columnStart[$0]) >= 0.25 * 40 }
        #expect(product.denseColumns == expectedDense)
        let dense = a.dense()
        let x = randomVector(23, using: &rng), y = randomVector(40, using: &rng), w = randomVector(40, using: &rng)

        var ax = [Double](repeating: .nan, count: 40), z = [Double](repeating: .nan, count: 40)
        product.multiply(x, writingTo: &ax)
        #expect(maxDifference(ax, naiveProduct(dense, x)) < 1e-13)
        ax = [Double](repeating: .nan, count: 40)
        product.multiply(x, writingTo: &ax, magnitudesTo: &z)
        #expect(maxDifference(ax, naiveProduct(dense, x)) < 1e-13)
        #expect(maxDifference(z, magnitudes(dense, x)) < 1e-13)

        var aty = [Double](repeating: .nan, count: 23), atw = [Double](repeating: .nan, count: 23)
        product.transposeMultiply(y, writingTo: &aty)
        #expect(maxDifference(aty, naiveProduct(dense.transposed(), y)) < 1e-13)
        aty = [Double](repeating: .nan, count: 23)
        product.transposeMultiply(y, writingTo: &aty, w, writingTo: &atw)
        #expect(maxDifference(aty, naiveProduct(dense.transposed(), y)) < 1e-13)
        #expect(maxDifference(atw, naiveProduct(dense.transposed(), w)) < 1e-13)
    }

    @Test("a matrix without rows or columns multiplies to empty or zero vectors")
    func empty() throws {
        let noRows = ProductMatrix(try SparseMatrix(rows: 0, columns: 3, triplets: []))
        var x = [1.0, 2, 3], y: [Double] = []
        noRows.multiply(x, writingTo: &y)
        noRows.transposeMultiply(y, writingTo: &x)
        #expect(x == [0, 0, 0])
        let noColumns = ProductMatrix(try SparseMatrix(rows: 2, columns: 0, triplets: []))
        var out = [Double.nan, .nan]
        noColumns.multiply([], writingTo: &out)
        #expect(out == [0, 0])
    }

    @Test("columns(_:) copies the selected columns in the given order")
    func columnSelection() throws {
        var rng = SplitMix64(seed: 5)
        let a = try mixedSparse(rows: 7, columns: 6, fill: [0.5, 0.2], using: &rng)
        let picked = a.columns([4, 0, 4, 2])
        #expect(picked.rows == 7 && picked.columns == 4)
        let full = a.dense(), part = picked.dense()
        for (k, j) in [4, 0, 4, 2].enumerated() {
            for i in 0..<7 { #expect(part[i, k] == full[i, j]) }
        }
        let entries: [Int] = [4, 0, 4, 2].map { a.columnStart[$0 + 1] - a.columnStart[$0] }
        #expect(picked.nonzeroCount == entries.reduce(0, +))
    }
}
