import ConvexNetworks
import Foundation
import GLPKBackend
import Testing
import TransportMaps

@Suite("Conjugate throughput")
struct ConjugateThroughputTests {
    /// The paper's OT potential size: HyCNN 48×4 (max gate) on d = 50. Every answer must verify:
    /// f*(y) at y = the mean of two gradients (inside dom f*, a generic point), and the
    /// Fenchel–Young gap at (x, ∇f(x)) (zero). Prints the rate and the solver's share of it.
    @Test("conjugate LPs at 48×4, d = 50 verify, and FY gaps vanish on gradient pairs (rate printed)")
    func paperSize() throws {
        let d = 50, count = 8
        let model = try ConjugateTestModels.random(.hycnn(inputDimension: d, widths: [48, 48, 48, 48]), seed: 1, perturbation: 0.05)
        let start = Date()
        let conjugate = try ExactConjugate(model: model)
        let built = Date().timeIntervalSince(start)
        let points = ConjugateTestModels.points(dimension: d, count: 2 * count, radius: 1, seed: 2)
        let gradients = model.inputGradients(points)
        let solveStart = Date()
        var solverSeconds = 0.0, iterations = 0
        for i in 0..<count {
            let y = (0..<d).map { 0.5 * (gradients[2 * i * d + $0] + gradients[(2 * i + 1) * d + $0]) }
            let value = try conjugate.evaluate(at: y, using: GLPKSolver())
            #expect(value.isFinite, "\(value.certificate.failures)")
            solverSeconds += value.solution.seconds
            iterations += value.solution.iterations
        }
        let seconds = Date().timeIntervalSince(solveStart)
        let gapStart = Date()
        let gaps = try conjugate.fenchelYoungGaps(points: Array(points[..<(count * d)]), images: Array(gradients[..<(count * d)]),
                                                  using: GLPKSolver())
        let gapSeconds = Date().timeIntervalSince(gapStart)
        for gap in gaps { #expect(gap.isSubgradientPair == true, "gap \(gap.gap), tolerance \(gap.tolerance)") }
        print("conjugate LPs at 48×4, d = 50: \(conjugate.epigraph.variableCount) columns, \(conjugate.epigraph.constraintCount) rows; "
            + "built in \(built) s; \(count) solves + checks in \(seconds) s = \(Double(count) / seconds) per second "
            + "(the solver's own time \(solverSeconds) s, \(iterations / count) simplex iterations a solve); "
            + "\(count) FY gaps at gradient pairs in \(gapSeconds) s, largest \(gaps.map(\.gap).max()!)")
    }
}
