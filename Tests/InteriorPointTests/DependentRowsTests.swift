import GLPKBackend
import LinearProgramming
import TestSupport
import Testing
@testable import InteriorPoint

/// Flow conservation over a connected network has one dependent row: the interior point finds
/// it, solves without it, and — when the supplies do not balance, so that the row is not
/// implied — finds out from the answer and proves infeasibility on every row.
@Suite struct DependentRowsTests {
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

    @Test func conservationRowsHaveOneDependentRow() throws {
        guard case let .form(form) = try StandardForm.build(from: Self.gridFlow(side: 5, supply: 7, demand: 7, seed: 1)) else {
            Issue.record("no standard form"); return
        }
        let dependent = DependentRows.find(in: form)
        #expect(dependent.count == 1, "\(dependent)")
        let reduced = try #require(form.removingRows(dependent))
        #expect(reduced.rowCount == form.rowCount - 1 && reduced.columnCount == form.columnCount)
        #expect(reduced.matrix.nonzeroCount < form.matrix.nonzeroCount)
        #expect(!reduced.rowOrigin.contains(form.rowOrigin[dependent[0]]))
    }

    @Test func theSolveWithoutItIsOptimalAndVerified() throws {
        for seed in UInt64(1)...3 {
            let model = Self.gridFlow(side: 6, supply: 12, demand: 12, seed: seed)
            let lines = LogLines()
            var settings = InteriorPointSettings()
            settings.logger = { lines.append($0) }
            let solution = try InteriorPointSolver(settings: settings).solve(model)
            let reference = try GLPKSolver(method: .primalSimplex).solve(model)
            #expect(lines.all.contains("dependent rows: 1 of 36 removed"), "seed \(seed): \(lines.all.filter { $0.contains("dependent") })")
            #expect(solution.status == .optimal && verify(solution, for: model).verified, "seed \(seed): \(solution.status)")
            #expect(abs(solution.objective - reference.objective) <= 1e-7 * max(1, abs(reference.objective)), "seed \(seed)")
        }
    }

    @Test func unbalancedSuppliesAreInfeasibleOnEveryRow() throws {
        let model = Self.gridFlow(side: 5, supply: 7, demand: 6, seed: 4)
        let lines = LogLines()
        var settings = InteriorPointSettings()
        settings.logger = { lines.append($0) }
        let solution = try InteriorPointSolver(settings: settings).solve(model)
        #expect(lines.all.contains { $0.contains("dependent rows: the answer without them misses row") })
        #expect(solution.status == .primalInfeasible, "\(solution.status)")
        #expect(solution.farkasRay != nil && verify(solution, for: model).verified)
    }
}
