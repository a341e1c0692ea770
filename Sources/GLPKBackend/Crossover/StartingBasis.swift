import LinearProgramming

/// Where each variable of an LP sits at an interior-point optimum, read from complementarity:
/// a column (or row activity) whose distance to a bound is no larger than the dual slack of
/// that bound is at the bound (nonbasic there); one strictly inside its bounds by more than its
/// dual slack is a candidate for the basis. Free variables are candidates, fixed ones nonbasic.
struct StartingBasis {
    /// A variable's place at the interior point.
    enum Position: Equatable {
        /// Strictly between its bounds (or free): a basis candidate.
        case candidate
        case atLower
        case atUpper
        /// Lower bound equals upper bound.
        case fixed
    }

    /// One position per column.
    let columns: [Position]
    /// One position per row activity aᵢᵀx.
    let rows: [Position]

    /// The positions at `x` with row duals `rowDuals` and reduced costs `reducedCosts`
    /// (GLPK's sign convention) on `model`; all three have the model's lengths.
    init(model: LinearProgram, x: [Double], rowDuals: [Double], reducedCosts: [Double]) {
        let sign = model.sense == .minimize ? 1.0 : -1.0     // duals of a lower bound are ≥ 0 once times `sign`
        columns = model.variables.indices.map { j in
            Self.position(value: x[j], lower: model.variables[j].lower, upper: model.variables[j].upper,
                          dual: sign * reducedCosts[j])
        }
        rows = model.constraints.indices.map { i in
            let row = model.constraints[i]
            var activity = 0.0
            for (column, value) in zip(row.columns, row.coefficients) { activity += value * x[column] }   // aᵢᵀx
            return Self.position(value: activity, lower: row.lower, upper: row.upper, dual: sign * rowDuals[i])
        }
    }

    /// The number of basis candidates among the columns.
    var candidateColumnCount: Int { columns.count { $0 == .candidate } }

    /// At a bound when the primal slack to it is no larger than its dual slack (x − l ≤ z_l,
    /// u − x ≤ z_u, with z_l = max(dual, 0), z_u = max(−dual, 0)); otherwise a candidate.
    static func position(value: Double, lower: Double, upper: Double, dual: Double) -> Position {
        if lower == upper { return .fixed }
        let toLower = value - lower, toUpper = upper - value      // +∞ for a missing bound
        if toLower <= max(dual, 0) && toLower <= toUpper { return .atLower }
        if toUpper <= max(-dual, 0) { return .atUpper }
        return .candidate
    }
}
