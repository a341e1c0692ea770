import LinearProgramming

/// The working copy that ``Presolve`` reduces, over the original indexing: current row and
/// column bounds, which rows and columns are still in, how many entries each has left, the
/// matrix both row-wise (the model's rows) and column-wise, and the postsolve steps so far.
/// A reduction that proves infeasibility or unboundedness throws a ``PresolveState/Finding``.
struct PresolveState {
    /// Why presolve stopped early; ``Presolve`` turns it into a ``PresolveOutcome``.
    enum Finding: Error {
        case infeasible(String)
        case unbounded(String)
    }

    let program: LinearProgram
    /// Relative tolerance of the feasibility tests (empty rows, crossed bounds).
    let tolerance: Double
    /// Singleton and duplicate rows with a coefficient (ratio) smaller than this in magnitude stay.
    let pivotTolerance: Double
    /// s = +1 (minimise) or −1 (maximise): s·c is the minimisation-form cost.
    let sign: Double

    var rowLower: [Double], rowUpper: [Double]
    /// max(|lᵢ|, |uᵢ|) of the original finite bounds plus Σ|aᵢⱼ vⱼ| over substituted columns:
    /// the size of the numbers the current bounds were computed from, for relative tests.
    var rowMagnitude: [Double]
    var rowActive: [Bool]
    /// Entries of each row in columns still active.
    var rowLength: [Int]

    var columnLower: [Double], columnUpper: [Double]
    var columnActive: [Bool]
    /// Entries of each column in rows still active.
    var columnLength: [Int]
    /// The original matrix by columns: column j's entries are columnRows/columnValues[columnStart[j]..<columnStart[j+1]].
    let columnStart: [Int], columnRows: [Int], columnValues: [Double]

    /// Σ cⱼ vⱼ over the columns removed at value vⱼ.
    var constantShift = 0.0
    var steps: [PresolveStep] = []
    var statistics = PresolveStatistics()

    init(program: LinearProgram, tolerance: Double, pivotTolerance: Double) {
        self.program = program
        self.tolerance = tolerance
        self.pivotTolerance = pivotTolerance
        sign = program.sense.sign
        let m = program.constraintCount, n = program.variableCount
        rowLower = program.constraints.map { $0.lower }
        rowUpper = program.constraints.map { $0.upper }
        rowMagnitude = program.constraints.map { row in
            max(row.lower.isFinite ? abs(row.lower) : 0, row.upper.isFinite ? abs(row.upper) : 0)
        }
        rowActive = [Bool](repeating: true, count: m)
        rowLength = program.constraints.map { $0.columns.count }
        columnLower = program.variables.map { $0.lower }
        columnUpper = program.variables.map { $0.upper }
        columnActive = [Bool](repeating: true, count: n)
        let (start, rows, values) = Self.columnwise(program)
        (columnStart, columnRows, columnValues) = (start, rows, values)
        columnLength = (0..<n).map { start[$0 + 1] - start[$0] }
        statistics.rowsBefore = m
        statistics.columnsBefore = n
        statistics.nonzerosBefore = program.nonzeroCount
    }

    /// The matrix in compressed sparse column form (start offsets, row indices, values).
    static func columnwise(_ program: LinearProgram) -> ([Int], [Int], [Double]) {
        let n = program.variableCount
        var start = [Int](repeating: 0, count: n + 1)
        for row in program.constraints { for j in row.columns { start[j + 1] += 1 } }
        for j in 0..<n { start[j + 1] += start[j] }
        var next = start
        var rows = [Int](repeating: 0, count: start[n])
        var values = [Double](repeating: 0, count: start[n])
        for (i, row) in program.constraints.enumerated() {
            for k in row.columns.indices {
                let j = row.columns[k]
                rows[next[j]] = i
                values[next[j]] = row.coefficients[k]
                next[j] += 1
            }
        }
        return (start, rows, values)
    }

    // MARK: Rows

    /// Drops an empty or free row, or turns a singleton row into bounds. Returns whether it changed anything.
    mutating func reduceRow(_ i: Int) throws -> Bool {
        if rowLength[i] == 0 {
            // An empty row reads lᵢ ≤ 0 ≤ uᵢ.
            let violation = max(rowLower[i], -rowUpper[i], 0)
            if violation > tolerance * (1 + rowMagnitude[i]) {
                throw Finding.infeasible("constraint '\(program.constraints[i].name)' has no variables left after presolve but needs 0 in [\(rowLower[i]), \(rowUpper[i])]")
            }
            removeRow(i)
            statistics.emptyRows += 1
            return true
        }
        if rowLower[i] == -.infinity && rowUpper[i] == .infinity {
            removeRow(i)
            statistics.freeRows += 1
            return true
        }
        if rowLength[i] == 1 { return try reduceSingletonRow(i) }
        return false
    }

