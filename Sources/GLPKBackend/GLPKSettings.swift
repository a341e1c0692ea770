import LinearProgramming

/// Settings of a ``GLPKSolver``, validated when a solve starts. Defaults are GLPK's own.
public struct GLPKSettings: Sendable {
    /// Which GLPK algorithm runs.
    public enum Method: String, Sendable, CaseIterable {
        /// Primal simplex (`glp_simplex`, GLP_PRIMAL). Refuses integer columns, as every LP method
        /// does: solve `linearRelaxation()` for the LP relaxation.
        case primalSimplex = "simplex"
        /// Dual simplex, falling back to primal if it fails (GLP_DUALP). Refuses integer columns.
        case dualSimplex = "dual-simplex"
        /// GLPK's primal-dual interior point (`glp_interior`, AMD ordering); no basis, no time
        /// limit. Refuses integer columns.
        case interiorPoint = "interior"
        /// Branch-and-cut (`glp_intopt`) with presolve, for models with integer variables.
        case branchAndCut = "mip"
    }

    public var method: Method = .primalSimplex
    /// Wall-clock limit in seconds (nil: none). Not supported by the interior-point method.
    ///
    /// Branch-and-cut: GLPK's own `tm_lim` does not cover the whole of `glp_intopt`. Its MIP
    /// presolver checks no clock, the root LP relaxation gets the full limit on its own, and the
    /// search's clock starts only after both (on the encoding benchmark's 2,048-binary big-M
    /// MILP, GLPK's own `glpsol` with a 60 s limit stopped after 86.6 s: 26.6 s of presolve and root LP, then
    /// 60 s of search). ``GLPKSolver`` therefore also stops the search from GLPK's callback
    /// once the limit has passed since the solve began (60.1 s on that MILP); what can still
    /// run past it is the node LP in progress and, when the root LP itself is cut short, the
    /// presolve's time. The status is then `timeLimit`, with the incumbent (if any) in `x` and
    /// its relative gap in `mipGap`.
    public var timeLimit: Double? = nil
    /// An absolute deadline shared with the caller's other work (nil: none). A solve stops at
    /// the earlier of it and `timeLimit` after the solve began — including the auxiliary LPs
    /// of the certificate search after an infeasible or unbounded answer — with status
    /// `timeLimit`. Like `timeLimit`, not supported by the interior-point method.
    public var deadline: Deadline? = nil
    /// Simplex iteration limit (nil: 50·(rows + columns) + 10,000, a guard against GLPK's primal
    /// simplex looping on badly scaled data). Not used by branch-and-cut (GLPK's has none).
    public var iterationLimit: Int? = nil
    /// GLPK's LP presolver (branch-and-cut always presolves).
    public var presolve: Bool = false
    /// Primal feasibility tolerance `tol_bnd` (GLPK default 1e-7).
    public var primalFeasibilityTolerance: Double = 1e-7
    /// Dual feasibility tolerance `tol_dj` (GLPK default 1e-7).
    public var dualFeasibilityTolerance: Double = 1e-7
    /// Integrality tolerance `tol_int` for branch-and-cut. Tighter than GLPK's default 1e-5:
    /// with big-M rows, 1e-5 on a binary can leave a row violated by more than `verify`'s 1e-6.
    public var integerTolerance: Double = 1e-7
    /// Relative MIP gap at which branch-and-cut stops (default 0: prove optimality).
    public var mipGap: Double = 0
    /// When GLPK reports infeasible or unbounded, derive and attach a verified Farkas ray or
    /// improving ray by solving auxiliary LPs (see `RayFinder`).
    public var deriveCertificates: Bool = true
    /// Receives GLPK's terminal output when set; GLPK is silent otherwise.
    public var logger: (@Sendable (String) -> Void)? = nil
    /// Branch-and-cut's progress: called at each new incumbent and at most once a second
    /// otherwise (on the solving thread; keep it short).
    public var progress: (@Sendable (MIPProgress) -> Void)? = nil

    public init(method: Method = .primalSimplex) { self.method = method }

    /// Throws `LinearProgrammingError.invalidSetting` for a value GLPK would reject or abort on.
    public func validate() throws {
        func positive(_ name: String, _ value: Double) throws {
            guard value.isFinite, value > 0 else {
                throw LinearProgrammingError.invalidSetting(name: name, value: "\(value)", reason: "must be a finite positive number")
            }
        }
        try positive("primalFeasibilityTolerance", primalFeasibilityTolerance)
        try positive("dualFeasibilityTolerance", dualFeasibilityTolerance)
        try positive("integerTolerance", integerTolerance)
        guard mipGap.isFinite, mipGap >= 0 else {
            throw LinearProgrammingError.invalidSetting(name: "mipGap", value: "\(mipGap)", reason: "must be a finite number ≥ 0")
        }
        if let timeLimit {
            try positive("timeLimit", timeLimit)
            if method == .interiorPoint {
                throw LinearProgrammingError.invalidSetting(
                    name: "timeLimit", value: "\(timeLimit)",
                    reason: "GLPK's interior-point method has no time limit; use a simplex method or no limit")
            }
        }
        if let deadline, method == .interiorPoint {
            throw LinearProgrammingError.invalidSetting(
                name: "deadline", value: "\(deadline.remainingSeconds) s from now",
                reason: "GLPK's interior-point method has no time limit; use a simplex method or no limit")
        }
        if let iterationLimit, iterationLimit <= 0 {
            throw LinearProgrammingError.invalidSetting(name: "iterationLimit", value: "\(iterationLimit)", reason: "must be positive")
        }
    }

    /// When a solve that began at `start` must stop: the earlier of `deadline` and `timeLimit` after `start`.
    func stop(startedAt start: UInt64) -> Deadline? {
        Deadline.earliest(deadline, timeLimit.map { Deadline(uptimeNanoseconds: start &+ UInt64(min($0, 1e9) * 1e9)) })
    }

    /// The time left until `stop` in GLPK's milliseconds (at least 1), capped to Int32.
    static func milliseconds(until stop: Deadline?) -> Int32 {
        guard let stop else { return Int32.max }
        return Int32(min(max(stop.remainingSeconds * 1000, 1), Double(Int32.max)))
    }

    var iterationLimitValue: Int32 {
        guard let iterationLimit else { return Int32.max }
        return Int32(min(iterationLimit, Int(Int32.max)))
    }
}
