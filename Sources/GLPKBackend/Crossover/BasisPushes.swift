import CGLPK
import LinearProgramming

/// The push phase of the crossover (Megiddo 1991; Bixby & Saltzman 1994; IPX's crossover,
/// Schork & Gondzio 2020): from a starting basis and the interior point's primal values v and
/// reduced costs d (augmented: rows' auxiliary variables, then columns), it exchanges basis
/// columns until every basic variable has d = 0 and every nonbasic one sits on a bound, moving
/// v only along (I | −A)·Δv = 0 and d only along −(I | −A)ᵀ·Δπ, with ratio tests that keep v
/// within its bounds and d of the sign its bound needs. The basis it leaves is then optimal up
/// to the interior point's residuals, and the simplex that follows has little or nothing left.
///
/// - A **dual push** makes dₖ = 0 for a basic k at position p: π moves along ρ = B⁻ᵀeₚ, each
///   nonbasic d_q by −τ·α_q with α_q = ρᵀa_q. A nonbasic q whose d_q would change sign, or that
///   is strictly inside its bounds (d_q must stay 0), blocks: q enters, k leaves to its bound.
/// - A **primal push** moves a nonbasic k to a bound: the basic variables by −t·B⁻¹aₖ. A basic
///   variable that reaches a bound first blocks: it leaves at that bound, k enters.
///
/// First every basic variable is dual-pushed. Then the nonbasic variables the interior point put
/// on a bound (and those the dual pushes sent there) are moved onto it together, the basic
/// values following through one ftran without a ratio test: pushing each one alone costs an
/// ftran, and at a degenerate vertex the ratio test turns many of them into exchanges that
/// bring variables with d ≠ 0 into the basis, to be dual-pushed out again (Netlib's pilot87:
/// 4,642 primal pushes and 0.75 s against 165 and 0.2 s). The basic values may then leave their
/// bounds by about the interior point's distance to them, which the simplex after the pushes
/// repairs (by its dual method when the basis is dual feasible). Last, the nonbasic variables strictly inside their bounds (d = 0) are
/// primal-pushed, so every variable that enters has d = 0. Both ratio tests are Harris's two
/// passes (bounds relaxed by a tolerance, then the largest pivot among the ratios within it).
struct BasisPushes {
    /// A nonbasic variable's place: on which bound it sits, or strictly inside (d = 0).
    enum Side { case lower, upper, fixed, inside }

    /// What the pushes did.
    struct Statistics {
        var dualPushes = 0, primalPushes = 0, exchanges = 0, factorizations = 0
        /// Nonbasic variables moved onto their bounds together.
        var snapped = 0
        /// Basic variables left with |d| above the dual tolerance and nonbasic ones off their
        /// bound (the deadline or a singular basis ended the phase early).
        var left = 0
    }

    let m: Int, n: Int
    private let lower: [Double], upper: [Double]
    private var v: [Double], d: [Double]
    private var side: [Side]
    // A by columns and by rows.
    private let columnStart: [Int], columnRow: [Int], columnValue: [Double]
    private let rowStart: [Int], rowColumn: [Int], rowValue: [Double]
    private(set) var statistics = Statistics()

    /// Primal bound tolerance: basic values may pass a bound by this much times max(1, |bound|).
    static let primalTolerance = 1e-9
    /// Dual sign tolerance.
    static let dualTolerance = 1e-9
    /// A pivot must be at least this fraction of the largest entry it is chosen among.
    static let relativePivot = 1e-7

