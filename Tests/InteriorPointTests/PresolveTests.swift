import Foundation
import Testing
import GLPKBackend
import LinearProgramming
import TestSupport
@testable import InteriorPoint

@Suite struct PresolveTests {
    static let simplex = GLPKSolver(settings: GLPKSettings(method: .primalSimplex))

    /// Presolves, solves the reduced program with GLPK's simplex (unless nothing is left) and
    /// maps the answer back to `model`.
    static func presolveAndSolve(_ model: LinearProgram) throws -> (solution: Solution, presolved: PresolvedProgram) {
        guard case .reduced(let presolved) = try Presolve().reduce(model) else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "presolve gave a verdict"])
        }
        if presolved.program.variableCount == 0 {
            let point = presolved.postsolve(x: [], rowDuals: [])
            let solution = Solution(status: .optimal, objective: model.objectiveValue(point.x), x: point.x,
                                    rowDuals: point.rowDuals, reducedCosts: point.reducedCosts, solver: "presolve")
            return (solution, presolved)
        }
        let reducedSolution = try simplex.solve(presolved.program)
        return (presolved.postsolve(reducedSolution), presolved)
    }

    // MARK: Each reduction, with answers worked by hand

    /// max 3x + y  s.t.  r0: −2x ≥ −4,  r1: x + y ≤ 5,  x, y ≥ 0.  Optimum x = 2, y = 3, value 9.
    /// r0 becomes x ≤ 2; at the optimum x sits at that bound, so r0 must take x's reduced cost:
    /// d_x = 3 − y₁ = 2 in the reduced program, y₀ = d_x / a = 2 / −2 = −1 (≥ row of a maximisation: y ≤ 0).
    @Test func singletonRowWithNegativeCoefficientTakesTheReducedCostInAMaximisation() throws {
        var model = LinearProgram(sense: .maximize)
        let x = model.addVariable("x", cost: 3), y = model.addVariable("y", cost: 1)
        model.addConstraint("r0", [(x, -2)], .greaterOrEqual, -4)
        model.addConstraint("r1", [(x, 1), (y, 1)], .lessOrEqual, 5)
        let (solution, presolved) = try Self.presolveAndSolve(model)
        #expect(presolved.statistics.singletonRows == 1)
        #expect(presolved.program.constraintCount == 1)
        #expect(presolved.program.variables[0].upper == 2)
        #expect(abs(solution.objective - 9) < 1e-12)
        #expect(solution.x == [2, 3])
        #expect(solution.rowDuals == [-1, 1])
        #expect(solution.reducedCosts == [0, 0])
        let report = verify(solution, for: model)
        #expect(report.verified, "\(report.failures)")
    }

    /// min x + 2y + z  with x fixed at 1, r0: x + y ≥ 3, r1: 0 ≤ x − 4 ≤ … (only x), z ∈ [−1, 4] in
    /// no row.  Everything presolves away: x = 1; r0 becomes y ≥ 2 and y, left in no row, goes
    /// to that bound; z = −1.  Value 1 + 4 − 1 = 4.  r0 carries y's cost: y₀ = 2.
    @Test func fixedAndEmptyColumnsPresolveEverythingAway() throws {
        var model = LinearProgram(objectiveConstant: 0.5)
        let x = model.addVariable("x", lower: 1, upper: 1, cost: 1)
        let y = model.addVariable("y", lower: -.infinity, upper: .infinity, cost: 2)
        let z = model.addVariable("z", lower: -1, upper: 4, cost: 1)
        model.addConstraint("r0", [(x, 1), (y, 1)], .greaterOrEqual, 3)
        model.addConstraint("r1", [(x, 1)], lower: -3, upper: 7)
        _ = z
        let (solution, presolved) = try Self.presolveAndSolve(model)
        #expect(presolved.program.variableCount == 0 && presolved.program.constraintCount == 0)
        #expect(presolved.program.objectiveConstant == 4.5)
        #expect(solution.x == [1, 2, -1])
        #expect(solution.rowDuals == [2, 0])
        #expect(solution.reducedCosts == [-1, 0, 1])
        let report = verify(solution, for: model)
        #expect(report.verified, "\(report.failures)")
    }

    /// min x + y, x, y ≥ 0:  r0: x + 2y ≥ 1,  r1: −3x − 6y ≤ −6 (that is x + 2y ≥ 2),  r2: x − y ≤ 1.
    /// r1 = −3·r0, so it merges into r0, whose bounds become [2, ∞) — the lower bound from r1.
    /// Optimum x = 0, y = 1; the reduced program's dual on r0 is ½ and moves to r1 as ½ / −3.
    @Test func duplicateRowHandsItsDualBack() throws {
        var model = LinearProgram()
        let x = model.addVariable("x", cost: 1), y = model.addVariable("y", cost: 1)
        model.addConstraint("r0", [(x, 1), (y, 2)], .greaterOrEqual, 1)
        model.addConstraint("r1", [(y, -6), (x, -3)], .lessOrEqual, -6)
        model.addConstraint("r2", [(x, 1), (y, -1)], .lessOrEqual, 1)
        let (solution, presolved) = try Self.presolveAndSolve(model)
        #expect(presolved.statistics.duplicateRows == 1)
        #expect(presolved.rowMap == [0, 2])
        #expect(presolved.program.constraints[0].lower == 2)
        #expect(abs(solution.objective - 1) < 1e-12)
        #expect(solution.rowDuals[0] == 0 && solution.rowDuals[2] == 0)
        #expect(abs(solution.rowDuals[1] - 0.5 / -3) < 1e-15)
        let report = verify(solution, for: model)
        #expect(report.verified, "\(report.failures)")
    }

    /// Among rows on the same columns (listed in any order) only the parallel ones merge, each
    /// into the first of its direction: r0, r2 = 2·r0 and r4 = −r0 go together; r1 (same
    /// columns, another direction) keeps r3 = 3·r1; r5 has other columns and stays.
    @Test func onlyParallelRowsMergeAmongRowsOnTheSameColumns() throws {
        var model = LinearProgram()
        let x = model.addVariable("x", cost: 1), y = model.addVariable("y", cost: 2), z = model.addVariable("z", cost: 1)
        model.addConstraint("r0", [(x, 1), (y, 1), (z, 1)], .greaterOrEqual, 1)
        model.addConstraint("r1", [(z, 1), (x, 2), (y, 1)], .greaterOrEqual, 1)
        model.addConstraint("r2", [(y, 2), (z, 2), (x, 2)], .greaterOrEqual, 3)
        model.addConstraint("r3", [(x, 6), (y, 3), (z, 3)], .lessOrEqual, 30)
        model.addConstraint("r4", [(x, -1), (z, -1), (y, -1)], .greaterOrEqual, -10)
        model.addConstraint("r5", [(x, 1), (y, -1)], .lessOrEqual, 2)
        let (solution, presolved) = try Self.presolveAndSolve(model)
        #expect(presolved.statistics.duplicateRows == 3)
        #expect(presolved.rowMap == [0, 1, 5])
        #expect(presolved.program.constraints[0].lower == 1.5 && presolved.program.constraints[0].upper == 10)
        #expect(presolved.program.constraints[1].upper == 10)
        let report = verify(solution, for: model)
        #expect(report.verified, "\(report.failures)")
    }

    @Test func freeRowsAreDropped() throws {
        var model = LinearProgram()
        let x = model.addVariable("x", cost: 1), y = model.addVariable("y", cost: 1)
        model.addConstraint("free", [(x, 1), (y, 5)])
        model.addConstraint("r", [(x, 1), (y, 1)], .greaterOrEqual, 1)
        let (solution, presolved) = try Self.presolveAndSolve(model)
        #expect(presolved.statistics.freeRows == 1)
        #expect(presolved.rowMap == [1])
        #expect(solution.rowDuals[0] == 0)
        #expect(verify(solution, for: model).verified)
    }

    // MARK: Verdicts

    @Test func emptyRowOutsideItsBoundsIsInfeasible() throws {
        var model = LinearProgram()
        let x = model.addVariable("x", lower: 2, upper: 2, cost: 1)
        _ = model.addVariable("y", cost: 1)
        model.addConstraint("cap", [(x, 3)], lower: -.infinity, upper: 5.5)   // 6 > 5.5 once x = 2
        // The singleton row meets x's fixed bounds first: either reduction must name the row.
        guard case .infeasible(let reason) = try Presolve().reduce(model) else { Issue.record("not infeasible"); return }
        #expect(reason.contains("'cap'"), "\(reason)")

        var empty = LinearProgram()
        _ = empty.addVariable("x", cost: 1)
        empty.addConstraint("nothing", [], lower: 1, upper: 2)
        guard case .infeasible(let emptyReason) = try Presolve().reduce(empty) else { Issue.record("not infeasible"); return }
        #expect(emptyReason.contains("'nothing'") && emptyReason.contains("no variables"), "\(emptyReason)")
    }

    @Test func contradictoryDuplicateRowsAreInfeasible() throws {
        var model = LinearProgram()
        let x = model.addVariable("x", cost: 1), y = model.addVariable("y", cost: 1)
        model.addConstraint("low", [(x, 1), (y, 1)], .greaterOrEqual, 4)
        model.addConstraint("high", [(x, 2), (y, 2)], .lessOrEqual, 6)
        guard case .infeasible(let reason) = try Presolve().reduce(model) else { Issue.record("not infeasible"); return }
        #expect(reason.contains("'low'") && reason.contains("'high'"), "\(reason)")
    }

    @Test func emptyColumnWithAnOpenImprovingSideIsUnbounded() throws {
        for sense in ObjectiveSense.allCases {
            var model = LinearProgram(sense: sense)
            let x = model.addVariable("x", cost: sense.sign)
            _ = model.addVariable("loose", lower: -.infinity, upper: 3, cost: sense == .minimize ? 2 : -2)
            model.addConstraint("r", [(x, 1)], .greaterOrEqual, 1)
            guard case .unbounded(let reason) = try Presolve().reduce(model) else { Issue.record("\(sense): not unbounded"); continue }
            #expect(reason.contains("'loose'") && reason.contains("no lower bound"), "\(reason)")
            // GLPK agrees on the unpresolved model.
            #expect(try Self.simplex.solve(model).status == .dualInfeasible)
        }
    }

    @Test func roundingSizedContradictionsAreClosedNotReported() throws {
        var model = LinearProgram()
        let x = model.addVariable("x", lower: 0, upper: 1, cost: -1)
        _ = model.addVariable("y", cost: 1)
        model.addConstraint("r", [(x, 3)], .greaterOrEqual, 3 * (1 + 1e-13))   // x ≥ 1 + 1e-13 vs x ≤ 1
        let (solution, _) = try Self.presolveAndSolve(model)
        #expect(solution.x[0] == 1)
        #expect(verify(solution, for: model).verified)
    }

    @Test func integerVariablesAreRefused() {
        var model = LinearProgram()
        _ = model.addVariable("n", kind: .integer, cost: 1)
        #expect(throws: InteriorPointError.integerVariables(count: 1)) { try Presolve().reduce(model) }
    }

    // MARK: Random programs

    /// 400 seeded programs (both senses) with every reduction in them: GLPK on the original and
    /// GLPK on the presolved program agree on the optimum, and the postsolved point and duals
    /// pass `verify` on the original.
    @Test func postsolvedOptimaOfRandomProgramsVerifyOnTheOriginal() throws {
        var totals = PresolveStatistics()
        var transferredDuals = 0, fullyReduced = 0
        for seed in UInt64(0)..<400 {
            let model = PresolveTestPrograms.random(seed: seed)
            let reference = try Self.simplex.solve(model)
            try #require(reference.status == .optimal, "seed \(seed): the construction should be optimal, GLPK says \(reference.status)")
            let (solution, presolved) = try Self.presolveAndSolve(model)
            #expect(solution.status == .optimal, "seed \(seed)")
            let error = abs(solution.objective - reference.objective) / max(1, abs(reference.objective))
            #expect(error <= 1e-9, "seed \(seed): \(solution.objective) vs \(reference.objective)")
            let report = verify(solution, for: model)
            #expect(report.verified, "seed \(seed): \(report.failures)")
            let kept = Set(presolved.rowMap)
            transferredDuals += model.constraints.indices.filter { !kept.contains($0) && solution.rowDuals[$0] != 0 }.count
            if presolved.program.variableCount == 0 { fullyReduced += 1 }
            let s = presolved.statistics
            totals.emptyRows += s.emptyRows; totals.freeRows += s.freeRows; totals.singletonRows += s.singletonRows
            totals.duplicateRows += s.duplicateRows; totals.fixedColumns += s.fixedColumns; totals.emptyColumns += s.emptyColumns
        }
        // The programs really exercise every reduction and the dual postsolve.
        #expect(totals.emptyRows > 100 && totals.freeRows > 100 && totals.singletonRows > 300)
        #expect(totals.duplicateRows > 50 && totals.fixedColumns > 300 && totals.emptyColumns > 300)
        #expect(transferredDuals > 100)
        print("Presolve on 400 random programs: \(totals.emptyRows) empty, \(totals.freeRows) free, \(totals.singletonRows) singleton, \(totals.duplicateRows) duplicate rows; \(totals.fixedColumns) fixed, \(totals.emptyColumns) empty columns; \(transferredDuals) removed rows took a nonzero dual; \(fullyReduced) programs presolved away entirely")
    }

    // MARK: Netlib

    /// Every Netlib problem: presolve, GLPK simplex on the reduced program, postsolve; the
    /// objective matches reference.csv to 1e-6 relative and the answer verifies on the original.
    @Test(.enabled(if: NetlibReference.directory != nil, Comment(rawValue: NetlibReference.absence)))
    func netlibPostsolvedOptimaVerify() throws {
        let entries = try NetlibReference.entries().sorted { $0.nonzeros > $1.nonzeros }
        try #require(!entries.isEmpty)
        let queue = NetlibQueue()
        let start = Date()
        // Two workers (the machine has two cores) take the problems largest first.
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            while let k = queue.take(below: entries.count) { queue.record(Self.checkNetlib(entries[k])) }
        }
        let outcomes = queue.outcomes
        var before = (rows: 0, columns: 0, nonzeros: 0), after = (rows: 0, columns: 0, nonzeros: 0)
        var kinds = PresolveStatistics()
        for outcome in outcomes.sorted(by: { $0.name < $1.name }) {
            if let problem = outcome.problem { Issue.record("\(outcome.name): \(problem)") }
            if let s = outcome.statistics {
                before.rows += s.rowsBefore; before.columns += s.columnsBefore; before.nonzeros += s.nonzerosBefore
                after.rows += s.rowsAfter; after.columns += s.columnsAfter; after.nonzeros += s.nonzerosAfter
                kinds.emptyRows += s.emptyRows; kinds.freeRows += s.freeRows; kinds.singletonRows += s.singletonRows
                kinds.duplicateRows += s.duplicateRows; kinds.fixedColumns += s.fixedColumns; kinds.emptyColumns += s.emptyColumns
            }
        }
        let passed = outcomes.filter { $0.problem == nil }.count
        print("Netlib presolve + GLPK simplex + postsolve: \(passed)/\(entries.count) match reference.csv and verify on the original in \(String(format: "%.1f", Date().timeIntervalSince(start))) s; rows \(before.rows) → \(after.rows), columns \(before.columns) → \(after.columns), nonzeros \(before.nonzeros) → \(after.nonzeros) (\(kinds.emptyRows) empty, \(kinds.freeRows) free, \(kinds.singletonRows) singleton, \(kinds.duplicateRows) duplicate rows; \(kinds.fixedColumns) fixed, \(kinds.emptyColumns) empty columns)")
    }

    struct NetlibOutcome: Sendable {
        var name: String
        var problem: String?
        var statistics: PresolveStatistics?
    }

    /// The next problem index and the outcomes so far, shared by the workers.
    final class NetlibQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var results: [NetlibOutcome] = []
        func take(below count: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
        func record(_ outcome: NetlibOutcome) { lock.lock(); results.append(outcome); lock.unlock() }
        var outcomes: [NetlibOutcome] { lock.lock(); defer { lock.unlock() }; return results }
    }

    static func checkNetlib(_ entry: NetlibReference.Entry) -> NetlibOutcome {
        do {
            let model = try NetlibReference.program(entry)
            let (solution, presolved) = try presolveAndSolve(model)
            guard solution.status == .optimal else {
                return .init(name: entry.name, problem: "status \(solution.status.summary) on the reduced program", statistics: presolved.statistics)
            }
            let error = entry.relativeError(solution.objective)
            guard error <= 1e-6 else {
                return .init(name: entry.name, problem: "objective \(solution.objective), reference \(entry.objective)", statistics: presolved.statistics)
            }
            let report = verify(solution, for: model)
            guard report.verified else {
                return .init(name: entry.name, problem: "certificate: \(report.failures.joined(separator: "; "))", statistics: presolved.statistics)
            }
            return .init(name: entry.name, problem: nil, statistics: presolved.statistics)
        } catch {
            return .init(name: entry.name, problem: "\(error)", statistics: nil)
        }
    }
}
