import Testing
@testable import LinearProgramming

@Suite struct ValidationTests {
    @Test func aValidModelPasses() throws {
        var lp = LinearProgram()
        let x = lp.addVariable("x", lower: -.infinity, upper: .infinity)
        let b = lp.addVariable("b", kind: .binary)
        lp.addConstraint("row", [(x, 1), (b, -2)], lower: -1, upper: 1)
        try lp.validate()
        try lp.validateNames()
        #expect(lp.variables[b].lower == 0 && lp.variables[b].upper == 1)
        #expect(lp.nonzeroCount == 2 && lp.hasIntegerVariables)
    }

    @Test func eachDefectIsNamed() {
        func model() -> LinearProgram {
            var lp = LinearProgram()
            lp.addVariable("x")
            lp.addVariable("y")
            lp.addConstraint("row", [(0, 1), (1, 1)], .lessOrEqual, 1)
            return lp
        }
        var nan = model(); nan.constraints[0].upper = .nan
        #expect(throws: LinearProgrammingError.self) { try nan.validate() }
        var wrongInfinity = model(); wrongInfinity.variables[0].upper = -.infinity
        #expect(throws: LinearProgrammingError.invalidBound(name: "x", isRow: false, lower: 0, upper: -.infinity)) { try wrongInfinity.validate() }
        var constant = model(); constant.objectiveConstant = .infinity
        #expect(throws: LinearProgrammingError.nonFiniteConstant(value: .infinity)) { try constant.validate() }
        var binary = model(); binary.variables[1].kind = .binary; binary.variables[1].upper = 2
        #expect(throws: LinearProgrammingError.binaryBounds(column: "y", lower: 0, upper: 2)) { try binary.validate() }
        var names = model(); names.variables[1].name = "x"
        #expect(throws: LinearProgrammingError.duplicateName(kind: "variable", name: "x")) { try names.validateNames() }
    }

    @Test func constraintMatrixMatchesTheRows() throws {
        var lp = LinearProgram()
        for name in ["a", "b", "c"] { lp.addVariable(name) }
        lp.addConstraint("r0", [(2, 5), (0, 1)], .equal, 1)
        lp.addConstraint("r1", [(1, -3)], .greaterOrEqual, 0)
        let matrix = try lp.constraintMatrix()
        #expect(matrix.rows == 2 && matrix.columns == 3)
        #expect(try matrix.multiply([1, 1, 1]) == lp.rowActivities([1, 1, 1]))
        #expect(try matrix.transposeMultiply([1, 2]) == lp.transposeProduct([1, 2]))
    }
}
