import GLPKBackend
import LinearProgramming
import TestSupport
import Testing
import InteriorPoint

/// Flow conservation over a connected network has one dependent row, which the normal
/// equations' pivot replacement takes out: the interior point solves it to GLPK's optimum, and
/// proves infeasibility with a verified ray when the supplies do not balance (the row is then
/// not implied by the others).
@Suite struct FlowConservationTests {
    /// Min-cost flow on a side × side grid with arcs both ways (capacity 10, seeded costs), the
    /// first node supplying `supply` and the last demanding `demand`.
    static func gridFlow(side: Int, supply: Double, demand: Double, seed: UInt64) -> LinearProgram {
        var g = SplitMix64(seed: seed)
        var model = LinearProgram(name: "grid-\(side)")
        var arcs: [(from: Int, to: Int)] = []
        for r in 0..<side {
            for c in 0..<side {
                let node = r * side + c
                if c + 1 < side { arcs += [(node, node + 1), (node + 1, node)] }
                if r + 1 < side { arcs += [(node, node + side), (node + side, node)] }
            }
        }
        for (k, arc) in arcs.enumerated() {
            model.addVariable("f\(k)_\(arc.from)_\(arc.to)", lower: 0, upper: 10, cost: Double.random(in: 1...5, using: &g))
        }
        let nodes = side * side
        for node in 0..<nodes {
            var terms: [(variable: Int, coefficient: Double)] = []
            for (k, arc) in arcs.enumerated() {
                if arc.from == node { terms.append((k, 1)) }          // out − in = net supply
                if arc.to == node { terms.append((k, -1)) }
            }
            let net = node == 0 ? supply : node == nodes - 1 ? -demand : 0
            model.addConstraint("n\(node)", terms, .equal, net)
        }
        return model
    }

    @Test func balancedSuppliesSolveToGLPKsOptimum() throws {
        for seed in UInt64(1)...3 {
            let model = Self.gridFlow(side: 6, supply: 12, demand: 12, seed: seed)
            let solution = try InteriorPointSolver().solve(model)
            let reference = try GLPKSolver(method: .primalSimplex).solve(model)
            #expect(solution.status == .optimal && verify(solution, for: model).verified, "seed \(seed): \(solution.status)")
            #expect(abs(solution.objective - reference.objective) <= 1e-7 * max(1, abs(reference.objective)), "seed \(seed)")
        }
    }

    @Test func unbalancedSuppliesAreProvedInfeasible() throws {
        let model = Self.gridFlow(side: 5, supply: 7, demand: 6, seed: 4)
        let solution = try InteriorPointSolver().solve(model)
        #expect(solution.status == .primalInfeasible, "\(solution.status)")
        #expect(solution.farkasRay != nil && verify(solution, for: model).verified)
    }
}
