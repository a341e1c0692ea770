import LinearProgramming

/// An affine expression Σ coefficient·x[variable] + constant over the columns of a
/// ``LinearProgram`` (the decision variables and any auxiliary columns an encoding adds).
public struct LinearExpression: Sendable, Equatable {
    /// Variable index → coefficient (no zero coefficients stored by the builders).
    public var coefficients: [Int: Double]
    public var constant: Double

    public init(_ coefficients: [Int: Double] = [:], constant: Double = 0) {
        self.coefficients = coefficients
        self.constant = constant
    }

    /// The expression x[variable].
    public static func variable(_ index: Int) -> LinearExpression { LinearExpression([index: 1]) }

    /// self + scale·other.
    public mutating func add(_ other: LinearExpression, scale: Double = 1) {
        for (j, a) in other.coefficients { coefficients[j, default: 0] += scale * a }
        constant += scale * other.constant
    }

    /// scale·self.
    public func scaled(by scale: Double) -> LinearExpression {
        LinearExpression(coefficients.mapValues { scale * $0 }, constant: scale * constant)
    }

    /// Value at x.
    public func value(at x: [Double]) -> Double {
        coefficients.reduce(constant) { $0 + $1.value * x[$1.key] }
    }

    /// Sparse terms sorted by variable index, zeros dropped (for `Constraint`).
    public var sortedTerms: [(variable: Int, coefficient: Double)] {
        coefficients.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// [min, max] of the expression over the variables' bounds (interval arithmetic).
    public func range(over variables: [Variable]) -> ClosedRange<Double>? {
        var low = constant, high = constant
        for (j, a) in coefficients where a != 0 {
            let (l, u) = (variables[j].lower, variables[j].upper)
            low += a > 0 ? a * l : a * u
            high += a > 0 ? a * u : a * l
        }
        guard !low.isNaN, !high.isNaN, low <= high else { return nil }
        return low...high
    }
}
