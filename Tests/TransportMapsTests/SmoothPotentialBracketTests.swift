import ConvexNetworks
import GLPKBackend
import Testing
import TransportMaps

@Suite("Smooth potentials bracketed by their max-gate twin")
struct SmoothPotentialBracketTests {
    let solver = GLPKSolver()

    @Test("f_max ≤ f_τ ≤ f_max + Δ on random points",
          arguments: [Architecture.hycnn(inputDimension: 3, widths: [5, 5, 5], gate: .smoothMaxGate(temperature: 0.5)),
                      .groupMax(inputDimension: 3, widths: [4, 4], gate: .smoothMaxGate(temperature: 0.2)),
                      .icnn(inputDimension: 3, widths: [6, 6], activation: .softplus(temperature: 0.3))])
    func offsetBoundsTheGap(architecture: Architecture) throws {
        let model = try ConjugateTestModels.random(architecture, seed: 2)
        let bracket = try SmoothPotentialBracket(model: model)
        let points = ConjugateTestModels.points(dimension: 3, count: 500, radius: 4, seed: 8)
        let smooth = try model.predict(points), twin = try bracket.twin.model.predict(points)
        var largest = 0.0
        for (a, b) in zip(smooth, twin) {
            #expect(a - b >= -1e-12 * (1 + abs(b)))
            #expect(a - b <= bracket.offset + 1e-12 * (1 + abs(b)))
            largest = max(largest, a - b)
        }
        #expect(largest > 0.1 * bracket.offset)                                      // the bound is not vacuous
    }

    @Test("1-D: the bracket contains the smooth conjugate found by a fine grid search")
    func oneDimensionalBracket() throws {
        let model = try ConjugateTestModels.random(.hycnn(inputDimension: 1, widths: [4, 4], gate: .smoothMaxGate(temperature: 0.2)), seed: 6)
        let bracket = try SmoothPotentialBracket(model: model)
        let grid = (0...400_000).map { -20 + 1e-4 * Double($0) }
        let values = try model.predict(grid)
        for x0 in [-1.1, -0.2, 0.6, 1.7] {
            let y = model.inputGradients([x0])[0]
            let result = try bracket.bracket(at: [y], using: solver)
            let best = zip(grid, values).map { $0 * y - $1 }.max()!                  // ≈ f_τ*(y), attained near x0
            let tolerance = 1e-9 * (1 + abs(best))
            #expect(result.twin.isFinite)
            #expect(result.lower <= best + tolerance && best <= result.upper + tolerance)
            #expect(result.width <= bracket.offset + tolerance)
            #expect(result.upper - (result.twin.value - bracket.offset) <= bracket.offset + tolerance)
        }
    }

    @Test("a y outside the twin's domain is outside the smooth one's too")
    func outsideDomain() throws {
        let model = try ConjugateTestModels.random(.hycnn(inputDimension: 2, widths: [3, 3], gate: .smoothMaxGate(temperature: 0.3)), seed: 4)
        let result = try SmoothPotentialBracket(model: model).bracket(at: [1e3, -1e3], using: solver)
        #expect(result.twin.isOutsideDomain && result.lower == .infinity && result.upper == .infinity)
    }

    @Test("piecewise-linear potentials need no bracket and are refused")
    func refusal() throws {
        let model = try ConjugateTestModels.random(.hycnn(inputDimension: 2, widths: [3]), seed: 1)
        #expect(throws: ConjugateError.self) { try SmoothPotentialBracket(model: model) }
    }
}
