import CGLPK
import Dispatch
import LinearProgramming

/// From an interior-point optimum to a basic optimal solution (a vertex with its duals):
///
/// 1. **A starting basis** guessed at the interior point: the columns (and row activities)
///    strictly inside their bounds (``StartingBasis``) are the basis when they are exactly as
///    many as the rows and GLPK factorizes them (a nondegenerate optimum: nothing is left to
///    do); otherwise they go into the basis as far as they form a triangular, hence nonsingular,
///    basis matrix over the active rows (GLPK's `glp_adv_basis` with every other column and
///    every active row held fixed), and slacks complete it.
/// 2. **Pushes** (``BasisPushes``): dual pushes make the reduced cost of every basic variable
///    zero, the nonbasic variables on a bound move onto it, and primal pushes take the others
///    to a bound — exchanging basis columns with their own ratio tests, on GLPK's LU with
///    product-form and alternate-product-form updates (``BasisFactor``). The basis they leave
///    is optimal up to the interior point's residuals.
/// 3. **GLPK's simplex from that basis**: the dual simplex when the basis is dual feasible but
///    not primal feasible (those residuals, through B⁻¹), the primal simplex otherwise; usually
///    no pivot. Then once more on the unscaled problem with tolerances of 1e-9 (GLPK's default
///    1e-7 applies to the scaled problem: on pilot87 that left a reduced cost whose sign broke
///    the duality-gap check by 2.5e-6); when GLPK cannot factorize the basis, the simplex
///    starts afresh.
///
/// The answer is GLPK's simplex answer on the program and is not trusted: check it with
/// `verify` like any other. A crossover that stops on a limit or a numerical failure returns
/// that status (and no vertex).
public struct GLPKCrossover: Sendable {
    /// The simplex's settings: `timeLimit`, `deadline`, tolerances, iteration limit and logger
    /// are used; the method is chosen as above, without presolve.
    public var settings: GLPKSettings

    /// Tolerances of the simplex run on the unscaled problem.
    static let unscaledTolerance = 1e-9

    public init(settings: GLPKSettings = GLPKSettings()) {
        self.settings = settings
        self.settings.method = .primalSimplex
        self.settings.presolve = false
    }

    /// The vertex reached from `interior` (an optimal or almost optimal answer with x, row
    /// duals and reduced costs of `problem`), with the simplex's status, point, duals and pivot
    /// count in `iterations` (the pushes' exchanges are not counted: the logger has them);
    /// `.numericalError` when `interior` lacks a point and duals.
    public func vertex(from interior: Solution, of problem: LinearProgram) throws -> Solution {
        let solver = GLPKSolver(settings: settings)
        let program = try solver.prepared(problem)
        guard interior.status.hasOptimalPoint, interior.x.count == program.variableCount,
              interior.rowDuals.count == program.constraintCount,
              interior.reducedCosts.count == program.variableCount else {
            return Solution(status: .numericalError, solver: solver.simplexName,
                            diagnosis: "the crossover needs an optimal interior point with its duals")
        }
        let start = DispatchTime.now()
        let stop = settings.stop(startedAt: start.uptimeNanoseconds)
        if stop?.hasPassed == true { return Solution(status: .timeLimit, solver: solver.simplexName) }
        let basis = StartingBasis(model: program, x: interior.x, rowDuals: interior.rowDuals,
                                  reducedCosts: interior.reducedCosts)
        var solution = GLPKTerminal.capture(logger: settings.logger) { _ in
            GLPKProblem.withProblem(program, integer: false) { problem -> Solution in
                guard Self.start(problem, at: basis, model: program) else {
                    return Solution(status: .numericalError, solver: solver.simplexName)
                }
                let inside = (0..<program.variableCount).count {
                    basis.columns[$0] == .candidate && glp_get_col_stat(problem.pointer, Int32($0 + 1)) == GLP_BS
                }
                settings.logger?("crossover: \(basis.candidateColumnCount) of \(program.variableCount) columns strictly inside their bounds, "
                                 + "\(inside) of them in the starting basis (\(program.constraintCount) rows)\n")
                var pushes = BasisPushes(model: program, x: interior.x, rowDuals: interior.rowDuals,
                                         reducedCosts: interior.reducedCosts, basis: basis)
                guard pushes.run(on: problem, stop: stop) else { return Solution(status: .numericalError, solver: solver.simplexName) }
                let done = pushes.statistics
                settings.logger?("crossover: \(done.dualPushes) dual and \(done.primalPushes) primal pushes, \(done.exchanges) exchanges, "
                                 + "\(done.snapped) nonbasic variables moved onto their bounds, \(done.factorizations) factorizations"
                                 + (done.left > 0 ? ", \(done.left) pushes left to the simplex" : "") + "\n")
                if stop?.hasPassed == true { return Solution(status: .timeLimit, solver: solver.simplexName) }
                var solution = Self.simplex(problem, solver: solver, model: program, stop: stop)
                if solution.status == .numericalError, !problem.isFreed {      // a basis GLPK cannot factorise
                    settings.logger?("crossover: the basis reached failed; the simplex starts afresh\n")
                    solution = solver.simplex(on: problem, model: program, stop: stop, warm: false)
                }
                return solution
            } ?? Solution(status: .numericalError, solver: solver.simplexName)
        }
        solution.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return solution
    }

