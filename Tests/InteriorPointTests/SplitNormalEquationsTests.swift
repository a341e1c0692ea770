import Foundation
import LinearAlgebra
import LinearProgramming
import TestSupport
import Testing
@testable import InteriorPoint

/// SplitNormalEquations (sparse Cholesky of the sparse columns, Sherman–Morrison–Woodbury for
/// the dense ones) against DenseNormalEquations on seeded random A with a few dense columns;
/// its fallback on dependent rows; and, end to end, LPs shaped like Netlib's fit2p (equality
/// rows of singleton columns plus a few columns meeting every row), which the automatic choice
/// splits, within 1e-7 relative of GLPK's simplex and verified.
@Suite struct SplitNormalEquationsTests {
    typealias Helpers = SparseNormalEquationsTests

    static func split(_ form: StandardForm) throws -> SplitNormalEquations {
        try #require(SplitNormalEquations(pattern: form, denseColumns: SplitNormalEquations.denseColumns(of: form.matrix),
                                          sparseFlopsFraction: 0.3))
    }

    /// Solves M x = r with r = A Θ Aᵀ v + δ v by the split and by the dense normal equations.
    static func solveBoth(_ form: StandardForm, theta: [Double], regularization: Double, seed: UInt64,
                          split: inout SplitNormalEquations) -> (split: [Double], dense: [Double], v: [Double]) {
        var dense = DenseNormalEquations(pattern: form)
        #expect(dense.factor(form, theta: theta, regularization: regularization) == regularization)
        #expect(split.factor(form, theta: theta, regularization: regularization) == regularization)
        var g = SplitMix64(seed: seed)
        let v = (0..<form.rowCount).map { _ in Double.random(in: -1...1, using: &g) }
        let r = zip(Helpers.normalProduct(form, theta: theta, v), v).map { $0 + regularization * $1 }
        var xs = r, xd = r
        split.solve(&xs)
        dense.solve(&xd)
        return (xs, xd, v)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func denseColumnsAreSplitAndMatchDense(seed: UInt64) throws {
        let form = Helpers.randomForm(seed: seed, rows: 80, columns: 200, density: 0.03, denseColumns: 3)
        var split = try Self.split(form)
        #expect(split.denseColumns == [0, 1, 2])
        for (k, exponents) in [(-1.0)...1, -4...4, -1...1].enumerated() {
            let theta = Helpers.theta(seed: seed * 10 + UInt64(k), count: form.columnCount, exponents: exponents)
            let result = Self.solveBoth(form, theta: theta, regularization: 1e-8, seed: seed, split: &split)
            #expect(!split.usesFallback, "seed \(seed), Θ in 10^\(exponents)")
            #expect(Helpers.relativeDifference(result.split, result.dense) < 1e-8, "seed \(seed), Θ in 10^\(exponents)")
            #expect(Helpers.relativeDifference(result.split, result.v) < 1e-8)
        }
    }

    /// Dependent rows make S replace pivots: that factorization is the unsplit one, with the same
    /// Aᵀx as the dense normal equations.
    @Test(arguments: [UInt64(11), 12])
    func dependentRowsFallBackToTheUnsplitFactorization(seed: UInt64) throws {
        let form = Helpers.randomForm(seed: seed, rows: 70, columns: 160, density: 0.05, dependent: 5, denseColumns: 2)
        var split = try Self.split(form)
        #expect(split.denseColumns.count == 2)
        let theta = Helpers.theta(seed: seed, count: form.columnCount, exponents: -1...1)
        let result = Self.solveBoth(form, theta: theta, regularization: 0, seed: seed, split: &split)
        #expect(split.usesFallback)
        var splitATx = [Double](repeating: 0, count: form.columnCount), denseATx = splitATx
        form.matrix.transposeMultiply(result.split, writingTo: &splitATx)
        form.matrix.transposeMultiply(result.dense, writingTo: &denseATx)
        #expect(Helpers.relativeDifference(splitATx, denseATx) < 1e-9)
    }

    /// Equality rows, each with `singletons` boxed columns of its own, and `denseColumns` boxed
    /// columns meeting every row; b = A x⁰ for x⁰ inside the boxes (fit2p's shape). `chained`
    /// gives each of those columns a second entry in the next row (no singleton columns left).
    static func fit2pLike(seed: UInt64, rows m: Int, singletons: Int, denseColumns k: Int, chained: Bool = false) -> LinearProgram {
        var g = SplitMix64(seed: seed)
        var model = LinearProgram(name: "fit2p-like-\(seed)")
        var x0: [Double] = []
        var rows: [(terms: [(variable: Int, coefficient: Double)], activity: Double)] = []
        func box() -> (Int, Double) {
            x0.append(Double.random(in: 0.2...0.8, using: &g))
            let j = model.addVariable("x\(model.variableCount)", lower: 0, upper: 1, cost: Double.random(in: -1...1, using: &g))
            return (j, x0[j])
        }
        let dense = (0..<k).map { _ in box() }
        for _ in 0..<m {
            var terms = dense.map { (variable: $0.0, coefficient: Double.random(in: -1...1, using: &g)) }
            var activity = zip(terms, dense).reduce(0) { $0 + $1.0.coefficient * $1.1.1 }
            for _ in 0..<singletons {
                let (j, x0) = box(), a = Double.random(in: 0.5...2, using: &g)
                terms.append((variable: j, coefficient: a))
                activity += a * x0
            }
            rows.append((terms, activity))
        }
        if chained {                                                   // column j of row i also in row i + 1
            let own = rows.map { Array($0.terms.dropFirst(k)) }
            for i in 0..<m {
                let next = (i + 1) % m
                for term in own[i] {
                    let a = 0.3 * term.coefficient
                    rows[next].terms.append((variable: term.variable, coefficient: a))
                    rows[next].activity += a * x0[term.variable]
                }
            }
        }
        for (i, row) in rows.enumerated() { model.addConstraint("r\(i)", row.terms, .equal, row.activity) }
        return model
    }

    /// Dense columns among two-entry ones are split off; among singletons (fit2p's shape) the
    /// column space takes them instead, with K of the dense columns' size.
    @Test func automaticChoiceSplitsFewDenseColumns() throws {
        func backend(chained: Bool) throws -> NormalEquationsBackend {
            let model = Self.fit2pLike(seed: 1, rows: 300, singletons: 4, denseColumns: 5, chained: chained)
            guard case let .form(form) = try StandardForm.build(from: model) else { throw CancellationError() }
            return NormalEquationsBackend(for: form, settings: InteriorPointSettings())
        }
        guard case let .split(split) = try backend(chained: true) else {
            Issue.record("expected the split normal equations")
            return
        }
        #expect(split.denseColumns.count == 5)
        guard case let .columnSpace(column) = try backend(chained: false) else {
            Issue.record("expected the column-space normal equations")
            return
        }
        #expect(column.coupledColumns.count == 5)
    }

    @Test(arguments: UInt64(0)..<4)
    func fit2pLikeProgramsAgreeWithGLPK(seed: UInt64) throws {
        let model = Self.fit2pLike(seed: seed, rows: 120, singletons: 3, denseColumns: 4)
        try CholeskyChoiceTests.expectAgreeWithGLPK(model, choices: [.automatic, .split, .columnSpace])
    }
}
