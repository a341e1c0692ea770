import LinearProgramming
import Testing

@Suite("Objective constant as a fixed column")
struct ObjectiveConstantColumnTests {
    @Test("c₀ moves to a fixed column with a free name; the objective at every point is unchanged; c₀ = 0 leaves the model as it is")
    func constantColumn() throws {
        var program = LinearProgram(name: "shift")
        let x = program.addVariable("x", lower: 0, upper: 4, cost: 2)
        program.addVariable("objective_constant", lower: -1, upper: 1, cost: 1)
        program.addConstraint("cap", [(variable: x, coefficient: 1)], upper: 3)
        program.objectiveConstant = -7.5
        let moved = program.objectiveConstantAsFixedColumn()
        #expect(moved.objectiveConstant == 0 && moved.variableCount == 3)
        let column = try #require(moved.variables.last)
        #expect(column.name == "objective_constant_2" && column.lower == 1 && column.upper == 1 && column.cost == -7.5)
        // Read back from MPS, the moved model has the same objective at (x, c, 1) as the original at (x, c).
        let read = try LinearProgram(mpsText: moved.mpsText(format: .free), format: .free)
        #expect(read.objectiveConstant == 0 && read.variables.map(\.cost) == [2, 1, -7.5])
        program.objectiveConstant = 0
        #expect(program.objectiveConstantAsFixedColumn() == program)
    }
}
