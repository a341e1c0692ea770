import LinearAlgebra

/// A linear or mixed-integer program
///
///     minimise / maximise  cᵀx + constant
///     subject to           lowerᵢ ≤ aᵢᵀx ≤ upperᵢ   for every constraint i
///                          lowerⱼ ≤ xⱼ  ≤ upperⱼ    for every variable j
///                          xⱼ integer               for integer and binary variables
///
/// Building a model never fails; ``validate()`` (called by every solver and writer) reports bad
/// indices, non-finite numbers, crossed bounds and duplicate entries with the row or column.
public struct LinearProgram: Sendable, Equatable {
    public var name: String
    public var sense: ObjectiveSense
    /// The constant term of the objective.
    public var objectiveConstant: Double
    public var variables: [Variable]
    public var constraints: [Constraint]

    public init(name: String = "model", sense: ObjectiveSense = .minimize, objectiveConstant: Double = 0) {
        self.name = name
        self.sense = sense
        self.objectiveConstant = objectiveConstant
        self.variables = []
        self.constraints = []
    }

    public var variableCount: Int { variables.count }
    public var constraintCount: Int { constraints.count }
    public var nonzeroCount: Int { constraints.reduce(0) { $0 + $1.columns.count } }
    public var hasIntegerVariables: Bool { variables.contains { $0.isInteger } }

    /// Adds a variable and returns its index.
    @discardableResult
    public mutating func addVariable(_ name: String, lower: Double = 0, upper: Double = .infinity,
                                     kind: VariableKind = .continuous, cost: Double = 0) -> Int {
        variables.append(Variable(name: name, lower: lower, upper: upper, kind: kind, cost: cost))
        return variables.count - 1
    }

    /// Adds `lower ≤ Σ coefficient·x[variable] ≤ upper` and returns its row index.
    @discardableResult
    public mutating func addConstraint(_ name: String, _ terms: [(variable: Int, coefficient: Double)],
                                       lower: Double = -.infinity, upper: Double = .infinity) -> Int {
        constraints.append(Constraint(name: name, terms: terms, lower: lower, upper: upper))
        return constraints.count - 1
    }

    /// Adds `Σ coefficient·x[variable] (≤ | ≥ | =) rhs` and returns its row index.
    @discardableResult
    public mutating func addConstraint(_ name: String, _ terms: [(variable: Int, coefficient: Double)],
                                       _ relation: Relation, _ rhs: Double) -> Int {
        constraints.append(Constraint(name: name, terms: terms, relation, rhs))
        return constraints.count - 1
    }

    /// The objective coefficients c.
    public var costs: [Double] { variables.map(\.cost) }

    /// cᵀx + constant.
    public func objectiveValue(_ x: [Double]) -> Double {
        var sum = objectiveConstant
        for j in variables.indices { sum += variables[j].cost * x[j] }
        return sum
    }

    /// A x, one entry per constraint.
    public func rowActivities(_ x: [Double]) -> [Double] {
        constraints.map { $0.activity(x) }
    }

    /// Aᵀy, one entry per variable.
    public func transposeProduct(_ y: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: variables.count)
        for (i, row) in constraints.enumerated() where y[i] != 0 {
            for k in row.columns.indices { result[row.columns[k]] += row.coefficients[k] * y[i] }
        }
        return result
    }

    /// The constraint matrix A (constraints × variables) in compressed sparse column form.
    /// Call ``validate()`` first: entries must be in range (duplicates would be summed).
    public func constraintMatrix() throws -> SparseMatrix {
        var triplets: [(row: Int, column: Int, value: Double)] = []
        triplets.reserveCapacity(nonzeroCount)
        for (i, row) in constraints.enumerated() {
            for k in row.columns.indices { triplets.append((i, row.columns[k], row.coefficients[k])) }
        }
        return try SparseMatrix(rows: constraints.count, columns: variables.count, triplets: triplets)
    }

    /// The index of the variable with this name, if any (linear search).
    public func variableIndex(named name: String) -> Int? {
        variables.firstIndex { $0.name == name }
    }

    /// The index of the constraint with this name, if any (linear search).
    public func constraintIndex(named name: String) -> Int? {
        constraints.firstIndex { $0.name == name }
    }
}
