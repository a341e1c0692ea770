import CGLPK
import LinearProgramming

/// Completes the crossover's starting basis after the triangular crash: variables are swapped in
/// for slacks of active rows — first the candidates the crash left out (columns and row
/// activities strictly inside their bounds at the interior point), then columns on a bound
/// ranked by the interior point (``completeWithColumnsOnBounds(_:basis:model:x:reducedCosts:)``).
/// By the basis-exchange rule, replacing the basic variables at positions P by the columns M
/// keeps B nonsingular exactly when W[P, M] is, with
/// W = B⁻¹·(I | −A)_M (GLPK's `glp_ftran`); P is chosen by Gaussian elimination with partial
/// pivoting over W's rows of active-row slacks, and a candidate whose column of W has no pivot
/// left stays out. Each candidate swapped in is one the simplex need not pivot in, and the basic
/// values then match the interior point's instead of being pushed off it by a candidate held on
/// a bound.
enum CandidateSwaps {
    /// A pivot must be at least this fraction of its column's largest entry in W.
    static let pivotTolerance = 1e-3
    /// W is dense: beyond this many entries the swaps are not tried.
    static let largestW = 20_000_000

    /// Swaps the left-out candidates of `basis` into `problem`'s current basis (the crash's,
    /// scaled, with every non-candidate held fixed); returns how many went in. The basis stays
    /// factorizable: if the final factorization fails the swaps are undone. Nil on a GLPK
    /// internal error (the problem is then freed).
    static func apply(_ problem: GLPKProblem, basis: StartingBasis, model: LinearProgram) -> Int? {
        let pointer = problem.pointer, m = model.constraintCount
        // Augmented indices: i < m is row i's auxiliary variable, m + j is column j.
        var missing: [Int] = []
        for (i, position) in basis.rows.enumerated() where position == .candidate && glp_get_row_stat(pointer, Int32(i + 1)) != GLP_BS {
            missing.append(i)
        }
        for (j, position) in basis.columns.enumerated()
        where position == .candidate && glp_get_col_stat(pointer, Int32(j + 1)) != GLP_BS {
            missing.append(m + j)
        }
        return swapped(missing, into: problem, basis: basis, model: model)?.count
    }

    /// Swaps columns on a bound in for the slacks of non-candidate rows still basic, the most
    /// basic-like first (distance to the bound over its dual slack at the interior point `x`,
    /// `reducedCosts`), at most √(2e8 / slacks) of them (the elimination costs k²·slacks). These
    /// columns sit on bounds: when their basis moves the basic values further off their bounds
    /// than before (summed violations over 10×: ill-conditioned, as on pilot), the swaps are
    /// undone. Returns how many stay (nil on a GLPK internal error).
    static func completeWithColumnsOnBounds(_ problem: GLPKProblem, basis: StartingBasis, model: LinearProgram,
                                            x: [Double], reducedCosts: [Double]) -> Int? {
        let pointer = problem.pointer, m = model.constraintCount
        func indicator(_ j: Int) -> Double {
            let v = model.variables[j]
            let distance = basis.columns[j] == .atUpper ? v.upper - x[j] : x[j] - v.lower
            return distance / max(abs(reducedCosts[j]), 1e-300)
        }
        let order = basis.columns.indices.filter { basis.columns[$0] != .candidate && basis.columns[$0] != .fixed
            && glp_get_col_stat(pointer, Int32($0 + 1)) != GLP_BS }
            .map { ($0, indicator($0)) }.sorted { $0.1 > $1.1 }.map(\.0)
        let slacks = (0..<m).count { basis.rows[$0] != .candidate && glp_get_row_stat(pointer, Int32($0 + 1)) == GLP_BS }
        let affordable = Int((2e8 / Double(max(slacks, 1))).squareRoot())
        guard let before = basicInfeasibility(problem),
              let exchanges = swapped(order.prefix(min(slacks, affordable)).map { m + $0 }, into: problem, basis: basis, model: model),
              let after = basicInfeasibility(problem) else { return nil }
        if !(after <= 10 * before + 1e-9) {
            undo(exchanges, in: problem, rows: m)
            return 0
        }
        return exchanges.count
    }

    /// The sum of the bound violations of the basic variables at the current basis's basic
    /// solution (`glp_warm_up`); infinity when GLPK cannot factorize it, nil on an internal error.
    private static func basicInfeasibility(_ problem: GLPKProblem) -> Double? {
        guard let code = problem.guarded({ hycnn_guarded_warm_up($0) }) else { return nil }
        guard code == 0 else { return .infinity }
        let pointer = problem.pointer
        var violation = 0.0
        for i in stride(from: 1, through: problem.rows, by: 1) where glp_get_row_stat(pointer, Int32(i)) == GLP_BS {
            let value = glp_get_row_prim(pointer, Int32(i))
            violation += excess(value, type: glp_get_row_type(pointer, Int32(i)), glp_get_row_lb(pointer, Int32(i)),
                                glp_get_row_ub(pointer, Int32(i)))
        }
        for j in stride(from: 1, through: problem.columns, by: 1) where glp_get_col_stat(pointer, Int32(j)) == GLP_BS {
            let value = glp_get_col_prim(pointer, Int32(j))
            violation += excess(value, type: glp_get_col_type(pointer, Int32(j)), glp_get_col_lb(pointer, Int32(j)),
                                glp_get_col_ub(pointer, Int32(j)))
        }
        return violation
    }

