import DataFiles
import Foundation

/// The initialisation schemes (moment matching for HyCNN/GroupMaxNet, Hoedt &
/// Klambauer for ICNN, LeCun/He for the first layer and the MLP; small normal factors for the
/// quadratic first layer). Same seed, same parameters.
public enum NetworkInitializer {
    public static func initialParameters(for architecture: Architecture, seed: UInt64) throws -> ConvexNetwork {
        try architecture.validate()
        var random = SeededGenerator(seed: seed)
        var theta = [Double](repeating: 0, count: architecture.parameterCount)
        let d = Double(architecture.inputDimension)
        let layers = architecture.layers
        for (l, shape) in layers.enumerated() {
            let isOutput = l == layers.count - 1
            let m = Double(shape.fanIn)
            // V: log-normal with the family's mean and variance (MLP: He normal, free sign).
            let vRange = shape.vOffset..<(shape.vOffset + shape.rows * shape.fanIn)
            if shape.fanIn > 0 {
                switch architecture.family {
                case .hycnn, .groupmax, .maxaffine:
                    let mean = (1 / (m * m + (1 - 1 / Double.pi) * m)).squareRoot()   // μ = √(1/(m² + (1 − 1/π)m))
                    for k in vRange { theta[k] = logNormal(mean: mean, variance: 1 / (4 * m), &random) }  // σ² = 1/(4m)
                case .icnn, .icnnQuadratic:
                    let (mean, _) = hoedtKlambauer(fanIn: m)
                    for k in vRange { theta[k] = logNormal(mean: mean, variance: 1 / m, &random) }
                case .mlp:
                    for k in vRange { theta[k] = random.nextNormal() * (2 / m).squareRoot() }     // He: N(0, 2/m)
                }
            }
            // W: first layer LeCun N(0, 1/d); later skips N(0, 1/(4d)).
            if shape.hasSkip {
                let deviation = (l == 0 ? 1 / d : 1 / (4 * d)).squareRoot()
                for column in 0..<architecture.inputDimension {
                    for row in 0..<shape.rows { theta[shape.wIndex(row: row, column: column)] = random.nextNormal() * deviation }
                }
            }
            // b: HyCNN moment-matching constants, ICNN's, or 0.
            var bias = 0.0
            if l > 0 {
                switch architecture.family {
                case .hycnn, .groupmax:
                    bias = isOutput ? -(1 / (4 * Double.pi - 2)).squareRoot()                   // −√(1/(4π − 2))
                        : -(m / (2 * Double.pi * m + 2 * Double.pi - 2)).squareRoot()           // −√(m/(2πm + 2π − 2))
                case .icnn, .icnnQuadratic: bias = hoedtKlambauer(fanIn: m).bias
                case .maxaffine, .mlp: bias = 0
                }
            }
            for k in shape.bOffset..<(shape.bOffset + shape.rows) { theta[k] = bias }
        }
        // Quadratic factors, drawn last: N(0, 0.01/d), so E(aᵀx)² = 0.01 for standardised x — the
        // first layer starts within 1 % of the ICNN's (W₀x has variance 1) yet every factor has a
        // nonzero gradient 2(aᵀx)·x·∂L/∂pre to grow from.
        let factorDeviation = (0.01 / d).squareRoot()
        for k in architecture.quadraticOffset..<architecture.parameterCount { theta[k] = random.nextNormal() * factorDeviation }
        return try ConvexNetwork(architecture: architecture, parameters: theta)
    }

    /// exp(N(ln(μ²/√t), ln(t/μ²))) with t = μ² + σ²: positive with mean μ and variance σ².
    static func logNormal(mean: Double, variance: Double, _ random: inout SeededGenerator) -> Double {
        let t = mean * mean + variance
        let location = log(mean * mean / t.squareRoot()), spread = log(t / (mean * mean)).squareRoot()
        return exp(location + spread * random.nextNormal())
    }

    /// Hoedt & Klambauer (2023): D = 6(π−1) + (n−1)(3√3 + 2π − 6); mean √(6π/(nD)), bias −√(3n/D).
    static func hoedtKlambauer(fanIn n: Double) -> (mean: Double, bias: Double) {
        let D = 6 * (Double.pi - 1) + (n - 1) * (3 * 3.0.squareRoot() + 2 * Double.pi - 6)
        return ((6 * Double.pi / (n * D)).squareRoot(), -(3 * n / D).squareRoot())
    }
}
