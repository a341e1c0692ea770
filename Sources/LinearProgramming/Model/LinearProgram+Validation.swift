extension LinearProgram {
    /// Checks everything a solver relies on and throws the first problem found, naming the row
    /// or column: at least one variable; finite costs, constant and coefficients; no NaN bounds,
    /// lower ≤ upper, lower ≠ +∞, upper ≠ −∞; binary bounds inside [0, 1]; every variable
    /// index in range; no variable twice in one row.
    public func validate() throws {
        guard !variables.isEmpty else { throw LinearProgrammingError.emptyModel }
        guard objectiveConstant.isFinite else { throw LinearProgrammingError.nonFiniteConstant(value: objectiveConstant) }
        for v in variables {
            guard v.cost.isFinite else { throw LinearProgrammingError.nonFiniteCost(column: v.name, value: v.cost) }
            guard Self.boundsAreValid(v.lower, v.upper) else {
                throw LinearProgrammingError.invalidBound(name: v.name, isRow: false, lower: v.lower, upper: v.upper)
            }
            if v.kind == .binary && (v.lower < 0 || v.upper > 1) {
                throw LinearProgrammingError.binaryBounds(column: v.name, lower: v.lower, upper: v.upper)
            }
        }
        var lastRowSeen = [Int](repeating: -1, count: variables.count)
        for (i, row) in constraints.enumerated() {
            guard Self.boundsAreValid(row.lower, row.upper) else {
                throw LinearProgrammingError.invalidBound(name: row.name, isRow: true, lower: row.lower, upper: row.upper)
            }
            guard row.columns.count == row.coefficients.count else {
                throw LinearProgrammingError.coefficientCountMismatch(
                    row: row.name, columns: row.columns.count, coefficients: row.coefficients.count)
            }
            for (k, j) in row.columns.enumerated() {
                guard j >= 0 && j < variables.count else {
                    throw LinearProgrammingError.columnIndexOutOfRange(row: row.name, index: j, variableCount: variables.count)
                }
                guard row.coefficients[k].isFinite else {
                    throw LinearProgrammingError.nonFiniteCoefficient(
                        row: row.name, column: variables[j].name, value: row.coefficients[k])
                }
                guard lastRowSeen[j] != i else {
                    throw LinearProgrammingError.duplicateEntry(row: row.name, column: variables[j].name)
                }
                lastRowSeen[j] = i
            }
        }
    }

    /// Checks that variable and constraint names are non-empty and unique (needed by file formats).
    public func validateNames() throws {
        var seen = Set<String>()
        for v in variables {
            if v.name.isEmpty { throw LinearProgrammingError.invalidName(kind: "variable", name: v.name, reason: "is empty") }
            if !seen.insert(v.name).inserted { throw LinearProgrammingError.duplicateName(kind: "variable", name: v.name) }
        }
        seen.removeAll()
        for c in constraints {
            if c.name.isEmpty { throw LinearProgrammingError.invalidName(kind: "constraint", name: c.name, reason: "is empty") }
            if !seen.insert(c.name).inserted { throw LinearProgrammingError.duplicateName(kind: "constraint", name: c.name) }
        }
    }

    private static func boundsAreValid(_ lower: Double, _ upper: Double) -> Bool {
        !lower.isNaN && !upper.isNaN && lower != .infinity && upper != -.infinity && lower <= upper
    }
}
