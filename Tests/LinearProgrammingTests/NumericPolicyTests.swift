import Testing
@testable import LinearProgramming

@Suite struct NumericPolicyTests {
    /// min x − y, x + y = 5, x ∈ [−10, 10] integer, y ∈ [−1e20, 1e20].
    static func bigBound() -> LinearProgram {
        var lp = LinearProgram(name: "big-bound")
        let x = lp.addVariable("x", lower: -10, upper: 10, kind: .integer, cost: 1)
        let y = lp.addVariable("y", lower: -1e20, upper: 1e20, cost: -1)
        lp.addConstraint("sum", [(x, 1), (y, 1)], .equal, 5)
        return lp
    }

    static func refusal(_ body: () throws -> Void) -> (place: String, value: Double, rule: String)? {
        do { try body() } catch let LinearProgrammingError.numberOutOfRange(place, value, rule) {
            return (place, value, rule)
        } catch {
            Issue.record("expected numberOutOfRange, got \(error)")
        }
        return nil
    }

    @Test func boundsOf1e20OrMoreAreInfinite() throws {
        var lp = Self.bigBound()
        lp.addConstraint("cap", [(0, 1)], lower: -3e25, upper: 1e20)
        let prepared = try NumericPolicy.standard.apply(to: lp)
        #expect(prepared.program.variables[1].lower == -.infinity && prepared.program.variables[1].upper == .infinity)
        #expect(prepared.program.constraints[1].lower == -.infinity && prepared.program.constraints[1].upper == .infinity)
        #expect(prepared.warnings.count == 1)
        guard case let .infiniteBounds(count, _, example)? = prepared.warnings.first else {
            Issue.record("\(prepared.warnings)")
            return
        }
        #expect(count == 4 && example.contains("'y'"))
        // Below 1e15 a bound stays finite; from 1e15 to 1e20 it is refused (GLPK answered wrongly).
        lp.variables[1].upper = 9.99e14
        #expect(try NumericPolicy.standard.apply(to: lp).program.variables[1].upper == 9.99e14)
        for b in [1e15, 1e16, 9.99e19] {
            lp.variables[1].upper = b
            let refusal = Self.refusal { _ = try NumericPolicy.standard.apply(to: lp) }
            #expect(refusal?.place == "variable 'y': upper bound" && refusal?.value == b)
            #expect(refusal?.rule.contains("use 1e20 or more for no bound") == true, "\(String(describing: refusal))")
        }
        lp = Self.bigBound()
        lp.constraints[0].lower = -5e16
        #expect(Self.refusal { _ = try NumericPolicy.standard.apply(to: lp) }?.place == "constraint 'sum': lower bound")
    }

    @Test func boundsOnTheWrongSideOfInfinityAreRefused() {
        var lp = Self.bigBound()
        lp.variables[1].lower = 1e20
        let low = Self.refusal { _ = try NumericPolicy.standard.apply(to: lp) }
        #expect(low?.place == "variable 'y': lower bound" && low?.value == 1e20)
        lp = Self.bigBound()
        lp.constraints[0].upper = -2e21
        lp.constraints[0].lower = -3e21
        let up = Self.refusal { _ = try NumericPolicy.standard.apply(to: lp) }
        #expect(up?.place.hasPrefix("constraint 'sum'") == true, "\(String(describing: up))")
    }

    @Test func tinyEntriesAreDroppedWithOneWarning() throws {
        var lp = LinearProgram(name: "tiny")
        for j in 0..<4 { lp.addVariable("x\(j)", cost: 1) }
        lp.addConstraint("r", [(0, 1), (1, 1e-10), (2, -4e-12), (3, 0)], .greaterOrEqual, 1)
        lp.addConstraint("s", [(1, 4.9e-324), (2, 1e-9), (3, 2e-9)], .lessOrEqual, 1)
        let prepared = try NumericPolicy.standard.apply(to: lp)
        #expect(prepared.program.constraints[0].columns == [0] && prepared.program.constraints[0].coefficients == [1])
        #expect(prepared.program.constraints[1].columns == [3] && prepared.program.constraints[1].coefficients == [2e-9])
        guard case let .droppedSmallCoefficients(count, limit, largest, example)? = prepared.warnings.first else {
            Issue.record("\(prepared.warnings)")
            return
        }
        #expect(count == 4 && limit == 1e-9 && largest == 1e-9)   // the explicit zero is dropped without counting
        #expect(example == "constraint 's': coefficient of 'x2'")
        #expect(prepared.warnings.count == 1)                       // the range 2e-9 … 1 is 5e8: no range warning
        #expect(prepared.warnings.contains { $0.description.contains("ratio") } == false)
    }

    @Test func largeEntriesCostsAndConstantsAreRefused() {
        var lp = Self.bigBound()
        lp.constraints[0].coefficients[1] = -1e15
        let entry = Self.refusal { _ = try NumericPolicy.standard.apply(to: lp) }
        #expect(entry?.place == "constraint 'sum': coefficient of 'y'" && entry?.value == -1e15)
        #expect(entry?.rule.contains("1e15") == true)

        lp = Self.bigBound()
        lp.variables[1].cost = 2e16
        #expect(Self.refusal { _ = try NumericPolicy.standard.apply(to: lp) }?.place == "variable 'y': objective coefficient")

        lp = Self.bigBound()
        lp.objectiveConstant = -1e20
        #expect(Self.refusal { _ = try NumericPolicy.standard.apply(to: lp) }?.place == "the objective constant")

        lp = Self.bigBound()
        lp.variables[0].upper = 1e20                                // infinite: a free integer column is fine
        #expect(throws: Never.self) { try NumericPolicy.standard.apply(to: lp) }
    }

