/// The numbers every solver is given, decided once before any solver sees a model (after HiGHS's
/// `infinite_bound`, `small_matrix_value`, `large_matrix_value` and `infinite_cost` options).
///
/// | value                                    | rule                                            |
/// |------------------------------------------|-------------------------------------------------|
/// | bound or row side with \|b\| ≥ 1e20      | infinite (y ∈ [−1e20, 1e20] is a free variable) |
/// | lower ≥ 1e20 or upper ≤ −1e20            | refused: no value satisfies it                  |
/// | finite bound or side with \|b\| ≥ 1e15   | refused: ≥ 1e20 (or none) for no bound          |
/// | matrix entry with \|a\| ≤ 1e-9           | dropped, with a warning (count, largest)        |
/// | matrix entry with \|a\| ≥ 1e15           | refused                                         |
/// | cost with \|c\| ≥ 1e15                   | refused                                         |
/// | objective constant with \|k\| ≥ 1e20     | refused                                         |
/// | subnormal cost, bound or constant        | set to 0, with a warning                        |
/// | largest / smallest \|a\| > 1e12          | kept, with a warning (scaling may absorb it)    |
///
/// Why: GLPK 5.0 aborts the process (SIGABRT) on bounds near 1e250 and beyond, on subnormal
/// matrix entries and on 1e-300 beside 1e300; it loops in its primal simplex on costs of 1e16;
/// and it gives wrong answers for finite bounds from about 1e16 to 1e20: `min x − y,
/// x + y = 5, x ∈ [−10, 10] integer, y ∈ [−b, b]` came back "optimal" at 5 (or −23) instead of
/// −25 for b = 1e16 … 1e20, and its simplex reported unverifiable optima for the relaxation,
/// while b = 1e15 was solved right by every method. Integer values at or above 2⁵² have no
/// fractional part in double precision either. The ratio of matrix entries is only warned about:
/// GLPK's and our interior point's scaling remove much of it, and the verifier judges the answer.
public struct NumericPolicy: Sendable, Equatable {
    /// Bounds and row sides with |b| ≥ this are infinite.
    public var infiniteBound = 1e20
    /// Matrix entries with |a| ≤ this are dropped.
    public var smallCoefficient = 1e-9
    /// Matrix entries with |a| ≥ this are refused.
    public var largeCoefficient = 1e15
    /// Objective coefficients with |c| ≥ this are refused.
    public var largeCost = 1e15
    /// Finite bounds and row sides with |b| ≥ this (and below `infiniteBound`) are refused.
    public var largeBound = 1e15
    /// A ratio max|a| / min|a| of the kept entries above this gets a warning.
    public var wideRangeRatio = 1e12

    /// The documented defaults above.
    public static let standard = NumericPolicy()

    public init() {}

    /// The model a solver may be given, and what was changed. Throws
    /// `LinearProgrammingError.numberOutOfRange` naming the row or column and the value for
    /// anything the table above refuses. `model` must have passed ``LinearProgram/validate()``.
    /// Applying the policy to its own result changes nothing and warns of nothing.
    public func apply(to model: LinearProgram) throws -> PreparedProgram {
        var program = model
        var notes = Notes()
        program.objectiveConstant = notes.flushSubnormal(model.objectiveConstant, at: "the objective constant")
        guard abs(program.objectiveConstant) < infiniteBound else {
            throw refusal("the objective constant", program.objectiveConstant, "it must be below \(Self.words(infiniteBound)) in magnitude")
        }
        for j in program.variables.indices {
            try clean(&program.variables[j], notes: &notes)
        }
        for i in program.constraints.indices {
            try clean(&program.constraints[i], variables: program.variables, notes: &notes)
        }
        return PreparedProgram(program: program, warnings: notes.warnings(self))
    }

