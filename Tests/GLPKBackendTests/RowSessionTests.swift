import GLPKBackend
import LinearProgramming
import TestSupport
import Testing

@Suite("GLPK row sessions")
struct RowSessionTests {
    /// A seeded LP over the box [−5, 5]⁸ with four ranged rows around a point x₀ inside the box,
    /// and rounds of rows aᵀx ≤ aᵀx₀ + 0.1 that cut the optimum off but keep x₀ feasible.
    struct Instance {
        var program: LinearProgram
        var rounds: [[Constraint]]

        init(seed: UInt64, sense: ObjectiveSense) {
            var random = SplitMix64(seed: seed)
            let n = 8
            let x0 = (0..<n).map { _ in 4 * random.nextUniform() - 2 }
            program = LinearProgram(name: "rows-\(seed)", sense: sense)
            for j in 0..<n { program.addVariable("x\(j)", lower: -5, upper: 5, cost: 2 * random.nextUniform() - 1) }
            func row(_ name: String, slackBelow: Double, slackAbove: Double) -> Constraint {
                let columns = (0..<n).filter { _ in random.nextUniform() < 0.6 }
                let coefficients = columns.map { _ in 2 * random.nextUniform() - 1 }
                let activity = zip(columns, coefficients).reduce(0) { $0 + $1.1 * x0[$1.0] }
                return Constraint(name: name, columns: columns, coefficients: coefficients,
                                  lower: activity - slackBelow, upper: activity + slackAbove)
            }
            for i in 0..<4 { program.constraints.append(row("r\(i)", slackBelow: 1, slackAbove: 1)) }
            rounds = (0..<4).map { r in (0..<3).map { k in row("cut\(r)_\(k)", slackBelow: .infinity, slackAbove: 0.1) } }
        }
    }

    /// Solves `instance` through one row session and each enlarged program cold; every warm
    /// answer must match its cold one (status, objective within 1e-9 relative, a dual per row)
    /// and pass `verify` against the enlarged program.
    static func compare(_ instance: Instance, warmSolver: any LPSolver, coldSolver: any LPSolver, label: String) throws {
        var program = instance.program
        try warmSolver.withRowSession(for: program) { session in
            for round in [[]] + instance.rounds {
                try session.addRows(round)
                program.constraints += round
                let warm = try session.solve()
                let cold = try coldSolver.solve(program)
                #expect(warm.status == cold.status, "\(label) after \(program.constraintCount) rows")
                #expect(verify(warm, for: program).verified, "\(label) after \(program.constraintCount) rows")
                if cold.status == .optimal {
                    #expect(abs(warm.objective - cold.objective) <= 1e-9 * max(1, abs(cold.objective)), "\(label)")
                    #expect(warm.rowDuals.count == program.constraintCount && warm.x.count == program.variableCount)
                }
            }
        }
    }

    @Test("re-solves after adding rows equal cold solves of the enlarged program, warm and cold fallback")
    func warmEqualsCold() throws {
        for seed in UInt64(1)...12 {
            let instance = Instance(seed: seed, sense: seed % 2 == 0 ? .minimize : .maximize)
            for method in [GLPKSettings.Method.primalSimplex, .dualSimplex, .branchAndCut, .interiorPoint] {
                let solver = GLPKSolver(method: method)        // the interior point: ColdRowSession
                try Self.compare(instance, warmSolver: solver, coldSolver: solver, label: "\(method) seed \(seed)")
            }
        }
    }

    @Test("rows that leave no feasible point: infeasible with a Farkas ray, as cold")
    func infeasibleAfterRows() throws {
        var instance = Instance(seed: 3, sense: .minimize)
        instance.rounds.append([Constraint(name: "impossible", columns: [0, 1], coefficients: [1, 1], lower: 11)])   // x₀ + x₁ ≥ 11 in [−5, 5]²
        try Self.compare(instance, warmSolver: GLPKSolver(), coldSolver: GLPKSolver(), label: "infeasible")
        let answer = try GLPKSolver().withRowSession(for: instance.program) { session in
            _ = try session.solve()
            try session.addRows(instance.rounds.last!)
            return try session.solve()
        }
        #expect(answer.status == .primalInfeasible && answer.farkasRay != nil)
    }

