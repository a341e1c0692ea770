import ConvexNetworks
import Foundation
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

    @Test("Δ is attained when the two lanes of every unit tie: f_τ − f_max = Δ everywhere")
    func tiedLanesAttainTheOffset() throws {
        var model = try ConjugateTestModels.random(.hycnn(inputDimension: 2, widths: [3, 3], gate: .smoothMaxGate(temperature: 0.4)), seed: 7)
        let shapes = model.network.architecture.layers
        for shape in shapes.dropLast() {                                           // lane 1 := lane 0 (W, V, b)
            for i in 0..<shape.width {
                let (a, b) = (i, shape.width + i)
                for j in 0..<2 { model.network.parameters[shape.wIndex(row: b, column: j)] = model.network.parameters[shape.wIndex(row: a, column: j)] }
                for j in 0..<shape.fanIn {
                    model.network.parameters[shape.vOffset + j * shape.rows + b] = model.network.parameters[shape.vOffset + j * shape.rows + a]
                }
                model.network.parameters[shape.bOffset + b] = model.network.parameters[shape.bOffset + a]
            }
        }
        let bracket = try SmoothPotentialBracket(model: model)
        let c = 0.4 * log(2.0), theta = model.network.parameters
        let (first, second, output) = (shapes[0], shapes[1], shapes[2])
        #expect(first.fanIn == 0)
        var expected = 0.0                                                          // ty · Σⱼ V_L[j] (c + Σₖ V₁[j, k] c)
        for j in 0..<second.width {
            let inner = (0..<second.fanIn).reduce(0.0) { $0 + theta[second.vOffset + $1 * second.rows + j] * c }
            expected += theta[output.vOffset + j] * (c + inner)
        }
        expected *= model.targetScaler.scale[0]
        #expect(abs(bracket.offset - expected) <= 1e-12 * (1 + expected))
        let points = ConjugateTestModels.points(dimension: 2, count: 50, radius: 3, seed: 1)
        for (a, b) in zip(try model.predict(points), try bracket.twin.model.predict(points)) {
            #expect(abs(a - b - bracket.offset) <= 1e-10 * (1 + abs(a)))
        }
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

    @Test("the Fenchel–Young gap bracket of a smooth potential holds 0 at (x, ∇f_τ(x)) and excludes it far off")
    func gapBracket() throws {
        let model = try ConjugateTestModels.random(.hycnn(inputDimension: 2, widths: [4, 4], gate: .smoothMaxGate(temperature: 0.05)), seed: 3,
                                                       perturbation: 0.05)
        let bracket = try SmoothPotentialBracket(model: model)
        #expect(bracket.offset > 0)
        let points = ConjugateTestModels.points(dimension: 2, count: 4, radius: 2, seed: 5)
        let gradients = model.inputGradients(points)
        for i in 0..<4 {
            let x = Array(points[2 * i ..< 2 * i + 2])
            let on = try bracket.fenchelYoungGap(x: x, y: Array(gradients[2 * i ..< 2 * i + 2]), using: solver)
            #expect(on.lower <= on.tolerance && on.upper >= -on.tolerance)
            #expect(on.upper - on.lower <= bracket.offset + on.tolerance)
        }
        let corners = model.inputGradients([-2, -2, 2, 2])                       // ∇f_τ at opposite corners
        #expect(abs(corners[0] - corners[2]) + abs(corners[1] - corners[3]) > 0.5)
        let far = try bracket.fenchelYoungGap(x: [-2, -2], y: Array(corners[2..<4]), using: solver)
        #expect(far.lower > far.tolerance, "FY ∈ [\(far.lower), \(far.upper)], Δ = \(bracket.offset)")
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
