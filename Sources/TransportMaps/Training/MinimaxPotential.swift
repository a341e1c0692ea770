import ConvexNetworks

/// One potential of the minimax with its optimiser state: the network, Adam, the gradient
/// buffer (with respect to the effective parameters) and how its constrained weights are kept:
/// V ≥ 0 by ``ConstrainedWeights`` (softplus or projection), or free with the soft penalty
/// λ Σ relu(−V)², whose gradient 2λ min(V, 0) is added before the step.
struct MinimaxPotential {
    var network: ConvexNetwork
    var gradient: [Double]
    private var optimizer: AdamOptimizer
    private var weights: ConstrainedWeights?
    private let penalty: Double
    private let penalized: [Int]

    /// `penalty` nil: V ≥ 0 by `mode`; else free V under λ = `penalty`.
    init(network: ConvexNetwork, mode: NonNegativity, penalty: Double?, beta1: Double, beta2: Double) {
        self.network = network
        gradient = [Double](repeating: 0, count: network.parameters.count)
        optimizer = AdamOptimizer(parameterCount: network.parameters.count, beta1: beta1, beta2: beta2)
        if let penalty {
            weights = nil
            self.penalty = penalty
            var indices: [Int] = []
            for shape in network.architecture.layers where shape.constrained {
                indices.append(contentsOf: shape.vOffset..<(shape.vOffset + shape.rows * shape.fanIn))
            }
            penalized = indices
        } else {
            weights = ConstrainedWeights(network: network, mode: mode)
            self.penalty = 0
            penalized = []
        }
    }

    /// Sets the gradient buffer to 0 (before an accumulating backward call).
    mutating func clearGradient() {
        gradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// λ Σ relu(−V)² over the free constrained weights (0 when they are kept ≥ 0).
    var penaltyValue: Double {
        var sum = 0.0
        for k in penalized { let v = min(network.parameters[k], 0); sum += v * v }   // Σ relu(−V)²
        return penalty * sum
    }

    /// One Adam step from ``gradient`` (then no longer meaningful); returns false when the
    /// gradient or the new parameters are not finite.
    mutating func step(learningRate: Double) -> Bool {
        for k in penalized { gradient[k] += 2 * penalty * min(network.parameters[k], 0) }   // ∂/∂V λ relu(−V)²
        for value in gradient where !value.isFinite { return false }
        if weights != nil {
            weights!.step(&network, gradient: &gradient, optimizer: &optimizer, learningRate: learningRate)
        } else {
            optimizer.update(&network.parameters, gradient: gradient, learningRate: learningRate)
        }
        for value in network.parameters where !value.isFinite { return false }
        return true
    }
}
