import LinearAlgebra

/// Groups of columns of A whose row patterns overlap, each assembled into A Θ Aᵀ through a
/// compressed dense panel: the group's k columns, times √θⱼ, over only the r rows any of them
/// meets, whose product G = P Pᵀ (r × r) is added into M at those rows. The rows of one layer of
/// a network encoding all meet the same inputs and neighbouring units: in the column space
/// (``ColumnSpaceNormalEquations``) the 96 rows of a 48-unit max-gate layer share 146 columns.
///
/// Of those r rows, the ones most of the group's columns meet (the dense rows, r_D) form the
/// panel of one `dsyrk`; a row met by fewer than half of them — each unit's own variable, met by
/// its two gates — adds its products with the dense rows as one `axpy` of its column's panel
/// column (these rows come first, so that stretch of G is contiguous) and with the other such
/// rows of its column one by one. On the dispatch LP's layers (65 rows, 64 columns) 33 rows are
/// dense and 32 met twice: a 33² · 64 `dsyrk` and 64 `axpy`s of 33 instead of a 65² · 64 `dsyrk`.
///
/// Used by the dense normal equations and by the supernodal factor (``SupernodalFactor``), which
/// adds G into L's blocks. A dense M takes a group whose dense rows form at most two runs of
/// consecutive rows (a layer's gates in A; the inputs and the previous layer's units in the
/// column space's B) without G: `dsyrk`s and a `dgemm` straight into its blocks, the few-met
/// rows' `axpy`s along its columns and rows. Scattering G into M had cost 6 % of the column
/// space's time on the 16×8 encoding at d = 10 (5.67 → 5.24 ms at d = 50; 2.36 → 2.23 ms for
/// the dense row space of 16×4 at d = 50).
///
/// Consecutive columns form a group while each shares at least ``similarity`` of its pattern
/// with the group's first column (Jaccard index); a group is kept when its predicted cost
/// (``groupFlops(rows:denseRows:columns:scalarProducts:)``) is below what its columns cost
/// alone (m² each in the full-height panel, or 10·nnz² scattered, whichever is less); the
/// columns no group takes are ``others``. Nothing is allocated by `accumulate`.
struct CompressedPanels {
    struct Group {
        let columns: [Int]
        /// The rows the group's columns meet: first the r_S rows few of them meet, then the r_D
        /// dense ones, each part increasing (so a sparse row's products with the dense rows fill
        /// a contiguous stretch of its column of G).
        let rows: [Int]
        /// For each entry of each column, in storage order: its row's position in `rows`.
        let slots: [Int]
        /// The number r_S of rows few columns meet: the dense rows are `rows[sparseCount...]`.
        let sparseCount: Int
        /// For each entry, in storage order: its row's position among the dense rows, or −1.
        let panelSlots: [Int]
        /// The dense rows as runs of consecutive rows (first row, position among the dense rows,
        /// length) when there are at most ``maximumRuns`` of them — a layer's rows, all rows, or
        /// the inputs and the previous layer's units: a dense target then takes the panel's
        /// product straight into its blocks, without G. Empty otherwise.
        let denseRuns: [(start: Int, slot: Int, count: Int)]
        /// The positions in `rows` of the dense rows.
        var denseSlots: Range<Int> { sparseCount..<rows.count }
    }

    let groups: [Group]
    /// Columns left to the full-height panel or to scattering.
    let others: [Int]
    /// The predicted cost of the groups (flops at BLAS-3 rate).
    let groupFlops: Double
    /// Column-major r_D × k for the group at hand: column c holds √θⱼ aⱼ at the group's dense
    /// rows (one buffer for all groups, zeroed for each: r_D·k stores against the r_D²k flops of
    /// its product).
    private var panel: [Double]
    /// r × r scratch for G, r the largest group's row count, and r_D × r_D for the panel's product.
    private var product: [Double]
    private var denseProduct: [Double]

    /// The cost of one column alone: m² in the full-height panel or 10·nnz² scattered.
    static func aloneFlops(entries: Int, rows m: Int) -> Double {
        min(Double(m) * Double(m), 10 * Double(entries) * Double(entries))
    }

    /// The Jaccard index of a column's rows with the group's first column's rows needed to join:
    /// the rows (or units) of one layer share all but their own entries, those of the next
    /// layer about half.
    static let similarity = 0.8

