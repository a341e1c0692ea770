import LinearAlgebra

/// Groups of columns of A whose row patterns overlap, each assembled into A Θ Aᵀ by one
/// `dsyrk` on a compressed dense panel: the group's k columns, times √θⱼ, over only the r rows
/// any of them meets (r × k), whose product G = P Pᵀ (r × r) is added into M at those rows.
/// The rows of one layer of a network encoding all meet the same inputs and neighbouring
/// units: in the column space (``ColumnSpaceNormalEquations``) the 96 rows of a 48-unit max-gate
/// layer share 146 columns, one 146² · 96 `dsyrk` instead of a full 242² · 96 one.
///
/// Used by the dense normal equations and by the supernodal factor (``SupernodalFactor``), which
/// adds G into L's blocks.
///
/// Consecutive columns form a group while each shares at least ``similarity`` of its pattern
/// with the group's first column (Jaccard index); a group is kept when its predicted cost —
/// r²k flops of `dsyrk` plus 10r² for adding G into M at scattered places, plus ``callFlops`` —
/// is below what its columns cost alone (m² each in the full-height panel, or 10·nnz²
/// scattered, whichever is less); the columns no group takes are ``others``. Nothing is
/// allocated by `accumulate`.
struct CompressedPanels {
    struct Group {
        let columns: [Int]
        /// The rows the group's columns meet, increasing (so G's lower triangle lands in M's).
        let rows: [Int]
        /// For each entry of each column, in storage order: its row's position in `rows`.
        let slots: [Int]
    }

    let groups: [Group]
    /// Columns left to the full-height panel or to scattering.
    let others: [Int]
    /// The predicted cost of the groups (flops at BLAS-3 rate).
    let groupFlops: Double
    /// Column-major r × k per group: column c holds √θⱼ aⱼ at the group's rows; its zeros never change.
    private var panels: [[Double]]
    /// r × r scratch for G, r the largest group's row count.
    private var product: [Double]

    /// The cost of one column alone: m² in the full-height panel or 10·nnz² scattered.
    static func aloneFlops(entries: Int, rows m: Int) -> Double {
        min(Double(m) * Double(m), 10 * Double(entries) * Double(entries))
    }

    /// The Jaccard index of a column's rows with the group's first column's rows needed to join:
    /// the rows (or units) of one layer share all but their own entries, those of the next
    /// layer about half.
    static let similarity = 0.8

    /// r²k + 10r² + ``callFlops``.
    static func groupFlops(rows r: Int, columns k: Int) -> Double { Double(r) * Double(r) * Double(k + 10) + callFlops }
    /// The fixed cost of a group (a `dsyrk` call, filling and scattering its panel), in flops:
    /// about a microsecond, so that pairs of 2-entry columns stay scattered.
    static let callFlops = 2000.0

    init(pattern a: SparseMatrix) {
        self.init(rows: a.rows, columnStart: a.columnStart, rowIndex: a.rowIndex)
    }

    /// Groups the columns of the pattern (`columnStart`, `rowIndex`) of a matrix with `rows` rows.
    init(rows: Int, columnStart: [Int], rowIndex: [Int]) {
        (groups, others, groupFlops) = Self.grouping(rows: rows, columnStart: columnStart, rowIndex: rowIndex)
        panels = groups.map { [Double](repeating: 0, count: $0.rows.count * $0.columns.count) }
        let widest = groups.map(\.rows.count).max() ?? 0
        product = [Double](repeating: 0, count: widest * widest)
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
                        if let group = close(current, rows: groupRows, aloneCost: aloneCost, starts: starts, rowIndex: rowIndex,
                                             position: position) {
                            groups.append(group.group)
                            flops += group.flops
                        } else {
                            others += current
                        }
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
                if let group = close(current, rows: groupRows, aloneCost: aloneCost, starts: starts, rowIndex: rowIndex,
                                     position: position) {
                    groups.append(group.group)
                    flops += group.flops
                } else {
                    others += current
                }
            }
        }
        return (groups, others, flops)
    }

    /// The run of `columns` (meeting `rows`) as a group with its cost, or nil when it does not pay
    /// (``groupFlops(rows:columns:)`` against `aloneCost`). `position` is −1 on every row, and is
    /// again on return.
    private static func close(_ columns: [Int], rows groupRows: [Int], aloneCost: Double, starts: UnsafeBufferPointer<Int>,
                              rowIndex: UnsafeBufferPointer<Int>, position: UnsafeMutablePointer<Int>) -> (group: Group, flops: Double)? {
        let cost = Self.groupFlops(rows: groupRows.count, columns: columns.count)
        guard columns.count >= 2, cost < aloneCost else { return nil }
        let rows = groupRows.sorted()
        for (slot, row) in rows.enumerated() { position[row] = slot }
        var slots = [Int](repeating: 0, count: starts[columns.last! + 1] - starts[columns[0]])
        var entry = 0
        for j in columns {
            for p in starts[j]..<starts[j + 1] {
                slots[entry] = position[rowIndex[p]]
                entry += 1
            }
        }
        for row in rows { position[row] = -1 }
        return (Group(columns: columns, rows: rows, slots: slots), cost)
    }

    /// Adds Σ over the groups' columns of θⱼ aⱼ aⱼᵀ to the lower triangle of the column-major
    /// m × m matrix `matrix`.
    mutating func accumulate(_ a: SparseMatrix, theta: [Double], into matrix: inout [Double], dimension m: Int) {
        guard !groups.isEmpty else { return }
        let groups = groups
        matrix.withUnsafeMutableBufferPointer { target in
            a.values.withUnsafeBufferPointer { values in
                a.columnStart.withUnsafeBufferPointer { starts in
                    formProducts(values: values.baseAddress!, columnStart: starts.baseAddress!, theta: theta) { g, product in
                        let group = groups[g], r = group.rows.count
                        for b in 0..<r {
                            let source = product + b * r, column = target.baseAddress! + group.rows[b] * m
                            for s in b..<r { column[group.rows[s]] += source[s] }            // M[rows_s, rows_b] += G_sb
                        }
                    }
                }
            }
        }
    }

    /// For each group g: its panel P ← the entries `values[p]` of its columns j, times √θⱼ (times 1
    /// when `theta` is nil), G = P Pᵀ, and `add(g, G)` with G column-major r × r, its lower
    /// triangle set. Nothing is allocated.
    mutating func formProducts(values: UnsafePointer<Double>, columnStart: UnsafePointer<Int>, theta: [Double]?,
                               add: (Int, UnsafePointer<Double>) -> Void) {
        for g in groups.indices {
            let group = groups[g], r = group.rows.count, k = group.columns.count
            panels[g].withUnsafeMutableBufferPointer { panel in
                var entry = 0
                for (c, j) in group.columns.enumerated() {
                    let column = panel.baseAddress! + c * r, factor = theta?[j].squareRoot() ?? 1
                    for p in columnStart[j]..<columnStart[j + 1] {
                        column[group.slots[entry]] = factor * values[p]                   // P_sc = √θⱼ a_ij, s the slot of row i
                        entry += 1
                    }
                }
                product.withUnsafeMutableBufferPointer { g2 in
                    BLAS.syrk(triangle: .lower, n: r, k: k, alpha: 1, a: panel.baseAddress!, lda: r, beta: 0,
                              c: g2.baseAddress!, ldc: r)                                  // G = P Pᵀ
                    add(g, g2.baseAddress!)
                }
            }
        }
    }
}
