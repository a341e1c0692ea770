import LinearAlgebra

/// ``NormalEquations`` with a dense m × m matrix and a blocked Cholesky factorization over BLAS
/// (right-looking, as LAPACK's `dpotrf`: `dtrsm` panels and `dsyrk` trailing updates), whose
/// diagonal blocks replace the pivots of dependent rows (``PivotReplacingCholesky``).
///
/// The lower triangle is accumulated from the sparse columns of A, never from a dense copy:
/// M += θⱼ aⱼ aⱼᵀ costs Σⱼ nnz(aⱼ)² per iteration.
struct DenseNormalEquations: NormalEquations {
    let dimension: Int
    /// Column-major m × m; after `factor`, its lower triangle holds the Cholesky factor L.
    private var matrix: [Double]
    private var diagonal: [Double]
    /// Pivots that were replaced in the last factorization (dependent rows).
    private(set) var replacedPivots = 0

    static let blockSize = 96

    init(dimension: Int) {
        self.dimension = dimension
        matrix = [Double](repeating: 0, count: dimension * dimension)
        diagonal = [Double](repeating: 0, count: dimension)
    }

    mutating func factor(_ form: StandardForm, theta: [Double], regularization: Double) -> Double? {
        let m = dimension
        guard m > 0 else { return regularization }
        var replaced = 0
        let finite = matrix.withUnsafeMutableBufferPointer { buffer -> Bool in
            let a = buffer.baseAddress!
            Self.accumulate(form, theta: theta, delta: regularization, dimension: m, into: a)
            for k in 0..<m { diagonal[k] = a[k * m + k] }
            return diagonal.withUnsafeBufferPointer { d in Self.cholesky(a, dimension: m, diagonal: d.baseAddress!, replaced: &replaced) }
        }
        replacedPivots = replaced
        return finite ? regularization : nil
    }

    func solve(_ rhs: inout [Double]) {
        let m = dimension
        guard m > 0 else { return }
        matrix.withUnsafeBufferPointer { factor in
            rhs.withUnsafeMutableBufferPointer { b in
                BLAS.trsvLower(n: m, l: factor.baseAddress!, lda: m, x: b.baseAddress!)                    // L v = r
                BLAS.trsvLower(transpose: true, n: m, l: factor.baseAddress!, lda: m, x: b.baseAddress!)   // Lᵀ x = v
            }
        }
    }

    /// Lower triangle of M = A Θ Aᵀ + δ I, column-major.
    private static func accumulate(_ form: StandardForm, theta: [Double], delta: Double, dimension m: Int,
                                   into a: UnsafeMutablePointer<Double>) {
        for k in 0..<m {                                     // zero the lower triangle
            (a + k * m + k).update(repeating: 0, count: m - k)
        }
        let sparse = form.matrix
        sparse.rowIndex.withUnsafeBufferPointer { rows in
            sparse.values.withUnsafeBufferPointer { values in
                for j in 0..<form.columnCount {
                    let t = theta[j], start = sparse.columnStart[j], end = sparse.columnStart[j + 1]
                    for p in start..<end {
                        let column = a + rows[p] * m
                        let scaled = t * values[p]
                        for q in p..<end { column[rows[q]] += scaled * values[q] }   // M[r_q, r_p] += θ a_p a_q
                    }
                }
            }
        }
        for k in 0..<m { a[k * m + k] += delta }
    }

    /// In-place blocked Cholesky M = L Lᵀ of the lower triangle; false if a non-finite value appears.
    private static func cholesky(_ a: UnsafeMutablePointer<Double>, dimension m: Int,
                                 diagonal: UnsafePointer<Double>, replaced: inout Int) -> Bool {
        var k = 0
        while k < m {
            let kb = min(blockSize, m - k)
            guard PivotReplacingCholesky.factorBlock(a, leadingDimension: m, start: k, size: kb, diagonal: diagonal,
                                                     replaced: &replaced) else {
                return false
            }
            let rest = m - k - kb
            if rest > 0 {
                let block = a + k * m + k, panel = a + k * m + k + kb, trailing = a + (k + kb) * m + k + kb
                BLAS.trsmRightLowerTransposed(m: rest, n: kb, l: block, lda: m, b: panel, ldb: m)   // P ← P L_kk⁻ᵀ
                BLAS.syrk(triangle: .lower, n: rest, k: kb, alpha: -1, a: panel, lda: m,
                          beta: 1, c: trailing, ldc: m)                                     // T ← T − P Pᵀ
            }
            k += kb
        }
        return true
    }
}
