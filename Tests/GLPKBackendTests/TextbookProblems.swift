import LinearProgramming
import TestSupport

/// Small LPs and MIPs with known answers, built through the public modelling API.
enum TextbookProblems {
    /// Hillier & Lieberman's Wyndor Glass: max 3x₁ + 5x₂, x₁ ≤ 4, 2x₂ ≤ 12, 3x₁ + 2x₂ ≤ 18.
    /// Optimum 36 at (2, 6); duals (0, 1.5, 1).
    static func wyndor() -> LinearProgram {
        var lp = LinearProgram(name: "wyndor", sense: .maximize)
        let x1 = lp.addVariable("x1", cost: 3), x2 = lp.addVariable("x2", cost: 5)
        lp.addConstraint("plant1", [(x1, 1)], .lessOrEqual, 4)
        lp.addConstraint("plant2", [(x2, 2)], .lessOrEqual, 12)
        lp.addConstraint("plant3", [(x1, 3), (x2, 2)], .lessOrEqual, 18)
        return lp
    }

    /// min 2x + 3y + 1, x + y ≥ 4, x − y = 1, x, y ≥ 0: optimum 10.5 at (2.5, 1.5), duals (2.5, −0.5).
    static func equalityAndGreater() -> LinearProgram {
        var lp = LinearProgram(name: "eq-ge", objectiveConstant: 1)
        let x = lp.addVariable("x", cost: 2), y = lp.addVariable("y", cost: 3)
        lp.addConstraint("cover", [(x, 1), (y, 1)], .greaterOrEqual, 4)
        lp.addConstraint("balance", [(x, 1), (y, -1)], .equal, 1)
        return lp
    }

    /// min −x − y, 1 ≤ x + 2y ≤ 4 (ranged), 0 ≤ x ≤ 3, y ≥ 0: optimum −3.5 at (3, 0.5);
    /// row dual −0.5, reduced cost of x −0.5 (at its upper bound).
    static func ranged() -> LinearProgram {
        var lp = LinearProgram(name: "ranged")
        let x = lp.addVariable("x", upper: 3, cost: -1), y = lp.addVariable("y", cost: -1)
        lp.addConstraint("range", [(x, 1), (y, 2)], lower: 1, upper: 4)
        return lp
    }

    /// min x with x, y free, x − y ≥ −2, x + y ≥ 0: optimum −1 at (−1, 1); duals (0.5, 0.5).
    static func freeVariables() -> LinearProgram {
        var lp = LinearProgram(name: "free")
        let x = lp.addVariable("x", lower: -.infinity, cost: 1)
        let y = lp.addVariable("y", lower: -.infinity)
        lp.addConstraint("a", [(x, 1), (y, -1)], .greaterOrEqual, -2)
        lp.addConstraint("b", [(x, 1), (y, 1)], .greaterOrEqual, 0)
        return lp
    }

    /// Beale's example, which cycles under Dantzig's rule without anti-cycling:
    /// optimum −1.25 at x = (1, 0, 1, 0), a degenerate vertex.
    static func beale() -> LinearProgram {
        var lp = LinearProgram(name: "beale")
        let x4 = lp.addVariable("x4", cost: -0.75), x5 = lp.addVariable("x5", cost: 20)
        let x6 = lp.addVariable("x6", cost: -0.5), x7 = lp.addVariable("x7", cost: 6)
        lp.addConstraint("r1", [(x4, 0.25), (x5, -8), (x6, -1), (x7, 9)], .lessOrEqual, 0)
        lp.addConstraint("r2", [(x4, 0.5), (x5, -12), (x6, -0.5), (x7, 3)], .lessOrEqual, 0)
        lp.addConstraint("r3", [(x6, 1)], .lessOrEqual, 1)
        return lp
    }

    /// x + y ≤ 1 and x + y ≥ 2: infeasible through the rows.
    static func infeasibleRows() -> LinearProgram {
        var lp = LinearProgram(name: "infeasible-rows")
        let x = lp.addVariable("x", cost: 1), y = lp.addVariable("y", cost: 1)
        lp.addConstraint("atMostOne", [(x, 1), (y, 1)], .lessOrEqual, 1)
        lp.addConstraint("atLeastTwo", [(x, 1), (y, 1)], .greaterOrEqual, 2)
        return lp
    }

