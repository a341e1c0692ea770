import Foundation
import GLPKBackend
import LinearProgramming
import TestSupport
import Testing
@testable import InteriorPoint

/// The dense, the sparse and the split Cholesky give the interior point the same answers: each forced in
/// turn on seeded random LPs (sparse, with dense columns, degenerate) and on the epigraph
/// encoding of a random input-convex ReLU network (every row meets the input columns, so
/// A Aᵀ is dense), each within 1e-7 relative of GLPK's simplex and verified.
@Suite struct CholeskyChoiceTests {
    static let glpk = GLPKSolver(method: .primalSimplex)

    /// Boxed columns x ∈ [x⁰ − 1, x⁰ + 1]; rows aᵢᵀx ≥ aᵢᵀx⁰ (tight at x⁰: degenerate), ranged
    /// around aᵢᵀx⁰ or equal to it; `denseColumns` columns meet every row; `duplicates` rows
    /// repeat earlier ones (dependent rows).
    static func random(seed: UInt64, rows m: Int, columns n: Int, density: Double, denseColumns: Int,
                       duplicates: Int) -> LinearProgram {
        var g = SplitMix64(seed: seed)
        var model = LinearProgram(name: "random-\(seed)")
        let x0 = (0..<n).map { _ in Double.random(in: -1...1, using: &g) }
        for j in 0..<n { model.addVariable("x\(j)", lower: x0[j] - 1, upper: x0[j] + 1, cost: Double.random(in: -1...1, using: &g)) }
        var rows: [[(variable: Int, coefficient: Double)]] = []
        for i in 0..<(m - duplicates) {
            var terms = (0..<n).filter { $0 < denseColumns || Double.random(in: 0..<1, using: &g) < density }
                .map { (variable: $0, coefficient: Double.random(in: -2...2, using: &g)) }
            if terms.isEmpty { terms = [(variable: i % n, coefficient: 1)] }
            rows.append(terms)
        }
        for d in 0..<duplicates { rows.append(rows[d * 3 % rows.count].map { ($0.variable, -2 * $0.coefficient) }) }
        for (i, terms) in rows.enumerated() {
            let activity = terms.reduce(0) { $0 + $1.coefficient * x0[$1.variable] }
            switch i % 3 {
            case 0: model.addConstraint("r\(i)", terms, .greaterOrEqual, activity)
            case 1: model.addConstraint("r\(i)", terms, lower: activity - 0.5, upper: activity + 0.5)
            default: model.addConstraint("r\(i)", terms, .equal, activity)
            }
        }
        return model
    }

    /// min t over x ∈ [−1, 1]^d and aᵀx ≤ ½‖a‖₁, with t ≥ f(x) for the ReLU network
    /// z₁ = relu(U₁x + b₁), z_k = relu(W_k z_{k−1} + U_k x + b_k), f = wᵀz_L + uᵀx (W, w ≥ 0: convex),
    /// encoded exactly as z ≥ 0, z_k ≥ W_k z_{k−1} + U_k x + b_k, t ≥ wᵀz_L + uᵀx. With `pieces` > 1
    /// each unit is the max of that many affine pieces (a max gate): one row per piece, so the LP
    /// has more rows than columns, as the encodings of max-gate networks do.
    static func networkEpigraph(seed: UInt64, inputs d: Int, width: Int, depth: Int, pieces: Int = 1) -> LinearProgram {
        var g = SplitMix64(seed: seed)
        func normal() -> Double { Double.random(in: -1...1, using: &g) + Double.random(in: -1...1, using: &g) }
        var model = LinearProgram(name: "relu-epigraph-\(seed)")
        let x = (0..<d).map { model.addVariable("x\($0)", lower: -1, upper: 1) }
        var previous: [Int] = []
        for k in 0..<depth {
            let z = (0..<width).map { model.addVariable("z\(k)_\($0)") }
            for (i, unit) in z.enumerated() {
                for p in 0..<pieces {
                    var terms = [(variable: unit, coefficient: 1.0)]                  // z − W z_prev − U x ≥ b
                    terms += previous.map { (variable: $0, coefficient: -Double.random(in: 0...0.3, using: &g)) }
                    terms += x.map { (variable: $0, coefficient: -normal() / Double(d).squareRoot()) }
                    model.addConstraint(pieces == 1 ? "layer\(k)_\(i)" : "layer\(k)_\(i)_\(p)", terms, .greaterOrEqual, 0.1 * normal())
                }
            }
            previous = z
        }
        let t = model.addVariable("t", lower: -.infinity, cost: 1)
        var top = [(variable: t, coefficient: 1.0)] + previous.map { (variable: $0, coefficient: -Double.random(in: 0...1, using: &g)) }
        top += x.map { (variable: $0, coefficient: -0.1 * normal()) }
        model.addConstraint("epigraph", top, .greaterOrEqual, 0)
        let a = x.map { _ in normal() }
        model.addConstraint("cap", zip(x, a).map { (variable: $0, coefficient: $1) }, .lessOrEqual, 0.5 * a.reduce(0) { $0 + abs($1) })
        return model
    }