    /// lᵢ ≤ a·xⱼ ≤ uᵢ  ⇒  xⱼ ∈ [lᵢ/a, uᵢ/a] (a > 0) or [uᵢ/a, lᵢ/a] (a < 0), intersected with xⱼ's bounds.
    private mutating func reduceSingletonRow(_ i: Int) throws -> Bool {
        let row = program.constraints[i]
        guard let k = row.columns.indices.first(where: { columnActive[row.columns[$0]] }) else { return false }
        let j = row.columns[k], a = row.coefficients[k]
        guard abs(a) > pivotTolerance else { return false }
        let implied = Self.divide(lower: rowLower[i], upper: rowUpper[i], by: a)
        let lowerFromRow = implied.lower > columnLower[j]
        let upperFromRow = implied.upper < columnUpper[j]
        var lower = lowerFromRow ? implied.lower : columnLower[j]
        var upper = upperFromRow ? implied.upper : columnUpper[j]
        if lower > upper {
            guard lower - upper <= tolerance * (1 + max(abs(lower), abs(upper))) else {
                throw Finding.infeasible("constraint '\(row.name)' (\(a)·\(program.variables[j].name) in [\(rowLower[i]), \(rowUpper[i])]) leaves variable '\(program.variables[j].name)' no value in its bounds [\(columnLower[j]), \(columnUpper[j])]")
            }
            // Crossed by rounding only: meet at the column's own bound if one side is its own.
            if lowerFromRow && !upperFromRow { lower = upper } else { upper = lower }
        }
        columnLower[j] = lower
        columnUpper[j] = upper
        removeRow(i)
        steps.append(.singletonRow(row: i, column: j, coefficient: a, lowerFromRow: lowerFromRow, upperFromRow: upperFromRow))
        statistics.singletonRows += 1
        return true
    }

    /// Marks row i removed and takes its entries off the column counts.
    private mutating func removeRow(_ i: Int) {
        rowActive[i] = false
        for j in program.constraints[i].columns where columnActive[j] { columnLength[j] -= 1 }
    }

    // MARK: Columns

    /// Substitutes out a fixed column or an empty one. Returns whether it changed anything.
    mutating func reduceColumn(_ j: Int) throws -> Bool {
        if columnLower[j] == columnUpper[j] {
            removeColumn(j, at: columnLower[j])
            statistics.fixedColumns += 1
            return true
        }
        guard columnLength[j] == 0 else { return false }
        // An empty column contributes cⱼ xⱼ only: minimise s·cⱼ·xⱼ over [lⱼ, uⱼ].
        let v = program.variables[j]
        let cost = sign * v.cost
        let value: Double
        if cost > 0 {
            value = columnLower[j]
        } else if cost < 0 {
            value = columnUpper[j]
        } else {
            value = columnLower[j].isFinite ? columnLower[j] : (columnUpper[j].isFinite ? columnUpper[j] : 0)
        }
        guard value.isFinite else {
            let direction = value > 0 ? "upper" : "lower"
            throw Finding.unbounded("variable '\(v.name)' is in no constraint after presolve, its cost \(v.cost) improves the objective as it \(value > 0 ? "increases" : "decreases"), and it has no \(direction) bound: unbounded if the rest is feasible")
        }
        removeColumn(j, at: value)
        statistics.emptyColumns += 1
        return true
    }

    /// xⱼ = v: lᵢ −= aᵢⱼ v and uᵢ −= aᵢⱼ v in every active row, constant += cⱼ v.
    private mutating func removeColumn(_ j: Int, at value: Double) {
        columnActive[j] = false
        for p in columnStart[j]..<columnStart[j + 1] where rowActive[columnRows[p]] {
            let i = columnRows[p], term = columnValues[p] * value
            rowLower[i] -= term   // −∞ and +∞ stay
            rowUpper[i] -= term
            rowMagnitude[i] += abs(term)
            rowLength[i] -= 1
        }
        constantShift += program.variables[j].cost * value
        steps.append(.removeColumn(column: j, value: value))
    }

    // MARK: Duplicate rows

