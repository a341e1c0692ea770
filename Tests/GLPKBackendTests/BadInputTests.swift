import Testing
import GLPKBackend
import LinearProgramming

/// Bad input must come back as a thrown error naming the row or column, never a GLPK abort.
@Suite struct BadInputTests {
    let solver = GLPKSolver(method: .primalSimplex)

    @Test func nanAndInfiniteCoefficients() {
        for bad in [Double.nan, .infinity, -.infinity] {
            var lp = TextbookProblems.wyndor()
            lp.constraints[2].coefficients[1] = bad
            let error = #expect(throws: LinearProgrammingError.self) { try solver.solve(lp) }
            guard case let .nonFiniteCoefficient(row, column, value) = error else {
                Issue.record("expected nonFiniteCoefficient, got \(String(describing: error))")
                continue
            }
            #expect(row == "plant3" && column == "x2" && (value.isNaN ? bad.isNaN : value == bad))
        }
        var lp = TextbookProblems.wyndor()
        lp.variables[1].cost = .nan
        #expect(throws: LinearProgrammingError.self) { try solver.solve(lp) }
    }

    @Test func indexOutOfRange() {
        var lp = TextbookProblems.wyndor()
        lp.addConstraint("broken", [(0, 1), (7, 1)], .lessOrEqual, 3)
        #expect(throws: LinearProgrammingError.columnIndexOutOfRange(row: "broken", index: 7, variableCount: 2)) {
            try solver.solve(lp)
        }
        lp.constraints[3].columns[1] = -1
        #expect(throws: LinearProgrammingError.columnIndexOutOfRange(row: "broken", index: -1, variableCount: 2)) {
            try solver.solve(lp)
        }
    }

    @Test func lowerAboveUpper() {
        var lp = TextbookProblems.wyndor()
        lp.variables[0].lower = 5
        lp.variables[0].upper = 1
        #expect(throws: LinearProgrammingError.invalidBound(name: "x1", isRow: false, lower: 5, upper: 1)) {
            try solver.solve(lp)
        }
        var rows = TextbookProblems.wyndor()
        rows.constraints[0].lower = 10
        #expect(throws: LinearProgrammingError.invalidBound(name: "plant1", isRow: true, lower: 10, upper: 4)) {
            try solver.solve(rows)
        }
        var infinite = TextbookProblems.wyndor()
        infinite.variables[1].lower = .infinity
        #expect(throws: LinearProgrammingError.self) { try solver.solve(infinite) }
    }

    @Test func duplicateEntry() {
        var lp = TextbookProblems.wyndor()
        lp.addConstraint("twice", [(0, 1), (1, 2), (0, 3)], .lessOrEqual, 3)
        #expect(throws: LinearProgrammingError.duplicateEntry(row: "twice", column: "x1")) { try solver.solve(lp) }
    }

    @Test func emptyModel() {
        #expect(throws: LinearProgrammingError.emptyModel) { try solver.solve(LinearProgram()) }
    }

    @Test func mismatchedRowArrays() {
        var lp = TextbookProblems.wyndor()
        lp.constraints[0].coefficients.append(1)
        #expect(throws: LinearProgrammingError.coefficientCountMismatch(row: "plant1", columns: 1, coefficients: 2)) {
            try solver.solve(lp)
        }
    }

    @Test func invalidSettings() {
        var settings = GLPKSettings(method: .interiorPoint)
        settings.timeLimit = 5
        #expect(throws: LinearProgrammingError.self) { try GLPKSolver(settings: settings).solve(TextbookProblems.wyndor()) }
        var negative = GLPKSettings()
        negative.primalFeasibilityTolerance = -1
        #expect(throws: LinearProgrammingError.self) { try GLPKSolver(settings: negative).solve(TextbookProblems.wyndor()) }
    }

    @Test func errorMessagesNameTheCulprit() {
        let error = LinearProgrammingError.duplicateEntry(row: "twice", column: "x1")
        #expect(error.description.contains("twice") && error.description.contains("x1"))
    }
}

/// Odd but valid input must solve, not trip GLPK.
@Suite struct OddInputTests {
    @Test func explicitZeroCoefficientsAndEmptyRows() throws {
        var lp = TextbookProblems.wyndor()
        lp.constraints[0].columns.append(1)
        lp.constraints[0].coefficients.append(0)          // x2 with coefficient 0 in plant1
        lp.addConstraint("empty", [], lower: -1, upper: 1)  // a row without entries
        lp.addConstraint("free", [(0, 1)])                   // a row without bounds
        for method in lpMethods {
            let solution = try GLPKSolver(method: method).solve(lp)
            #expect(solution.status == .optimal)
            #expect(close(solution.objective, 36))
            #expect(verify(solution, for: lp).verified, "\(method)")
        }
    }

    @Test func emptyRowThatCannotHoldIsInfeasible() throws {
        var lp = TextbookProblems.wyndor()
        lp.addConstraint("impossible", [], lower: 1, upper: 2)   // 0 ∈ [1, 2] fails
        let solution = try GLPKSolver(method: .primalSimplex).solve(lp)
        #expect(solution.status == .primalInfeasible)
        #expect(verify(solution, for: lp).verified)
    }

    /// Numbers beyond the numeric policy (GLPK 5.0 aborts on some of them) are refused before GLPK runs.
    @Test func hugeFiniteNumbersAreRefusedByTheNumericPolicy() throws {
        var lp = LinearProgram(name: "huge")
        let x = lp.addVariable("x", upper: 1e200, cost: 1e-200)         // an infinite upper bound under the policy
        lp.addConstraint("big", [(x, 1e150)], .greaterOrEqual, 1e10)
        for method in GLPKSettings.Method.allCases {
            #expect(throws: LinearProgrammingError.numberOutOfRange(
                place: "constraint 'big': coefficient of 'x'", value: 1e150,
                rule: "matrix entries of magnitude 1e15 or more are refused; rescale the row or the column")) {
                try GLPKSolver(method: method).solve(lp)
            }
        }
    }
}
