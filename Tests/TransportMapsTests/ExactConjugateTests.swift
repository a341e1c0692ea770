import ConvexNetworks
import GLPKBackend
import LinearProgramming
import Testing
import TransportMaps

@Suite("Exact conjugates")
struct ExactConjugateTests {
    let solver = GLPKSolver()

    /// Three vertex pieces and one interior piece that is active near the origin.
    static let slopes: [[Double]] = [[1, 0], [0, 1], [-1, -1], [0.1, 0.1]]
    static let intercepts: [Double] = [0, 0.5, -0.2, 0.3]

    /// f*(y) = min{ −Σλⱼbⱼ : Σλⱼaⱼ = y, λ ∈ simplex }, by its own small LP (the dual description).
    func closedForm(_ y: [Double], slopes: [[Double]], intercepts: [Double]) throws -> Double {
        var lp = LinearProgram(name: "hull")
        for (k, b) in intercepts.enumerated() { lp.addVariable("l\(k)", lower: 0, upper: .infinity, cost: -b) }
        for j in y.indices {
            lp.addConstraint("slope\(j)", slopes.indices.map { ($0, slopes[$0][j]) }, lower: y[j], upper: y[j])
        }
        lp.addConstraint("simplex", intercepts.indices.map { ($0, 1.0) }, lower: 1, upper: 1)
        let solution = try solver.solve(lp)
        #expect(verify(solution, for: lp).verified)
        return solution.objective
    }

    @Test("f* of a max-affine potential equals its closed form on slopes and convex combinations")
    func maxAffineClosedForm() throws {
        let model = try ConjugateTestModels.maxAffine(slopes: Self.slopes, intercepts: Self.intercepts)
        let conjugate = try ExactConjugate(model: model)
        for (k, a) in Self.slopes.enumerated() {                                     // f*(aⱼ) = −bⱼ: every piece is active somewhere
            let value = try conjugate.evaluate(at: a, using: solver)
            #expect(value.isFinite && value.certificate.verified)
            #expect(abs(value.value + Self.intercepts[k]) < 1e-9)
        }
        let weights: [[Double]] = [[0.5, 0.5, 0, 0], [0.2, 0.3, 0.5, 0], [0.1, 0.1, 0.1, 0.7], [0.3, 0, 0.3, 0.4]]
        for w in weights {
            let y = (0..<2).map { j in zip(w, Self.slopes).reduce(0.0) { $0 + $1.0 * $1.1[j] } }
            let value = try conjugate.evaluate(at: y, using: solver)
            let expected = try closedForm(y, slopes: Self.slopes, intercepts: Self.intercepts)
            #expect(value.isFinite)
            #expect(abs(value.value - expected) < 1e-9 * (1 + abs(expected)))
            #expect(value.lowerBound! <= value.value + 1e-9 && value.value <= value.upperBound! + 1e-9)
            let x = try #require(value.maximizer)                                    // f(x*) + f*(y) = ⟨x*, y⟩
            let fx = try model.predict(x)[0]
            #expect(abs(fx + value.value - (x[0] * y[0] + x[1] * y[1])) < 1e-8)
        }
        let dominated = try ConjugateTestModels.maxAffine(slopes: Self.slopes + [[0, 0]], intercepts: Self.intercepts + [-5])
        let hidden = try ExactConjugate(model: dominated).evaluate(at: [0, 0], using: solver)    // a piece active nowhere:
        let hull = try closedForm([0, 0], slopes: Self.slopes, intercepts: Self.intercepts)        // f*(a) is the hull's value,
        #expect(hidden.isFinite && abs(hidden.value - hull) < 1e-9 && hidden.value < 5)           // below −b = 5
    }

    @Test("1-D closed forms: f = max(x, 2x − 1) gives f*(y) = y − 1 on [1, 2]; |x| on a box")
    func oneDimensionalClosedForms() throws {
        let kink = try ExactConjugate(model: ConjugateTestModels.maxAffine(slopes: [[1], [2]], intercepts: [0, -1]))
        for y in stride(from: 1.0, through: 2.0, by: 0.125) {
            let value = try kink.evaluate(at: [y], using: solver)
            #expect(value.isFinite)
            #expect(abs(value.value - (y - 1)) < 1e-9)
        }
        #expect(abs(try kink.evaluate(at: [1.5], using: solver).maximizer![0] - 1) < 1e-9)   // ∇f*(y) = 1 inside (1, 2)

        let absolute = try ConjugateTestModels.maxAffine(slopes: [[1], [-1]], intercepts: [0, 0])
        #expect(abs(try ExactConjugate(model: absolute).evaluate(at: [0.3], using: solver).value) < 1e-12)   // f*(y) = 0 on [−1, 1]
        let boxed = try ExactConjugate(model: absolute, box: [-2...3])
        let right = try boxed.evaluate(at: [5], using: solver)                       // sup 5x − |x| on [−2, 3] = 15 − 3
        #expect(right.isFinite && abs(right.value - 12) < 1e-9 && abs(right.maximizer![0] - 3) < 1e-9)
        let left = try boxed.evaluate(at: [-5], using: solver)                       // at x = −2: 10 − 2
        #expect(left.isFinite && abs(left.value - 8) < 1e-9 && abs(left.maximizer![0] + 2) < 1e-9)
    }

