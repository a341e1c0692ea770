import Foundation
import LinearAlgebra
import LinearProgramming
import TestSupport
import Testing
@testable import InteriorPoint

/// CompressedPanels groups the layered columns of a network encoding, and the dense normal
/// equations assembled with them solve M x = A Θ Aᵀ v + δ v back to v.
@Suite struct CompressedPanelsTests {
    typealias Helpers = SparseNormalEquationsTests

    static func encodingForm() throws -> StandardForm {
        let model = CholeskyChoiceTests.networkEpigraph(seed: 4, inputs: 20, width: 24, depth: 3, pieces: 2)
        guard case let .form(form) = try StandardForm.build(from: model) else { throw CancellationError() }
        return form
    }

    @Test func theUnitsOfALayerFormAGroup() throws {
        let form = try Self.encodingForm()
        let panels = CompressedPanels(pattern: form.matrix)
        #expect(panels.groups.count >= 2)
        for group in panels.groups {
            let sparse = Array(group.rows[..<group.sparseCount]), dense = Array(group.rows[group.sparseCount...])
            #expect(group.columns.count >= 2 && sparse == sparse.sorted() && dense == dense.sorted())   // few-met rows first
            #expect(group.slots.count == group.columns.reduce(0) { $0 + form.matrix.columnStart[$1 + 1] - form.matrix.columnStart[$1] })
        }
        let grouped = panels.groups.flatMap(\.columns) + panels.others
        #expect(grouped.sorted() == Array(0..<form.columnCount))              // every column exactly once
    }

    /// Each group's product G, its dense rows through the panel and the rest by scalar loops,
    /// equals Σ θⱼ aⱼ aⱼᵀ at the group's rows, computed directly.
    @Test func eachGroupsProductIsItsColumnsGram() throws {
        let form = try Self.encodingForm()
        var panels = CompressedPanels(pattern: form.matrix)
        #expect(panels.groups.contains { $0.denseSlots.count < $0.rows.count })   // rows met by few columns exist
        let a = form.matrix, theta = Helpers.theta(seed: 2, count: form.columnCount, exponents: -2...2)
        let groups = panels.groups
        var largest = 0.0
        a.values.withUnsafeBufferPointer { values in
            a.columnStart.withUnsafeBufferPointer { starts in
                panels.formProducts(values: values.baseAddress!, columnStart: starts.baseAddress!, theta: theta) { g, product in
                    let group = groups[g], r = group.rows.count
                    var slot = [Int: Int]()
                    for (position, row) in group.rows.enumerated() { slot[row] = position }
                    var direct = [Double](repeating: 0, count: r * r)
                    for j in group.columns {
                        for p in a.columnStart[j]..<a.columnStart[j + 1] {
                            for q in a.columnStart[j]..<a.columnStart[j + 1] {
                                direct[slot[a.rowIndex[p]]! * r + slot[a.rowIndex[q]]!] += theta[j] * a.values[p] * a.values[q]
                            }
                        }
                    }
                    for b in 0..<r { for x in b..<r { largest = max(largest, abs(product[b * r + x] - direct[b * r + x])) } }
                }
            }
        }
        #expect(largest < 1e-12)
    }

    /// Accumulated into a dense M, the groups give Σ θⱼ aⱼ aⱼᵀ over their columns in M's lower
    /// triangle, whether they go straight into M (dense rows in at most two runs) or through G;
    /// the column space's operand B (rows of a layer met by the inputs and the previous layer's
    /// units: two runs) as well as A.
    @Test func theGroupsAccumulateTheirGramMatrix() throws {
        let form = try Self.encodingForm()
        let column = try #require(ColumnSpaceNormalEquations(pattern: form, sparseFlopsFraction: 0.3))
        for a in [form.matrix, column.operand] {
            var panels = CompressedPanels(pattern: a)
            let m = a.rows, theta = Helpers.theta(seed: 4, count: a.columns, exponents: -2...2)
            var matrix = [Double](repeating: 0, count: m * m), direct = matrix
            panels.accumulate(a, theta: theta, into: &matrix, dimension: m)
            for group in panels.groups {
                for j in group.columns {
                    for p in a.columnStart[j]..<a.columnStart[j + 1] {
                        for q in a.columnStart[j]..<a.columnStart[j + 1] where a.rowIndex[q] >= a.rowIndex[p] {
                            direct[a.rowIndex[p] * m + a.rowIndex[q]] += theta[j] * a.values[p] * a.values[q]
                        }
                    }
                }
            }
            var largest = 0.0
            for j in 0..<m { for i in j..<m { largest = max(largest, abs(matrix[j * m + i] - direct[j * m + i])) } }
            #expect(largest < 1e-12)
            #expect(panels.groups.contains { !$0.denseRuns.isEmpty && $0.sparseCount > 0 })
        }
        let runs = CompressedPanels(pattern: column.operand).groups.map(\.denseRuns.count)
        #expect(runs.contains(2))
    }

    /// The supernodal factor adds the groups' products into L's blocks: it solves as the dense one.
    @Test func theSparseNormalEquationsSolveWithGroups() throws {
        let form = try Self.encodingForm()
        var sparse = GramCholesky(pattern: form.matrix, sparse: true)
        #expect(Self.solveError(&sparse, form: form, thetaSeed: 5, exponents: -3...3, vectorSeed: 8) < 1e-8)
    }

    @Test(arguments: [(-1.0)...1, -4...4])
    func theDenseNormalEquationsStillSolve(exponents: ClosedRange<Double>) throws {
        let form = try Self.encodingForm()
        var dense = DenseNormalEquations(pattern: form)
        #expect(Self.solveError(&dense, form: form, thetaSeed: 9, exponents: exponents, vectorSeed: 3) < 1e-8)
    }

    /// The energy error of solving M x = A Θ Aᵀ v + δ v (δ = 1e-8) back for a random v and Θ;
    /// infinity when the factorization fails.
    static func solveError<Equations: NormalEquations>(_ equations: inout Equations, form: StandardForm, thetaSeed: UInt64,
                                                       exponents: ClosedRange<Double>, vectorSeed: UInt64) -> Double {
        let theta = Helpers.theta(seed: thetaSeed, count: form.columnCount, exponents: exponents)
        let delta = 1e-8
        guard equations.factor(form, theta: theta, regularization: delta) == delta else { return .infinity }
        var g = SplitMix64(seed: vectorSeed)
        let v = (0..<form.rowCount).map { _ in Double.random(in: -1...1, using: &g) }
        var x = zip(Helpers.normalProduct(form, theta: theta, v), v).map { $0 + delta * $1 }
        equations.solve(&x)
        return Helpers.energyDifference(form, theta: theta, x, v)
    }
}
