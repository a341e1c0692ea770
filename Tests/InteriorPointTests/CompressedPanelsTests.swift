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
            #expect(group.columns.count >= 2 && group.rows == group.rows.sorted())
            #expect(group.slots.count == group.columns.reduce(0) { $0 + form.matrix.columnStart[$1 + 1] - form.matrix.columnStart[$1] })
        }
        let grouped = panels.groups.flatMap(\.columns) + panels.others
        #expect(grouped.sorted() == Array(0..<form.columnCount))              // every column exactly once
    }

    @Test(arguments: [(-1.0)...1, -4...4])
    func theDenseNormalEquationsStillSolve(exponents: ClosedRange<Double>) throws {
        let form = try Self.encodingForm()
        var dense = DenseNormalEquations(pattern: form)
        let theta = Helpers.theta(seed: 9, count: form.columnCount, exponents: exponents)
        let delta = 1e-8
        #expect(dense.factor(form, theta: theta, regularization: delta) == delta)
        var g = SplitMix64(seed: 3)
        let v = (0..<form.rowCount).map { _ in Double.random(in: -1...1, using: &g) }
        var x = zip(Helpers.normalProduct(form, theta: theta, v), v).map { $0 + delta * $1 }
        dense.solve(&x)
        #expect(Helpers.energyDifference(form, theta: theta, x, v) < 1e-8)
    }
}
