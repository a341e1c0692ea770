import LinearProgramming

/// The LP skeleton shared by the allocation problems: a variable π_ij ≥ 0 with cost c_ij for
/// every allowed pair, one row per source over its pairs and one per target over its pairs,
/// optionally a slack column per row (for unbalanced transport).
struct AllocationModel {
    var program: LinearProgram
    /// Variable k < pairs.count is π at pairs[k].
    var pairs: [(source: Int, target: Int)]
    var sourceRows: [Int]
    var targetRows: [Int]
    /// Slack variable of each source / target row (unbalanced transport), else empty.
    var sourceSlacks: [Int] = []
    var targetSlacks: [Int] = []

    /// Rows `lower ≤ Σⱼ π_ij ≤ upper` per source and per target with the given bounds.
    init(name: String, cost: CostMatrix, forbidden: Set<Int> = [],
         sourceBounds: (Int) -> (lower: Double, upper: Double),
         targetBounds: (Int) -> (lower: Double, upper: Double)) {
        let n = cost.rows, m = cost.columns
        program = LinearProgram(name: name)
        pairs = []
        pairs.reserveCapacity(n * m)
        var sourceTerms = [[(variable: Int, coefficient: Double)]](repeating: [], count: n)
        var targetTerms = [[(variable: Int, coefficient: Double)]](repeating: [], count: m)
        for i in 0..<n {
            for j in 0..<m where !forbidden.contains(i * m + j) {
                let k = program.addVariable("x\(i + 1)_\(j + 1)", cost: cost[i, j])
                pairs.append((i, j))
                sourceTerms[i].append((k, 1))
                targetTerms[j].append((k, 1))
            }
        }
        var program = self.program
        sourceRows = (0..<n).map { i in
            let (lower, upper) = sourceBounds(i)
            return program.addConstraint("source\(i + 1)", sourceTerms[i], lower: lower, upper: upper)
        }
        targetRows = (0..<m).map { j in
            let (lower, upper) = targetBounds(j)
            return program.addConstraint("target\(j + 1)", targetTerms[j], lower: lower, upper: upper)
        }
        self.program = program
    }

    /// Adds a slack s ≥ 0 with cost `penalty` to every source row (`source`) or target row.
    mutating func addSlacks(penalty: Double, toSources: Bool) {
        let rows = toSources ? sourceRows : targetRows
        var slacks: [Int] = []
        for (k, row) in rows.enumerated() {
            let s = program.addVariable(toSources ? "destroyed\(k + 1)" : "created\(k + 1)", cost: penalty)
            program.constraints[row].columns.append(s)
            program.constraints[row].coefficients.append(1)
            slacks.append(s)
        }
        if toSources { sourceSlacks = slacks } else { targetSlacks = slacks }
    }

    /// The plan of an LP solution: non-zero π entries, duals of the source and target rows as
    /// potentials (GLPK's convention d = c − Aᵀy, so c_ij − u_i − v_j ≥ 0 at a minimum).
    func plan(from solution: Solution, method: String) -> TransportPlan {
        var entries: [TransportPlan.Entry] = []
        if solution.x.count == program.variableCount {
            for (k, pair) in pairs.enumerated() where solution.x[k] != 0 {
                entries.append(TransportPlan.Entry(source: pair.source, target: pair.target, mass: solution.x[k]))
            }
        }
        let hasDuals = solution.rowDuals.count == program.constraintCount
        let u = sourceRows.map { hasDuals ? solution.rowDuals[$0] : .nan }
        let v = targetRows.map { hasDuals ? solution.rowDuals[$0] : .nan }
        let optimal = solution.status.hasOptimalPoint
        return TransportPlan(entries: entries, cost: optimal ? solution.objective : .nan, sourcePotentials: u, targetPotentials: v,
                             status: solution.status, iterations: solution.iterations, seconds: solution.seconds,
                             method: "lp:" + solution.solver)
    }

    /// Solves the LP with `solver`; returns the solution, its plan and the plan's row and column sums.
    func solve(using solver: any LPSolver) throws -> (solution: Solution, plan: TransportPlan, rows: [Double], columns: [Double]) {
        let solution = try solver.solve(program)
        let plan = plan(from: solution, method: solver.name)
        let (rows, columns) = Self.marginals(of: plan, rows: sourceRows.count, columns: targetRows.count)
        return (solution, plan, rows, columns)
    }

    /// Row and column sums of the plan's entries.
    static func marginals(of plan: TransportPlan, rows: Int, columns: Int) -> (rows: [Double], columns: [Double]) {
        var r = [Double](repeating: 0, count: rows), c = [Double](repeating: 0, count: columns)
        for e in plan.entries { r[e.source] += e.mass; c[e.target] += e.mass }
        return (r, c)
    }

    /// The LP-route certificate: `verify`'s report on the solution, plus the plan's marginal
    /// violation (already relative), negativity and recomputed cost checked here.
    static func certificate(plan: TransportPlan, solution: Solution, model: AllocationModel, marginalError: Double,
                            recomputedCost: Double, totalMass: Double, costScale: Double,
                            tolerances: TransportTolerances) -> TransportCertificate {
        let report = verify(solution, for: model.program)
        var failures = report.failures.map { "LP certificate: " + $0 }
        let optimal = solution.status.hasOptimalPoint
        let minimum = plan.entries.map(\.mass).min() ?? 0
        let negative = minimum < 0 ? -minimum / totalMass : 0
        if optimal {
            if !(marginalError <= tolerances.marginal) {
                failures.append("marginal error \(marginalError) > \(tolerances.marginal): the plan breaks a mass constraint")
            }
            if !(negative <= tolerances.negativity) { failures.append("negative mass \(minimum) in the plan") }
            TransportCertificate.checkCost(reported: plan.cost, recomputed: recomputedCost, costScale: costScale * totalMass,
                                           tolerances: tolerances, into: &failures)
        }
        return TransportCertificate(kind: .linearProgram, maxDualViolation: report.dualResidual ?? .nan,
                                    marginalError: optimal ? marginalError : .nan, gap: report.dualityGap ?? .nan,
                                    negativeMass: optimal ? negative : .nan, recomputedCost: optimal ? recomputedCost : .nan,
                                    dualObjective: report.dualObjective ?? .nan, lpReport: report, failures: failures)
    }
}
