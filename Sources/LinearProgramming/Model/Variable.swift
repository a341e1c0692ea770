/// Whether a variable may take any real value or only integers.
public enum VariableKind: String, Sendable, Codable, CaseIterable {
    case continuous
    case integer
    /// An integer variable with bounds [0, 1].
    case binary
}

/// One decision variable of a ``LinearProgram``: its name, bounds, kind and objective coefficient.
///
/// Infinite bounds mean "unbounded on that side": `lower = -.infinity, upper = .infinity` is a
/// free variable, `lower == upper` a fixed one.
public struct Variable: Sendable, Equatable {
    public var name: String
    public var lower: Double
    public var upper: Double
    public var kind: VariableKind
    /// The variable's coefficient cⱼ in the objective cᵀx + constant.
    public var cost: Double

    public init(name: String, lower: Double = 0, upper: Double = .infinity,
                kind: VariableKind = .continuous, cost: Double = 0) {
        self.name = name
        self.kind = kind
        self.cost = cost
        if kind == .binary {
            self.lower = max(lower, 0)
            self.upper = min(upper, 1)
        } else {
            self.lower = lower
            self.upper = upper
        }
    }

    /// True for integer and binary variables.
    public var isInteger: Bool { kind != .continuous }
}