    /// GLPK's simplex from the basis `problem` holds: dual when that basis is dual feasible and
    /// not primal feasible, primal otherwise; then, if optimal and its basic solution misses
    /// ``unscaledTolerance`` in the caller's units (``meetsUnscaledTolerance(_:)``), primal
    /// again on the unscaled problem with that tolerance (kept when it ends optimal). Its pivots
    /// are both runs'.
    private static func simplex(_ problem: GLPKProblem, solver: GLPKSolver, model: LinearProgram, stop: Deadline?) -> Solution {
        guard let code = problem.guarded({ hycnn_guarded_warm_up($0) }) else {
            return Solution(status: .numericalError, solver: solver.simplexName)
        }
        let byDual = code == 0 && glp_get_prim_stat(problem.pointer) != GLP_FEAS && glp_get_dual_stat(problem.pointer) == GLP_FEAS
        let scaled = solver.simplex(on: problem, model: model, stop: stop, warm: true, byDual: byDual)
        guard scaled.status == .optimal, !problem.isFreed, !meetsUnscaledTolerance(problem) else { return scaled }
        glp_unscale_prob(problem.pointer)
        var tight = solver
        tight.settings.primalFeasibilityTolerance = unscaledTolerance
        tight.settings.dualFeasibilityTolerance = unscaledTolerance
        var unscaled = tight.simplex(on: problem, model: model, stop: stop, warm: true)
        guard unscaled.status == .optimal else { return scaled }
        unscaled.iterations += scaled.iterations
        unscaled.solver = scaled.solver
        return unscaled
    }

    /// Whether the basic solution GLPK reports (in the caller's units) is primal and dual
    /// feasible within ``unscaledTolerance``: every basic variable within its bounds (relative to
    /// 1 + |bound|), every nonbasic one's reduced cost of the sign its bound needs (relative to
    /// 1 + |cost|). The unscaled run would then end where it starts, after a factorization of
    /// its own (skipping it took the 48×4 surrogate's crossover from 9 to 5 ms); 89 of 93 benchmark LPs made no
    /// pivot there.
    static func meetsUnscaledTolerance(_ problem: GLPKProblem) -> Bool {
        let pointer = problem.pointer, tolerance = unscaledTolerance
        let sign: Double = glp_get_obj_dir(pointer) == GLP_MIN ? 1 : -1               // reduced costs of the minimisation
        func feasible(status: Int32, type: Int32, lower: Double, upper: Double, value: Double, dual: Double, cost: Double) -> Bool {
            let d = sign * dual, slack = tolerance * (1 + abs(cost))
            switch status {
            case GLP_BS:
                let hasLower = type == GLP_LO || type == GLP_DB || type == GLP_FX
                let hasUpper = type == GLP_UP || type == GLP_DB || type == GLP_FX
                return !(hasLower && value < lower - tolerance * (1 + abs(lower)))
                    && !(hasUpper && value > upper + tolerance * (1 + abs(upper)))
            case GLP_NL: return d >= -slack                                              // at its lower bound: d ≥ 0
            case GLP_NU: return d <= slack                                               // at its upper bound: d ≤ 0
            case GLP_NF: return abs(d) <= slack                                          // free: d = 0
            default: return true                                                         // fixed: any sign
            }
        }
        for i in 1...max(Int(glp_get_num_rows(pointer)), 1) where glp_get_num_rows(pointer) > 0 {
            let r = Int32(i)
            guard feasible(status: glp_get_row_stat(pointer, r), type: glp_get_row_type(pointer, r), lower: glp_get_row_lb(pointer, r),
                           upper: glp_get_row_ub(pointer, r), value: glp_get_row_prim(pointer, r), dual: glp_get_row_dual(pointer, r),
                           cost: 0) else { return false }
        }
        for j in 1...max(Int(glp_get_num_cols(pointer)), 1) where glp_get_num_cols(pointer) > 0 {
            let c = Int32(j)
            guard feasible(status: glp_get_col_stat(pointer, c), type: glp_get_col_type(pointer, c), lower: glp_get_col_lb(pointer, c),
                           upper: glp_get_col_ub(pointer, c), value: glp_get_col_prim(pointer, c), dual: glp_get_col_dual(pointer, c),
                           cost: glp_get_obj_coef(pointer, c)) else { return false }
        }
        return true
    }

