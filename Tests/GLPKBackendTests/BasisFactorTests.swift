@testable import GLPKBackend
import LinearProgramming
import TestSupport
import Testing

/// The crossover's basis: GLPK's LU times product-form and alternate-product-form etas solves
/// B·x = b and Bᵀ·y = c for the basis it says it holds, through column replacements of both forms (the refactorizations are
/// exercised by every crossover test).
@Suite struct BasisFactorTests {
    static let m = 9, n = 24

    /// A dense seeded m × n LP (only its matrix matters here).
    static func model(seed: UInt64) -> LinearProgram {
        var g = SplitMix64(seed: seed)
        var model = LinearProgram(name: "basis-\(seed)")
        for j in 0..<n { model.addVariable("x\(j)", lower: 0, upper: 1, cost: 0) }
        for i in 0..<m {
            model.addConstraint("r\(i)", (0..<n).map { ($0, Double.random(in: -1...1, using: &g)) }, .lessOrEqual, 1)
        }
        return model
    }

    /// Column k of (I | −A), dense over the rows.
    static func column(_ k: Int, of model: LinearProgram) -> [Double] {
        var a = [Double](repeating: 0, count: m)
        if k < m { a[k] = 1 } else { for (i, row) in model.constraints.enumerated() { for (j, v) in zip(row.columns, row.coefficients) where j == k - m { a[i] = -v } } }
        return a
    }

    /// The largest residual of B·x = b and Bᵀ·y = c for the basis `factor` holds, for seeded b, c.
    static func residuals(_ factor: BasisFactor, model: LinearProgram, g: inout SplitMix64) -> Double {
        let b = (0..<m).map { _ in Double.random(in: -1...1, using: &g) }, c = (0..<m).map { _ in Double.random(in: -1...1, using: &g) }
        var x = [0] + b, y = [0] + c
        factor.ftran(&x)
        factor.btran(&y)
        let columns = (1...m).map { column(factor.head[$0], of: model) }
        var worst = 0.0
        for i in 0..<m {      // (B·x)ᵢ = Σₚ B[i, p]·xₚ and (Bᵀ·y)ₚ = Σᵢ B[i, p]·yᵢ
            worst = max(worst, abs((0..<m).reduce(0) { $0 + columns[$1][i] * x[$1 + 1] } - b[i]))
            worst = max(worst, abs((0..<m).reduce(0) { $0 + columns[i][$1] * y[$1 + 1] } - c[i]))
        }
        return worst
    }

    @Test func solvesStayExactThroughReplacements() throws {
        for seed in UInt64(1)...3 {
            let model = Self.model(seed: seed)
            var g = SplitMix64(seed: seed &+ 100)
            let worst: Double? = GLPKProblem.withProblem(model, integer: false) { problem in
                guard let factor = BasisFactor(problem, variables: Self.m + Self.n) else { return nil }   // GLPK's default: every slack basic
                var worst = Self.residuals(factor, model: model, g: &g)
                for step in 0..<(2 * Self.m) {
                    let entering = (Self.m..<(Self.m + Self.n)).first { factor.position[$0] == 0 && ($0 + step) % 3 == 0 } ?? Self.m
                    let a = Self.column(entering, of: model)
                    var w = [0] + a
                    factor.ftran(&w)                                                       // w = B⁻¹a
                    let p = (1...Self.m).max { abs(w[$0]) < abs(w[$1]) }!
                    if step % 2 == 0 {                                                     // product form
                        factor.replace(position: p, entering: entering, column: w)
                    } else {                                                               // alternate product form
                        var rho = [Double](repeating: 0, count: Self.m + 1)
                        rho[p] = 1
                        factor.btran(&rho)                                                 // ρ = B⁻ᵀeₚ, α = ρᵀa
                        let alpha = (0..<Self.m).reduce(0) { $0 + rho[$1 + 1] * a[$1] }
                        let u = zip(a, Self.column(factor.head[p], of: model)).map { $0 - $1 }     // a − aₚ
                        factor.replace(position: p, entering: entering, row: rho, pivot: alpha,
                                       difference: u.enumerated().filter { $0.element != 0 }.map { ($0.offset, $0.element) })
                    }
                    worst = max(worst, Self.residuals(factor, model: model, g: &g))
                }
                return worst
            } ?? nil
            let residual = try #require(worst, "seed \(seed): the slack basis factorizes")
            #expect(residual <= 1e-9, "seed \(seed): residual \(residual)")
        }
    }

    /// A basis GLPK has just factorized is taken as it is (no second factorization), solves as a
    /// fresh one, and with no replacement its statuses are set without factorizing again; the
    /// first replacement makes a factorization due (its time is not known).
    /// GLPK's status of a nonbasic variable at its lower bound (GLP_NL).
    static let lower: Int32 = 2

    @Test func aValidFactorizationIsReused() throws {
        let model = Self.model(seed: 4)
        var g = SplitMix64(seed: 40)
        let outcome: (reused: Bool, residual: Double, kept: Bool, due: Bool)? = GLPKProblem.withProblem(model, integer: false) { problem in
            guard let first = BasisFactor(problem, variables: Self.m + Self.n), first.factorized,   // GLPK has none yet
                  let factor = BasisFactor(problem, variables: Self.m + Self.n) else { return nil }
            let residual = Self.residuals(factor, model: model, g: &g)
            let kept = factor.keepBasis { _ in Self.lower }
            let entering = Self.m
            var w = [0] + Self.column(entering, of: model)
            factor.ftran(&w)
            let p = (1...Self.m).max { abs(w[$0]) < abs(w[$1]) }!
            factor.replace(position: p, entering: entering, column: w)
            return (!factor.factorized, residual, kept, factor.isRefactorDue && !factor.keepBasis { _ in Self.lower })
        } ?? nil
        let result = try #require(outcome)
        #expect(result.reused && result.kept && result.due)
        #expect(result.residual <= 1e-12)
    }
}
