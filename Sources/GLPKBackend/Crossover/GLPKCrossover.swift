import CGLPK
import Dispatch
import LinearProgramming

/// From an interior-point optimum to a basic optimal solution (a vertex with its duals), by
/// GLPK's primal simplex started from a basis guessed at the interior point: the columns (and
/// row activities) strictly inside their bounds (``StartingBasis``) are the basis when they are
/// exactly as many as the rows and GLPK factorizes them (a nondegenerate optimum: no pivot is
/// left to do); otherwise they go into the basis as far as they form a triangular, hence
/// nonsingular, basis matrix over the active rows (GLPK's `glp_adv_basis` with every other
/// column and every active row held fixed) and slacks complete it; then the candidates the
/// crash left out, and after them the columns on a bound most likely basic (distance to the
/// bound over its dual slack), are swapped in for those slacks (``CandidateSwaps``) — the
/// second swaps are undone when they push the basic values further off their bounds. Every
/// other column starts at the bound it sits on. Near the optimum the simplex then needs few
/// pivots.
///
/// The simplex runs twice: first with every column off the basis held on its bound (so it only
/// moves the candidates and slacks), then on the whole LP from the primal feasible basis that
/// leaves. When GLPK cannot factorise the starting basis, the simplex starts afresh (scaled,
/// from GLPK's own advanced basis).
///
/// The answer is GLPK's simplex answer on the program and is not trusted: check it with
/// `verify` like any other. A crossover that stops on a limit or a numerical failure returns
/// that status (and no vertex).
public struct GLPKCrossover: Sendable {
    /// The simplex's settings: `timeLimit`, `deadline`, tolerances, iteration limit and logger
    /// are used; the method is always the primal simplex, without presolve.
    public var settings: GLPKSettings

    public init(settings: GLPKSettings = GLPKSettings()) {
        self.settings = settings
        self.settings.method = .primalSimplex
        self.settings.presolve = false
    }

    /// The vertex reached from `interior` (an optimal or almost optimal answer with x, row
    /// duals and reduced costs of `problem`), with the simplex's status, point, duals and pivot
    /// count in `iterations`; `.numericalError` when `interior` lacks a point and duals.
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
                guard Self.start(problem, at: basis, model: program, x: interior.x, reducedCosts: interior.reducedCosts) else {
                    return Solution(status: .numericalError, solver: solver.simplexName)
                }
                let basic = (0..<program.variableCount).filter { glp_get_col_stat(problem.pointer, Int32($0 + 1)) == GLP_BS }
                let inside = basic.count { basis.columns[$0] == .candidate }
                settings.logger?("crossover: \(basis.candidateColumnCount) of \(program.variableCount) columns strictly inside their bounds, "
                                 + "\(inside) of them in the starting basis"
                                 + (basic.count > inside ? " with \(basic.count - inside) column\(basic.count - inside == 1 ? "" : "s") on a bound" : "")
                                 + " (\(program.constraintCount) rows)\n")
                // First the LP with every column the interior point put on a bound held there (its optimum
                // is the interior one's to the interior tolerances), then the whole LP from the basis it leaves.
                let restricted = solver.simplex(on: problem, model: program, stop: stop, warm: true)
                if problem.isFreed || restricted.status.isLimit { return restricted }
                Self.release(problem, at: basis, model: program)
                var solution = solver.simplex(on: problem, model: program, stop: stop, warm: true)
                if solution.status == .numericalError, !problem.isFreed {      // a basis GLPK cannot factorise
                    settings.logger?("crossover: the starting basis failed; the simplex starts afresh\n")
                    solution = solver.simplex(on: problem, model: program, stop: stop, warm: false)
                }
                solution.iterations += restricted.iterations
                return solution
            } ?? Solution(status: .numericalError, solver: solver.simplexName)
        }
        solution.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return solution
    }

    /// Gives `problem` the starting basis: scales it, holds every nonbasic column and active
    /// row fixed at its bound, takes the candidates as the basis when they fit it exactly, else
    /// lets `glp_adv_basis` pick a triangular basis among the rest and completes it
    /// (``CandidateSwaps``); then restores the bounds of the rows and candidate columns and puts
    /// each nonbasic one on its bound; the other columns stay fixed (``release(_:at:model:)``
    /// frees them). False when GLPK met an internal error.
    private static func start(_ problem: GLPKProblem, at basis: StartingBasis, model: LinearProgram,
                              x: [Double], reducedCosts: [Double]) -> Bool {
        let pointer = problem.pointer
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
        case .some(false):
            guard problem.guarded({ hycnn_guarded_crash_basis($0) }) != nil,
                  CandidateSwaps.apply(problem, basis: basis, model: model) != nil,
                  CandidateSwaps.completeWithColumnsOnBounds(problem, basis: basis, model: model, x: x,
                                                             reducedCosts: reducedCosts) != nil else { return false }
        case nil: return false
        }
        for (j, position) in basis.columns.enumerated() where position == .candidate {
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
        guard let code = problem.guarded({ hycnn_guarded_factorize($0, 1) }) else { return nil }
        return code == 0
    }

    /// Restores the bounds of the columns ``start(_:at:model:)`` held fixed; each one still out
    /// of the basis goes on the bound it was held at.
    private static func release(_ problem: GLPKProblem, at basis: StartingBasis, model: LinearProgram) {
        let pointer = problem.pointer
        for (j, position) in basis.columns.enumerated() where position != .candidate {
            let variable = model.variables[j]
            let (type, lower, upper) = GLPKProblem.boundType(variable.lower, variable.upper)
            glp_set_col_bnds(pointer, Int32(j + 1), type, lower, upper)
            if glp_get_col_stat(pointer, Int32(j + 1)) != GLP_BS {
                glp_set_col_stat(pointer, Int32(j + 1), nonbasicStatus(position, type: type))
            }
        }
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
