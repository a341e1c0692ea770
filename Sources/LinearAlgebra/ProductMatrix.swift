/// A sparse matrix prepared for many products A x and Aᵀ y: its columns with at least
/// ``denseFraction`` of their entries nonzero are also kept as one dense column-major block,
/// multiplied by BLAS `dgemv`; the other columns stay sparse.
///
/// A sparse product costs about 0.5 ns per stored entry on this machine kind (an indexed load
/// per entry), a dense one about 0.1 ns per entry (`dgemv`, one thread), so a column that is at
/// least a quarter full is faster dense. The network encodings' input columns meet every row of
/// every layer: a third to a half of the max-gate LPs' structural entries are nonzero. The block
/// is kept while it holds at most ``maximumDenseEntries`` values. Nothing is allocated by the
/// products beyond a temporary buffer of one value per dense column.
public struct ProductMatrix: Sendable {
    /// The matrix, whole.
    public let matrix: SparseMatrix
    /// The columns held in the dense block, increasing.
    public let denseColumns: [Int]
    /// The columns multiplied from their sparse entries, increasing.
    private let sparseColumns: [Int]
    /// Column-major rows × denseColumns.count: column k is column denseColumns[k] of A; and the
    /// same with |aᵢⱼ| when made `withMagnitudes` (for |A| |x|), else empty.
    private let block: [Double]
    private let absoluteBlock: [Double]

    /// A column with at least this fraction of its entries nonzero goes into the dense block.
    public static let denseFraction = 0.25
    /// The largest dense block kept (16 MB, and as much again for its magnitudes).
    public static let maximumDenseEntries = 1 << 21

    /// `withMagnitudes`: also keep |A_D| for ``multiply(_:writingTo:magnitudesTo:)``.
    public init(_ a: SparseMatrix, withMagnitudes: Bool = false) {
        matrix = a
        let m = a.rows, starts = a.columnStart
        let dense = (0..<a.columns).filter { j in m > 0 && Double(starts[j + 1] - starts[j]) >= Self.denseFraction * Double(m) }
        guard !dense.isEmpty, dense.count * m <= Self.maximumDenseEntries else {
            denseColumns = []
            sparseColumns = Array(0..<a.columns)
            block = []
            absoluteBlock = []
            return
        }
        var isDense = [Bool](repeating: false, count: a.columns)
        for j in dense { isDense[j] = true }
        denseColumns = dense
        sparseColumns = (0..<a.columns).filter { !isDense[$0] }
        var block = [Double](repeating: 0, count: m * dense.count)
        for (k, j) in dense.enumerated() {
            for p in starts[j]..<starts[j + 1] { block[k * m + a.rowIndex[p]] = a.values[p] }
        }
        self.block = block
        absoluteBlock = withMagnitudes ? block.map(abs) : []
    }

    /// y ← A x over caller-provided buffers (`x` holds `columns` entries, `y` `rows`). Unchecked.
    public func multiply(_ x: UnsafePointer<Double>, writingTo y: UnsafeMutablePointer<Double>) {
        denseProduct(x, block, writingTo: y)                                                   // y = A_D x_D
        sparseColumns.withUnsafeBufferPointer { matrix.multiply(adding: $0, x, to: y) }          // y += Σ_{j sparse} aⱼ xⱼ
    }

    /// y ← A x and z ← |A| |x| (Σⱼ |aᵢⱼ xⱼ| per row) over caller-provided buffers of `rows`
    /// entries. Unchecked.
    /// - Precondition: made `withMagnitudes` (or without dense columns).
    public func multiply(_ x: UnsafePointer<Double>, writingTo y: UnsafeMutablePointer<Double>,
                         magnitudesTo z: UnsafeMutablePointer<Double>) {
        precondition(denseColumns.isEmpty || !absoluteBlock.isEmpty, "|A| |x| needs a ProductMatrix made withMagnitudes")
        denseProduct(x, block, writingTo: y)
        denseProduct(x, absoluteBlock, absolute: true, writingTo: z)                           // z = |A_D| |x_D|
        sparseColumns.withUnsafeBufferPointer { matrix.multiply(adding: $0, x, to: y, magnitudesTo: z) }
    }

    /// x ← Aᵀ y over caller-provided buffers (`y` holds `rows` entries, `x` `columns`). Unchecked.
    public func transposeMultiply(_ y: UnsafePointer<Double>, writingTo x: UnsafeMutablePointer<Double>) {
        sparseColumns.withUnsafeBufferPointer { matrix.transposeMultiply(columns: $0, y, writingTo: x) }
        denseTransposeProduct(y, writingTo: x)
    }

    /// x ← Aᵀ y and z ← Aᵀ w together (the sparse columns in one pass for both). Unchecked.
    public func transposeMultiply(_ y: UnsafePointer<Double>, writingTo x: UnsafeMutablePointer<Double>,
                                  _ w: UnsafePointer<Double>, writingTo z: UnsafeMutablePointer<Double>) {
        sparseColumns.withUnsafeBufferPointer { matrix.transposeMultiply(columns: $0, y, writingTo: x, w, writingTo: z) }
        denseTransposeProduct(y, writingTo: x)
        denseTransposeProduct(w, writingTo: z)
    }

    /// y ← B x_D for the dense block B (`block` or `absoluteBlock`, then with |x_D|); y ← 0
    /// without dense columns.
    private func denseProduct(_ x: UnsafePointer<Double>, _ block: [Double], absolute: Bool = false,
                              writingTo y: UnsafeMutablePointer<Double>) {
        let m = matrix.rows, d = denseColumns.count
        guard d > 0 else { y.update(repeating: 0, count: m); return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: d) { gathered in
            for k in 0..<d { gathered[k] = absolute ? abs(x[denseColumns[k]]) : x[denseColumns[k]] }
            block.withUnsafeBufferPointer { b in
                BLAS.gemv(m: m, n: d, alpha: 1, a: b.baseAddress!, lda: m, x: gathered.baseAddress!, beta: 0, y: y)
            }
        }
    }

    /// x_D ← A_Dᵀ y (the entries of the dense columns of `x`).
    private func denseTransposeProduct(_ y: UnsafePointer<Double>, writingTo x: UnsafeMutablePointer<Double>) {
        let m = matrix.rows, d = denseColumns.count
        guard d > 0 else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: d) { products in
            block.withUnsafeBufferPointer { b in
                BLAS.gemv(transpose: true, m: m, n: d, alpha: 1, a: b.baseAddress!, lda: m, x: y, beta: 0, y: products.baseAddress!)
            }
            for k in 0..<d { x[denseColumns[k]] = products[k] }
        }
    }
}
