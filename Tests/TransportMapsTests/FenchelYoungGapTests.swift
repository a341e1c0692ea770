import ConvexNetworks
import GLPKBackend
import Testing
import TransportMaps

@Suite("Fenchel–Young gaps")
struct FenchelYoungGapTests {
    let solver = GLPKSolver()

    @Test("zero on pairs (x, ∇f(x)) and positive off them, for a HyCNN, a GroupMaxNet and a ReLU ICNN with scalers",
          arguments: [Architecture.hycnn(inputDimension: 3, widths: [6, 6]), .groupMax(inputDimension: 3, widths: [6, 6]),
                      .icnn(inputDimension: 3, widths: [8, 8])])
    func gapsOnAndOffGradients(architecture: Architecture) throws {
        let model = try ConjugateTestModels.random(architecture, seed: 11)
        let conjugate = try ExactConjugate(model: model)
        let points = ConjugateTestModels.points(dimension: 3, count: 6, radius: 2, seed: 4)
        let gradients = model.inputGradients(points)
        for gap in try conjugate.fenchelYoungGaps(points: points, images: gradients, using: solver) {
            #expect(gap.isSubgradientPair == true)
            #expect(abs(gap.gap) <= gap.tolerance)
        }
        let shifted = Array(gradients[3...] + gradients[..<3])                      // ∇f at another point
        var positive = 0
        for gap in try conjugate.fenchelYoungGaps(points: points, images: shifted, using: solver) {
            #expect(gap.conjugate.isFinite)
            #expect(gap.gap >= -gap.tolerance)
            if gap.gap > 100 * gap.tolerance { positive += 1 }
        }
        #expect(positive == 6)
    }

    @Test("a y outside dom f* has an infinite gap, proved by the ray")
    func outsideDomain() throws {
        let model = try ConjugateTestModels.maxAffine(slopes: [[1, 0], [0, 1], [-1, -1]], intercepts: [0, 0, 0])
        let gap = try ExactConjugate(model: model).fenchelYoungGap(x: [0.5, 0.5], y: [2, 2], using: solver)
        #expect(gap.gap == .infinity && gap.isSubgradientPair == false && gap.conjugate.certificate.verified)
    }
}