    /// Merges rows that are exact multiples of another on the active columns (same pattern,
    /// ratios equal to 1e-12 relative). Returns whether it merged any.
    mutating func mergeDuplicateRows() throws -> Bool {
        // Rows can only be parallel when their sets of active columns hash alike: a cheap
        // order-independent signature first, the exact patterns only for rows that share one.
        var bySignature: [UInt64: [Int]] = [:]
        for i in program.constraints.indices where rowActive[i] && rowLength[i] >= 2 {
            var signature: UInt64 = 0
            program.constraints[i].columns.withUnsafeBufferPointer { columns in
                for j in columns where columnActive[j] { signature &+= Self.mix(UInt64(j)) }
            }
            bySignature[signature, default: []].append(i)
        }
        var merged = false
        for rows in bySignature.values.filter({ $0.count >= 2 }).sorted(by: { $0[0] < $1[0] }) {
            // Representatives: one row of each pattern/direction seen so far; a row parallel to
            // one of them is merged into it (same active columns, values proportional).
            var representatives: [(row: Int, columns: [Int], values: [Double])] = []
            for k in rows {
                let (columns, values) = activePattern(of: k)
                var match: (row: Int, ratio: Double)?
                for representative in representatives where representative.columns == columns {
                    if let ratio = Self.ratio(values, to: representative.values, tolerance: 1e-12) {
                        match = (representative.row, ratio)
                        break
                    }
                }
                if let match, abs(match.ratio) > pivotTolerance {
                    try merge(removed: k, into: match.row, ratio: match.ratio)
                    merged = true
                } else {
                    representatives.append((k, columns, values))
                }
            }
        }
        return merged
    }

    /// Row i's entries in its active columns, sorted by column (no sort when the row's columns
    /// already increase).
    private func activePattern(of i: Int) -> (columns: [Int], values: [Double]) {
        let row = program.constraints[i]
        var columns: [Int] = [], values: [Double] = [], increasing = true
        columns.reserveCapacity(rowLength[i])
        values.reserveCapacity(rowLength[i])
        for k in row.columns.indices where columnActive[row.columns[k]] {
            if let last = columns.last, last > row.columns[k] { increasing = false }
            columns.append(row.columns[k])
            values.append(row.coefficients[k])
        }
        if increasing { return (columns, values) }
        let order = columns.indices.sorted { columns[$0] < columns[$1] }
        return (order.map { columns[$0] }, order.map { values[$0] })
    }

    /// SplitMix64's finaliser: a well-spread 64-bit hash of a column index.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// α with candidate = α·base entry by entry (to `tolerance` relative), or nil.
    static func ratio(_ candidate: [Double], to base: [Double], tolerance: Double) -> Double? {
        guard candidate[0] != 0, base[0] != 0 else { return nil }
        let alpha = candidate[0] / base[0]
        for k in candidate.indices where abs(candidate[k] - alpha * base[k]) > tolerance * abs(candidate[k]) { return nil }
        return alpha
    }

    /// Row k = α·row i: lₖ ≤ α r ≤ uₖ  ⇒  r ∈ [lₖ/α, uₖ/α] (α > 0) or [uₖ/α, lₖ/α] (α < 0), intersected into row i.
    private mutating func merge(removed k: Int, into i: Int, ratio alpha: Double) throws {
        let implied = Self.divide(lower: rowLower[k], upper: rowUpper[k], by: alpha)
        let lowerFromRemoved = implied.lower > rowLower[i]
        let upperFromRemoved = implied.upper < rowUpper[i]
        var lower = lowerFromRemoved ? implied.lower : rowLower[i]
        var upper = upperFromRemoved ? implied.upper : rowUpper[i]
        if lower > upper {
            let scale = 1 + max(rowMagnitude[i], rowMagnitude[k] / abs(alpha))
            guard lower - upper <= tolerance * scale else {
                throw Finding.infeasible("constraint '\(program.constraints[k].name)' is \(alpha) × constraint '\(program.constraints[i].name)' on the remaining variables, and their bounds [\(rowLower[k]), \(rowUpper[k])] and [\(rowLower[i]), \(rowUpper[i])] do not meet")
            }
            if lowerFromRemoved && !upperFromRemoved { lower = upper } else { upper = lower }
        }
        rowLower[i] = lower
        rowUpper[i] = upper
        rowMagnitude[i] = max(rowMagnitude[i], rowMagnitude[k] / abs(alpha))
        removeRow(k)
        steps.append(.duplicateRow(kept: i, removed: k, ratio: alpha, lowerFromRemoved: lowerFromRemoved, upperFromRemoved: upperFromRemoved))
        statistics.duplicateRows += 1
    }

    /// {r : l ≤ a·r ≤ u} = [l/a, u/a] for a > 0, [u/a, l/a] for a < 0.
    private static func divide(lower: Double, upper: Double, by a: Double) -> (lower: Double, upper: Double) {
        a > 0 ? (lower / a, upper / a) : (upper / a, lower / a)
    }
}