    /// The pushes' state at the interior point `x` (columns), `rowDuals`, `reducedCosts` of
    /// `model`, with each variable's side from `basis` (candidates inside with d = 0; the others
    /// on their bound, d clipped to the sign that bound needs).
    init(model: LinearProgram, x: [Double], rowDuals: [Double], reducedCosts: [Double], basis: StartingBasis) {
        m = model.constraintCount
        n = model.variableCount
        let sign = model.sense.sign                    // a maximization's duals, negated, are a minimization's
        var lower = [Double](), upper = [Double](), v = [Double](), d = [Double](), side = [Side]()
        lower.reserveCapacity(m + n); upper.reserveCapacity(m + n); v.reserveCapacity(m + n); d.reserveCapacity(m + n)
        var rowStart = [0], rowColumn = [Int](), rowValue = [Double]()
        var columnCount = [Int](repeating: 0, count: n + 1)
        for (i, row) in model.constraints.enumerated() {
            var activity = 0.0
            for (j, a) in zip(row.columns, row.coefficients) {
                activity += a * x[j]                    // vᵢ = aᵢᵀx
                rowColumn.append(j); rowValue.append(a)
                columnCount[j + 1] += 1
            }
            rowStart.append(rowColumn.count)
            lower.append(row.lower); upper.append(row.upper); v.append(activity); d.append(sign * rowDuals[i])
            side.append(Self.side(basis.rows[i]))
        }
        for (j, variable) in model.variables.enumerated() {
            lower.append(variable.lower); upper.append(variable.upper); v.append(x[j]); d.append(sign * reducedCosts[j])
            side.append(Self.side(basis.columns[j]))
        }
        for k in d.indices {
            switch side[k] {
            case .inside: d[k] = 0
            case .lower: d[k] = max(d[k], 0)
            case .upper: d[k] = min(d[k], 0)
            case .fixed: break
            }
        }
        for j in 0..<n { columnCount[j + 1] += columnCount[j] }
        var next = columnCount, columnRow = [Int](repeating: 0, count: rowColumn.count)
        var columnValue = [Double](repeating: 0, count: rowColumn.count)
        for i in 0..<m {
            for e in rowStart[i]..<rowStart[i + 1] {
                let j = rowColumn[e]
                columnRow[next[j]] = i; columnValue[next[j]] = rowValue[e]
                next[j] += 1
            }
        }
        self.lower = lower; self.upper = upper; self.v = v; self.d = d; self.side = side
        self.rowStart = rowStart; self.rowColumn = rowColumn; self.rowValue = rowValue
        self.columnStart = columnCount; self.columnRow = columnRow; self.columnValue = columnValue
    }

    private static func side(_ position: StartingBasis.Position) -> Side {
        switch position {
        case .candidate: .inside
        case .atLower: .lower
        case .atUpper: .upper
        case .fixed: .fixed
        }
    }

    /// GLPK's status for augmented variable k when nonbasic.
    func nonbasicStatus(_ k: Int) -> Int32 {
        let (type, _, _) = GLPKProblem.boundType(lower[k], upper[k])
        switch type {
        case GLP_FX: return GLP_NS
        case GLP_FR: return GLP_NF
        case GLP_LO: return GLP_NL
        case GLP_UP: return GLP_NU
        default: return side[k] == .upper ? GLP_NU : side[k] == .lower ? GLP_NL : (v[k] - lower[k] <= upper[k] - v[k] ? GLP_NL : GLP_NU)
        }
    }

    /// Runs the pushes on `problem`'s current basis and leaves GLPK's statuses at the basis
    /// reached (or at the last one GLPK factorized, when a later one was singular). False on a
    /// GLPK internal error (the problem is then freed).
    mutating func run(on problem: GLPKProblem, stop: Deadline?) -> Bool {
        guard m > 0 else { return true }
        guard let factor = BasisFactor(problem, variables: m + n) else { return !problem.isFreed }
        if factor.factorized { statistics.factorizations += 1 }
        var work = Workspace(m: m, variables: m + n)
        var lastGood = factor.head
        for k in factor.head.dropFirst() where d[k] != 0 && factor.position[k] != 0 {   // GLPK renumbers positions as it refactorizes
            if stop?.hasPassed == true { break }
            dualPush(at: factor.position[k], factor: factor, work: &work)
            guard refactorIfDue(problem, factor, lastGood: &lastGood) else { return !problem.isFreed }
        }
        snapToBounds(factor, work: &work)
        for k in 0..<(m + n) where factor.position[k] == 0 && v[k] != target(k) {
            if stop?.hasPassed == true { break }
            primalPush(k, factor: factor, work: &work)
            guard refactorIfDue(problem, factor, lastGood: &lastGood) else { return !problem.isFreed }
        }
        statistics.left = factor.head.dropFirst().count { abs(d[$0]) > Self.dualTolerance }       // Harris's steps leave smaller ones
            + (0..<(m + n)).count { factor.position[$0] == 0 && v[$0] != target($0) }
        if factor.keepBasis(nonbasicStatus: nonbasicStatus) { return true }   // no exchange since the last factorization
        guard let accepted = factor.refactor(problem, nonbasicStatus: nonbasicStatus) else { return false }
        statistics.factorizations += 1
        if !accepted { return factor.refactor(problem, basis: lastGood, nonbasicStatus: nonbasicStatus) != nil }
        return true
    }