    /// r_D²k for the `dsyrk`, 10r² for adding G into M at scattered places, 10 per scalar product
    /// (of an entry of a row that is not dense with another entry of its column), and
    /// ``callFlops``.
    static func groupFlops(rows r: Int, denseRows: Int, columns k: Int, scalarProducts: Int) -> Double {
        Double(denseRows) * Double(denseRows) * Double(k) + 10 * Double(r) * Double(r) + 10 * Double(scalarProducts) + callFlops
    }
    /// A group whose dense rows form at most this many runs of consecutive rows is added into a
    /// dense target directly (a `dsyrk` per run and a `dgemm` per pair of runs).
    static let maximumRuns = 2
    /// The fixed cost of a group (a `dsyrk` call, filling and scattering its panel), in flops:
    /// about a microsecond, so that pairs of 2-entry columns stay scattered.
    static let callFlops = 2000.0

    /// Groups the columns of `a` (its values are not read).
    init(pattern a: SparseMatrix) {
        (groups, others, groupFlops) = Self.grouping(of: a)
        panel = [Double](repeating: 0, count: groups.map { $0.denseSlots.count * $0.columns.count }.max() ?? 0)
        let widest = groups.map(\.rows.count).max() ?? 0, widestDense = groups.map(\.denseSlots.count).max() ?? 0
        product = [Double](repeating: 0, count: widest * widest)
        denseProduct = [Double](repeating: 0, count: widestDense * widestDense)
    }

    /// The groups of `a`'s columns, the columns left over, and the groups' predicted cost —
    /// without the panels' storage (for a cost prediction alone).
    static func grouping(of a: SparseMatrix) -> (groups: [Group], others: [Int], flops: Double) {
        grouping(rows: a.rows, columnStart: a.columnStart, rowIndex: a.rowIndex)
    }

    private static func grouping(rows m: Int, columnStart: [Int], rowIndex: [Int])
        -> (groups: [Group], others: [Int], flops: Double) {
        var groups: [Group] = [], others: [Int] = [], flops = 0.0
        var current: [Int] = [], groupRows: [Int] = []
        // Tags per row: the run that last met it (inGroup), the run whose first column meets it
        // (inFirst); the row's slot in the run being closed (position).
        let inGroup = UnsafeMutablePointer<Int>.allocate(capacity: 3 * max(m, 1))
        defer { inGroup.deallocate() }
        let inFirst = inGroup + m, position = inFirst + m
        inGroup.initialize(repeating: -1, count: 3 * m)
        columnStart.withUnsafeBufferPointer { starts in
            rowIndex.withUnsafeBufferPointer { rowIndex in
                var tag = 0, firstCount = 0, aloneCost = 0.0
                for j in 0..<(starts.count - 1) {
                    let entries = starts[j]..<starts[j + 1]
                    var shared = 0
                    for p in entries where inFirst[rowIndex[p]] == tag { shared += 1 }
                    let similarity = Double(shared) / Double(max(firstCount + entries.count - shared, 1))   // Jaccard, against the first column
                    if !current.isEmpty, similarity < Self.similarity {
                        keep(close(current, rows: groupRows, aloneCost: aloneCost, starts: starts, rowIndex: rowIndex, position: position),
                             of: current, groups: &groups, others: &others, flops: &flops)
                        current.removeAll(keepingCapacity: true)
                        groupRows.removeAll(keepingCapacity: true)
                        aloneCost = 0
                        tag += 1
                    }
                    if current.isEmpty {
                        for p in entries { inFirst[rowIndex[p]] = tag }
                        firstCount = entries.count
                    }
                    for p in entries where inGroup[rowIndex[p]] != tag {
                        inGroup[rowIndex[p]] = tag
                        groupRows.append(rowIndex[p])
                    }
                    current.append(j)
                    aloneCost += Self.aloneFlops(entries: entries.count, rows: m)
                }
                keep(close(current, rows: groupRows, aloneCost: aloneCost, starts: starts, rowIndex: rowIndex, position: position),
                     of: current, groups: &groups, others: &others, flops: &flops)
            }
        }
        return (groups, others, flops)
    }

    /// Records a closed run: its group and cost, or its columns among the others.
    private static func keep(_ closed: (group: Group, flops: Double)?, of columns: [Int], groups: inout [Group],
                             others: inout [Int], flops: inout Double) {
        if let closed {
            groups.append(closed.group)
            flops += closed.flops
        } else {
            others += columns
        }
    }

