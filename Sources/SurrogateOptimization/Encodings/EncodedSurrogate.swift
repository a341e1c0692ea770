import LinearProgramming

/// How a surrogate is encoded: exactly by linear constraints (a convex piecewise-linear
/// network used in the convex direction) or with binaries (anything else piecewise linear).
public enum EncodingRoute: String, Sendable, Codable {
    case lp
    case milp
}

/// What an encoding added to a ``LinearProgram``: the network's output as an affine
/// expression over the program's columns (in the model's original units), the route, and the
/// auxiliary columns it created (one per hidden unit, plus binaries on the MILP route).
public struct EncodedSurrogate: Sendable {
    public var output: LinearExpression
    public var route: EncodingRoute
    public var auxiliaryColumns: Range<Int>
    public var binaryCount: Int
}
