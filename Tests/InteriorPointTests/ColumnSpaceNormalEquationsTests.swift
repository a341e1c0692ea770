import Foundation
import LinearAlgebra
import LinearProgramming
import TestSupport
import Testing
@testable import InteriorPoint

/// ColumnSpaceNormalEquations against DenseNormalEquations on seeded random A with slack
/// columns (singletons) on most rows: the same M⁻¹ r, and Θ Aᵀ v as the product of the dense
/// solution, for Θ spanning many orders of magnitude.
@Suite struct ColumnSpaceNormalEquationsTests {
    typealias Helpers = SparseNormalEquationsTests

    /// A random m × n A plus one slack column (−1) on each of the first `slackRows` rows.
    static func formWithSlacks(seed: UInt64, rows m: Int, columns n: Int, slackRows: Int, density: Double) -> StandardForm {
        let base = Helpers.randomForm(seed: seed, rows: m, columns: n, density: density)
        var columns: [[(row: Int, value: Double)]] = (0..<n).map { j in
            (base.matrix.columnStart[j]..<base.matrix.columnStart[j + 1]).map { (base.matrix.rowIndex[$0], base.matrix.values[$0]) }
        }
        for i in 0..<slackRows { columns.append([(i, -1)]) }
        return Helpers.form(rows: m, columns: columns)
    }

    /// The energy error a solve may have (the split normal equations' probe tolerance).
    static let energyTolerance = 1e-4

    /// M⁻¹ r as the iteration gets it: solved, and factored and solved again while the solve
    /// reports that it lost its accuracy (the column space then takes more care).
    static func solveAsTheIterationDoes(_ column: inout ColumnSpaceNormalEquations, _ form: StandardForm, theta: [Double],
                                        regularization: Double, _ r: [Double]) -> [Double] {
        var x = r
        column.solve(&x)
        while column.lostAccuracy {
            #expect(column.factor(form, theta: theta, regularization: regularization) == regularization)
            x = r
            column.solve(&x)
        }
        return x
    }

    /// Narrow Θ: the column space itself solves M x = r as the dense Cholesky does. Wide Θ: the
    /// answer is within the energy tolerance, by the column space or, where its solves lose
    /// their accuracy, by the regularised K or the row space.
    @Test(arguments: [(UInt64(1), 0), (2, 0), (3, 6), (4, 15)])
    func matchesTheDenseNormalEquations(seed: UInt64, keptRows: Int) throws {
        let m = 60
        let form = Self.formWithSlacks(seed: seed, rows: m, columns: 30, slackRows: m - keptRows, density: 0.15)
        var dense = DenseNormalEquations(pattern: form)
        for (k, exponents) in [(-1.0)...1, -6...6, -10...8].enumerated() {
            var column = try #require(ColumnSpaceNormalEquations(pattern: form, sparseFlopsFraction: 0.3))
            let theta = Helpers.theta(seed: seed * 10 + UInt64(k), count: form.columnCount, exponents: exponents)
            let delta = 1e-10
            #expect(column.factor(form, theta: theta, regularization: delta) == delta)
            #expect(dense.factor(form, theta: theta, regularization: delta) == delta)
            var g = SplitMix64(seed: seed)
            let v = (0..<m).map { _ in Double.random(in: -1...1, using: &g) }
            let r = zip(Helpers.normalProduct(form, theta: theta, v), v).map { $0 + delta * $1 }
            let xc = Self.solveAsTheIterationDoes(&column, form, theta: theta, regularization: delta, r)
            var xd = r
            dense.solve(&xd)
            let label = "seed \(seed), \(keptRows) kept rows, Θ in 10^\(exponents), row space: \(column.usesFallback)"
            #expect(Helpers.energyDifference(form, theta: theta, xc, v) < Self.energyTolerance, "\(label)")
            if exponents == (-1.0)...1 {
                #expect(!column.usesFallback)
                #expect(Helpers.relativeDifference(xc, xd) < 1e-9, "\(label)")
            }
        }
    }

