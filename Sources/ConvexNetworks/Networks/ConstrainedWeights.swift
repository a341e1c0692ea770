import Foundation

/// Keeps the constrained weights V ≥ 0 through optimiser steps, by softplus
/// reparametrisation (V = softplus(R), the optimiser moves R) or by projection (V ← max(V, 0)).
/// Public so that trainers outside this module (the minimax of neural transport maps) take
/// their optimiser steps with the same chain rule.
public struct ConstrainedWeights {
    let mode: NonNegativity
    /// Indices of constrained entries in the flat parameter vector.
    let indices: [Int]
    /// The optimiser's copy of the parameters under softplus, with R in place of V (empty under projection).
    var raw: [Double]

    public init(network: ConvexNetwork, mode: NonNegativity) {
        self.mode = mode
        var indices: [Int] = []
        for shape in network.architecture.layers where shape.constrained {
            indices.append(contentsOf: shape.vOffset..<(shape.vOffset + shape.rows * shape.fanIn))
        }
        self.indices = indices
        raw = []
        if mode == .softplus {
            raw = network.parameters
            for k in indices { raw[k] = Self.inverseSoftplus(max(raw[k], 1e-12)) }
        }
    }

    /// One optimiser step from ∂L/∂θ (with respect to the effective weights); updates `network`.
    public mutating func step(_ network: inout ConvexNetwork, gradient: inout [Double], optimizer: inout AdamOptimizer, learningRate: Double) {
        switch mode {
        case .softplus:
            for k in indices { gradient[k] /= 1 + exp(-raw[k]) }             // ∂L/∂R = ∂L/∂V · sigmoid(R)
            optimizer.update(&raw, gradient: gradient, learningRate: learningRate)
            network.parameters.withUnsafeMutableBufferPointer { theta in
                _ = theta.update(fromContentsOf: raw)
                for k in indices { theta[k] = Self.softplus(raw[k]) }       // V = softplus(R)
            }
        case .projection:
            optimizer.update(&network.parameters, gradient: gradient, learningRate: learningRate)
            network.projectConstrainedWeights()                              // V ← max(V, 0)
        }
    }

    /// softplus(r) = max(r, 0) + log1p(e^{−|r|}).
    static func softplus(_ r: Double) -> Double { max(r, 0) + log1p(exp(-abs(r))) }

    /// softplus⁻¹(v) = v + log(−expm1(−v)) for v > 0.
    static func inverseSoftplus(_ v: Double) -> Double { v + log(-expm1(-v)) }
}
