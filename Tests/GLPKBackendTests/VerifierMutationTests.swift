import Testing
import GLPKBackend
import LinearProgramming
import TestSupport

/// The verifier tested on wrong answers: seeded LPs (one column with a 1e10 cost beside small
/// ones) solved by GLPK; the answer must verify, and each perturbation of it must be rejected.
@Suite struct VerifierMutationTests {
    /// Minimise over 10 columns and 7 rows of every kind, feasible at a random point and
    /// bounded (finite lower bounds; positive costs on the columns without upper bound); column 0
    /// costs 1e10.
    static func randomModel(seed: UInt64) -> LinearProgram {
        var g = SplitMix64(seed: seed)
        var lp = LinearProgram(name: "random-\(seed)")
        let n = 10
        let point = (0..<n).map { _ in g.nextUniform(from: 0, to: 4) }
        for j in 0..<n {
            switch j {
            case 0: lp.addVariable("huge", upper: 5, cost: 1e10)
            case _ where j % 2 == 0: lp.addVariable("b\(j)", upper: 10, cost: g.nextUniform(from: -3, to: 3))
            default: lp.addVariable("p\(j)", cost: g.nextUniform(from: 0.5, to: 3))
            }
        }
        var x = point
        x[0] = 0
        for i in 0..<7 {
            var terms: [(variable: Int, coefficient: Double)] = []
            for j in 0..<n where g.nextUniform(from: 0, to: 1) < 0.5 { terms.append((j, g.nextUniform(from: -2, to: 2))) }
            if terms.isEmpty { terms.append((1 + i % (n - 1), 1)) }
            let activity = terms.reduce(0) { $0 + $1.coefficient * x[$1.variable] }
            switch i % 4 {
            case 0: lp.addConstraint("ge\(i)", terms, .greaterOrEqual, activity - g.nextUniform(from: 0, to: 1))
            case 1: lp.addConstraint("le\(i)", terms, .lessOrEqual, activity + g.nextUniform(from: 0, to: 1))
            case 2: lp.addConstraint("rg\(i)", terms, lower: activity - g.nextUniform(from: 0, to: 1), upper: activity + g.nextUniform(from: 0, to: 1))
            default: lp.addConstraint("eq\(i)", terms, .equal, activity)
            }
        }
        return lp
    }

    static let seeds: [UInt64] = Array(1...30)

    /// GLPK's optimum of the model with the huge column fixed at 0 and priced at 1 (with the
    /// 1e10 cost GLPK's simplex itself stops at wrong vertices: that is what `verify` must
    /// catch, but these tests need a true optimum). At 0 with dⱼ ≈ 1e10 > 0 it is optimal for the
    /// model as generated too; the reduced costs are recomputed for the true costs.
    static func optimum(_ seed: UInt64) throws -> (LinearProgram, Solution) {
        let lp = randomModel(seed: seed)
        var tame = lp
        tame.variables[0].cost = 1
        tame.variables[0].upper = 0
        var solution = try GLPKSolver(method: .primalSimplex).solve(tame)
        solution.reducedCosts = zip(lp.costs, lp.transposeProduct(solution.rowDuals)).map { $0 - $1 }
        return (lp, solution)
    }

    @Test(arguments: seeds)
    func theSolversAnswerVerifies(seed: UInt64) throws {
        let (lp, solution) = try Self.optimum(seed)
        #expect(solution.status == .optimal)
        let report = verify(solution, for: lp)
        #expect(report.verified, "seed \(seed): \(report.failures)")
        #expect(Self.nonbasicSmallColumn(lp, solution) != nil, "seed \(seed): no column to perturb")
    }

