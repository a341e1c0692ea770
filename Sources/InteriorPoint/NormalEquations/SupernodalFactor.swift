import LinearAlgebra

/// Left-looking supernodal Cholesky L Lᵀ = P (A Θ Aᵀ + δ I) Pᵀ over the symbolic analysis of
/// ``SparseCholeskyAnalysis`` (CHOLMOD), with the pivot rule of ``DenseNormalEquations``: a pivot at most
/// `PivotReplacingCholesky.pivotTolerance`·Mₖₖ (or not positive) becomes a huge pivot, so a dependent row gets
/// Δyᵢ ≈ 0 instead of a breakdown — in one pass, which CHOLMOD's own numeric factorization
/// (it stops at the first non-positive pivot) cannot do.
///
/// First the runs of columns of A with nearly the same rows (``CompressedPanels``) are added
/// into L's blocks, one product per run, each entry at an offset found once at set-up. Then for
/// each supernode s in order: add the other columns' part of its columns of A Θ Aᵀ + δ I (from
/// √θ-scaled columns of A, never forming the product); subtract the update L_d L_dᵀ of every earlier
/// supernode d whose pattern meets s's columns (`dsyrk`/`dgemm`, scattered through a row map);
/// factor the panel: blocked Cholesky of the diagonal block with pivot replacement, `dtrsm`
/// for the rows below. The descendants of s are found with CHOLMOD's linked lists: after
/// updating s, d is moved to the list of the supernode holding its next row.
///
/// A class over raw buffers (no exclusivity checks or bounds checks in the loops);
/// ``SparseNormalEquations`` copies it on write.
final class SupernodalFactor {
    let structure: SupernodalStructure
    private(set) var replacedPivots = 0
    /// True once a factorization has succeeded (`solve` needs one).
    private(set) var isFactored = false

    static let blockSize = 96

    // The pattern of A (kept to make copies, and for the groups' panels); each entry's permuted
    // row (for the diagonal); the columns no group takes ("others", in increasing order) in a
    // compact copy re-sorted by permuted row (entry q of other column c: permuted row
    // sortedRow[q], value sortedScaled[q] = scaled[source[q]], the column's entries
    // otherStart[c] ..< otherStart[c + 1]), and those entries by rows, for assembly: row i's
    // entries are the sorted positions rowEntry[rowPointer[i] ..< rowPointer[i + 1]], in other
    // columns entryColumn[…]. The entries of a column below row i are then the q after its own:
    // no test, half the work.
    private let patternStart: [Int], patternRows: [Int]
    private let permutedRow: UnsafeMutablePointer<Int32>
    private let otherEntries: Int
    private let otherStart: UnsafeMutablePointer<Int>
    private let sortedRow: UnsafeMutablePointer<Int32>
    private let source: UnsafeMutablePointer<Int>
    private let sortedScaled: UnsafeMutablePointer<Double>
    private let rowPointer: UnsafeMutablePointer<Int>
    private let rowEntry: UnsafeMutablePointer<Int>
    private let entryColumn: UnsafeMutablePointer<Int>
    // The structure of L, as raw buffers for the loops.
    private let firstColumn: UnsafeMutablePointer<Int>
    private let rowStart: UnsafeMutablePointer<Int>
    private let valueStart: UnsafeMutablePointer<Int>
    private let rows: UnsafeMutablePointer<Int32>
    private let supernodeOf: UnsafeMutablePointer<Int32>
    private let permutation: UnsafeMutablePointer<Int>
    /// L, supernode by supernode (column-major blocks at valueStart[s]).
    private let values: UnsafeMutablePointer<Double>
    /// Mₖₖ in the permuted order, for the pivot test.
    private let diagonal: UnsafeMutablePointer<Double>
    // Workspaces: row → position in the current supernode; descendant lists (head, next) and
    // each supernode's next unused row; the update block C and its relative row map.
    private let map: UnsafeMutablePointer<Int32>
    private let head: UnsafeMutablePointer<Int32>
    private let next: UnsafeMutablePointer<Int32>
    private let position: UnsafeMutablePointer<Int>
    private let update: UnsafeMutablePointer<Double>
    private let relative: UnsafeMutablePointer<Int32>
    /// The runs of columns assembled by `dsyrk`, and for each one the entries of its product G
    /// that lie in L's pattern: (index in G, offset in `values`); the others are exactly zero.
    private var panels: CompressedPanels
    private let groupTargets: [[(product: Int32, value: Int)]]
    private let tallest: Int
    private var allocations: [UnsafeMutableRawPointer] = []

