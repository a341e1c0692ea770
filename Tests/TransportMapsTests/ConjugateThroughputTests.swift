import ConvexNetworks
import Foundation
import GLPKBackend
import Testing
@testable import TransportMaps

@Suite("Conjugate throughput")
struct ConjugateThroughputTests {
    /// The paper's OT potential size: HyCNN 48×4 (max gate) on d = 50. Prints the rate; every
    /// answer must verify (y = the mean of two gradients, inside dom f*).
    @Test("conjugate LPs at 48×4, d = 50 verify (rate printed)")
    func paperSize() throws {
        let d = 50, count = 8
        let model = try ConjugateTestModels.random(.hycnn(inputDimension: d, widths: [48, 48, 48, 48]), seed: 1, perturbation: 0.05)
        let start = Date()
        let conjugate = try ExactConjugate(model: model)
        let built = Date().timeIntervalSince(start)
        let points = ConjugateTestModels.points(dimension: d, count: 2 * count, radius: 1, seed: 2)
        let gradients = model.inputGradients(points)
        let solveStart = Date()
        for i in 0..<count {
            let y = (0..<d).map { 0.5 * (gradients[2 * i * d + $0] + gradients[(2 * i + 1) * d + $0]) }
            let value = try conjugate.evaluate(at: y, using: GLPKSolver())
            #expect(value.isFinite, "\(value.certificate.failures)")
        }
        let seconds = Date().timeIntervalSince(solveStart)
        print("conjugate LPs at 48×4, d = 50: \(conjugate.epigraph.variableCount) columns, \(conjugate.epigraph.constraintCount) rows; "
            + "built in \(built) s; \(count) solves + checks in \(seconds) s = \(Double(count) / seconds) per second")
    }
}