    /// The column j ≠ 0 at a bound with the largest |dⱼ| (dⱼ recomputed from y).
    static func nonbasicSmallColumn(_ lp: LinearProgram, _ solution: Solution) -> Int? {
        let aty = lp.transposeProduct(solution.rowDuals)
        let d = zip(lp.costs, aty).map { $0 - $1 }
        let candidates = (1..<lp.variableCount).filter { j in
            let v = lp.variables[j]
            return abs(solution.x[j] - v.lower) < 1e-9 || abs(solution.x[j] - v.upper) < 1e-9
        }
        return candidates.filter { abs(d[$0]) > 1e-3 }.max { abs(d[$0]) < abs(d[$1]) }
    }

    @Test(arguments: seeds)
    func aPointMovedOffItsBoundIsRejected(seed: UInt64) throws {
        let (lp, solution) = try Self.optimum(seed)
        guard let j = Self.nonbasicSmallColumn(lp, solution) else { return }
        var moved = solution
        let v = lp.variables[j]
        moved.x[j] += abs(moved.x[j] - v.lower) < 1e-9 ? 0.01 : -0.01
        moved.objective = lp.objectiveValue(moved.x)
        #expect(!verify(moved, for: lp).verified, "seed \(seed): moving '\(v.name)' passed")
    }

    @Test(arguments: seeds)
    func aChangedDualIsRejected(seed: UInt64) throws {
        let (lp, solution) = try Self.optimum(seed)
        for i in 0..<lp.constraintCount {
            var changed = solution
            changed.rowDuals[i] += 0.01 * (1 + abs(solution.rowDuals[i]))
            changed.reducedCosts = zip(lp.costs, lp.transposeProduct(changed.rowDuals)).map { $0 - $1 }
            #expect(!verify(changed, for: lp).verified, "seed \(seed): changing the dual of '\(lp.constraints[i].name)' passed")
        }
    }

    /// One small column's reduced cost made wrong-signed by 1e-3 of its magnitudes (through its
    /// row dual, so c − Aᵀy itself is wrong) while column 0 costs 1e10.
    @Test(arguments: seeds)
    func aSlightlyWrongReducedCostBesideAHugeCostIsRejected(seed: UInt64) throws {
        let (lp, solution) = try Self.optimum(seed)
        guard let j = Self.nonbasicSmallColumn(lp, solution),
              let i = lp.constraints.firstIndex(where: { $0.columns.contains(j) }) else { return }
        let row = lp.constraints[i]
        let a = row.coefficients[row.columns.firstIndex(of: j)!]
        let d = lp.variables[j].cost - lp.transposeProduct(solution.rowDuals)[j]
        var magnitude = abs(lp.variables[j].cost)
        for (k, r) in lp.constraints.enumerated() {
            if let p = r.columns.firstIndex(of: j) { magnitude += abs(r.coefficients[p] * solution.rowDuals[k]) }
        }
        let target = -(d > 0 ? 1.0 : -1.0) * 1e-3 * (1 + magnitude)     // the wrong sign, 1e-3 relative
        var wrong = solution
        wrong.rowDuals[i] += (d - target) / a                            // dⱼ' = dⱼ − a·Δy = target
        wrong.reducedCosts = zip(lp.costs, lp.transposeProduct(wrong.rowDuals)).map { $0 - $1 }
        let report = verify(wrong, for: lp)
        #expect(!report.verified, "seed \(seed): a wrong reduced cost on '\(lp.variables[j].name)' passed")
    }

    @Test(arguments: seeds)
    func aMisreportedReducedCostOrObjectiveIsRejected(seed: UInt64) throws {
        let (lp, solution) = try Self.optimum(seed)
        var reduced = solution
        let j = 1 + Int(seed) % (lp.variableCount - 1)
        reduced.reducedCosts[j] += 1e-4 * (1 + abs(reduced.reducedCosts[j]) + abs(lp.variables[j].cost))
        #expect(verify(reduced, for: lp).failures.contains { $0.contains("reduced costs") }, "seed \(seed)")
        var objective = solution
        objective.objective += 1e-6 * (1 + abs(solution.objective))
        #expect(verify(objective, for: lp).failures.contains { $0.contains("reported objective") }, "seed \(seed)")
    }
}
