import LinearAlgebra

/// The pattern of B Bᵀ from B's, for the sparse analysis, through B's runs of similar columns
/// (``CompressedPanels``): a group contributes every pair of its rows with a dense row in it,
/// and each of its other rows only pairs within its own columns; a column in no group, its own
/// rows' pairs. CHOLMOD forms B Bᵀ column by column instead (Σ nnz(bⱼ)² steps): on the dispatch
/// LP's K that took 1.5 ms of a 25 ms solve; the groups' pairs are 29,000 against 458,000 steps.
enum GramPattern {
    /// The upper triangle of B Bᵀ's pattern (entries (i, j), i ≤ j, diagonal included) as an
    /// m × m matrix (values 0), m = B's rows; a superset where a group's dense row is not met by
    /// all of its columns. Nil only if the matrix could not be made (then analyse B itself).
    static func upper(of b: SparseMatrix, panels: CompressedPanels) -> SparseMatrix? {
        let m = b.rows
        // The pairs (x, y) bucketed by x, then dealt out to their columns y in increasing x: each
        // column's rows come sorted, a repeat right after its first copy. The diagonal is a pair too.
        let work = UnsafeMutablePointer<Int>.allocate(capacity: 4 * (m + 1))
        defer { work.deallocate() }
        let byX = work, begin = work + (m + 1), next = begin + (m + 1), last = next + (m + 1)
        byX.initialize(repeating: 0, count: m + 1)
        begin.initialize(repeating: 0, count: m + 1)
        for y in 0..<m { byX[y + 1] = 1; begin[y + 1] = 1 }
        forEachPair(of: b, panels: panels) { x, y in byX[x + 1] += 1; begin[y + 1] += 1 }
        for k in 0..<m { byX[k + 1] += byX[k]; begin[k + 1] += begin[k] }
        let pairs = byX[m], partners = UnsafeMutablePointer<Int>.allocate(capacity: max(pairs, 1))
        defer { partners.deallocate() }
        next.update(from: byX, count: m)
        for y in 0..<m { partners[next[y]] = y; next[y] += 1 }
        forEachPair(of: b, panels: panels) { x, y in partners[next[x]] = y; next[x] += 1 }
        var columnStart = [Int](repeating: 0, count: m + 1), rows = [Int](repeating: 0, count: pairs)
        var count = 0
        rows.withUnsafeMutableBufferPointer { rows in
            next.update(from: begin, count: m)
            last.initialize(repeating: -1, count: m)
            for x in 0..<m {
                for q in byX[x]..<byX[x + 1] {
                    let y = partners[q]
                    guard last[y] != x else { continue }                      // a repeat of (x, y)
                    last[y] = x
                    rows[next[y]] = x
                    next[y] += 1
                }
            }
            for y in 0..<m {                                                  // compact, left to right
                for q in begin[y]..<next[y] { rows[count] = rows[q]; count += 1 }
                columnStart[y + 1] = count
            }
        }
        rows.removeLast(rows.count - count)
        return try? SparseMatrix(rows: m, columns: m, columnStart: columnStart, rowIndex: rows,
                                 values: [Double](repeating: 0, count: count))
    }

    /// Calls `body(x, y)`, x ≤ y, for each pair of rows of B Bᵀ's pattern named by the rule above
    /// (some more than once; the diagonal not necessarily).
    private static func forEachPair(of b: SparseMatrix, panels: CompressedPanels, _ body: (Int, Int) -> Void) {
        b.columnStart.withUnsafeBufferPointer { starts in
            b.rowIndex.withUnsafeBufferPointer { rowIndex in
                for group in panels.groups {
                    group.rows.withUnsafeBufferPointer { rows in
                        for slot in group.denseSlots {                         // a dense row with every row of the group
                            let x = rows[slot]
                            for y in rows { if x <= y { body(x, y) } else { body(y, x) } }
                        }
                    }
                    group.panelSlots.withUnsafeBufferPointer { panelSlots in
                        var entry = 0
                        for j in group.columns {
                            let first = starts[j], count = starts[j + 1] - first
                            for a in 0..<count where panelSlots[entry + a] < 0 {   // a row met by few, within its column
                                for c in a..<count where panelSlots[entry + c] < 0 {
                                    let x = rowIndex[first + a], y = rowIndex[first + c]
                                    if x <= y { body(x, y) } else { body(y, x) }
                                }
                            }
                            entry += count
                        }
                    }
                }
                for j in panels.others {
                    for p in starts[j]..<starts[j + 1] {
                        for q in p..<starts[j + 1] {
                            let x = rowIndex[p], y = rowIndex[q]
                            if x <= y { body(x, y) } else { body(y, x) }
                        }
                    }
                }
            }
        }
    }
}
