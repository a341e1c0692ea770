import ConvexNetworks
import GLPKBackend
import LinearProgramming
import Testing
import TransportMaps

@Suite("Warm-started conjugates")
struct WarmConjugateTests {
    /// A solver that solves every LP cold through GLPK and offers no warm session of its own,
    /// so ``LPSolver/withCostSession(for:_:)`` gives the ``ColdCostSession`` fallback.
    final class CountingSolver: LPSolver, @unchecked Sendable {
        let inner = GLPKSolver()
        var solves = 0
        var name: String { "counting-" + inner.name }
        func solve(_ problem: LinearProgram) throws -> Solution {
            solves += 1
            return try inner.solve(problem)
        }
    }

    /// ys for a seeded potential: means of two gradients (inside dom f*), gradients themselves,
    /// and far points (outside dom f* without a box), interleaved so that a solve follows an
    /// unbounded one.
    static func arguments(_ model: RegressionModel, count: Int, seed: UInt64) -> [[Double]] {
        let d = model.inputDimension
        let points = ConjugateTestModels.points(dimension: d, count: 2 * count, radius: 1.5, seed: seed)
        let gradients = model.inputGradients(points)
        var ys: [[Double]] = []
        for i in 0..<count {
            let g = Array(gradients[2 * i * d ..< (2 * i + 1) * d]), h = Array(gradients[(2 * i + 1) * d ..< (2 * i + 2) * d])
            switch i % 3 {
            case 0: ys.append(zip(g, h).map { 0.5 * ($0 + $1) })
            case 1: ys.append(g)
            default: ys.append(g.enumerated().map { j, v in v + (j % 2 == 0 ? 60 : -45) })     // far beyond every slope
            }
        }
        return ys
    }

    /// The warm answer means what the cold one does: the same verified outcome, the same value
    /// within `relative` (1e-9 for two simplex answers), and for an unbounded y a verified improving ray.
    static func expectSameMeaning(_ warm: ConjugateValue, _ cold: ConjugateValue, relative: Double = 1e-9) {
        #expect(warm.verdict.outcome == cold.verdict.outcome)
        #expect(warm.certificate.verified && cold.certificate.verified)
        if cold.isFinite {
            #expect(warm.isFinite)
            #expect(abs(warm.value - cold.value) <= relative * (1 + abs(cold.value)))
        } else {
            #expect(cold.isOutsideDomain && warm.isOutsideDomain)
            #expect(warm.value == .infinity && warm.certificate.kind == .improvingRay && warm.ascentDirection != nil)
        }
    }

    @Test("one warm GLPK session gives the cold values on seeded max-gate potentials, inside and outside dom f*")
    func warmEqualsCold() throws {
        for (seed, architecture) in [(UInt64(3), Architecture.hycnn(inputDimension: 4, widths: [8, 8])),
                                     (11, .hycnn(inputDimension: 6, widths: [10, 10, 10]))] {
            let model = try ConjugateTestModels.random(architecture, seed: seed)
            let conjugate = try ExactConjugate(model: model)
            let ys = Self.arguments(model, count: 12, seed: seed &+ 1)
            let warm = try conjugate.evaluate(at: ys, using: GLPKSolver())
            var warmIterations = 0, coldIterations = 0, outside = 0
            for (y, value) in zip(ys, warm) {
                let cold = try conjugate.evaluate(at: y, using: GLPKSolver())
                Self.expectSameMeaning(value, cold)
                if cold.isOutsideDomain { outside += 1 }
                warmIterations += value.solution.iterations
                coldIterations += cold.solution.iterations
            }
            #expect(outside == 4)
            #expect(warmIterations < coldIterations)                                 // the basis was reused
        }
    }

    @Test("with a box every y has a finite conjugate, warm as cold")
    func box() throws {
        let model = try ConjugateTestModels.random(.hycnn(inputDimension: 4, widths: [8, 8]), seed: 7)
        let conjugate = try ExactConjugate(model: model, box: (0..<4).map { Double(-1 - $0)...Double(2 + $0) })
        let ys = Self.arguments(model, count: 9, seed: 8)
        let warm = try conjugate.evaluate(at: ys, using: GLPKSolver())
        for (y, value) in zip(ys, warm) {
            #expect(value.isFinite)
            Self.expectSameMeaning(value, try conjugate.evaluate(at: y, using: GLPKSolver()))
        }
    }

    @Test("a solver without warm starts gets the cold fallback: one cold solve per y, same answers")
    func fallback() throws {
        let model = try ConjugateTestModels.random(.hycnn(inputDimension: 3, widths: [6, 6]), seed: 5)
        let conjugate = try ExactConjugate(model: model)
        let ys = Self.arguments(model, count: 6, seed: 6)
        let counting = CountingSolver()
        let fallback = try conjugate.evaluate(at: ys, using: counting)
        #expect(counting.solves >= ys.count)                                        // plus any certificate search
        let interior = try conjugate.evaluate(at: ys, using: GLPKSolver(method: .interiorPoint))   // GLPK's own fallback
        for (y, (value, other)) in zip(ys, zip(fallback, interior)) {
            let cold = try conjugate.evaluate(at: y, using: GLPKSolver())
            Self.expectSameMeaning(value, cold)
            Self.expectSameMeaning(other, cold, relative: 1e-7)                       // an interior point's accuracy
        }
    }

    @Test("a re-solve after an unbounded y is optimal again, and the FY gaps of one session vanish on gradient pairs")
    func afterUnbounded() throws {
        let model = try ConjugateTestModels.maxAffine(slopes: [[1, 0], [0, 1], [-1, -1]], intercepts: [0, 0.5, -0.2])
        let conjugate = try ExactConjugate(model: model)
        let values = try conjugate.withSession(using: GLPKSolver()) { session in
            try [[0.2, 0.3], [5, 5], [0.2, 0.3], [-3, 1], [1, 0]].map { try session.evaluate(at: $0) }
        }
        #expect(values.map(\.isFinite) == [true, false, true, false, true])
        #expect(values[1].isOutsideDomain && values[3].isOutsideDomain)
        #expect(values[0].value == values[2].value)
        #expect(values[2].solution.iterations <= values[0].solution.iterations)
        #expect(abs(values[4].value - 0) < 1e-12)                                   // f*(a₁) = −b₁

        let network = try ConjugateTestModels.random(.hycnn(inputDimension: 3, widths: [6, 6]), seed: 2)
        let points = ConjugateTestModels.points(dimension: 3, count: 10, radius: 1, seed: 4)
        let gaps = try ExactConjugate(model: network).fenchelYoungGaps(points: points, images: network.inputGradients(points),
                                                                       using: GLPKSolver())
        for gap in gaps { #expect(gap.isSubgradientPair == true, "gap \(gap.gap), tolerance \(gap.tolerance)") }
    }
}