    @Test("a row the optimum already satisfies costs no simplex iteration; the cold fallback gives the same answers")
    func basisIsReused() throws {
        let instance = Instance(seed: 5, sense: .minimize)
        let redundant = Constraint(name: "loose", columns: [0, 1, 2], coefficients: [1, 1, 1], lower: -100, upper: 100)
        let (first, second, third) = try GLPKSolver().withRowSession(for: instance.program) { session in
            let first = try session.solve()
            try session.addRows([redundant])
            let second = try session.solve()
            try session.addRows(instance.rounds[0])
            return (first, second, try session.solve())
        }
        #expect(first.iterations > 0 && second.iterations == 0)
        #expect(first.solver == "glpk-simplex" && third.solver == "glpk-dual-simplex")   // re-solved from the basis, not cold
        #expect(second.status == .optimal && second.objective == first.objective && second.rowDuals.count == 5)
        let cold = ColdRowSession(solver: GLPKSolver(), program: instance.program)
        try cold.addRows([redundant])
        #expect(try cold.solve().objective == first.objective)
        #expect(cold.program.constraintCount == 5)
    }

    @Test("bad rows are refused with the error naming them, and nothing is added")
    func badRows() throws {
        let instance = Instance(seed: 7, sense: .minimize)
        let bad: [(Constraint, LinearProgrammingError)] = [
            (Constraint(name: "far", columns: [8], coefficients: [1], upper: 1),
             .columnIndexOutOfRange(row: "far", index: 8, variableCount: 8)),
            (Constraint(name: "negative", columns: [-1], coefficients: [1], upper: 1),
             .columnIndexOutOfRange(row: "negative", index: -1, variableCount: 8)),
            (Constraint(name: "nan", columns: [0], coefficients: [.nan], upper: 1),
             .nonFiniteCoefficient(row: "nan", column: "x0", value: .nan)),
            (Constraint(name: "twice", columns: [1, 1], coefficients: [1, 2], upper: 1), .duplicateEntry(row: "twice", column: "x1")),
            (Constraint(name: "short", columns: [0, 1], coefficients: [1], upper: 1),
             .coefficientCountMismatch(row: "short", columns: 2, coefficients: 1)),
            (Constraint(name: "crossed", columns: [0], coefficients: [1], lower: 2, upper: 1),
             .invalidBound(name: "crossed", isRow: true, lower: 2, upper: 1)),
        ]
        for solver in [GLPKSolver(), GLPKSolver(method: .interiorPoint)] {
            try solver.withRowSession(for: instance.program) { session in
                let before = try session.solve()
                for (row, error) in bad {
                    let good = Constraint(name: "good", columns: [0], coefficients: [1], upper: 4)
                    #expect { try session.addRows([good, row]) } throws: { thrown in
                        (thrown as? LinearProgrammingError)?.description == error.description
                    }
                }
                #expect(throws: LinearProgrammingError.self) {                  // the numeric policy refuses it
                    try session.addRows([Constraint(name: "huge", columns: [0], coefficients: [1e16], upper: 1)])
                }
                let after = try session.solve()
                #expect(after.status == .optimal && after.rowDuals.count == 4 && after.objective == before.objective)
                try session.addRows([Constraint(name: "tiny", columns: [0, 1], coefficients: [1e-12, 1], lower: -1e25, upper: 1)])
                #expect(try session.solve().rowDuals.count == 5)                // the policy cleaned it: accepted
            }
        }
    }

    @Test("a deadline that has passed stops a re-solve with the status timeLimit")
    func deadline() throws {
        var settings = GLPKSettings()
        settings.deadline = Deadline(secondsFromNow: 0)
        let answer = try GLPKSolver(settings: settings).withRowSession(for: Instance(seed: 2, sense: .minimize).program) { try $0.solve() }
        #expect(answer.status == .timeLimit)
    }
}
