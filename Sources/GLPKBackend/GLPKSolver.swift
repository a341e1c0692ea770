import CGLPK
import Foundation
import LinearProgramming

/// GLPK 5.0 behind the ``LPSolver`` protocol: primal or dual simplex, interior point, or
/// branch-and-cut. The model is validated before any GLPK call, so bad input is a thrown
/// `LinearProgrammingError` and never a GLPK abort. Every infeasible, unbounded or
/// branch-and-cut optimal answer is settled by ``RayFinder/settle(_:for:using:integerSolver:tolerances:)``:
/// infeasible and unbounded carry a verified Farkas ray or improving ray (GLPK gives none itself),
/// and a verdict the evidence contradicts is replaced. Branch-and-cut on a model without integer
/// variables runs the primal simplex, so the answer has duals and a full optimality certificate.
public struct GLPKSolver: LPSolver {
    public var settings: GLPKSettings

    public init(settings: GLPKSettings = GLPKSettings()) { self.settings = settings }
    public init(method: GLPKSettings.Method) { self.settings = GLPKSettings(method: method) }

    public var name: String { "glpk-" + settings.method.rawValue }

    /// The linked GLPK's version, e.g. "5.0" (`glp_version`).
    public static var libraryVersion: String { String(cString: glp_version()) }

    /// Solves `problem` after ``LinearProgram/preparedForSolver(_:policy:)``: the LP methods
    /// refuse integer columns, and every method sees the model with the ``NumericPolicy`` applied.
    public func solve(_ problem: LinearProgram) throws -> Solution {
        let problem = try prepared(problem)
        let start = DispatchTime.now()
        let stop = settings.stop(startedAt: start.uptimeNanoseconds)
        if stop?.hasPassed == true { return Solution(status: .timeLimit, solver: name) }
        let solution = GLPKTerminal.capture(logger: settings.logger) { run(problem, terminal: $0, stop: stop) }
        return try finished(solution, for: problem, stop: stop, start: start)
    }

    /// A ``GLPKCostSession`` (warm-started re-solves) when the method solves `problem` by the
    /// simplex: primal or dual simplex, or branch-and-cut on a model without integer variables;
    /// otherwise ``ColdCostSession``. The settings and the model are checked once, here.
    public func withCostSession<Result>(for problem: LinearProgram,
                                        _ body: (any CostSession) throws -> Result) throws -> Result {
        guard solvesBySimplex(problem) else { return try body(ColdCostSession(solver: self, program: problem)) }
        let session = GLPKCostSession(solver: self, program: try prepared(problem))
        defer { session.close() }
        return try body(session)
    }

    /// A ``GLPKRowSession`` (re-solves by the dual simplex from the previous basis) when the
    /// method solves `problem` by the simplex, as for ``withCostSession(for:_:)``; otherwise
    /// ``ColdRowSession``. The settings and the model are checked once, here.
    public func withRowSession<Result>(for problem: LinearProgram,
                                       _ body: (any RowSession) throws -> Result) throws -> Result {
        guard solvesBySimplex(problem) else { return try body(ColdRowSession(solver: self, program: problem)) }
        let session = GLPKRowSession(solver: self, program: try prepared(problem))
        defer { session.close() }
        return try body(session)
    }

    /// Whether the method solves `problem` by the simplex: primal or dual simplex, or
    /// branch-and-cut on a model without integer variables.
    private func solvesBySimplex(_ problem: LinearProgram) -> Bool {
        settings.method == .primalSimplex || settings.method == .dualSimplex
            || (settings.method == .branchAndCut && !problem.hasIntegerVariables)
    }

    /// `problem` as GLPK is given it: settings validated, ``LinearProgram/preparedForSolver(_:policy:)``
    /// applied, and within GLPK's 32-bit indices.
    func prepared(_ problem: LinearProgram) throws -> LinearProgram {
        try settings.validate()
        let problem = try problem.preparedForSolver(settings.method == .branchAndCut ? .mixedInteger : .linearOnly).program
        guard problem.nonzeroCount < Int(Int32.max), problem.variableCount < Int(Int32.max),
              problem.constraintCount < Int(Int32.max) else {
            throw LinearProgrammingError.solverFailure(solver: name, reason: "the model is too large for GLPK's 32-bit indices")
        }
        return problem
    }