    private let dimension: Int, supernodeCount: Int

    /// `panels`: the runs of similar columns of the pattern (`columnStart`, `rowIndex`).
    init(structure: SupernodalStructure, columnStart patternStart: [Int], rowIndex patternRows: [Int], panels: CompressedPanels) {
        self.structure = structure
        self.patternStart = patternStart
        self.patternRows = patternRows
        let m = structure.dimension, entries = patternRows.count
        dimension = m
        supernodeCount = structure.supernodeCount
        var owned: [UnsafeMutableRawPointer] = []
        func allocate<T>(_ count: Int) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            owned.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        let others = panels.others
        var otherEntries = 0
        for j in others { otherEntries += patternStart[j + 1] - patternStart[j] }
        self.otherEntries = otherEntries
        let permutedRow: UnsafeMutablePointer<Int32> = allocate(entries), otherStart: UnsafeMutablePointer<Int> = allocate(others.count + 1)
        let sortedRow: UnsafeMutablePointer<Int32> = allocate(otherEntries), source: UnsafeMutablePointer<Int> = allocate(otherEntries)
        let rowPointer: UnsafeMutablePointer<Int> = allocate(m + 1), rowEntry: UnsafeMutablePointer<Int> = allocate(otherEntries)
        let entryColumn: UnsafeMutablePointer<Int> = allocate(otherEntries)
        let scratch = UnsafeMutablePointer<Int>.allocate(capacity: 2 * (m + 1) + otherEntries + others.count)
        defer { scratch.deallocate() }
        structure.inversePermutation.withUnsafeBufferPointer { inverse in
            patternStart.withUnsafeBufferPointer { start in
                patternRows.withUnsafeBufferPointer { row in
                    for p in 0..<entries { permutedRow[p] = Int32(inverse[row[p]]) }
                    Self.sortOthers(others, start: start, permutedRow: permutedRow, rows: m, scratch: scratch,
                                    otherStart: otherStart, sortedRow: sortedRow, source: source)
                    // The compact entries by original row: rowPointer, rowEntry (position q), entryColumn (c).
                    let fill = scratch
                    rowPointer.initialize(repeating: 0, count: m + 1)
                    for q in 0..<otherEntries { rowPointer[row[source[q]] + 1] += 1 }
                    for i in 0..<m { rowPointer[i + 1] += rowPointer[i] }
                    fill.update(from: rowPointer, count: m)
                    for c in 0..<others.count {
                        for q in otherStart[c]..<otherStart[c + 1] {
                            let i = row[source[q]]
                            rowEntry[fill[i]] = q
                            entryColumn[fill[i]] = c
                            fill[i] += 1
                        }
                    }
                }
            }
        }
        (self.permutedRow, self.otherStart, self.sortedRow, self.source) = (permutedRow, otherStart, sortedRow, source)
        (self.rowPointer, self.rowEntry, self.entryColumn) = (rowPointer, rowEntry, entryColumn)
        var tallest = 0
        for s in 0..<structure.supernodeCount { tallest = max(tallest, structure.rowStart[s + 1] - structure.rowStart[s]) }
        self.tallest = tallest
        func buffer<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(array.count, 1))
            pointer.initialize(from: array, count: array.count)
            owned.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        func filled<T>(_ value: T, count: Int) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            pointer.initialize(repeating: value, count: count)
            owned.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        // Written before they are read (`factor` writes every supernode's block before its
        // updates, every scaled value, every update entry it scatters): no pass over pages
        // that the first factorization touches anyway.
        func workspace(_ count: Int) -> UnsafeMutablePointer<Double> {
            let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
            owned.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        sortedScaled = workspace(otherEntries)
        firstColumn = buffer(structure.firstColumn)
        rowStart = buffer(structure.rowStart)
        valueStart = buffer(structure.valueStart)
        rows = buffer(structure.rows)
        supernodeOf = buffer(structure.supernodeOf)
        permutation = buffer(structure.permutation)
        values = workspace(structure.valueCount)
        diagonal = filled(0.0, count: m)
        map = filled(Int32(-1), count: m)
        head = filled(Int32(-1), count: structure.supernodeCount)
        next = filled(Int32(-1), count: structure.supernodeCount)
        position = filled(0, count: structure.supernodeCount)
        update = workspace(structure.largestUpdate)
        relative = filled(Int32(0), count: tallest)
        allocations = owned
        self.panels = panels
        let map = self.map
        groupTargets = panels.groups.map { Self.targets(of: $0, in: structure, map: map) }   // `assemble` writes map before reading it
    }