    /// New objective costs for a program the policy was applied to (one per variable), as
    /// ``apply(to:)`` would leave them: subnormals set to 0 (without a warning). Throws
    /// `LinearProgrammingError.nonFiniteCost` for NaN or ±∞ and `numberOutOfRange` for a cost it
    /// refuses. For re-solving one loaded program with changed costs.
    public func preparedCosts(_ costs: [Double], for program: LinearProgram) throws -> [Double] {
        guard costs.count == program.variableCount else {
            throw LinearProgrammingError.dimensionMismatch(what: "objective costs (one per variable)", expected: program.variableCount, actual: costs.count)
        }
        var notes = Notes()
        return try costs.indices.map { j in
            guard costs[j].isFinite else { throw LinearProgrammingError.nonFiniteCost(column: program.variables[j].name, value: costs[j]) }
            return try cost(costs[j], at: "variable '\(program.variables[j].name)'", notes: &notes)
        }
    }

    private func clean(_ v: inout Variable, notes: inout Notes) throws {
        let name = v.name
        v.cost = try cost(v.cost, at: "variable '\(name)'", notes: &notes)
        (v.lower, v.upper) = try bounds(v.lower, v.upper, at: "variable '\(name)'", notes: &notes)
    }

    /// The objective coefficient `c` of the variable at `place`, subnormal made 0; refused when too large.
    private func cost(_ c: Double, at place: @autoclosure () -> String, notes: inout Notes) throws -> Double {
        let c = notes.flushSubnormal(c, at: place() + ": objective coefficient")
        guard abs(c) < largeCost else {
            throw refusal(place() + ": objective coefficient", c,
                          "objective coefficients of magnitude \(Self.words(largeCost)) or more are refused; rescale the objective or the variable")
        }
        return c
    }

    private func clean(_ row: inout Constraint, variables: [Variable], notes: inout Notes) throws {
        let name = row.name
        (row.lower, row.upper) = try bounds(row.lower, row.upper, at: "constraint '\(name)'", notes: &notes)
        var kept = 0
        for k in row.columns.indices {
            let a = row.coefficients[k], column = row.columns[k]
            func entry() -> String { "constraint '\(name)': coefficient of '\(variables[column].name)'" }   // built only when reported
            guard abs(a) < largeCoefficient else {
                throw refusal(entry(), a, "matrix entries of magnitude \(Self.words(largeCoefficient)) or more are refused; rescale the row or the column")
            }
            if abs(a) <= smallCoefficient {
                notes.drop(a, at: entry())
                continue
            }
            notes.keep(a)
            row.columns[kept] = row.columns[k]
            row.coefficients[kept] = a
            kept += 1
        }
        row.columns.removeLast(row.columns.count - kept)
        row.coefficients.removeLast(row.coefficients.count - kept)
    }

    /// [lower, upper] with |b| ≥ infiniteBound made infinite and subnormals made 0.
    /// `place` is built only when something is reported.
    private func bounds(_ lower: Double, _ upper: Double, at place: @autoclosure () -> String,
                        notes: inout Notes) throws -> (Double, Double) {
        var l = notes.flushSubnormal(lower, at: place() + ": lower bound")
        var u = notes.flushSubnormal(upper, at: place() + ": upper bound")
        if l.isFinite && l <= -infiniteBound { l = -.infinity; notes.infinite(at: place(), value: lower) }
        if u.isFinite && u >= infiniteBound { u = .infinity; notes.infinite(at: place(), value: upper) }
        if l >= infiniteBound {
            throw refusal(place() + ": lower bound", lower, "a lower bound of \(Self.words(infiniteBound)) or more is +∞ and leaves no value")
        }
        if u <= -infiniteBound {
            throw refusal(place() + ": upper bound", upper, "an upper bound of −\(Self.words(infiniteBound)) or less is −∞ and leaves no value")
        }
        for (side, b) in [("lower bound", l), ("upper bound", u)] where b.isFinite && abs(b) >= largeBound {
            throw refusal(place() + ": " + side, b, "finite bounds of magnitude \(Self.words(largeBound)) or more are refused "
                          + "(GLPK answers wrongly with them); use \(Self.words(infiniteBound)) or more for no bound, or rescale")
        }
        return (l, u)
    }

    /// A power of ten as "1e15", anything else as Swift prints it.
    static func words(_ x: Double) -> String {
        guard x > 0, x.isFinite else { return "\(x)" }
        var power = 1.0, exponent = 0
        while power < x { power *= 10; exponent += 1 }
        while power > x * (1 + 1e-12) { power /= 10; exponent -= 1 }
        return abs(power - x) <= 1e-12 * x ? "1e\(exponent)" : "\(x)"
    }