    /// Scratch vectors, 1-based over rows or positions, and the α of a dual push.
    private struct Workspace {
        var column: [Double], row: [Double], alpha: [Double]
        /// u = a_entering − a_leaving of a dual push's exchange.
        var difference: [(row: Int, value: Double)] = []
        /// The nonbasic variables α was computed for.
        var touched: [Int] = [], isTouched: [Bool]

        /// Entries of ρ below this fraction of its largest are left out of α (on dfl001 four in
        /// five of its nonzeros are below 1e-12: round-off).
        static let dropTolerance = 1e-12

        init(m: Int, variables: Int) {
            column = [Double](repeating: 0, count: m + 1)
            row = [Double](repeating: 0, count: m + 1)
            alpha = [Double](repeating: 0, count: variables)
            isTouched = [Bool](repeating: false, count: variables)
        }

        /// α_q = ρᵀa_q for the nonbasic q (ρ in `row`; `position[q]` = 0): ρ_q for a row's
        /// auxiliary, −Σᵢ ρᵢ·Aᵢⱼ for column j (A by rows); lists them in `touched` and returns
        /// the largest |α_q|.
        mutating func computeAlpha(position: [Int], rowStart: [Int], rowColumn: [Int], rowValue: [Double]) -> Double {
            let m = row.count - 1
            for q in touched { alpha[q] = 0; isTouched[q] = false }
            touched.removeAll(keepingCapacity: true)
            var largest = 0.0
            row.withUnsafeBufferPointer { row in
            alpha.withUnsafeMutableBufferPointer { alpha in
            isTouched.withUnsafeMutableBufferPointer { isTouched in
            position.withUnsafeBufferPointer { position in
            rowStart.withUnsafeBufferPointer { rowStart in
            rowColumn.withUnsafeBufferPointer { rowColumn in
            rowValue.withUnsafeBufferPointer { rowValue in
                var biggest = 0.0
                for i in 1...m { biggest = max(biggest, abs(row[i])) }
                let drop = Self.dropTolerance * biggest                 // round-off of the solve, not part of ρ
                for i in 0..<m where abs(row[i + 1]) > drop {
                    let r = row[i + 1]
                    if position[i] == 0 { alpha[i] = r; isTouched[i] = true; touched.append(i) }
                    for e in rowStart[i]..<rowStart[i + 1] {
                        let q = m + rowColumn[e]
                        if position[q] != 0 { continue }
                        if !isTouched[q] { isTouched[q] = true; touched.append(q) }
                        alpha[q] -= r * rowValue[e]
                    }
                }
                for q in touched { largest = max(largest, abs(alpha[q])) }
            }}}}}}}
            return largest
        }
    }

    /// Refactorizes once enough exchanges piled up; false when the basis turned out singular
    /// (GLPK's statuses are then back at `lastGood`) or GLPK failed.
    private mutating func refactorIfDue(_ problem: GLPKProblem, _ factor: BasisFactor, lastGood: inout [Int]) -> Bool {
        guard factor.isRefactorDue else { return true }
        guard let accepted = factor.refactor(problem, nonbasicStatus: nonbasicStatus) else { return false }
        statistics.factorizations += 1
        guard accepted else {
            _ = factor.refactor(problem, basis: lastGood, nonbasicStatus: nonbasicStatus)
            return false
        }
        lastGood = factor.head
        return true
    }

    /// The value a nonbasic k goes to: its side's bound; strictly inside, the nearer bound (0 when free).
    private func target(_ k: Int) -> Double {
        switch side[k] {
        case .lower, .fixed: return lower[k]
        case .upper: return upper[k]
        case .inside:
            if lower[k].isFinite && (!upper[k].isFinite || v[k] - lower[k] <= upper[k] - v[k]) { return lower[k] }
            return upper[k].isFinite ? upper[k] : 0
        }
    }

