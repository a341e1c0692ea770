import Foundation
import LinearAlgebra
import TestSupport
import Testing
@testable import InteriorPoint

/// SparseNormalEquations (CHOLMOD) against DenseNormalEquations on seeded random sparse A:
/// full rank, rank deficient (duplicated, scaled and summed rows), with a dense column, and
/// with Θ spread over 1e-10 … 1e10.
@Suite struct SparseNormalEquationsTests {
    /// A StandardForm with only A filled in (the normal equations read nothing else).
    static func form(rows m: Int, columns: [[(row: Int, value: Double)]]) -> StandardForm {
        var columnStart = [0], rowIndex: [Int] = [], values: [Double] = []
        for entries in columns {
            for e in entries.sorted(by: { $0.row < $1.row }) {
                rowIndex.append(e.row)
                values.append(e.value)
            }
            columnStart.append(rowIndex.count)
        }
        let n = columns.count
        let matrix = try! SparseMatrix(rows: m, columns: n, columnStart: columnStart, rowIndex: rowIndex, values: values)
        return StandardForm(matrix: matrix, b: [Double](repeating: 0, count: m), c: [Double](repeating: 0, count: n),
                            lower: [Double](repeating: 0, count: n), upper: [Double](repeating: .infinity, count: n),
                            columnOrigin: Array(0..<n), rowOrigin: Array(0..<m), objectiveSign: 1, constantTerm: 0)
    }

    /// Random sparse m × n A with about `density`·m entries per column, every row and column
    /// non-empty; `dependent` extra rows copy, scale or add earlier rows; `denseColumns`
    /// columns with every row filled.
    static func randomForm(seed: UInt64, rows m: Int, columns n: Int, density: Double,
                           dependent: Int = 0, denseColumns: Int = 0) -> StandardForm {
        var g = SplitMix64(seed: seed)
        let independent = m - dependent
        var rowsOfA = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
        for j in 0..<n {
            let dense = j < denseColumns
            for i in 0..<independent where dense || Double.random(in: 0..<1, using: &g) < density {
                rowsOfA[i][j] = Double.random(in: -2...2, using: &g)
            }
            if !dense { rowsOfA[Int.random(in: 0..<independent, using: &g)][j] = Double.random(in: 0.5...2, using: &g) }
        }
        for i in 0..<independent { rowsOfA[i][(i * 7) % n] = Double.random(in: 1...3, using: &g) }
        for d in 0..<dependent {                                  // row = copy, multiple or sum
            let i = independent + d, a = Int.random(in: 0..<independent, using: &g), b = Int.random(in: 0..<independent, using: &g)
            switch d % 3 {
            case 0: rowsOfA[i] = rowsOfA[a]
            case 1: rowsOfA[i] = rowsOfA[a].map { -3 * $0 }
            default: rowsOfA[i] = zip(rowsOfA[a], rowsOfA[b]).map { $0 + 0.5 * $1 }
            }
        }
        var perm = Array(0..<m)                                   // scatter the dependent rows
        perm.shuffle(using: &g)
        var columns = [[(row: Int, value: Double)]](repeating: [], count: n)
        for i in 0..<m { for j in 0..<n where rowsOfA[i][j] != 0 { columns[j].append((perm[i], rowsOfA[i][j])) } }
        return form(rows: m, columns: columns)
    }

    /// Θ log-uniform in 10^lo … 10^hi.
    static func theta(seed: UInt64, count n: Int, exponents: ClosedRange<Double>) -> [Double] {
        var g = SplitMix64(seed: seed)
        return (0..<n).map { _ in pow(10, Double.random(in: exponents, using: &g)) }
    }

    /// M v = A Θ Aᵀ v.
    static func normalProduct(_ form: StandardForm, theta: [Double], _ v: [Double]) -> [Double] {
        var t = [Double](repeating: 0, count: form.columnCount)
        form.matrix.transposeMultiply(v, writingTo: &t)
        for j in t.indices { t[j] *= theta[j] }
        var out = [Double](repeating: 0, count: form.rowCount)
        form.matrix.multiply(t, writingTo: &out)
        return out
    }

