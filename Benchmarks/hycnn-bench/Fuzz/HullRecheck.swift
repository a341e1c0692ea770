import Foundation
import LinearProgramming
import Solvers

/// Re-checks a `check-data` "a convex function fits the data" answer (exit 0) by its own
/// formulation: for each sample i, the lowest target that a convex combination of the other
/// samples reaching xᵢ can have, min Σ μⱼ yⱼ subject to Σ μⱼ xⱼ = xᵢ, Σ μⱼ = 1, μ ≥ 0 (an LP
/// solved by GLPK through the library, on scaled data). When it is decisively below yᵢ — by more than 1e-6 of
/// the targets' range — and the weights μ pass this file's own check (non-negative, summing to
/// 1, reproducing xᵢ to 1e-12 of the magnitudes involved), no convex function passes through the data (Jensen's
/// inequality fails at i) and the answer is rejected. Runs in the re-check child process.
enum HullRecheck {
    static func check(_ table: CSVRecheck.Table, target: Int) -> RecheckOutcome {
        let n = table.rows.count, inputs = table.header.indices.filter { $0 != target }
        guard n >= 2, n <= 400 else { return .accepted }
        let y = table.rows.map { $0[target] }
        let range = (y.max() ?? 0) - (y.min() ?? 0)
        // The LP sees each coordinate and the targets divided by their largest magnitude, with
        // entries below 1e-12 of it dropped (GLPK cannot take 1e-300 beside 1); the weights it
        // returns are then checked against the unscaled data.
        func scaled(_ values: [Double]) -> [Double] {
            let top = values.map(abs).max() ?? 0
            return values.map { top > 0 && abs($0 / top) >= 1e-12 ? $0 / top : 0 }
        }
        let columns = inputs.map { c in scaled(table.rows.map { $0[c] }) }, costs = scaled(y)
        for i in 0..<n {
            let others = (0..<n).filter { $0 != i }
            var program = LinearProgram(name: "hull\(i)")
            let mu = others.map { program.addVariable("mu\($0)", cost: costs[$0]) }
            for x in columns {
                program.addConstraint("x", zip(mu, others).compactMap { x[$1] == 0 ? nil : ($0, x[$1]) }, .equal, x[i])
            }
            program.addConstraint("sum", mu.map { ($0, 1.0) }, .equal, 1)
            guard let solution = try? SolverChoice.simplex.makeSolver().solve(program), solution.status == .optimal,
                  solution.x.count == mu.count else { continue }
            let weights = solution.x.map { max($0, 0) }
            let total = weights.reduce(0, +)
            guard total > 0 else { continue }
            let weight = weights.map { $0 / total }
            // Σ μⱼ xⱼ = xᵢ to 1e-12 relative to the magnitudes that enter, Σ μⱼ |xⱼ| + |xᵢ|: rounding,
            // not a tolerance, since a point 1e-9 outside a hull is fitted by a (steep) convex function.
            let reproduces = inputs.allSatisfy { c in
                let combined = zip(weight, others).reduce(0.0) { $0 + $1.0 * table.rows[$1.1][c] }
                let magnitude = zip(weight, others).reduce(abs(table.rows[i][c])) { $0 + $1.0 * abs(table.rows[$1.1][c]) }
                return abs(combined - table.rows[i][c]) <= 1e-12 * (1 + magnitude)
            }
            let combinedTarget = zip(weight, others).reduce(0.0) { $0 + $1.0 * y[$1.1] }
            if reproduces, y[i] - combinedTarget > 1e-6 * (1 + range) {
                let support = zip(weight, others).filter { $0.0 > 1e-12 }.map { "\($0.1 + 1)" }.joined(separator: ", ")
                return .rejected("says a convex function fits, but row \(i + 1) is the weighted average of rows \(support) "
                                 + "with target \(y[i]) above their combined \(combinedTarget)")
            }
        }
        return .accepted
    }
}