    /// The nonzeros (row, value) of a − b for augmented columns a and b of (I | −A), by rows:
    /// both columns' rows are sorted (a row's auxiliary has one), so one merge.
    private func augmentedDifference(_ a: Int, _ b: Int, into difference: inout [(row: Int, value: Double)]) {
        difference.removeAll(keepingCapacity: true)
        func count(_ k: Int) -> Int { k < m ? 1 : columnStart[k - m + 1] - columnStart[k - m] }
        func entry(_ k: Int, _ t: Int) -> (row: Int, value: Double) {    // t-th nonzero of column k
            k < m ? (k, 1) : (columnRow[columnStart[k - m] + t], -columnValue[columnStart[k - m] + t])
        }
        var ta = 0, tb = 0
        while ta < count(a) || tb < count(b) {
            let none: (row: Int, value: Double) = (Int.max, 0)
            let ea = ta < count(a) ? entry(a, ta) : none, eb = tb < count(b) ? entry(b, tb) : none
            if ea.row == eb.row {
                if ea.value != eb.value { difference.append((ea.row, ea.value - eb.value)) }
                ta += 1; tb += 1
            } else if ea.row < eb.row {
                difference.append(ea); ta += 1
            } else {
                difference.append((eb.row, -eb.value)); tb += 1
            }
        }
    }

    /// w ← B⁻¹aₖ for augmented column aₖ of (I | −A) (1-based over positions).
    private func ftranColumn(_ k: Int, factor: BasisFactor, into w: inout [Double]) {
        w.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        if k < m {
            w[k + 1] = 1
        } else {
            let j = k - m
            for e in columnStart[j]..<columnStart[j + 1] { w[columnRow[e] + 1] = -columnValue[e] }
        }
        factor.ftran(&w)
    }

    /// Makes d = 0 for the basic variable at position p.
    private mutating func dualPush(at p: Int, factor: BasisFactor, work: inout Workspace) {
        statistics.dualPushes += 1
        let k = factor.head[p]
        work.row.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        work.row[p] = 1
        factor.btran(&work.row)                                    // ρ = B⁻ᵀeₚ
        let largest = work.computeAlpha(position: factor.position, rowStart: rowStart, rowColumn: rowColumn, rowValue: rowValue)
        let s: Double = d[k] > 0 ? 1 : -1, full = abs(d[k])       // d_q(τ) = d_q − τ·s·α_q, τ ∈ [0, |dₖ|]
        let pivotFloor = max(Self.relativePivot * largest, 1e-12)
        var entering = -1, enteringRate = 0.0, step = full
        d.withUnsafeMutableBufferPointer { d in
        side.withUnsafeBufferPointer { side in
        work.alpha.withUnsafeBufferPointer { alpha in
        work.touched.withUnsafeBufferPointer { touched in
            // Harris, pass 1: the longest step with every sign kept within the tolerance.
            var limit = full
            for q in touched {
                let rate = s * alpha[q]
                guard abs(rate) > pivotFloor, let bound = Self.dualBound(d[q], side[q], rate: rate, relaxed: true) else { continue }
                limit = min(limit, bound)
            }
            if limit < full {
                // Pass 2: among the ratios within that step, the largest |α|.
                var best = 0.0
                for q in touched {
                    let rate = s * alpha[q]
                    guard abs(rate) > max(pivotFloor, best),
                          let bound = Self.dualBound(d[q], side[q], rate: rate, relaxed: false), bound <= limit else { continue }
                    best = abs(rate); entering = q; enteringRate = rate; step = max(bound, 0)
                }
            }
            for q in touched { d[q] -= step * s * alpha[q] }
        }}}}
        guard entering >= 0 else { d[k] = 0; return }
        d[entering] = 0
        d[k] -= s * step
        augmentedDifference(entering, k, into: &work.difference)                           // u = a_entering − a_k
        factor.replace(position: p, entering: entering, row: work.row, pivot: s * enteringRate, difference: work.difference)
        statistics.exchanges += 1
        side[k] = lower[k] == upper[k] ? .fixed : d[k] > 0 ? .lower : .upper
    }