    static func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        let scale = b.map(abs).max() ?? 0
        return zip(a, b).map { abs($0 - $1) }.max().map { $0 / max(scale, .leastNormalMagnitude) } ?? 0
    }

    /// ‖Θ^½ Aᵀ (x − reference)‖ / ‖Θ^½ Aᵀ reference‖: the error that reaches Δx, and the one a
    /// Cholesky solve bounds when Θ spans many orders of magnitude (componentwise y need not
    /// agree then: both backends are backward stable, but A Θ Aᵀ is ill-conditioned).
    static func energyDifference(_ form: StandardForm, theta: [Double], _ x: [Double], _ reference: [Double]) -> Double {
        var difference = [Double](repeating: 0, count: form.columnCount), base = difference
        form.matrix.transposeMultiply(zip(x, reference).map { $0 - $1 }, writingTo: &difference)
        form.matrix.transposeMultiply(reference, writingTo: &base)
        let numerator = zip(difference, theta).map { $0 * $0 * $1 }.reduce(0, +)
        let denominator = zip(base, theta).map { $0 * $0 * $1 }.reduce(0, +)
        return (numerator / denominator).squareRoot()
    }

    /// Both backends factored with the same Θ and δ, and their solutions of M x = r for
    /// r = A Θ Aᵀ v (consistent, so Aᵀx is unique even when M is singular).
    struct Comparison {
        var sparse: [Double], dense: [Double], v: [Double], r: [Double]
        var sparseReplaced: Int, denseReplaced: Int
    }

    static func compare(_ form: StandardForm, theta: [Double], seed: UInt64, sparse: inout SparseNormalEquations,
                        regularization: Double = 0) -> Comparison {
        var dense = DenseNormalEquations(pattern: form)
        let denseDelta = dense.factor(form, theta: theta, regularization: regularization)
        let sparseDelta = sparse.factor(form, theta: theta, regularization: regularization)
        #expect(denseDelta == regularization && sparseDelta == regularization)
        var g = SplitMix64(seed: seed)
        let v = (0..<form.rowCount).map { _ in Double.random(in: -1...1, using: &g) }
        let r = normalProduct(form, theta: theta, v)
        var xd = r, xs = r
        dense.solve(&xd)
        sparse.solve(&xs)
        return Comparison(sparse: xs, dense: xd, v: v, r: r, sparseReplaced: sparse.replacedPivots,
                          denseReplaced: dense.replacedPivots)
    }

    /// max |M x − r| / max |r|.
    static func residual(_ form: StandardForm, theta: [Double], _ x: [Double], _ r: [Double]) -> Double {
        relativeDifference(normalProduct(form, theta: theta, x), r)
    }

    // MARK: Tests

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func fullRankMatchesDense(seed: UInt64) throws {
        let form = Self.randomForm(seed: seed, rows: 80, columns: 200, density: 0.04)
        var sparse = SparseNormalEquations(pattern: form)
        #expect(sparse.factorNonzeros > 0 && sparse.factorFlops > 0)
        let theta = Self.theta(seed: seed + 100, count: form.columnCount, exponents: -1...1)
        let result = Self.compare(form, theta: theta, seed: seed, sparse: &sparse)
        #expect(result.sparseReplaced == 0 && result.denseReplaced == 0)
        #expect(Self.relativeDifference(result.sparse, result.dense) < 1e-9)
        #expect(Self.relativeDifference(result.sparse, result.v) < 1e-9)
    }

    /// Θ from 1e-10 to 1e10 on full-rank, rank-deficient and dense-column A, refactoring one
    /// value again and again (as the interior point does).
    @Test(arguments: [(0, 0), (6, 0), (0, 1), (5, 2)])
    func wideThetaMatchesDense(dependent: Int, denseColumns: Int) throws {
        for seed in UInt64(1)...4 {
            let form = Self.randomForm(seed: seed, rows: 90, columns: 220, density: 0.04, dependent: dependent,
                                       denseColumns: denseColumns)
            var sparse = SparseNormalEquations(pattern: form)
            for (k, exponents) in [(-1.0)...1, -10...10, -5...5, 0...0, -10...10, -10...(-9)].enumerated() {
                let theta = Self.theta(seed: seed * 10 + UInt64(k), count: form.columnCount, exponents: exponents)
                let result = Self.compare(form, theta: theta, seed: seed + UInt64(k), sparse: &sparse)
                #expect(Self.energyDifference(form, theta: theta, result.sparse, result.dense) < 1e-9,
                        "seed \(seed), Θ in 10^\(exponents)")
                #expect(Self.energyDifference(form, theta: theta, result.sparse, result.v) < 1e-9)
                #expect(Self.residual(form, theta: theta, result.sparse, result.r) < 1e-12)
            }
        }
    }

    /// Copied, scaled and summed rows: the same number of pivots replaced as the dense backend,
    /// the dependent rows' Δy ≈ 0, and the same Aᵀx.
    @Test(arguments: [UInt64(11), 12, 13, 14, 15])
    func dependentRowsAreReplacedLikeDense(seed: UInt64) throws {
        let dependent = 7
        let form = Self.randomForm(seed: seed, rows: 70, columns: 160, density: 0.05, dependent: dependent)
        var sparse = SparseNormalEquations(pattern: form)
        for exponents in [(-1.0)...1, -6...6] {
            let theta = Self.theta(seed: seed, count: form.columnCount, exponents: exponents)
            let result = Self.compare(form, theta: theta, seed: seed, sparse: &sparse)
            #expect(result.sparseReplaced == dependent && result.denseReplaced == dependent)
            #expect(result.sparse.filter { abs($0) < 1e-40 }.count == dependent)
            var sparseATx = [Double](repeating: 0, count: form.columnCount), denseATx = sparseATx
            form.matrix.transposeMultiply(result.sparse, writingTo: &sparseATx)
            form.matrix.transposeMultiply(result.dense, writingTo: &denseATx)
            #expect(Self.relativeDifference(sparseATx, denseATx) < 1e-9)
            #expect(Self.residual(form, theta: theta, result.sparse, result.r) < 1e-12)
        }
    }

    /// A dense column makes L a full triangle: one supernode of m columns, factored in blocks.
    @Test func denseColumnGivesAFullTriangle() throws {
        let form = Self.randomForm(seed: 21, rows: 300, columns: 500, density: 0.01, denseColumns: 1)
        var sparse = SparseNormalEquations(pattern: form)
        #expect(sparse.factorNonzeros == Double(300 * 301 / 2))
        let theta = Self.theta(seed: 22, count: form.columnCount, exponents: -3...3)
        let result = Self.compare(form, theta: theta, seed: 23, sparse: &sparse)
        #expect(Self.energyDifference(form, theta: theta, result.sparse, result.dense) < 1e-9)
        #expect(Self.residual(form, theta: theta, result.sparse, result.r) < 1e-12)
    }

    /// Larger and denser: big supernodes, so the BLAS paths (updates, panels, solves) run.
    @Test func largerProblemMatchesDense() throws {
        let form = Self.randomForm(seed: 31, rows: 500, columns: 1200, density: 0.012, dependent: 10)
        var sparse = SparseNormalEquations(pattern: form)
        for (k, exponents) in [(-2.0)...2, -10...10].enumerated() {
            let theta = Self.theta(seed: 32 + UInt64(k), count: form.columnCount, exponents: exponents)
            let result = Self.compare(form, theta: theta, seed: 33, sparse: &sparse)
            #expect(result.sparseReplaced == 10)
            #expect(Self.energyDifference(form, theta: theta, result.sparse, result.dense) < 1e-9)
            #expect(Self.residual(form, theta: theta, result.sparse, result.r) < 1e-12)
        }
    }

    /// The node–arc incidence matrix of a 30 × 30 grid: many supernodes of every size (nested
    /// dissection-like fill), and rank m − 1 (the rows sum to zero), so one pivot is replaced.
    @Test func gridIncidenceMatrixMatchesDense() throws {
        let side = 30, m = side * side
        var columns = [[(row: Int, value: Double)]]()
        for r in 0..<side {
            for c in 0..<side {
                let node = r * side + c
                if c + 1 < side { columns.append([(node, 1), (node + 1, -1)]) }
                if r + 1 < side { columns.append([(node, 1), (node + side, -1)]) }
            }
        }
        let form = Self.form(rows: m, columns: columns)
        var sparse = SparseNormalEquations(pattern: form)
        #expect(sparse.factorFlops < Double(m * m * m) / 3 / 20)
        for (k, exponents) in [(0.0)...0, -8...8].enumerated() {
            let theta = Self.theta(seed: 81 + UInt64(k), count: form.columnCount, exponents: exponents)
            let result = Self.compare(form, theta: theta, seed: 82, sparse: &sparse)
            if k == 0 { #expect(result.sparseReplaced == 1 && result.denseReplaced == 1) }   // with wide Θ, rounding
            #expect(Self.energyDifference(form, theta: theta, result.sparse, result.dense) < 1e-9)  // may leave the last
            #expect(Self.residual(form, theta: theta, result.sparse, result.r) < 1e-12)             // pivot above the tolerance
        }
    }

    /// With δ > 0 the matrix is definite: both solve A Θ Aᵀ + δ I, nothing is replaced.
    @Test func regularizationIsAddedToTheDiagonal() throws {
        let form = Self.randomForm(seed: 41, rows: 60, columns: 150, density: 0.05, dependent: 4)
        var sparse = SparseNormalEquations(pattern: form)
        let theta = Self.theta(seed: 42, count: form.columnCount, exponents: -1...1)
        let result = Self.compare(form, theta: theta, seed: 43, sparse: &sparse, regularization: 1e-4)
        #expect(result.sparseReplaced == 0 && result.denseReplaced == 0)
        #expect(Self.relativeDifference(result.sparse, result.dense) < 1e-9)
        var shifted = Self.normalProduct(form, theta: theta, result.sparse)          // (M + δI) x = r
        for i in shifted.indices { shifted[i] += 1e-4 * result.sparse[i] }
        #expect(Self.relativeDifference(shifted, result.r) < 1e-12)
    }

    /// An empty row has Mᵢᵢ = δ = 0: its pivot is replaced, as in the dense backend.
    @Test func emptyRowIsReplaced() throws {
        var columns = [[(row: Int, value: Double)]]()
        for j in 0..<8 { columns.append([(j % 4, 1.0 + Double(j)), ((j + 1) % 4, -1.0)]) }   // row 4 empty
        let form = Self.form(rows: 5, columns: columns)
        var sparse = SparseNormalEquations(pattern: form)
        let theta = [Double](repeating: 1, count: 8)
        let result = Self.compare(form, theta: theta, seed: 51, sparse: &sparse)
        #expect(result.sparseReplaced == 1 && result.denseReplaced == 1)
        #expect(Self.relativeDifference(result.sparse, result.dense) < 1e-12)
    }

    @Test func badThetaFailsAndEmptyProblemSucceeds() {
        let form = Self.randomForm(seed: 61, rows: 20, columns: 40, density: 0.1)
        var sparse = SparseNormalEquations(pattern: form)
        for bad in [Double.nan, -1, .infinity] {
            var theta = [Double](repeating: 1, count: form.columnCount)
            theta[7] = bad
            #expect(sparse.factor(form, theta: theta, regularization: 0) == nil)
        }
        let empty = Self.form(rows: 0, columns: [[], []])
        var none = SparseNormalEquations(pattern: empty)
        #expect(none.factor(empty, theta: [1, 1], regularization: 1e-8) == 1e-8)
        var nothing: [Double] = []
        none.solve(&nothing)
        #expect(nothing.isEmpty)
    }

    /// A copy keeps the factorization it was made with (copy on write).
    @Test func copiesAreIndependent() throws {
        let form = Self.randomForm(seed: 71, rows: 40, columns: 90, density: 0.08)
        var sparse = SparseNormalEquations(pattern: form)
        let first = Self.theta(seed: 72, count: form.columnCount, exponents: -2...2)
        #expect(sparse.factor(form, theta: first, regularization: 0) == 0)
        let copy = sparse
        let second = Self.theta(seed: 73, count: form.columnCount, exponents: -2...2)
        #expect(sparse.factor(form, theta: second, regularization: 0) == 0)
        var g = SplitMix64(seed: 74)
        let v = (0..<form.rowCount).map { _ in Double.random(in: -1...1, using: &g) }
        var x = Self.normalProduct(form, theta: first, v)
        copy.solve(&x)
        #expect(Self.relativeDifference(x, v) < 1e-9)
    }
}