    /// GLPK's answer on `problem` settled by the certificate search (when derived) and timed
    /// from `start`.
    func finished(_ solution: Solution, for problem: LinearProgram, stop: Deadline?, start: DispatchTime) throws -> Solution {
        var solution = solution
        if settings.deriveCertificates {
            // The auxiliary solves of the certificate search share the solve's stop.
            var helper = GLPKSettings(method: .primalSimplex)
            helper.deriveCertificates = false
            helper.deadline = stop
            var integerHelper = GLPKSettings(method: .branchAndCut)
            integerHelper.deriveCertificates = false
            integerHelper.deadline = stop
            solution = try RayFinder.settle(solution, for: problem, using: GLPKSolver(settings: helper),
                                            integerSolver: GLPKSolver(settings: integerHelper), deadline: stop)
        }
        solution.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return solution
    }

    private func run(_ model: LinearProgram, terminal: GLPKTerminal, stop: Deadline?) -> Solution {
        switch settings.method {
        case .primalSimplex, .dualSimplex:
            return simplex(model, stop: stop)
        case .interiorPoint:
            // glp_interior rejects a problem without rows (GLP_EFAIL); the simplex solves it.
            return model.constraintCount == 0 ? simplex(model, stop: stop) : interior(model, terminal: terminal)
        case .branchAndCut:
            // Without integer columns there is nothing to branch on: the simplex gives duals.
            return model.hasIntegerVariables ? branchAndCut(model, stop: stop) : simplex(model, stop: stop)
        }
    }

    private func simplex(_ model: LinearProgram, stop: Deadline?) -> Solution {
        GLPKProblem.withProblem(model, integer: false) { simplex(on: $0, model: model, stop: stop, warm: false) }
            ?? Solution(status: .numericalError, solver: simplexName)
    }

    /// The simplex answer's solver name.
    var simplexName: String { settings.method == .dualSimplex ? "glpk-dual-simplex" : "glpk-simplex" }

    /// One `glp_simplex` on `problem` (loaded from `model`), read back as a ``Solution``: cold
    /// (scaling, then GLPK's advanced basis unless presolving) or `warm` from the basis the
    /// problem holds. `byDual` runs the dual simplex without presolve whatever the settings say
    /// (a re-solve after rows were added). The iterations are this call's.
    func simplex(on problem: GLPKProblem, model: LinearProgram, stop: Deadline?, warm: Bool, byDual: Bool = false) -> Solution {
        let method = byDual ? "glpk-dual-simplex" : simplexName
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = settings.logger == nil ? GLP_MSG_OFF : GLP_MSG_ON
        parameters.meth = settings.method == .dualSimplex || byDual ? GLP_DUALP : GLP_PRIMAL
        parameters.tol_bnd = settings.primalFeasibilityTolerance
        parameters.tol_dj = settings.dualFeasibilityTolerance
        parameters.tm_lim = GLPKSettings.milliseconds(until: stop)
        parameters.it_lim = settings.iterationLimit == nil ? Self.loopGuard(model) : settings.iterationLimitValue
        parameters.presolve = settings.presolve && !byDual ? GLP_ON : GLP_OFF
        let before = glp_get_it_cnt(problem.pointer)                // GLPK counts across the problem's solves
        guard let code = problem.guarded({
            hycnn_guarded_simplex($0, &parameters, warm ? 0 : 1, !warm && !settings.presolve ? 1 : 0)
        }) else {
            return Solution(status: .numericalError, solver: method)    // GLPK internal error (its log says which)
        }
        let iterations = Int(glp_get_it_cnt(problem.pointer) - before)
        let status = Self.simplexStatus(code: code, status: glp_get_status(problem.pointer))
        var solution = Solution(status: status, iterations: iterations, solver: method)
        if code == 0 || status.isLimit {
            solution.x = (1...max(problem.columns, 1)).prefix(problem.columns).map { glp_get_col_prim(problem.pointer, Int32($0)) }
        }
        if status == .optimal {
            solution.objective = glp_get_obj_val(problem.pointer)
            solution.rowDuals = (0..<problem.rows).map { glp_get_row_dual(problem.pointer, Int32($0 + 1)) }
            solution.reducedCosts = (0..<problem.columns).map { glp_get_col_dual(problem.pointer, Int32($0 + 1)) }
        }
        return solution
    }