    /// The run of `columns` (meeting `rows`) as a group with its cost, or nil when it does not pay
    /// (``groupFlops(rows:columns:)`` against `aloneCost`). `position` is −1 on every row, and is
    /// again on return.
    private static func close(_ columns: [Int], rows groupRows: [Int], aloneCost: Double, starts: UnsafeBufferPointer<Int>,
                              rowIndex: UnsafeBufferPointer<Int>, position: UnsafeMutablePointer<Int>) -> (group: Group, flops: Double)? {
        guard columns.count >= 2 else { return nil }
        let sorted = groupRows.sorted(), r = sorted.count, k = columns.count
        for (slot, row) in sorted.enumerated() { position[row] = slot }
        var met = [Int](repeating: 0, count: r)                        // columns meeting each row
        for j in columns { for p in starts[j]..<starts[j + 1] { met[position[rowIndex[p]]] += 1 } }
        let isDense = met.map { 2 * $0 >= k }
        let rows = sorted.indices.filter { !isDense[$0] }.map { sorted[$0] } + sorted.indices.filter { isDense[$0] }.map { sorted[$0] }
        let sparseCount = isDense.count { !$0 }
        for (slot, row) in rows.enumerated() { position[row] = slot }
        var slots = [Int](repeating: 0, count: starts[columns.last! + 1] - starts[columns[0]])
        var entry = 0, scalarProducts = 0
        for j in columns {
            let count = starts[j + 1] - starts[j]
            for p in starts[j]..<starts[j + 1] {
                slots[entry] = position[rowIndex[p]]
                if slots[entry] < sparseCount { scalarProducts += count }
                entry += 1
            }
        }
        for row in rows { position[row] = -1 }
        let cost = Self.groupFlops(rows: r, denseRows: r - sparseCount, columns: k, scalarProducts: scalarProducts)
        guard cost < aloneCost else { return nil }
        var runs: [(start: Int, slot: Int, count: Int)] = []
        for (slot, row) in rows[sparseCount...].enumerated() {
            if let last = runs.last, last.start + last.count == row { runs[runs.count - 1].count += 1 } else { runs.append((row, slot, 1)) }
        }
        return (Group(columns: columns, rows: rows, slots: slots, sparseCount: sparseCount,
                      panelSlots: slots.map { $0 >= sparseCount ? $0 - sparseCount : -1 },
                      denseRuns: runs.count <= Self.maximumRuns ? runs : []), cost)
    }