    @Test func subnormalsBecomeZeroAndAWideRangeIsWarnedAbout() throws {
        var lp = LinearProgram(name: "sub", objectiveConstant: 1e-310)
        let x = lp.addVariable("x", lower: -2.2e-309, upper: 1, cost: 5e-324)
        let y = lp.addVariable("y", upper: 1, cost: 1)
        lp.addConstraint("r", [(x, 1e-8), (y, 1e6)], .lessOrEqual, 3)
        let prepared = try NumericPolicy.standard.apply(to: lp)
        #expect(prepared.program.objectiveConstant == 0 && prepared.program.variables[0].cost == 0)
        #expect(prepared.program.variables[0].lower == 0)
        #expect(prepared.warnings.contains(.subnormalsZeroed(count: 3, example: "the objective constant (1e-310)")))
        #expect(prepared.warnings.contains(.wideCoefficientRange(smallest: 1e-8, largest: 1e6)))
    }

    @Test func applyingThePolicyTwiceChangesNothingMore() throws {
        var lp = Self.bigBound()
        lp.constraints[0].columns.append(lp.addVariable("z", cost: 2))
        lp.constraints[0].coefficients.append(1e-11)
        let once = try NumericPolicy.standard.apply(to: lp)
        #expect(!once.warnings.isEmpty)
        let twice = try NumericPolicy.standard.apply(to: once.program)
        #expect(twice.program == once.program && twice.warnings.isEmpty)
    }

    @Test func lpSolversRefuseIntegerColumnsAndTheRelaxationIsExplicit() throws {
        let lp = Self.bigBound()
        #expect(throws: LinearProgrammingError.integerColumnsInLPSolver(count: 1)) { try lp.preparedForSolver(.linearOnly) }
        #expect(LinearProgrammingError.integerColumnsInLPSolver(count: 1).description
                    .hasPrefix("the model has 1 integer column; an LP solver solves only its relaxation"))
        #expect(try lp.preparedForSolver(.mixedInteger).program.variables[0].kind == .integer)
        var withBinary = lp
        withBinary.addVariable("b", kind: .binary, cost: 1)
        let relaxed = withBinary.linearRelaxation()
        #expect(relaxed.integerVariableCount == 0 && withBinary.integerVariableCount == 2)
        #expect(relaxed.variables.map(\.lower) == withBinary.variables.map(\.lower))
        #expect(relaxed.variables.map(\.upper) == withBinary.variables.map(\.upper))
        #expect(throws: Never.self) { try relaxed.preparedForSolver(.linearOnly) }
    }

    @Test func invalidModelsFailValidationFirst() {
        var lp = Self.bigBound()
        lp.variables[1].lower = 2e20                     // crossed bounds are a validation error before the policy
        lp.variables[1].upper = 1
        #expect(throws: LinearProgrammingError.invalidBound(name: "y", isRow: false, lower: 2e20, upper: 1)) {
            try lp.preparedForSolver(.mixedInteger)
        }
    }

    /// MPS values beyond double precision follow the policy: a bound or RHS of ±1e400 is ±∞ (as
    /// 1e25 would be after the policy), a coefficient of 1e400 is refused with its line.
    @Test func mpsOverflowFollowsThePolicy() throws {
        func text(rhs: String, bound: String, coefficient: String) -> String {
            ["NAME T", "ROWS", " N obj", " L c1", "COLUMNS", " x obj -1 c1 \(coefficient)", "RHS", " RHS c1 \(rhs)",
             "BOUNDS", " UP BND x \(bound)", "ENDATA"].joined(separator: "\n") + "\n"
        }
        let read = try LinearProgram(mpsText: text(rhs: "1e400", bound: "1e400", coefficient: "1"), format: .free)
        let policed = try LinearProgram(mpsText: text(rhs: "1e25", bound: "1e25", coefficient: "1"), format: .free)
        #expect(read.constraints[0].upper == .infinity && read.variables[0].upper == .infinity)
        #expect(try NumericPolicy.standard.apply(to: policed).program == NumericPolicy.standard.apply(to: read).program)
        do {
            _ = try LinearProgram(mpsText: text(rhs: "4", bound: "3", coefficient: "-1e400"), format: .free)
            Issue.record("a coefficient of -1e400 was read")
        } catch let LinearProgrammingError.malformedMPS(line, reason) {
            #expect(line == 6 && reason.contains("'-1e400'"), "\(reason)")
        }
        // −1e400 on a ≤ row leaves no value, as −1e25 does after the policy.
        let negative = try LinearProgram(mpsText: text(rhs: "-1e400", bound: "3", coefficient: "1"), format: .free)
        #expect(throws: LinearProgrammingError.self) { try negative.preparedForSolver(.linearOnly) }
    }
}