    /// Θ over 20 orders of magnitude: the plain elimination loses accuracy, the solves refine on
    /// the augmented system and stay in the column space, as accurate as the dense row space.
    @Test func aWideThetaIsRefinedInTheColumnSpace() throws {
        let form = Self.formWithSlacks(seed: 5, rows: 60, columns: 30, slackRows: 60, density: 0.15)
        var column = try #require(ColumnSpaceNormalEquations(pattern: form, sparseFlopsFraction: 0.3))
        var dense = DenseNormalEquations(pattern: form)
        let wide = Helpers.theta(seed: 7, count: form.columnCount, exponents: -12...8)
        let delta = 1e-12
        #expect(column.factor(form, theta: wide, regularization: delta) == delta)
        #expect(dense.factor(form, theta: wide, regularization: delta) == delta)
        #expect(!column.usesFallback && column.refinesItsSolves)
        var g = SplitMix64(seed: 11)
        let v = (0..<60).map { _ in Double.random(in: -1...1, using: &g) }
        let r = zip(Helpers.normalProduct(form, theta: wide, v), v).map { $0 + delta * $1 }
        var xc = r, xd = r
        column.solve(&xc)
        #expect(!column.lostAccuracy)
        dense.solve(&xd)
        let columnError = Helpers.energyDifference(form, theta: wide, xc, v)
        let denseError = Helpers.energyDifference(form, theta: wide, xd, v)
        #expect(columnError < Self.energyTolerance)
        #expect(columnError <= max(10 * denseError, 1e-10), "column \(columnError), dense \(denseError)")
        let narrow = Helpers.theta(seed: 8, count: form.columnCount, exponents: -1...1)
        #expect(column.factor(form, theta: narrow, regularization: 1e-10) == 1e-10)
        #expect(!column.usesFallback && column.refinesItsSolves)                 // the column space refines every solve
    }

    /// Θ over 40 orders of magnitude: the solves lose their accuracy with K (their augmented
    /// residuals pass, the normal equations' residual is order 1) and with K regularised, and
    /// from then on every factorization is the row space's, even for a narrow Θ; the answer is
    /// then the row space's, accurate.
    @Test func theRowSpaceFinishesOnceTheRegularisedKFails() throws {
        let form = Self.formWithSlacks(seed: 5, rows: 60, columns: 30, slackRows: 60, density: 0.15)
        var column = try #require(ColumnSpaceNormalEquations(pattern: form, sparseFlopsFraction: 0.3))
        let extreme = Helpers.theta(seed: 7, count: form.columnCount, exponents: -20...20)
        #expect(column.factor(form, theta: extreme, regularization: 1e-14) == 1e-14)
        var g = SplitMix64(seed: 3)
        let v = (0..<60).map { _ in Double.random(in: -1...1, using: &g) }
        let r = zip(Helpers.normalProduct(form, theta: extreme, v), v).map { $0 + 1e-14 * $1 }
        let x = Self.solveAsTheIterationDoes(&column, form, theta: extreme, regularization: 1e-14, r)
        #expect(column.regularizedFactorizations == 1)
        let handedOver = column.rowSpaceFromNowOn && column.usesFallback && !column.lostAccuracy
        #expect(handedOver)
        #expect(Helpers.energyDifference(form, theta: extreme, x, v) < Self.energyTolerance)
        let narrow = Helpers.theta(seed: 8, count: form.columnCount, exponents: -1...1)
        #expect(column.factor(form, theta: narrow, regularization: 1e-10) == 1e-10)
        let stillRowSpace = column.usesFallback
        #expect(stillRowSpace)
    }

    /// Without singleton columns there is nothing to eliminate.
    @Test func noSingletonsNoColumnSpace() {
        let form = Helpers.randomForm(seed: 3, rows: 20, columns: 40, density: 0.2)
        let hasSingleton = (0..<form.columnCount).contains { form.matrix.columnStart[$0 + 1] - form.matrix.columnStart[$0] == 1 }
        #expect((ColumnSpaceNormalEquations(pattern: form, sparseFlopsFraction: 0.3) == nil) == !hasSingleton)
    }
}