    @Test("y outside the hull of the slopes is unbounded, proved by a verified improving ray")
    func outsideDomain() throws {
        let conjugate = try ExactConjugate(model: ConjugateTestModels.maxAffine(slopes: Self.slopes, intercepts: Self.intercepts))
        for y in [[3.0, 3.0], [-2.0, 0.5], [1.2, 0]] {
            let value = try conjugate.evaluate(at: y, using: solver)
            #expect(value.isOutsideDomain && value.certificate.verified && value.certificate.kind == .improvingRay)
            #expect(value.value == .infinity)
            let direction = try #require(value.ascentDirection)                     // ⟨d, y⟩ > maxₖ ⟨d, aₖ⟩
            let along = direction[0] * y[0] + direction[1] * y[1]
            let steepest = Self.slopes.map { direction[0] * $0[0] + direction[1] * $0[1] }.max()!
            #expect(along > steepest + 1e-9)
        }
    }

    @Test("a network with scalers: f*(y) = ⟨m, y⟩ − tm + ty·g*(s⊙y/ty), maximiser x* = m + s⊙u*")
    func scalers() throws {
        let model = try ConjugateTestModels.random(.hycnn(inputDimension: 3, widths: [6, 6]), seed: 5)
        let bare = try ConjugateTestModels.bare(model)
        let data = try ExactConjugate(model: model), network = try ExactConjugate(model: bare)
        let (m, s) = (model.inputScaler.mean, model.inputScaler.scale)
        let (tm, ty) = (model.targetScaler.mean[0], model.targetScaler.scale[0])
        let points = ConjugateTestModels.points(dimension: 3, count: 8, radius: 2, seed: 9)
        let gradients = model.inputGradients(points)
        #expect(Set(gradients).count > 3)                                            // not an affine function
        for i in 0..<4 {                                                                // y: the mean of two gradients
            let y = (0..<3).map { 0.5 * (gradients[2 * i * 3 + $0] + gradients[(2 * i + 1) * 3 + $0]) }
            let value = try data.evaluate(at: y, using: solver)
            let scaled = (0..<3).map { s[$0] * y[$0] / ty }
            let bareValue = try network.evaluate(at: scaled, using: solver)
            #expect(value.isFinite && bareValue.isFinite)
            let expected = zip(m, y).reduce(0.0) { $0 + $1.0 * $1.1 } - tm + ty * bareValue.value
            #expect(abs(value.value - expected) < 1e-7 * (1 + abs(expected)))
            let x = try #require(value.maximizer)                                    // u = (x* − m)/s maximises ⟨u, ỹ⟩ − g(u)
            let u = (0..<3).map { (x[$0] - m[$0]) / s[$0] }
            let attained = zip(u, scaled).reduce(0.0) { $0 + $1.0 * $1.1 } - (try bare.predict(u)[0])
            #expect(abs(attained - bareValue.value) < 1e-7 * (1 + abs(bareValue.value)))
        }
    }

    @Test("1-D HyCNN, ReLU and leaky-ReLU ICNN: the LP value matches a fine grid search")
    func gridSearch() throws {
        for architecture in [Architecture.hycnn(inputDimension: 1, widths: [4, 4]), .icnn(inputDimension: 1, widths: [5, 5]),
                             .icnn(inputDimension: 1, widths: [5, 5], activation: .leakyRelu(slope: 0.1))] {
            let model = try ConjugateTestModels.random(architecture, seed: 3)
            let conjugate = try ExactConjugate(model: model)
            let grid = (0...40_000).map { -20 + 1e-3 * Double($0) }
            let values = try model.predict(grid)
            #expect(Set(model.inputGradients([-0.7, 0.4, 1.3])).count > 1)           // not an affine function
            for x0 in [-0.7, 0.4, 1.3] {
                let y = model.inputGradients([x0])[0]
                let value = try conjugate.evaluate(at: [y], using: solver)
                #expect(value.isFinite)
                let best = zip(grid, values).map { $0 * y - $1 }.max()!              // sup over the grid ≤ f*(y)
                #expect(best <= value.value + 1e-9)
                let slopes = model.inputGradients([-20, 20]).map(abs).max()!
                #expect(value.value - best <= 1e-3 * 2 * slopes + 1e-9)               // a kink lies within one step
            }
        }
    }

    @Test("smooth and non-convex potentials are refused with a reason")
    func refusals() throws {
        let smooth = try ConjugateTestModels.random(.hycnn(inputDimension: 2, widths: [3], gate: .smoothMaxGate(temperature: 0.1)), seed: 1)
        #expect(throws: ConjugateError.self) { try ExactConjugate(model: smooth) }
        let mlp = try ConjugateTestModels.random(.mlp(inputDimension: 2, widths: [3]), seed: 1)
        #expect(throws: ConjugateError.self) { try ExactConjugate(model: mlp) }
        let model = try ConjugateTestModels.maxAffine(slopes: Self.slopes, intercepts: Self.intercepts)
        #expect(throws: ConjugateError.self) { try ExactConjugate(model: model).evaluate(at: [1], using: solver) }
        #expect(throws: ConjugateError.self) { try ExactConjugate(model: model).evaluate(at: [1, .nan], using: solver) }
        #expect(throws: ConjugateError.self) { try ExactConjugate(model: model, box: [0...1]) }
    }
}