    /// The columns `others` of the pattern (`start`, entries' `permutedRow`) in a compact copy,
    /// each column's entries in increasing permuted row, in linear time: the entries are bucketed
    /// by permuted row, then dealt out to their columns in increasing row order. Writes
    /// `otherStart` (others.count + 1), `sortedRow` and `source` (the original entry);
    /// `scratch` holds 2(m + 1) + entries + others.count.
    private static func sortOthers(_ others: [Int], start: UnsafeBufferPointer<Int>, permutedRow: UnsafePointer<Int32>,
                                   rows m: Int, scratch: UnsafeMutablePointer<Int>, otherStart: UnsafeMutablePointer<Int>,
                                   sortedRow: UnsafeMutablePointer<Int32>, source: UnsafeMutablePointer<Int>) {
        otherStart[0] = 0
        for (c, j) in others.enumerated() { otherStart[c + 1] = otherStart[c] + start[j + 1] - start[j] }
        let entries = otherStart[others.count]
        let bucketStart = scratch, bucketFill = scratch + m + 1, byRow = bucketFill + m + 1, columnFill = byRow + entries
        bucketStart.initialize(repeating: 0, count: m + 1)
        for j in others { for p in start[j]..<start[j + 1] { bucketStart[Int(permutedRow[p]) + 1] += 1 } }
        for k in 0..<m { bucketStart[k + 1] += bucketStart[k] }
        bucketFill.update(from: bucketStart, count: m + 1)
        for (c, j) in others.enumerated() {                                  // byRow holds (entry, other column) as p·n + c
            for p in start[j]..<start[j + 1] {
                let k = Int(permutedRow[p])
                byRow[bucketFill[k]] = p * others.count + c
                bucketFill[k] += 1
            }
        }
        columnFill.update(from: otherStart, count: others.count)
        for k in 0..<m {
            for b in bucketStart[k]..<bucketStart[k + 1] {
                let (p, c) = byRow[b].quotientAndRemainder(dividingBy: others.count)
                let q = columnFill[c]
                columnFill[c] += 1
                sortedRow[q] = Int32(k)
                source[q] = p
            }
        }
    }