    /// The step τ at which a nonbasic reduced cost `d` on `side`, falling at `rate` per unit,
    /// leaves the sign its side needs (by the tolerance when `relaxed`); nil when it never does.
    @inline(__always)
    private static func dualBound(_ d: Double, _ side: Side, rate: Double, relaxed: Bool) -> Double? {
        let tolerance = relaxed ? dualTolerance : 0
        switch side {
        case .fixed: return nil
        case .lower: return rate > 0 ? (d + tolerance) / rate : nil                  // d ≥ 0
        case .upper: return rate < 0 ? (d - tolerance) / rate : nil                  // d ≤ 0
        case .inside: return tolerance / abs(rate)                                   // d = 0
        }
    }

    /// Moves every nonbasic variable with a side on a bound (not inside) onto that bound at once,
    /// the basic values following: v_B −= B⁻¹·Σ aₖ·Δₖ.
    private mutating func snapToBounds(_ factor: BasisFactor, work: inout Workspace) {
        work.column.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        var moved = 0
        for k in 0..<(m + n) where factor.position[k] == 0 && side[k] != .inside {
            let delta = target(k) - v[k]
            guard delta != 0 else { continue }
            moved += 1
            v[k] += delta
            if k < m { work.column[k + 1] += delta } else {
                for e in columnStart[k - m]..<columnStart[k - m + 1] { work.column[columnRow[e] + 1] -= columnValue[e] * delta }
            }
        }
        guard moved > 0 else { return }
        factor.ftran(&work.column)
        for p in 1...m { v[factor.head[p]] -= work.column[p] }
        statistics.snapped = moved
    }

    /// Moves nonbasic k to its target, or as far as a basic variable lets it and exchanges them.
    private mutating func primalPush(_ k: Int, factor: BasisFactor, work: inout Workspace) {
        statistics.primalPushes += 1
        let goal = target(k), distance = abs(goal - v[k]), sigma: Double = goal > v[k] ? 1 : -1
        ftranColumn(k, factor: factor, into: &work.column)        // Δv_B = −t·σ·B⁻¹aₖ
        var largest = 0.0
        for p in 1...m { largest = max(largest, abs(work.column[p])) }
        let pivotFloor = max(Self.relativePivot * largest, 1e-12)
        var limit = distance
        for p in 1...m where abs(work.column[p]) > pivotFloor {
            if let bound = primalBound(factor.head[p], rate: -sigma * work.column[p], relaxed: true) { limit = min(limit, bound) }
        }
        var leaving = 0, step = distance, best = 0.0
        if limit < distance {
            for p in 1...m where abs(work.column[p]) > pivotFloor && abs(work.column[p]) > best {
                guard let bound = primalBound(factor.head[p], rate: -sigma * work.column[p], relaxed: false), bound <= limit else { continue }
                best = abs(work.column[p]); leaving = p; step = max(bound, 0)
            }
        }
        for p in 1...m where work.column[p] != 0 { v[factor.head[p]] -= step * sigma * work.column[p] }
        guard leaving > 0 else {
            v[k] = goal
            if side[k] == .inside { side[k] = lower[k] == upper[k] ? .fixed : goal == lower[k] ? .lower : goal == upper[k] ? .upper : .inside }
            return
        }
        v[k] += sigma * step
        let b = factor.head[leaving], rate = -sigma * work.column[leaving]
        if rate < 0 { v[b] = lower[b]; side[b] = lower[b] == upper[b] ? .fixed : .lower } else { v[b] = upper[b]; side[b] = .upper }
        factor.replace(position: leaving, entering: k, column: work.column)
        statistics.exchanges += 1
    }

    /// The step t at which basic b, moving at `rate` per unit, reaches a bound (passes it by the
    /// tolerance when `relaxed`); nil when it has none that way.
    private func primalBound(_ b: Int, rate: Double, relaxed: Bool) -> Double? {
        if rate < 0, lower[b].isFinite {
            let slack = v[b] - lower[b] + (relaxed ? Self.primalTolerance * max(1, abs(lower[b])) : 0)
            return max(slack, 0) / -rate
        }
        if rate > 0, upper[b].isFinite {
            let slack = upper[b] - v[b] + (relaxed ? Self.primalTolerance * max(1, abs(upper[b])) : 0)
            return max(slack, 0) / rate
        }
        return nil
    }
}
