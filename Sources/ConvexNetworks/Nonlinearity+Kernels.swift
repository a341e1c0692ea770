import Foundation

/// Batched forward and backward of the nonlinearities. Pre-activations of one sample are
/// `lanes·width` consecutive values, lane k of unit i at `k·width + i`.
extension Nonlinearity {
    /// z = σ(pre) for `batch` samples.
    func forward(pre: UnsafePointer<Double>, z: UnsafeMutablePointer<Double>, lanes: Int, width: Int, batch: Int) {
        let rows = lanes * width
        switch self {
        case .maxGate:
            for s in 0..<batch {
                let a = pre + s * rows, out = z + s * width
                for i in 0..<width {
                    var best = a[i]
                    for k in 1..<max(lanes, 1) { best = Swift.max(best, a[k * width + i]) }
                    out[i] = best                                   // z = max_k a_k
                }
            }
        case let .smoothMaxGate(tau):
            for s in 0..<batch {
                let a = pre + s * rows, out = z + s * width
                for i in 0..<width {
                    var best = a[i]
                    for k in 1..<max(lanes, 1) { best = Swift.max(best, a[k * width + i]) }
                    var sum = 0.0
                    for k in 0..<lanes { sum += exp((a[k * width + i] - best) / tau) }
                    out[i] = best + tau * log(sum)                  // z = M + τ log Σ exp((a_k − M)/τ)
                }
            }
        case .relu:
            for j in 0..<(rows * batch) { z[j] = Swift.max(pre[j], 0) }
        case let .leakyRelu(alpha):
            for j in 0..<(rows * batch) { z[j] = pre[j] > 0 ? pre[j] : alpha * pre[j] }
        case let .softplus(tau):
            for j in 0..<(rows * batch) {
                let a = pre[j]
                z[j] = Swift.max(a, 0) + tau * log1p(exp(-abs(a) / tau))   // τ log(1 + e^{a/τ}), stable
            }
        }
    }

    /// dPre = ∂z/∂pre ⊙ dZ for `batch` samples (`z` is the forward output).
    func backward(pre: UnsafePointer<Double>, z: UnsafePointer<Double>, dZ: UnsafePointer<Double>,
                  dPre: UnsafeMutablePointer<Double>, lanes: Int, width: Int, batch: Int) {
        let rows = lanes * width
        switch self {
        case .maxGate:
            for s in 0..<batch {
                let a = pre + s * rows, g = dPre + s * rows, dz = dZ + s * width
                for i in 0..<width {
                    var winner = 0, best = a[i]
                    for k in 1..<max(lanes, 1) where a[k * width + i] > best { best = a[k * width + i]; winner = k }
                    for k in 0..<lanes { g[k * width + i] = k == winner ? dz[i] : 0 }   // route to the first argmax
                }
            }
        case let .smoothMaxGate(tau):
            for s in 0..<batch {
                let a = pre + s * rows, g = dPre + s * rows, dz = dZ + s * width, out = z + s * width
                for i in 0..<width {
                    for k in 0..<lanes { g[k * width + i] = dz[i] * exp((a[k * width + i] - out[i]) / tau) }  // softmax_k
                }
            }
        case .relu:
            for j in 0..<(rows * batch) { dPre[j] = pre[j] > 0 ? dZ[j] : 0 }
        case let .leakyRelu(alpha):
            for j in 0..<(rows * batch) { dPre[j] = pre[j] > 0 ? dZ[j] : alpha * dZ[j] }
        case let .softplus(tau):
            for j in 0..<(rows * batch) { dPre[j] = dZ[j] / (1 + exp(-pre[j] / tau)) }   // sigmoid(a/τ)
        }
    }
}
