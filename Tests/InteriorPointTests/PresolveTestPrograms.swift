import LinearProgramming
import TestSupport

/// Seeded random LPs made for presolve: they contain empty rows, rows that become empty once
/// fixed columns are substituted, singleton rows of every bound type and either sign,
/// rows that are multiples of others, free rows, fixed, empty, free, boxed and one-sided
/// columns, ranged and equality rows, and either sense.
///
/// Each program is optimal by construction: a point x⁰ inside every bound makes it feasible,
/// and the costs c = s·(Aᵀy⁰ + d⁰) with y⁰, d⁰ of the signs an optimum's duals need (≥ rows
/// y⁰ ≥ 0, ≤ rows y⁰ ≤ 0, free rows and free columns 0, …) make the dual feasible, so the
/// objective is bounded.
enum PresolveTestPrograms {
    enum ColumnKind: CaseIterable { case boxed, lower, upper, free, fixed }
    enum RowKind: CaseIterable { case greater, less, ranged, equal, free }

    static func random(seed: UInt64) -> LinearProgram {
        var g = SplitMix64(seed: seed)
        let sense: ObjectiveSense = seed % 2 == 0 ? .minimize : .maximize
        let n = Int.random(in: 6...18, using: &g)
        let m = Int.random(in: 5...16, using: &g)
        // Values on a grid of quarters keep the activities exact enough to make slacks exactly 0.
        func value(_ range: ClosedRange<Double>) -> Double { (Double.random(in: range, using: &g) * 4).rounded() / 4 }

        var kinds: [ColumnKind] = [], x0: [Double] = [], lower: [Double] = [], upper: [Double] = [], d0: [Double] = []
        var inRows: [Bool] = []
        for _ in 0..<n {
            let kind = ColumnKind.allCases.randomElement(using: &g)!
            let x = value(-3...3)
            kinds.append(kind)
            x0.append(x)
            inRows.append(Double.random(in: 0..<1, using: &g) >= 0.15)
            // Half the time a bound sits at x⁰, so bounds are active at the optimum more often.
            let gapBelow = Bool.random(using: &g) ? 0 : value(0.25...2)
            let gapAbove = Bool.random(using: &g) ? 0 : value(0.25...2)
            let zeroDual = Double.random(in: 0..<1, using: &g) < 0.25
            switch kind {
            case .boxed:
                lower.append(x - gapBelow); upper.append(x + gapAbove + 0.25)
                d0.append(zeroDual ? 0 : value(-2...2))
            case .lower:
                lower.append(x - gapBelow); upper.append(.infinity)
                d0.append(zeroDual ? 0 : value(0...2))
            case .upper:
                lower.append(-.infinity); upper.append(x + gapAbove)
                d0.append(zeroDual ? 0 : value(-2...0))
            case .free:
                lower.append(-.infinity); upper.append(.infinity)
                d0.append(0)
            case .fixed:
                lower.append(x); upper.append(x)
                d0.append(value(-2...2))
            }
        }
        let connected = (0..<n).filter { inRows[$0] }
        let fixed = connected.filter { kinds[$0] == .fixed }

        var rows: [(columns: [Int], coefficients: [Double])] = []
        for _ in 0..<m {
            let shape = Int.random(in: 0..<10, using: &g)
            var columns: [Int] = []
            var coefficients: [Double] = []
            if shape == 0 {
                // Empty row.
            } else if shape == 1 && !fixed.isEmpty {
                // Only fixed columns: empty once they are substituted.
                columns = Array(Set((0..<2).map { _ in fixed.randomElement(using: &g)! })).sorted()
            } else if shape <= 4 && !connected.isEmpty {
                // Singleton row; sometimes with a fixed column, so it becomes a singleton later.
                columns = [connected.randomElement(using: &g)!]
                if shape == 4, let f = fixed.randomElement(using: &g), f != columns[0] { columns.append(f) }
            } else if shape == 5 && !rows.isEmpty && rows.contains(where: { $0.columns.count >= 2 }) {
                // A multiple of an earlier row.
                let base = rows.filter { $0.columns.count >= 2 }.randomElement(using: &g)!
                let ratio = [-2.0, 0.5, 3.0, -0.25].randomElement(using: &g)!
                columns = base.columns
                coefficients = base.coefficients.map { $0 * ratio }
            } else if !connected.isEmpty {
                let count = min(connected.count, Int.random(in: 2...5, using: &g))
                columns = Array(connected.shuffled(using: &g).prefix(count)).sorted()
            }
            if coefficients.isEmpty {
                coefficients = columns.map { _ in
                    let magnitude = value(0.25...3)
                    return Bool.random(using: &g) ? magnitude : -magnitude
                }
            }
            rows.append((columns, coefficients))
        }

        var y0: [Double] = []
        var model = LinearProgram(name: "presolve-\(seed)", sense: sense, objectiveConstant: value(-5...5))
        for (i, row) in rows.enumerated() {
            var activity = 0.0
            for k in row.columns.indices { activity += row.coefficients[k] * x0[row.columns[k]] }
            let slack = Bool.random(using: &g) ? 0 : value(0.25...2)
            let kind = RowKind.allCases.randomElement(using: &g)!
            let dual = Double.random(in: 0..<1, using: &g) < 0.2 ? 0 : value(0.25...2)
            var l = -Double.infinity, u = Double.infinity, y = 0.0
            switch kind {
            case .greater: l = activity - slack; y = dual
            case .less: u = activity + slack; y = -dual
            case .ranged: l = activity - slack; u = activity + value(0.25...2); y = Bool.random(using: &g) ? dual : -dual
            case .equal: l = activity; u = activity; y = Bool.random(using: &g) ? dual : -dual
            case .free: y = 0
            }
            if row.columns.isEmpty { y = 0 }
            y0.append(y)
            model.constraints.append(Constraint(name: "r\(i)", columns: row.columns, coefficients: row.coefficients, lower: l, upper: u))
        }
        // Minimisation-form costs c' = Aᵀy⁰ + d⁰; the model's costs are s·c'.
        var costs = d0
        for (i, row) in rows.enumerated() {
            for k in row.columns.indices { costs[row.columns[k]] += row.coefficients[k] * y0[i] }
        }
        for j in 0..<n {
            model.variables.append(Variable(name: "x\(j)", lower: lower[j], upper: upper[j], cost: sense.sign * costs[j]))
        }
        return model
    }
}
