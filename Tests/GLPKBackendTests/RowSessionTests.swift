import GLPKBackend
import LinearProgramming
import TestSupport
import Testing

@Suite("GLPK row sessions")
struct RowSessionTests {
    @Test("re-solves after adding rows equal cold solves of the enlarged program, warm and cold fallback")
    func warmEqualsCold() throws {
        for seed in UInt64(1)...12 {
            let instance = CuttingPlaneInstance(seed: seed, sense: seed % 2 == 0 ? .minimize : .maximize)
            for method in [GLPKSettings.Method.primalSimplex, .dualSimplex, .branchAndCut, .interiorPoint] {
                let solver = GLPKSolver(method: method)        // the interior point: ColdRowSession
                #expect(try instance.mismatches(warmSolver: solver, coldSolver: solver, label: "\(method) seed \(seed)") == [])
            }
        }
    }

    @Test("rows that leave no feasible point: infeasible with a Farkas ray, as cold")
    func infeasibleAfterRows() throws {
        var instance = CuttingPlaneInstance(seed: 3, sense: .minimize)
        instance.rounds.append([Constraint(name: "impossible", columns: [0, 1], coefficients: [1, 1], lower: 11)])   // x₀ + x₁ ≥ 11 in [−5, 5]²
        #expect(try instance.mismatches(warmSolver: GLPKSolver(), coldSolver: GLPKSolver(), label: "infeasible") == [])
        let answer = try GLPKSolver().withRowSession(for: instance.program) { session in
            _ = try session.solve()
            try session.addRows(instance.rounds.last!)
            return try session.solve()
        }
        #expect(answer.status == .primalInfeasible && answer.farkasRay != nil)
    }

    @Test("a row the optimum already satisfies costs no simplex iteration; the cold fallback gives the same answers")
    func basisIsReused() throws {
        let instance = CuttingPlaneInstance(seed: 5, sense: .minimize)
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
        let instance = CuttingPlaneInstance(seed: 7, sense: .minimize)
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
        let answer = try GLPKSolver(settings: settings).withRowSession(for: CuttingPlaneInstance(seed: 2, sense: .minimize).program) { try $0.solve() }
        #expect(answer.status == .timeLimit)
    }
}