    /// The simplex iteration limit when none is set: 50·(rows + columns) + 10,000, far above
    /// what GLPK needs on every Netlib LP, but a stop for its primal simplex, which can repeat
    /// "numerical instability" recoveries forever on badly scaled data (a 3 × 5 LP with entries
    /// from 5e-9 to 8e10 ran 470,000 iterations in 10 s). It ends with the status iterationLimit.
    static func loopGuard(_ model: LinearProgram) -> Int32 {
        Int32(min(50 * (model.constraintCount + model.variableCount) + 10_000, Int(Int32.max)))
    }

    static func simplexStatus(code: Int32, status: Int32) -> SolutionStatus {
        switch code {
        case 0:
            switch status {
            case GLP_OPT: return .optimal
            case GLP_NOFEAS: return .primalInfeasible
            case GLP_UNBND: return .dualInfeasible
            default: return .numericalError
            }
        case GLP_ETMLIM: return .timeLimit
        case GLP_EITLIM: return .iterationLimit
        case GLP_ENOPFS: return .primalInfeasible
        case GLP_ENODFS: return .dualInfeasible   // presolver: no dual feasible point; classified by RayFinder
        default: return .numericalError
        }
    }

    private func interior(_ model: LinearProgram, terminal: GLPKTerminal) -> Solution {
        let result = GLPKProblem.withProblem(model, integer: false) { problem -> Solution in
            var parameters = glp_iptcp()
            glp_init_iptcp(&parameters)
            parameters.msg_lev = GLP_MSG_ON   // its per-iteration lines give the iteration count
            parameters.ord_alg = GLP_ORD_AMD   // never QMD: disabled in GLPK 5.0 (aborts)
            guard let code = problem.guarded({ hycnn_guarded_interior($0, &parameters) }) else {
                return Solution(status: .numericalError, solver: "glpk-interior")
            }
            let status: SolutionStatus
            switch (code, glp_ipt_status(problem.pointer)) {
            case (0, GLP_OPT): status = .optimal
            case (0, GLP_NOFEAS), (GLP_ENOFEAS, _): status = .primalInfeasible  // or unbounded: RayFinder decides
            case (GLP_EITLIM, _): status = .iterationLimit
            default: status = .numericalError
            }
            var solution = Solution(status: status, iterations: terminal.interiorIterations, solver: "glpk-interior")
            if status == .optimal {
                solution.x = (0..<problem.columns).map { glp_ipt_col_prim(problem.pointer, Int32($0 + 1)) }
                solution.objective = glp_ipt_obj_val(problem.pointer)
                solution.rowDuals = (0..<problem.rows).map { glp_ipt_row_dual(problem.pointer, Int32($0 + 1)) }
                solution.reducedCosts = (0..<problem.columns).map { glp_ipt_col_dual(problem.pointer, Int32($0 + 1)) }
            }
            return solution
        }
        return result ?? Solution(status: .numericalError, solver: "glpk-interior")
    }

    /// What the branch-and-cut callback sees: GLPK's relative MIP gap at its last call with an
    /// incumbent, and whether it stopped the search at the wall-clock deadline.
    private final class SearchMonitor {
        /// `DispatchTime` uptime in nanoseconds at which the search is stopped (nil: no limit).
        let deadline: UInt64?
        let progress: (@Sendable (MIPProgress) -> Void)?
        let start = DispatchTime.now().uptimeNanoseconds
        var lastReport: UInt64 = 0
        var gap: Double?
        var bound: Double?
        var stoppedAtDeadline = false

        init(deadline: UInt64?, progress: (@Sendable (MIPProgress) -> Void)?) {
            self.deadline = deadline
            self.progress = progress
        }