    /// Adds Σ over the groups' columns of θⱼ aⱼ aⱼᵀ to the lower triangle of the column-major
    /// m × m matrix `matrix`: a group whose dense rows form few runs straight into it
    /// (``addDirectly(_:values:columnStart:theta:into:dimension:)``), the others through G.
    mutating func accumulate(_ a: SparseMatrix, theta: [Double], into matrix: inout [Double], dimension m: Int) {
        guard !groups.isEmpty else { return }
        let groups = groups
        matrix.withUnsafeMutableBufferPointer { target in
            a.values.withUnsafeBufferPointer { values in
                a.columnStart.withUnsafeBufferPointer { starts in
                    let t = target.baseAddress!
                    for g in groups.indices where !groups[g].denseRuns.isEmpty {
                        addDirectly(g, values: values.baseAddress!, columnStart: starts.baseAddress!, theta: theta, into: t, dimension: m)
                    }
                    formProducts(values: values.baseAddress!, columnStart: starts.baseAddress!, theta: theta,
                                 including: { groups[$0].denseRuns.isEmpty }) { g, product in
                        let group = groups[g], r = group.rows.count
                        for b in 0..<r {
                            let source = product + b * r, j = group.rows[b]
                            for s in b..<r {                                            // M[max, min] += G_sb (rows not in order)
                                let i = group.rows[s]
                                if i >= j { t[j * m + i] += source[s] } else { t[i * m + j] += source[s] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Group g's Σ θⱼ aⱼ aⱼᵀ added to the m × m lower triangle at `t`, its dense rows being
    /// runs of consecutive rows: the panel's product by a `dsyrk` into M's diagonal block of each
    /// run and a `dgemm` into the block of each pair of runs; each few-met row's products with a
    /// run as one `axpy` (along a column of M when the row comes before the run, along a row
    /// after it), and those among few-met rows one by one.
    private mutating func addDirectly(_ g: Int, values: UnsafePointer<Double>, columnStart: UnsafePointer<Int>, theta: [Double],
                                      into t: UnsafeMutablePointer<Double>, dimension m: Int) {
        let group = groups[g], k = group.columns.count, rd = group.denseSlots.count, runs = group.denseRuns
        panel.withUnsafeMutableBufferPointer { panel in
            let p = panel.baseAddress!
            Self.fill(p, group: group, values: values, columnStart: columnStart, theta: theta)
            for (x, run) in runs.enumerated() {
                BLAS.syrk(triangle: .lower, n: run.count, k: k, alpha: 1, a: p + run.slot, lda: rd, beta: 1,
                          c: t + run.start * m + run.start, ldc: m)                      // M[R, R] += P_R P_Rᵀ
                for later in runs[(x + 1)...] {
                    BLAS.gemm(transposeB: true, m: later.count, n: run.count, k: k, a: p + later.slot, lda: rd,
                              b: p + run.slot, ldb: rd, beta: 1, c: t + run.start * m + later.start, ldc: m)   // M[R', R] += P_R' P_Rᵀ
                }
            }
            guard group.sparseCount > 0 else { return }
            var entry = 0
            for (c, j) in group.columns.enumerated() {
                let factor = theta[j].squareRoot(), begin = columnStart[j], count = columnStart[j + 1] - begin
                for a in 0..<count where group.panelSlots[entry + a] < 0 {
                    let i = group.rows[group.slots[entry + a]], va = factor * values[begin + a]
                    for run in runs {
                        let column = p + c * rd + run.slot
                        if i < run.start {
                            let target = t + i * m + run.start                          // M[R, i] += va · P_c, down a column of M
                            for x in 0..<run.count { target[x] += va * column[x] }
                        } else {
                            let target = t + run.start * m + i                          // M[i, R] += va · P_c, along a row of M
                            for x in 0..<run.count { target[x * m] += va * column[x] }
                        }
                    }
                    for b in a..<count where group.panelSlots[entry + b] < 0 {          // M[max, min] += va · vb, both few-met
                        let other = group.rows[group.slots[entry + b]], product = va * factor * values[begin + b]
                        t[min(i, other) * m + max(i, other)] += product
                    }
                }
                entry += count
            }
        }
    }

    /// For each group g: G = P Pᵀ for its columns j, their entries `values[p]` times √θⱼ (times 1
    /// when `theta` is nil) — the dense rows' part by `dsyrk` on the panel, the other rows'
    /// products by an `axpy` each (and scalar ones among themselves) — and `add(g, G)` with G column-major r × r, its lower triangle
    /// set. Nothing is allocated.
    mutating func formProducts(values: UnsafePointer<Double>, columnStart: UnsafePointer<Int>, theta: [Double]?,
                               including: (Int) -> Bool = { _ in true }, add: (Int, UnsafePointer<Double>) -> Void) {
        for g in groups.indices where including(g) {
            let group = groups[g], r = group.rows.count, k = group.columns.count, rd = group.denseSlots.count
            panel.withUnsafeMutableBufferPointer { panel in
                product.withUnsafeMutableBufferPointer { product in
                    denseProduct.withUnsafeMutableBufferPointer { denseProduct in
                        let p = panel.baseAddress!, gr = product.baseAddress!, gd = denseProduct.baseAddress!
                        Self.fill(p, group: group, values: values, columnStart: columnStart, theta: theta)
                        var entry = 0
                        let full = rd == r                                              // all rows dense: G is the panel's product
                        if rd > 0 {
                            BLAS.syrk(triangle: .lower, n: rd, k: k, alpha: 1, a: p, lda: rd, beta: 0, c: full ? gr : gd, ldc: rd)
                        }
                        if !full {
                            let rs = group.sparseCount
                            for b in 0..<r { (gr + b * r + b).update(repeating: 0, count: r - b) }
                            for y in 0..<rd {                                           // G[dense x, dense y] = P_x · P_y
                                (gr + (rs + y) * r + rs + y).update(from: gd + y * rd + y, count: rd - y)
                            }
                            entry = 0
                            for (c, j) in group.columns.enumerated() {                  // a row met by few: its products in its column
                                let factor = theta?[j].squareRoot() ?? 1, start = columnStart[j], count = columnStart[j + 1] - start
                                for a in 0..<count where group.panelSlots[entry + a] < 0 {
                                    let sa = group.slots[entry + a], va = factor * values[start + a]
                                    let target = gr + sa * r + rs, column = p + c * rd   // G[dense, sa] += va · P_c (contiguous)
                                    for x in 0..<rd { target[x] += va * column[x] }
                                    for b in a..<count where group.panelSlots[entry + b] < 0 {   // G[max, min] += va · vb, both few-met
                                        let sb = group.slots[entry + b]
                                        gr[min(sa, sb) * r + max(sa, sb)] += va * factor * values[start + b]
                                    }
                                }
                                entry += count
                            }
                        }
                        add(g, gr)
                    }
                }
            }
        }
    }

    /// The group's panel P (r_D × k, column-major) at `p`: column c holds √θⱼ aⱼ (aⱼ when
    /// `theta` is nil) at the dense rows, zeros elsewhere.
    private static func fill(_ p: UnsafeMutablePointer<Double>, group: Group, values: UnsafePointer<Double>,
                             columnStart: UnsafePointer<Int>, theta: [Double]?) {
        let rd = group.denseSlots.count
        p.update(repeating: 0, count: rd * group.columns.count)
        var entry = 0
        for (c, j) in group.columns.enumerated() {
            let column = p + c * rd, factor = theta?[j].squareRoot() ?? 1
            for q in columnStart[j]..<columnStart[j + 1] {
                let slot = group.panelSlots[entry]
                if slot >= 0 { column[slot] = factor * values[q] }                      // P_sc = √θⱼ a_ij, s the dense slot of row i
                entry += 1
            }
        }
    }
}
