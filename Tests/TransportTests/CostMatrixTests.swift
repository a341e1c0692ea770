import Testing
@testable import Transport

@Test func costMatrixRejectsNonFiniteEntriesByPosition() {
    #expect(throws: TransportError.badCost(row: 1, column: 0, value: .infinity)) {
        _ = try CostMatrix(rows: 2, columns: 2, values: [0, 1, .infinity, 2])
    }
    #expect(throws: TransportError.self) { _ = try CostMatrix(rows: 2, columns: 2, values: [0, 1, 2]) }
}

@Test func costMatrixIsRowMajor() throws {
    let cost = try CostMatrix(rows: 2, columns: 3, values: [0, 1, 2, 3, 4, 5])
    #expect(cost[1, 2] == 5)
    #expect(cost[0, 1] == 1)
}