        /// Reads the tree's figures: the gap and best bound always, the whole progress for
        /// `progress` at a new incumbent or once a second.
        func observe(_ tree: OpaquePointer, reason: Int32) {
            let gap = glp_ios_mip_gap(tree)                      // DBL_MAX until there is an incumbent
            if gap.isFinite, gap < .greatestFiniteMagnitude { self.gap = gap }
            let best = glp_ios_best_node(tree)
            if best != 0 { bound = glp_ios_node_bound(tree, best) }
            guard let progress else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            let newIncumbent = reason == GLP_IBINGO
            guard newIncumbent || now - lastReport >= 1_000_000_000 else { return }
            lastReport = now
            var active: Int32 = 0, current: Int32 = 0, total: Int32 = 0
            glp_ios_tree_size(tree, &active, &current, &total)
            let problem = glp_ios_get_prob(tree)
            let status = glp_mip_status(problem)
            let incumbent = status == GLP_FEAS || status == GLP_OPT ? glp_mip_obj_val(problem) : nil
            progress(MIPProgress(seconds: Double(now - start) / 1e9, activeNodes: Int(active), totalNodes: Int(total),
                                 incumbent: incumbent, bound: best != 0 ? bound : nil, gap: incumbent == nil ? nil : self.gap,
                                 newIncumbent: newIncumbent))
        }
    }

    /// GLPK's `tm_lim` bounds the root LP and, on a separate clock started after it, the tree
    /// search; its presolve checks no clock (see ``GLPKSettings/timeLimit``). The callback
    /// therefore also stops the search itself at `stop` (the time limit or the deadline).
    private func branchAndCut(_ model: LinearProgram, stop: Deadline?) -> Solution {
        let monitor = SearchMonitor(deadline: stop?.uptimeNanoseconds, progress: settings.progress)
        let result = GLPKProblem.withProblem(model, integer: true) { problem -> Solution in
            var parameters = glp_iocp()
            glp_init_iocp(&parameters)
            parameters.msg_lev = settings.logger == nil ? GLP_MSG_OFF : GLP_MSG_ON
            parameters.presolve = GLP_ON        // glp_intopt needs it without a prior LP solution
            parameters.tol_int = settings.integerTolerance
            parameters.mip_gap = settings.mipGap
            parameters.tm_lim = GLPKSettings.milliseconds(until: stop)
            parameters.cb_info = Unmanaged.passUnretained(monitor).toOpaque()
            parameters.cb_func = { tree, info in
                guard let tree, let info else { return }
                let monitor = Unmanaged<SearchMonitor>.fromOpaque(info).takeUnretainedValue()
                monitor.observe(tree, reason: glp_ios_reason(tree))
                if let deadline = monitor.deadline, !monitor.stoppedAtDeadline,
                   DispatchTime.now().uptimeNanoseconds >= deadline {
                    monitor.stoppedAtDeadline = true
                    glp_ios_terminate(tree)                      // glp_intopt returns GLP_ESTOP
                }
            }
            guard let code = withExtendedLifetime(monitor, { problem.guarded { hycnn_guarded_intopt($0, &parameters) } }) else {
                return Solution(status: .numericalError, isMixedInteger: true, solver: "glpk-mip")
            }
            let mipStatus = glp_mip_status(problem.pointer)
            let hasIncumbent = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
            let status: SolutionStatus
            switch code {
            case 0, GLP_EMIPGAP:
                status = mipStatus == GLP_OPT || (code == GLP_EMIPGAP && hasIncumbent) ? .optimal
                    : mipStatus == GLP_NOFEAS ? .primalInfeasible : .numericalError
            case GLP_ETMLIM: status = .timeLimit
            case GLP_ESTOP where monitor.stoppedAtDeadline: status = .timeLimit
            case GLP_ENOPFS: status = .primalInfeasible
            case GLP_ENODFS: status = .dualInfeasible
            default: status = .numericalError
            }
            var solution = Solution(status: status, isMixedInteger: true,
                                    iterations: Int(glp_get_it_cnt(problem.pointer)), solver: "glpk-mip")
            if hasIncumbent {
                solution.x = (0..<problem.columns).map { glp_mip_col_val(problem.pointer, Int32($0 + 1)) }
            }
            if status == .optimal {
                solution.objective = glp_mip_obj_val(problem.pointer)
                solution.mipGap = code == 0 && mipStatus == GLP_OPT ? 0 : monitor.gap
            } else if status == .timeLimit {
                if hasIncumbent { solution.mipGap = monitor.gap } // the incumbent's gap when the search stopped
                solution.mipBound = monitor.bound
            }
            return solution
        }
        // nil: an integer variable has no integer value within its bounds.
        return result ?? Solution(status: .primalInfeasible, isMixedInteger: true, solver: "glpk-mip")
    }
}
