import Foundation
import TestSupport
import Testing
@testable import ConvexNetworks

/// A width-2 HyCNN with L layers approximates x² on [0, 1] with sup error
/// exactly 2^(−2L−3) — a check of the forward pass against a closed form.
@Suite struct ClosedFormTests {
    @Test(arguments: 1...8)
    func supErrorIsExactlyTwoToTheMinusTwoLMinusThree(layers: Int) throws {
        let network = try ReferenceNetworks.squareApproximation(layers: layers)
        let points = 1 << (layers + 6)                         // a dyadic grid contains every knot and midpoint
        let x = (0...points).map { Double($0) / Double(points) }
        let f = network.evaluate(x)
        let supError = zip(x, f).map { abs($1 - $0 * $0) }.max()!
        let expected = pow(2, Double(-2 * layers - 3))
        #expect(abs(supError - expected) <= 1e-12 * expected + 1e-15, "L = \(layers): \(supError) vs \(expected)")
        #expect(network.minimumConstrainedWeights.compactMap { $0 }.allSatisfy { $0 >= 0 })
    }
}
