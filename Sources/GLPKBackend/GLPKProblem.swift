import CGLPK
import LinearProgramming

/// A GLPK problem object loaded from a validated ``LinearProgram``, created, used and deleted
/// on one thread: inside ``withProblem(_:integer:body:)`` for one solve, or between
/// ``loaded(_:integer:)`` and ``delete()`` for a ``GLPKCostSession`` or ``GLPKRowSession``.
struct GLPKProblem {
    let pointer: OpaquePointer
    private(set) var rows: Int
    let columns: Int
    /// Set when a guarded solve met a GLPK internal error: GLPK then freed its environment,
    /// this problem included, so it is neither read nor deleted again.
    private let freedByGLPK = Flag()

    private final class Flag { var isSet = false }

    /// Loads `model` (which must have passed `validate()`) and runs `body` with it. When
    /// `integer` is false every variable is continuous (LP relaxation). Returns nil instead of
    /// loading when an integer variable has no integer value between its bounds.
    static func withProblem<Result>(_ model: LinearProgram, integer: Bool,
                                    body: (GLPKProblem) throws -> Result) rethrows -> Result? {
        guard let problem = loaded(model, integer: integer) else { return nil }
        defer { problem.delete() }
        return try body(problem)
    }

    /// `model` loaded into a new GLPK problem that the caller deletes with ``delete()``; nil (and
    /// nothing left to delete) when an integer variable has no integer value between its bounds.
    static func loaded(_ model: LinearProgram, integer: Bool) -> GLPKProblem? {
        let problem = GLPKProblem(pointer: glp_create_prob()!, rows: model.constraintCount, columns: model.variableCount)
        guard problem.load(model, integer: integer) else {
            problem.delete()
            return nil
        }
        return problem
    }

    /// Frees the GLPK problem, unless a GLPK internal error already did.
    func delete() {
        if !freedByGLPK.isSet { glp_delete_prob(pointer) }
    }

    /// True once a guarded solve met a GLPK internal error: the problem is gone.
    var isFreed: Bool { freedByGLPK.isSet }

    /// The return code of `solve` (one of the `hycnn_guarded_…` calls of the CGLPK shim), or
    /// nil when GLPK stopped on an internal error instead of aborting the process.
    func guarded(_ solve: (OpaquePointer) -> Int32) -> Int32? {
        let code = solve(pointer)
        guard code != HYCNN_GLPK_INTERNAL_ERROR else {
            freedByGLPK.isSet = true
            return nil
        }
        return code
    }

    /// Sets the objective coefficients of the columns (one per column), keeping the basis.
    func setCosts(_ costs: [Double]) {
        for (j, c) in costs.enumerated() { glp_set_obj_coef(pointer, Int32(j + 1), c) }
    }

    /// Appends `rows` (validated against the loaded columns) after the existing rows. GLPK makes
    /// their auxiliary variables basic, so a basis of the smaller problem stays a basis, and dual
    /// feasible; its factorization is rebuilt by the next solve.
    mutating func addRows(_ rows: [Constraint]) {
        guard !rows.isEmpty else { return }
        let first = Int32(self.rows + 1)
        glp_add_rows(pointer, Int32(rows.count))
        for (k, row) in rows.enumerated() {
            let i = first + Int32(k)
            let (type, lower, upper) = Self.boundType(row.lower, row.upper)
            glp_set_row_bnds(pointer, i, type, lower, upper)
            // glp_set_mat_row takes 1-based arrays; index 0 is unused.
            let columns = [Int32(0)] + row.columns.map { Int32($0 + 1) }
            let values = [0.0] + row.coefficients
            glp_set_mat_row(pointer, i, Int32(row.columns.count), columns, values)
        }
        self.rows += rows.count
    }

    private func load(_ model: LinearProgram, integer: Bool) -> Bool {
        glp_set_obj_dir(pointer, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(pointer, 0, model.objectiveConstant)
        if rows > 0 { glp_add_rows(pointer, Int32(rows)) }
        glp_add_cols(pointer, Int32(columns))
        for (i, row) in model.constraints.enumerated() {
            let (type, lower, upper) = Self.boundType(row.lower, row.upper)
            glp_set_row_bnds(pointer, Int32(i + 1), type, lower, upper)
        }
        for (j, v) in model.variables.enumerated() {
            var lower = v.lower, upper = v.upper
            if integer && v.isInteger {
                lower = lower.rounded(.up)      // integral bounds, as glp_intopt requires
                upper = upper.rounded(.down)
                if lower > upper { return false }
                glp_set_col_kind(pointer, Int32(j + 1), GLP_IV)
            }
            let (type, lb, ub) = Self.boundType(lower, upper)
            glp_set_col_bnds(pointer, Int32(j + 1), type, lb, ub)
            glp_set_obj_coef(pointer, Int32(j + 1), v.cost)
        }
        // glp_load_matrix takes 1-based triplets; index 0 of each array is unused.
        let count = model.nonzeroCount
        var ia = [Int32](repeating: 0, count: count + 1)
        var ja = [Int32](repeating: 0, count: count + 1)
        var ar = [Double](repeating: 0, count: count + 1)
        var k = 1
        for (i, row) in model.constraints.enumerated() {
            for (column, value) in zip(row.columns, row.coefficients) {
                ia[k] = Int32(i + 1); ja[k] = Int32(column + 1); ar[k] = value
                k += 1
            }
        }
        if count > 0 { glp_load_matrix(pointer, Int32(count), ia, ja, ar) }
        return true
    }

    /// GLPK's bound type for [lower, upper] (validated: lower ≤ upper, no NaN).
    static func boundType(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return (GLP_FR, 0, 0)
        case (true, false): return (GLP_LO, lower, 0)
        case (false, true): return (GLP_UP, 0, upper)
        case (true, true): return lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }
}