    private func refusal(_ place: String, _ value: Double, _ rule: String) -> LinearProgrammingError {
        .numberOutOfRange(place: place, value: value, rule: rule)
    }

    /// What the policy changed, gathered while it runs.
    private struct Notes {
        var dropped = 0, largestDropped = 0.0, droppedExample = ""
        var infinite = 0, infiniteExample = ""
        var subnormal = 0, subnormalExample = ""
        var smallestKept = Double.infinity, largestKept = 0.0

        mutating func drop(_ a: Double, at place: @autoclosure () -> String) {
            guard a != 0 else { return }                     // explicit zeros change nothing: no warning
            dropped += 1
            if abs(a) >= largestDropped { largestDropped = abs(a); droppedExample = place() }
        }

        mutating func keep(_ a: Double) {
            smallestKept = min(smallestKept, abs(a))
            largestKept = max(largestKept, abs(a))
        }

        mutating func infinite(at place: String, value: Double) {
            if infinite == 0 { infiniteExample = "\(place) (\(value))" }
            infinite += 1
        }

        mutating func flushSubnormal(_ x: Double, at place: @autoclosure () -> String) -> Double {
            guard x.isSubnormal else { return x }
            if subnormal == 0 { subnormalExample = "\(place()) (\(x))" }
            subnormal += 1
            return 0
        }

        func warnings(_ policy: NumericPolicy) -> [NumericWarning] {
            var warnings: [NumericWarning] = []
            if infinite > 0 { warnings.append(.infiniteBounds(count: infinite, limit: policy.infiniteBound, example: infiniteExample)) }
            if dropped > 0 {
                warnings.append(.droppedSmallCoefficients(count: dropped, limit: policy.smallCoefficient,
                                                          largest: largestDropped, example: droppedExample))
            }
            if subnormal > 0 { warnings.append(.subnormalsZeroed(count: subnormal, example: subnormalExample)) }
            if largestKept > 0, largestKept / smallestKept > policy.wideRangeRatio {
                warnings.append(.wideCoefficientRange(smallest: smallestKept, largest: largestKept))
            }
            return warnings
        }
    }
}

/// A model after ``NumericPolicy/apply(to:)``: what a solver solves and the answer is verified
/// against, and what the policy changed.
public struct PreparedProgram: Sendable {
    public var program: LinearProgram
    public var warnings: [NumericWarning]
}

/// A change the ``NumericPolicy`` made to a model (nothing it refuses: that is an error).
public enum NumericWarning: Sendable, Equatable, CustomStringConvertible {
    /// Bounds or row sides of magnitude ≥ `limit` read as infinite.
    case infiniteBounds(count: Int, limit: Double, example: String)
    /// Matrix entries with 0 < |a| ≤ `limit` dropped; `largest` is the largest dropped |a|.
    case droppedSmallCoefficients(count: Int, limit: Double, largest: Double, example: String)
    /// Subnormal costs, bounds or constant set to 0.
    case subnormalsZeroed(count: Int, example: String)
    /// The kept matrix entries span more than the policy's `wideRangeRatio`.
    case wideCoefficientRange(smallest: Double, largest: Double)

    public var description: String {
        switch self {
        case let .infiniteBounds(count, limit, example):
            return "\(count) bound(s) of magnitude \(NumericPolicy.words(limit)) or more read as infinite, e.g. \(example)"
        case let .droppedSmallCoefficients(count, limit, largest, example):
            return "\(count) matrix entr\(count == 1 ? "y" : "ies") of magnitude at most \(NumericPolicy.words(limit)) dropped; "
                + "the largest, \(largest), was the \(example)"
        case let .subnormalsZeroed(count, example):
            return "\(count) subnormal number(s) set to 0, e.g. \(example)"
        case let .wideCoefficientRange(smallest, largest):
            return "matrix entries range from \(smallest) to \(largest) in magnitude (ratio \(largest / smallest)); the answer may be inaccurate: rescale rows or columns"
        }
    }
}