    /// How far `value` lies outside the bounds of a GLPK variable of bound `type`.
    private static func excess(_ value: Double, type: Int32, _ lower: Double, _ upper: Double) -> Double {
        let hasLower = type == GLP_LO || type == GLP_DB || type == GLP_FX, hasUpper = type == GLP_UP || type == GLP_DB || type == GLP_FX
        return max(hasLower ? lower - value : 0, hasUpper ? value - upper : 0, 0)
    }

    /// One exchange: the row whose slack left the basis, the variable that entered, and the
    /// entering variable's status before.
    struct Exchange {
        var leavingRow: Int32, entering: Int, previousStatus: Int32
    }

    /// Undoes `exchanges` (the basis then is the one before them).
    static func undo(_ exchanges: [Exchange], in problem: GLPKProblem, rows m: Int) {
        for exchange in exchanges {
            if exchange.entering < m {
                glp_set_row_stat(problem.pointer, Int32(exchange.entering + 1), exchange.previousStatus)
            } else {
                glp_set_col_stat(problem.pointer, Int32(exchange.entering - m + 1), exchange.previousStatus)
            }
            glp_set_row_stat(problem.pointer, exchange.leavingRow, GLP_BS)
        }
    }

    /// Swaps the augmented variables `entering` (in order of preference; i < m is row i's
    /// auxiliary, m + j column j) in for slacks of non-candidate rows, as far as the basis stays
    /// nonsingular; returns the exchanges made (nil on a GLPK internal error).
    static func swapped(_ entering: [Int], into problem: GLPKProblem, basis: StartingBasis, model: LinearProgram) -> [Exchange]? {
        let pointer = problem.pointer, m = model.constraintCount
        let missing = entering
        guard !missing.isEmpty else { return [] }
        guard let code = problem.guarded({ hycnn_guarded_factorize($0, 0) }) else { return nil }
        guard code == 0 else { return [] }
        // Slots: basis positions (1-based) holding the slack of a row that is not a candidate.
        let slots = (1...m).filter { k in
            let head = Int(glp_get_bhead(pointer, Int32(k)))
            return head <= m && basis.rows[head - 1] != .candidate
        }
        guard !slots.isEmpty, slots.count * missing.count <= largestW else { return [] }

        var entries = [[(row: Int, value: Double)]](repeating: [], count: missing.count)
        var slotOfColumn = [Int: Int]()
        for (t, index) in missing.enumerated() where index >= m { slotOfColumn[index - m] = t }
        for (i, row) in model.constraints.enumerated() {
            for (j, value) in zip(row.columns, row.coefficients) { if let t = slotOfColumn[j] { entries[t].append((i, value)) } }
        }
        let rows = slots.count
        var w = [Double](repeating: 0, count: rows * missing.count)     // column-major: W[slot, candidate]
        var x = [Double](repeating: 0, count: m + 1)
        for (t, index) in missing.enumerated() {
            for k in x.indices { x[k] = 0 }
            if index < m { x[index + 1] = 1 } else { for entry in entries[t] { x[entry.row + 1] = -entry.value } }   // (I | −A)
            glp_ftran(pointer, &x)                                                                                    // x = B⁻¹ column
            for (s, k) in slots.enumerated() { w[t * rows + s] = x[k] }
        }

        var used = [Bool](repeating: false, count: rows)
        var swaps: [(position: Int, entering: Int)] = []
        w.withUnsafeMutableBufferPointer { w in
            for t in missing.indices {
                let column = w.baseAddress! + t * rows
                var pivot = -1, largest = 0.0, scale = 0.0
                for s in 0..<rows {
                    scale = max(scale, abs(column[s]))
                    if !used[s], abs(column[s]) > largest { largest = abs(column[s]); pivot = s }
                }
                guard pivot >= 0, largest > pivotTolerance * scale, largest > 1e-9 else { continue }
                used[pivot] = true
                swaps.append((slots[pivot], missing[t]))
                for later in (t + 1)..<missing.count {                             // eliminate the pivot row onwards
                    let target = w.baseAddress! + later * rows
                    let factor = target[pivot] / column[pivot]
                    if factor == 0 { continue }
                    for s in 0..<rows where !used[s] { target[s] -= factor * column[s] }
                    target[pivot] = 0
                }
            }
        }
        guard !swaps.isEmpty else { return [] }
        var exchanges: [Exchange] = []
        for swap in swaps {
            let row = glp_get_bhead(pointer, Int32(swap.position))
            let previous = swap.entering < m ? glp_get_row_stat(pointer, Int32(swap.entering + 1))
                                             : glp_get_col_stat(pointer, Int32(swap.entering - m + 1))
            exchanges.append(Exchange(leavingRow: row, entering: swap.entering, previousStatus: previous))
        }
        for exchange in exchanges {
            glp_set_row_stat(pointer, exchange.leavingRow, GLP_NS)                 // an active row, held fixed by the caller
            if exchange.entering < m {
                glp_set_row_stat(pointer, Int32(exchange.entering + 1), GLP_BS)
            } else {
                glp_set_col_stat(pointer, Int32(exchange.entering - m + 1), GLP_BS)
            }
        }
        guard let check = problem.guarded({ hycnn_guarded_factorize($0, 0) }) else { return nil }
        if check != 0 {                                                           // not accepted: back to the basis before
            undo(exchanges, in: problem, rows: m)
            return []
        }
        return exchanges
    }
}