    /// Gives `problem` the starting basis: scales it (``CrossoverScaling``), holds every nonbasic column and active
    /// row fixed at its bound, takes the candidates as the basis when they fit it exactly, else
    /// lets `glp_adv_basis` pick a triangular basis among the rest (slacks complete it); then
    /// restores every bound and puts each nonbasic variable on the bound it sits on. False when
    /// GLPK met an internal error.
    private static func start(_ problem: GLPKProblem, at basis: StartingBasis, model: LinearProgram) -> Bool {
        let pointer = problem.pointer
        CrossoverScaling.apply(to: problem, model: model)
        for (j, position) in basis.columns.enumerated() {
            if let value = bound(position, lower: model.variables[j].lower, upper: model.variables[j].upper) {
                glp_set_col_bnds(pointer, Int32(j + 1), GLP_FX, value, value)
            }
        }
        for (i, position) in basis.rows.enumerated() {
            if let value = bound(position, lower: model.constraints[i].lower, upper: model.constraints[i].upper) {
                glp_set_row_bnds(pointer, Int32(i + 1), GLP_FX, value, value)
            }
        }
        switch candidateBasis(problem, at: basis) {
        case .some(true): break
        case .some(false): guard problem.guarded({ hycnn_guarded_crash_basis($0) }) != nil else { return false }
        case nil: return false
        }
        for (j, position) in basis.columns.enumerated() {
            let variable = model.variables[j]
            let (type, lower, upper) = GLPKProblem.boundType(variable.lower, variable.upper)
            glp_set_col_bnds(pointer, Int32(j + 1), type, lower, upper)
            if glp_get_col_stat(pointer, Int32(j + 1)) != GLP_BS {
                glp_set_col_stat(pointer, Int32(j + 1), nonbasicStatus(position, type: type))
            }
        }
        for (i, position) in basis.rows.enumerated() {
            let row = model.constraints[i]
            let (type, lower, upper) = GLPKProblem.boundType(row.lower, row.upper)
            glp_set_row_bnds(pointer, Int32(i + 1), type, lower, upper)
            if glp_get_row_stat(pointer, Int32(i + 1)) != GLP_BS {
                glp_set_row_stat(pointer, Int32(i + 1), nonbasicStatus(position, type: type))
            }
        }
        return true
    }

    /// When the candidates (columns and row activities strictly inside their bounds) are exactly
    /// as many as the rows — a nondegenerate optimum, whose basis the interior point has found —
    /// makes them the basis and factorizes it: true when GLPK accepts it as nonsingular and
    /// well-conditioned, false otherwise (the triangular crash then picks one), nil on a GLPK
    /// internal error. maros-r7 has 3136 such columns for 3136 rows, of which the crash alone
    /// took 2725, and the simplex then needed 3486 pivots from there.
    private static func candidateBasis(_ problem: GLPKProblem, at basis: StartingBasis) -> Bool? {
        let rowCandidates = basis.rows.count { $0 == .candidate }
        guard basis.candidateColumnCount + rowCandidates == basis.rows.count else { return false }
        let pointer = problem.pointer
        for (j, position) in basis.columns.enumerated() {
            glp_set_col_stat(pointer, Int32(j + 1), position == .candidate ? GLP_BS : GLP_NS)
        }
        for (i, position) in basis.rows.enumerated() {
            glp_set_row_stat(pointer, Int32(i + 1), position == .candidate ? GLP_BS : GLP_NS)
        }
        guard let code = problem.guarded({ hycnn_guarded_factorize($0, 0) }) else { return nil }
        return code == 0
    }

    /// The bound a nonbasic variable is held at while the basis is picked; nil for a candidate.
    private static func bound(_ position: StartingBasis.Position, lower: Double, upper: Double) -> Double? {
        switch position {
        case .candidate: nil
        case .atLower, .fixed: lower
        case .atUpper: upper
        }
    }

    /// GLPK's status for a variable of bound `type` left out of the basis: on the bound it sits
    /// on; a candidate left out goes to its lower bound, else its upper, else (free) stays free.
    private static func nonbasicStatus(_ position: StartingBasis.Position, type: Int32) -> Int32 {
        switch type {
        case GLP_FX: return GLP_NS
        case GLP_FR: return GLP_NF
        case GLP_LO: return GLP_NL
        case GLP_UP: return GLP_NU
        default: return position == .atUpper ? GLP_NU : GLP_NL
        }
    }
}
