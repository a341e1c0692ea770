import Foundation
import Testing
@testable import ConvexNetworks

/// HYCNN.md §1: a width-2 HyCNN with L layers approximates x² on [0, 1] with sup error
/// exactly 2^(−2L−3) — a check of the forward pass against a closed form.
@Suite struct ClosedFormTests {
    /// The construction of HYCNN.md §1, written into our parameter layout (rows: lane·width + unit).
    static func squareApproximation(layers L: Int) throws -> ConvexNetwork {
        let architecture = Architecture.hycnn(inputDimension: 1, widths: Array(repeating: 2, count: L))
        var theta = [Double](repeating: 0, count: architecture.parameterCount)
        let shapes = architecture.layers
        func set(_ offset: Int, rows: Int, _ row: Int, _ column: Int, _ value: Double) { theta[offset + column * rows + row] = value }
        // Layer 1: z₁ = max(x − ½, ½ − x), z₂ = max(0, 0) = 0.
        theta[shapes[0].wIndex(row: 0, column: 0)] = 1; theta[shapes[0].bOffset + 0] = -0.5
        theta[shapes[0].wIndex(row: 2, column: 0)] = -1; theta[shapes[0].bOffset + 2] = 0.5
        // Layer m → m+1: V¹ = [[1,0],[½,½]], V² = [[0,1],[½,½]], b¹ = (−2^(−2m−1), 0), b² = (2^(−2m−1), 0).
        for m in 1..<L {
            let shape = shapes[m], delta = pow(2, Double(-2 * m - 1))
            set(shape.vOffset, rows: 4, 0, 0, 1)                                   // lane 1, unit 1
            set(shape.vOffset, rows: 4, 1, 0, 0.5); set(shape.vOffset, rows: 4, 1, 1, 0.5)
            set(shape.vOffset, rows: 4, 2, 1, 1)                                   // lane 2, unit 1
            set(shape.vOffset, rows: 4, 3, 0, 0.5); set(shape.vOffset, rows: 4, 3, 1, 0.5)
            theta[shape.bOffset + 0] = -delta
            theta[shape.bOffset + 2] = delta
        }
        // Output: ½z₁ + ½z₂ + x − Σ_{k≤L} 4^(−k) − 2^(−2L−3).
        let output = shapes[L]
        theta[output.vOffset] = 0.5; theta[output.vOffset + 1] = 0.5
        theta[output.wIndex(row: 0, column: 0)] = 1
        theta[output.bOffset] = -(1...L).reduce(0) { $0 + pow(4, Double(-$1)) } - pow(2, Double(-2 * L - 3))
        return try ConvexNetwork(architecture: architecture, parameters: theta)
    }

    @Test(arguments: 1...8)
    func supErrorIsExactlyTwoToTheMinusTwoLMinusThree(layers: Int) throws {
        let network = try Self.squareApproximation(layers: layers)
        let points = 1 << (layers + 6)                         // a dyadic grid contains every knot and midpoint
        let x = (0...points).map { Double($0) / Double(points) }
        let f = network.evaluate(x)
        let supError = zip(x, f).map { abs($1 - $0 * $0) }.max()!
        let expected = pow(2, Double(-2 * layers - 3))
        #expect(abs(supError - expected) <= 1e-12 * expected + 1e-15, "L = \(layers): \(supError) vs \(expected)")
        #expect(network.minimumConstrainedWeights.compactMap { $0 }.allSatisfy { $0 >= 0 })
    }
}
