/// The relation of a one-sided or equality constraint `aᵀx (≤ | ≥ | =) rhs`.
public enum Relation: String, Sendable, CaseIterable {
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case equal = "="
}

/// One linear constraint `lower ≤ aᵀx ≤ upper` of a ``LinearProgram``.
///
/// The row is sparse: `columns[k]` is a variable index and `coefficients[k]` its coefficient.
/// `lower = -.infinity` gives a ≤ row, `upper = .infinity` a ≥ row, `lower == upper` an
/// equality, two finite different bounds a ranged row, both infinite a free row.
public struct Constraint: Sendable, Equatable {
    public var name: String
    public var lower: Double
    public var upper: Double
    public var columns: [Int]
    public var coefficients: [Double]

    public init(name: String, columns: [Int], coefficients: [Double],
                lower: Double = -.infinity, upper: Double = .infinity) {
        self.name = name
        self.columns = columns
        self.coefficients = coefficients
        self.lower = lower
        self.upper = upper
    }

    public init(name: String, terms: [(variable: Int, coefficient: Double)],
                lower: Double = -.infinity, upper: Double = .infinity) {
        self.init(name: name, columns: terms.map(\.variable), coefficients: terms.map(\.coefficient),
                  lower: lower, upper: upper)
    }

    public init(name: String, terms: [(variable: Int, coefficient: Double)],
                _ relation: Relation, _ rhs: Double) {
        switch relation {
        case .lessOrEqual: self.init(name: name, terms: terms, upper: rhs)
        case .greaterOrEqual: self.init(name: name, terms: terms, lower: rhs)
        case .equal: self.init(name: name, terms: terms, lower: rhs, upper: rhs)
        }
    }

    /// aᵀx for a full vector x.
    public func activity(_ x: [Double]) -> Double {
        var sum = 0.0
        for k in columns.indices { sum += coefficients[k] * x[columns[k]] }
        return sum
    }

    /// aᵀx and Σ|aₖ xₖ|, the size of the terms whose rounding errors aᵀx carries.
    func activityAndMagnitude(_ x: [Double]) -> (activity: Double, magnitude: Double) {
        var sum = 0.0, magnitude = 0.0
        for k in columns.indices {
            let term = coefficients[k] * x[columns[k]]
            sum += term
            magnitude += abs(term)
        }
        return (sum, magnitude)
    }
}