    /// Each forced path of `choices` solves `model` to GLPK's objective (1e-7 relative), verified.
    static func expectAgreeWithGLPK(_ model: LinearProgram, choices: [CholeskyChoice] = [.dense, .sparse, .split, .columnSpace]) throws {
        let reference = try glpk.solve(model)
        try #require(reference.status == .optimal, "\(model.name): GLPK \(reference.status)")
        for choice in choices {
            var settings = InteriorPointSettings()
            settings.cholesky = choice
            let solution = try InteriorPointSolver(settings: settings).solve(model)
            #expect(solution.status == .optimal, "\(model.name), \(choice): \(solution.status)")
            #expect(abs(solution.objective - reference.objective) <= 1e-7 * (1 + abs(reference.objective)),
                    "\(model.name), \(choice): \(solution.objective) vs GLPK \(reference.objective)")
            let report = verify(solution, for: model)
            #expect(report.verified, "\(model.name), \(choice): \(report.failures)")
        }
    }

    @Test(arguments: UInt64(0)..<6)
    func randomProgramsAgreeWithGLPK(seed: UInt64) throws {
        try Self.expectAgreeWithGLPK(Self.random(seed: seed, rows: 60, columns: 120, density: 0.06, denseColumns: 0, duplicates: 0))
        try Self.expectAgreeWithGLPK(Self.random(seed: seed + 100, rows: 50, columns: 80, density: 0.05, denseColumns: 3, duplicates: 4))
        try Self.expectAgreeWithGLPK(Self.random(seed: seed + 200, rows: 90, columns: 40, density: 0.1, denseColumns: 0, duplicates: 2))
    }

    @Test(arguments: UInt64(0)..<3)
    func networkEncodingsAgreeWithGLPK(seed: UInt64) throws {
        let model = Self.networkEpigraph(seed: seed, inputs: 20, width: 24, depth: 3)
        #expect(model.constraintCount == 3 * 24 + 2)
        try Self.expectAgreeWithGLPK(model)
    }

    /// Max-gate encodings (three pieces a unit: 218 rows, 93 columns besides the slacks) through
    /// every path, the column space's K (93 × 93) block tridiagonal with an arrow for the inputs.
    @Test(arguments: UInt64(0)..<3)
    func maxGateEncodingsAgreeWithGLPK(seed: UInt64) throws {
        let model = Self.networkEpigraph(seed: seed, inputs: 20, width: 24, depth: 3, pieces: 3)
        #expect(model.constraintCount == 3 * 24 * 3 + 2)
        try Self.expectAgreeWithGLPK(model, choices: [.automatic, .dense, .sparse, .columnSpace])
    }

    /// Gondzio's correctors (on the sparse path) change the iterates, not the answer: with none,
    /// one and two per iteration the same optimum, verified.
    @Test(arguments: UInt64(0)..<3)
    func centralityCorrectorsKeepTheOptimum(seed: UInt64) throws {
        let model = Self.random(seed: seed + 300, rows: 80, columns: 160, density: 0.05, denseColumns: 0, duplicates: 3)
        let reference = try Self.glpk.solve(model)
        try #require(reference.status == .optimal)
        for correctors in 0...2 {
            var settings = InteriorPointSettings()
            settings.cholesky = .sparse
            settings.centralityCorrectors = correctors
            let solution = try InteriorPointSolver(settings: settings).solve(model)
            #expect(solution.status == .optimal && verify(solution, for: model).verified, "\(correctors) correctors: \(solution.status)")
            #expect(abs(solution.objective - reference.objective) <= 1e-7 * (1 + abs(reference.objective)))
        }
    }

    /// A column meeting every row makes A Aᵀ dense, so the automatic choice is dense without
    /// the sparse analysis; a sparse program keeps the sparse Cholesky.
    @Test func automaticChoiceFollowsThePredictedCost() throws {
        func backend(_ model: LinearProgram) throws -> String {
            guard case let .form(form) = try StandardForm.build(from: model) else { throw CancellationError() }
            switch NormalEquationsBackend(for: form, settings: InteriorPointSettings()) {
            case let .rowSpace(gram): return gram.isSparse ? "sparse" : "dense"
            case .split: return "split"
            case .columnSpace: return "column space"
            }
        }
        #expect(try backend(Self.networkEpigraph(seed: 1, inputs: 20, width: 24, depth: 3)) == "dense")
        #expect(try backend(Self.random(seed: 1, rows: 200, columns: 400, density: 0.01, denseColumns: 0, duplicates: 0)) == "sparse")
        #expect(try backend(Self.networkEpigraph(seed: 1, inputs: 20, width: 48, depth: 4, pieces: 4)) == "column space")
    }
}
