import Foundation

/// Adam (Kingma & Ba) over a flat parameter vector, with preallocated moment buffers.
public struct AdamOptimizer: Sendable {
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    private var m: [Double]
    private var v: [Double]
    private var step = 0

    public init(parameterCount: Int, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        m = [Double](repeating: 0, count: parameterCount)
        v = [Double](repeating: 0, count: parameterCount)
    }

    /// θ ← θ − lr·m̂/(√v̂ + ε) with m = β₁m + (1−β₁)g, v = β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
    public mutating func update(_ parameters: inout [Double], gradient: [Double], learningRate: Double) {
        step += 1
        let correction1 = 1 - pow(beta1, Double(step)), correction2 = 1 - pow(beta2, Double(step))
        let stepSize = learningRate / correction1
        let b1 = beta1, b2 = beta2, eps = epsilon
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                parameters.withUnsafeMutableBufferPointer { theta in
                    gradient.withUnsafeBufferPointer { g in
                        for k in 0..<theta.count {
                            m[k] = b1 * m[k] + (1 - b1) * g[k]
                            v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k]
                            theta[k] -= stepSize * m[k] / ((v[k] / correction2).squareRoot() + eps)
                        }
                    }
                }
            }
        }
    }
}