    /// x, y ∈ [0, 1], x + y ≥ 3: infeasible through the bounds.
    static func infeasibleBounds() -> LinearProgram {
        var lp = LinearProgram(name: "infeasible-bounds", sense: .maximize)
        let x = lp.addVariable("x", upper: 1, cost: 1), y = lp.addVariable("y", upper: 1, cost: 1)
        lp.addConstraint("needsThree", [(x, 1), (y, 1)], .greaterOrEqual, 3)
        return lp
    }

    /// max x + y, x − y ≤ 1, x, y ≥ 0: unbounded along (1, 1).
    static func unbounded() -> LinearProgram {
        var lp = LinearProgram(name: "unbounded", sense: .maximize)
        let x = lp.addVariable("x", cost: 1), y = lp.addVariable("y", cost: 1)
        lp.addConstraint("gap", [(x, 1), (y, -1)], .lessOrEqual, 1)
        return lp
    }

    /// min x − 2y with x free, y ≥ 0, x − y ≥ −5: unbounded along the ray (1, 1) (slope −1).
    static func unboundedFree() -> LinearProgram {
        var lp = LinearProgram(name: "unbounded-free")
        let x = lp.addVariable("x", lower: -.infinity, cost: 1), y = lp.addVariable("y", cost: -2)
        lp.addConstraint("link", [(x, 1), (y, -1)], .greaterOrEqual, -5)
        return lp
    }

    /// The 0/1 knapsack with weights (12, 2, 1, 1, 4), values (4, 2, 1, 2, 10), capacity 15:
    /// optimum 15, all items but the first.
    static func knapsack() -> LinearProgram {
        var lp = LinearProgram(name: "knapsack", sense: .maximize)
        let weights = [12.0, 2, 1, 1, 4], values = [4.0, 2, 1, 2, 10]
        let items = values.indices.map { lp.addVariable("item\($0)", kind: .binary, cost: values[$0]) }
        lp.addConstraint("capacity", items.map { ($0, weights[$0]) }, .lessOrEqual, 15)
        return lp
    }

    /// max Σ vⱼ xⱼ s.t. Σⱼ wᵢⱼ xⱼ ≤ ½ Σⱼ wᵢⱼ (i < `constraints`), x binary, with seeded weights
    /// wᵢⱼ ∈ [1, 100] and values vⱼ = mean weight of j + a uniform [0, 10): strongly correlated,
    /// so branch-and-cut proves the optimum only slowly.
    static func multidimensionalKnapsack(items: Int, constraints: Int, seed: UInt64) -> LinearProgram {
        var generator = SplitMix64(seed: seed)
        func uniform() -> Double { generator.nextUniform() }         // [0, 1)
        let weights = (0..<constraints).map { _ in (0..<items).map { _ in (1 + 99 * uniform()).rounded() } }
        var lp = LinearProgram(name: "multidimensional-knapsack", sense: .maximize)
        let x = (0..<items).map { j in
            let mean = weights.reduce(0) { $0 + $1[j] } / Double(constraints)
            return lp.addVariable("x\(j)", kind: .binary, cost: (mean + 10 * uniform()).rounded())
        }
        for (i, row) in weights.enumerated() {
            lp.addConstraint("capacity\(i)", x.map { ($0, row[$0]) }, .lessOrEqual, (row.reduce(0, +) / 2).rounded(.down))
        }
        return lp
    }

    /// 2x = 1 with x integer: the LP relaxation is feasible, the MIP is not.
    static func integerInfeasible() -> LinearProgram {
        var lp = LinearProgram(name: "integer-infeasible")
        let x = lp.addVariable("x", upper: 10, kind: .integer, cost: 1)
        lp.addConstraint("half", [(x, 2)], .equal, 1)
        return lp
    }
}