    /// The entries of a group's product G (lower triangle, column-major r × r) that lie in L's
    /// pattern, with their offsets in L's values: entry (a, b) of the permuted matrix, a ≥ b, is
    /// in column b's supernode at a's place among its rows. The group's rows are taken in
    /// permuted order, so that consecutive columns share a supernode, whose rows' places `map`
    /// (m entries, all −1, and again on return) holds meanwhile.
    private static func targets(of group: CompressedPanels.Group, in structure: SupernodalStructure,
                                map: UnsafeMutablePointer<Int32>) -> [(product: Int32, value: Int)] {
        let r = group.rows.count, permuted = group.rows.map { structure.inversePermutation[$0] }
        let order = (0..<r).sorted { permuted[$0] < permuted[$1] }
        var targets: [(product: Int32, value: Int)] = []
        targets.reserveCapacity(r * (r + 1) / 2)
        structure.rows.withUnsafeBufferPointer { rows in
            structure.rowStart.withUnsafeBufferPointer { rowStart in
                var current = -1
                func clear() { if current >= 0 { for t in rowStart[current]..<rowStart[current + 1] { map[Int(rows[t])] = -1 } } }
                for (place, b) in order.enumerated() {
                    let column = permuted[b], s = Int(structure.supernodeOf[column])
                    if s != current {
                        clear()
                        current = s
                        for t in rowStart[s]..<rowStart[s + 1] { map[Int(rows[t])] = Int32(t - rowStart[s]) }
                    }
                    let height = rowStart[s + 1] - rowStart[s]
                    let columnOffset = structure.valueStart[s] + (column - structure.firstColumn[s]) * height
                    for a in order[place...] {
                        let slot = Int(map[permuted[a]])
                        guard slot >= 0 else { continue }                               // not in L: G's entry is 0
                        targets.append((Int32(min(a, b) * r + max(a, b)), columnOffset + slot))
                    }
                }
                clear()
            }
        }
        return targets
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }      // trivial element types: nothing to deinitialize
    }

    /// An independent copy (same structure, same numeric factor).
    func copy() -> SupernodalFactor {
        let twin = SupernodalFactor(structure: structure, columnStart: patternStart, rowIndex: patternRows, panels: panels)
        if isFactored { twin.values.update(from: values, count: structure.valueCount) }   // else some were never written
        twin.diagonal.update(from: diagonal, count: dimension)
        twin.replacedPivots = replacedPivots
        twin.isFactored = isFactored
        return twin
    }

    /// Factors A Θ Aᵀ + δ I, with `scaled` the values of A times √θⱼ (column by column).
    /// False if a pivot is not finite.
    func factor(scaled: UnsafePointer<Double>, delta: Double) -> Bool {
        let m = dimension
        isFactored = false
        guard m > 0 else { isFactored = true; return true }
        for k in 0..<m { diagonal[k] = delta }
        for p in 0..<patternRows.count {
            let value = scaled[p]
            diagonal[Int(permutedRow[p])] += value * value                  // Mₖₖ = δ + Σⱼ θⱼ aₖⱼ²
        }
        for q in 0..<otherEntries { sortedScaled[q] = scaled[source[q]] }
        for s in 0..<supernodeCount { head[s] = -1 }
        values.update(repeating: 0, count: structure.valueCount)
        let values = values, groupTargets = groupTargets
        patternStart.withUnsafeBufferPointer { start in
            panels.formProducts(values: scaled, columnStart: start.baseAddress!, theta: nil) { g, product in
                for target in groupTargets[g] { values[target.value] += product[Int(target.product)] }
            }
        }
        var replaced = 0
        for s in 0..<supernodeCount {
            assemble(s, delta: delta)
            applyUpdates(to: s)
            guard factorPanel(s, replaced: &replaced) else { replacedPivots = replaced; return false }
            link(s)
        }
        replacedPivots = replaced
        isFactored = true
        return true
    }

    /// rhs ← (A Θ Aᵀ + δ I)⁻¹ rhs from the last factorization: L v = P r, Lᵀ w = v, x = Pᵀ w.
    func solve(_ rhs: UnsafeMutablePointer<Double>) {
        let m = dimension
        guard m > 0 else { return }
        let x = UnsafeMutablePointer<Double>.allocate(capacity: m + tallest)
        defer { x.deallocate() }
        let t = x + m
        for k in 0..<m { x[k] = rhs[permutation[k]] }
        for s in 0..<supernodeCount { forward(s, x, t) }
        for s in stride(from: supernodeCount - 1, through: 0, by: -1) { backward(s, x, t) }
        for k in 0..<m { rhs[permutation[k]] = x[k] }
    }

    /// min over k of L_kk² / M_kk (the pivot over the diagonal before elimination) in the last
    /// factorization: how much of each row cancelled; 1 for a diagonal M.
    var smallestPivotRatio: Double {
        var smallest = Double.infinity
        for s in 0..<supernodeCount {
            let k1 = firstColumn[s], height = rowStart[s + 1] - rowStart[s], block = values + valueStart[s]
            for c in 0..<(firstColumn[s + 1] - k1) {
                let root = block[c * height + c]
                smallest = min(smallest, root * root / diagonal[k1 + c])                        // d_k / M_kk
            }
        }
        return smallest
    }

    // MARK: Factorization steps

    /// Adds to supernode s its columns of δ I and of the ungrouped columns' part of A Θ Aᵀ (lower
    /// part, rows in s's pattern).
    private func assemble(_ s: Int, delta: Double) {
        let k1 = firstColumn[s], columns = firstColumn[s + 1] - k1
        let psi = rowStart[s], height = rowStart[s + 1] - psi
        let block = values + valueStart[s]
        for r in 0..<height { map[Int(rows[psi + r])] = Int32(r) }
        for c in 0..<columns {
            let k = k1 + c, i = permutation[k]
            let column = block + c * height
            column[c] += delta
            for e in rowPointer[i]..<rowPointer[i + 1] {                     // M[k…, k] += θⱼ aₖⱼ aⱼ[k…]
                let own = rowEntry[e], weight = sortedScaled[own], end = otherStart[entryColumn[e] + 1]
                for q in own..<end { column[Int(map[Int(sortedRow[q])])] += weight * sortedScaled[q] }
            }
        }
    }

    /// Subtracts from supernode s the updates L_d L_dᵀ of the descendants listed at head[s].
    private func applyUpdates(to s: Int) {
        let k1 = firstColumn[s], k2 = firstColumn[s + 1]
        let height = rowStart[s + 1] - rowStart[s]
        let block = values + valueStart[s]
        var d = Int(head[s])
        while d >= 0 {
            let following = Int(next[d])
            let dColumns = firstColumn[d + 1] - firstColumn[d]
            let dStart = rowStart[d], dHeight = rowStart[d + 1] - dStart
            let first = dStart + position[d]                                  // d's first row inside s
            let rowsLeft = rowStart[d + 1] - first                            // C is rowsLeft × inside
            var inside = 0
            while inside < rowsLeft && Int(rows[first + inside]) < k2 { inside += 1 }
            let source = values + valueStart[d] + position[d]                 // rows `first…`, lda dHeight
            let c = update
            if rowsLeft * inside * dColumns <= 512 {                          // small: plain loops
                for j in 0..<inside {
                    for i in j..<rowsLeft {
                        var sum = 0.0
                        for p in 0..<dColumns { sum += source[p * dHeight + i] * source[p * dHeight + j] }
                        c[j * rowsLeft + i] = sum
                    }
                }
            } else {
                BLAS.syrk(triangle: .lower, n: inside, k: dColumns, alpha: 1, a: source, lda: dHeight,
                          beta: 0, c: c, ldc: rowsLeft)
                if rowsLeft > inside {
                    BLAS.gemm(transposeB: true, m: rowsLeft - inside, n: inside, k: dColumns,
                              a: source + inside, lda: dHeight, b: source, ldb: dHeight, beta: 0, c: c + inside, ldc: rowsLeft)
                }
            }
            for r in 0..<rowsLeft { relative[r] = map[Int(rows[first + r])] }
            for j in 0..<inside {                                             // scatter: s −= C
                let target = block + (Int(rows[first + j]) - k1) * height
                let cj = c + j * rowsLeft
                for i in j..<rowsLeft { target[Int(relative[i])] -= cj[i] }
            }
            position[d] += inside
            if position[d] < dHeight {                                        // on to d's next ancestor
                let t = Int(supernodeOf[Int(rows[dStart + position[d]])])
                next[d] = head[t]
                head[t] = Int32(d)
            }
            d = following
        }
    }

    /// After s is factored, lists it at the supernode of its first row below the diagonal block.
    private func link(_ s: Int) {
        let columns = firstColumn[s + 1] - firstColumn[s]
        let psi = rowStart[s], height = rowStart[s + 1] - psi
        position[s] = columns
        if height > columns {
            let t = Int(supernodeOf[Int(rows[psi + columns])])
            next[s] = head[t]
            head[t] = Int32(s)
        }
    }

    /// Blocked Cholesky of supernode s's panel (height × columns, its first `columns` rows the
    /// diagonal block) with pivot replacement; false if a pivot is not finite.
    private func factorPanel(_ s: Int, replaced: inout Int) -> Bool {
        let k1 = firstColumn[s], columns = firstColumn[s + 1] - k1
        let height = rowStart[s + 1] - rowStart[s]
        let a = values + valueStart[s], lda = height
        var k = 0
        while k < columns {
            let kb = min(Self.blockSize, columns - k)
            guard PivotReplacingCholesky.factorBlock(a, leadingDimension: height, start: k, size: kb,
                                                     diagonal: diagonal + k1, replaced: &replaced) else { return false }
            let below = height - k - kb, trailing = columns - k - kb
            if below > 0 {                                                    // P ← P L_kk⁻ᵀ
                if below * kb <= 64 {
                    for j in k..<(k + kb) {
                        let column = a + j * height, root = column[j]
                        for i in (k + kb)..<height {
                            var value = column[i]
                            for p in k..<j { value -= a[p * height + i] * a[p * height + j] }
                            column[i] = value / root
                        }
                    }
                } else {
                    BLAS.trsmRightLowerTransposed(m: below, n: kb, l: a + k * height + k, lda: lda,
                                                  b: a + k * height + k + kb, ldb: lda)
                }
            }
            if trailing > 0 {                                                 // T ← T − P Pᵀ (columns of s only)
                BLAS.syrk(triangle: .lower, n: trailing, k: kb, alpha: -1, a: a + k * height + k + kb, lda: lda,
                          beta: 1, c: a + (k + kb) * height + k + kb, ldc: lda)
                if height > columns {
                    BLAS.gemm(transposeB: true, m: height - columns, n: trailing, k: kb, alpha: -1,
                              a: a + k * height + columns, lda: lda, b: a + k * height + k + kb, ldb: lda,
                              beta: 1, c: a + (k + kb) * height + columns, ldc: lda)
                }
            }
            k += kb
        }
        return true
    }

    // MARK: Triangular solves

    /// x[s's columns] ← L₁₁⁻¹ x[…]; x[rows below] −= L₂₁ x[s's columns].
    private func forward(_ s: Int, _ x: UnsafeMutablePointer<Double>, _ t: UnsafeMutablePointer<Double>) {
        let k1 = firstColumn[s], columns = firstColumn[s + 1] - k1
        let psi = rowStart[s], height = rowStart[s + 1] - psi
        let a = values + valueStart[s], xs = x + k1, below = height - columns
        if columns >= 16 {
            BLAS.trsvLower(n: columns, l: a, lda: height, x: xs)
        } else {
            for c in 0..<columns {
                let column = a + c * height
                let value = xs[c] / column[c]
                xs[c] = value
                for r in (c + 1)..<columns { xs[r] -= column[r] * value }
            }
        }
        guard below > 0 else { return }
        if below * columns >= 256 {
            BLAS.gemv(m: below, n: columns, alpha: 1, a: a + columns, lda: height, x: xs, beta: 0, y: t)
            for r in 0..<below { x[Int(rows[psi + columns + r])] -= t[r] }
        } else {
            for c in 0..<columns {
                let value = xs[c]
                if value == 0 { continue }
                let column = a + c * height
                for r in columns..<height { x[Int(rows[psi + r])] -= column[r] * value }
            }
        }
    }

    /// x[s's columns] −= L₂₁ᵀ x[rows below]; x[s's columns] ← L₁₁⁻ᵀ x[…].
    private func backward(_ s: Int, _ x: UnsafeMutablePointer<Double>, _ t: UnsafeMutablePointer<Double>) {
        let k1 = firstColumn[s], columns = firstColumn[s + 1] - k1
        let psi = rowStart[s], height = rowStart[s + 1] - psi
        let a = values + valueStart[s], xs = x + k1, below = height - columns
        if below > 0 {
            if below * columns >= 256 {
                for r in 0..<below { t[r] = x[Int(rows[psi + columns + r])] }
                BLAS.gemv(transpose: true, m: below, n: columns, alpha: -1, a: a + columns, lda: height,
                          x: t, beta: 1, y: xs)
            } else {
                for c in 0..<columns {
                    let column = a + c * height
                    var sum = 0.0
                    for r in columns..<height { sum += column[r] * x[Int(rows[psi + r])] }
                    xs[c] -= sum
                }
            }
        }
        if columns >= 16 {
            BLAS.trsvLower(transpose: true, n: columns, l: a, lda: height, x: xs)
        } else {
            for c in stride(from: columns - 1, through: 0, by: -1) {
                let column = a + c * height
                var value = xs[c]
                for r in (c + 1)..<columns { value -= column[r] * xs[r] }
                xs[c] = value / column[c]
            }
        }
    }
}
