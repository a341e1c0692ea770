import ConvexNetworks
import Foundation

/// Networks with known closed forms, for the tests.
public enum ReferenceNetworks {
    /// The width-2 max-gate HyCNN with `layers` layers: on [0, 1] it
    /// approximates x² with sup error exactly 2^(−2L−3) (an ICNN with k pieces cannot beat
    /// 1/(8k²)). Layer 1: z₁ = max(x − ½, ½ − x), z₂ = 0; layer m → m+1: V¹ = [[1,0],[½,½]],
    /// V² = [[0,1],[½,½]], W = 0, b¹ = (−2^(−2m−1), 0), b² = (2^(−2m−1), 0); output
    /// ½z₁ + ½z₂ + x − Σ_{k≤L} 4^(−k) − 2^(−2L−3).
    public static func squareApproximation(layers L: Int) throws -> ConvexNetwork {
        let architecture = Architecture.hycnn(inputDimension: 1, widths: Array(repeating: 2, count: L))
        try architecture.validate()
        var theta = [Double](repeating: 0, count: architecture.parameterCount)
        let shapes = architecture.layers
        // V[row, column] of a layer (rows: lane·width + unit, column-major).
        func setV(_ shape: LayerShape, _ row: Int, _ column: Int, _ value: Double) { theta[shape.vOffset + column * shape.rows + row] = value }
        theta[shapes[0].wIndex(row: 0, column: 0)] = 1; theta[shapes[0].bOffset + 0] = -0.5     // lane 1: x − ½
        theta[shapes[0].wIndex(row: 2, column: 0)] = -1; theta[shapes[0].bOffset + 2] = 0.5     // lane 2: ½ − x
        for m in 1..<L {
            let shape = shapes[m], delta = pow(2, Double(-2 * m - 1))
            setV(shape, 0, 0, 1); setV(shape, 1, 0, 0.5); setV(shape, 1, 1, 0.5)                // V¹
            setV(shape, 2, 1, 1); setV(shape, 3, 0, 0.5); setV(shape, 3, 1, 0.5)                // V²
            theta[shape.bOffset + 0] = -delta
            theta[shape.bOffset + 2] = delta
        }
        let output = shapes[L]
        theta[output.vOffset] = 0.5; theta[output.vOffset + 1] = 0.5
        theta[output.wIndex(row: 0, column: 0)] = 1
        theta[output.bOffset] = -(1...L).reduce(0) { $0 + pow(4, Double(-$1)) } - pow(2, Double(-2 * L - 3))
        return try ConvexNetwork(architecture: architecture, parameters: theta)
    }
}
