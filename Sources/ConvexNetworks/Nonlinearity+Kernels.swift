import Foundation

/// Batched forward and backward of the nonlinearities. Pre-activations of sample s start at
/// `s·stride`: `lanes·width` consecutive values, lane k of unit i at `k·width + i`.
/// Activations of sample s are the `width` values at `s·width`.
extension Nonlinearity {
    /// z = σ(pre) for `batch` samples.
    func forward(pre: UnsafePointer<Double>, stride: Int, z: UnsafeMutablePointer<Double>, lanes: Int, width: Int, batch: Int) {
        switch self {
        case .maxGate:
            for s in 0..<batch {
                let a = pre + s * stride, out = z + s * width
                for i in 0..<width {
                    var best = a[i]
                    for k in 1..<max(lanes, 1) { best = Swift.max(best, a[k * width + i]) }
                    out[i] = best                                   // z = max_k a_k
                }
            }
        case let .smoothMaxGate(tau):
            for s in 0..<batch {
                let a = pre + s * stride, out = z + s * width
                for i in 0..<width {
                    var best = a[i]
                    for k in 1..<max(lanes, 1) { best = Swift.max(best, a[k * width + i]) }
                    var sum = 0.0
                    for k in 0..<lanes { sum += exp((a[k * width + i] - best) / tau) }
                    out[i] = best + tau * log(sum)                  // z = M + τ log Σ exp((a_k − M)/τ)
                }
            }
        case .relu:
            elementwise(pre, stride, z, width, batch) { Swift.max($0, 0) }
        case let .leakyRelu(alpha):
            elementwise(pre, stride, z, width, batch) { $0 > 0 ? $0 : alpha * $0 }
        case let .softplus(tau):
            elementwise(pre, stride, z, width, batch) { a in
                Swift.max(a, 0) + tau * log1p(exp(-abs(a) / tau))           // τ log(1 + e^{a/τ}), stable
            }
        }
    }

    /// dPre = ∂z/∂pre ⊙ dZ for `batch` samples (`z` is the forward output).
    func backward(pre: UnsafePointer<Double>, z: UnsafePointer<Double>, dZ: UnsafePointer<Double>,
                  dPre: UnsafeMutablePointer<Double>, stride: Int, lanes: Int, width: Int, batch: Int) {
        switch self {
        case .maxGate:
            for s in 0..<batch {
                let a = pre + s * stride, g = dPre + s * stride, dz = dZ + s * width
                for i in 0..<width {
                    var winner = 0, best = a[i]
                    for k in 1..<max(lanes, 1) where a[k * width + i] > best { best = a[k * width + i]; winner = k }
                    for k in 0..<lanes { g[k * width + i] = k == winner ? dz[i] : 0 }   // route to the first argmax
                }
            }
        case let .smoothMaxGate(tau):
            for s in 0..<batch {
                let a = pre + s * stride, g = dPre + s * stride, dz = dZ + s * width, out = z + s * width
                for i in 0..<width {
                    for k in 0..<lanes { g[k * width + i] = dz[i] * exp((a[k * width + i] - out[i]) / tau) }  // softmax_k
                }
            }
        case .relu:
            elementwiseGradient(pre, dZ, dPre, stride, width, batch) { a, g in a > 0 ? g : 0 }
        case let .leakyRelu(alpha):
            elementwiseGradient(pre, dZ, dPre, stride, width, batch) { a, g in a > 0 ? g : alpha * g }
        case let .softplus(tau):
            elementwiseGradient(pre, dZ, dPre, stride, width, batch) { a, g in g / (1 + exp(-a / tau)) }  // sigmoid(a/τ)
        }
    }

    /// z[s·width + i] = σ(pre[s·stride + i]) for one-lane activations.
    @inline(__always)
    private func elementwise(_ pre: UnsafePointer<Double>, _ stride: Int, _ z: UnsafeMutablePointer<Double>,
                             _ width: Int, _ batch: Int, _ sigma: (Double) -> Double) {
        for s in 0..<batch {
            let a = pre + s * stride, out = z + s * width
            for i in 0..<width { out[i] = sigma(a[i]) }
        }
    }

    /// dPre[s·stride + i] = σ'(pre) · dZ[s·width + i] for one-lane activations.
    @inline(__always)
    private func elementwiseGradient(_ pre: UnsafePointer<Double>, _ dZ: UnsafePointer<Double>, _ dPre: UnsafeMutablePointer<Double>,
                                     _ stride: Int, _ width: Int, _ batch: Int, _ derivative: (Double, Double) -> Double) {
        for s in 0..<batch {
            let a = pre + s * stride, g = dZ + s * width, out = dPre + s * stride
            for i in 0..<width { out[i] = derivative(a[i], g[i]) }
        }
    }
}
