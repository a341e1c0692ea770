import Foundation

/// Batched forward and backward of the nonlinearities on column-major `batch × units` blocks
/// with leading dimension `ld`: lane k of unit i is column `k·width + i` of the pre-activations,
/// unit i is column i of the activations. Each inner loop runs over one contiguous column.
extension Nonlinearity {
    /// z = σ(pre) for the first `batch` rows.
    func forward(pre: UnsafePointer<Double>, z: UnsafeMutablePointer<Double>, ld: Int, lanes: Int, width: Int, batch: Int) {
        for i in 0..<width {
            let out = z + i * ld
            let first = pre + i * ld
            switch self {
            case .maxGate:
                out.update(from: first, count: batch)
                for k in 1..<max(lanes, 1) {
                    let lane = pre + (k * width + i) * ld
                    for s in 0..<batch { out[s] = Swift.max(out[s], lane[s]) }             // z = max_k a_k
                }
            case let .smoothMaxGate(tau):
                out.update(from: first, count: batch)
                for k in 1..<max(lanes, 1) {
                    let lane = pre + (k * width + i) * ld
                    for s in 0..<batch { out[s] = Swift.max(out[s], lane[s]) }             // M = max_k a_k
                }
                for s in 0..<batch {
                    var sum = 0.0
                    for k in 0..<lanes { sum += exp((pre[(k * width + i) * ld + s] - out[s]) / tau) }
                    out[s] += tau * log(sum)                                               // z = M + τ log Σ e^{(a_k − M)/τ}
                }
            case .relu:
                for s in 0..<batch { out[s] = Swift.max(first[s], 0) }
            case let .leakyRelu(alpha):
                for s in 0..<batch { out[s] = first[s] > 0 ? first[s] : alpha * first[s] }
            case let .softplus(tau):
                for s in 0..<batch {
                    let a = first[s]
                    out[s] = Swift.max(a, 0) + tau * log1p(exp(-abs(a) / tau))            // τ log(1 + e^{a/τ}), stable
                }
            }
        }
    }

    /// dPre = ∂z/∂pre ⊙ dZ for the first `batch` rows (`z` is the forward output).
    func backward(pre: UnsafePointer<Double>, z: UnsafePointer<Double>, dZ: UnsafePointer<Double>,
                  dPre: UnsafeMutablePointer<Double>, ld: Int, lanes: Int, width: Int, batch: Int) {
        for i in 0..<width {
            let g = dZ + i * ld, out = z + i * ld
            switch self {
            case .maxGate:
                if lanes == 2 {
                    routeToLarger(a: pre + i * ld, b: pre + (width + i) * ld, gradient: g,
                                  da: dPre + i * ld, db: dPre + (width + i) * ld, count: batch)
                } else {
                    for s in 0..<batch {
                        var winner = 0
                        for k in 1..<max(lanes, 1) where pre[(k * width + i) * ld + s] > pre[(winner * width + i) * ld + s] { winner = k }
                        for k in 0..<lanes { dPre[(k * width + i) * ld + s] = k == winner ? g[s] : 0 }
                    }
                }
            case let .smoothMaxGate(tau):
                for k in 0..<lanes {
                    let a = pre + (k * width + i) * ld, d = dPre + (k * width + i) * ld
                    for s in 0..<batch { d[s] = g[s] * exp((a[s] - out[s]) / tau) }        // softmax_k
                }
            case .relu:
                passWherePositive(a: pre + i * ld, gradient: g, d: dPre + i * ld, count: batch)
            case let .leakyRelu(alpha):
                let a = pre + i * ld, d = dPre + i * ld
                for s in 0..<batch { d[s] = a[s] > 0 ? g[s] : alpha * g[s] }
            case let .softplus(tau):
                let a = pre + i * ld, d = dPre + i * ld
                for s in 0..<batch { d[s] = g[s] / (1 + exp(-a[s] / tau)) }               // sigmoid(a/τ)
            }
        }
    }

    /// da = g where a ≥ b, else 0; db = g − da (ties go to a). Branch-free in SIMD lanes: the
    /// comparison is a coin flip per sample, which a branch would mispredict half the time.
    private func routeToLarger(a: UnsafePointer<Double>, b: UnsafePointer<Double>, gradient g: UnsafePointer<Double>,
                               da: UnsafeMutablePointer<Double>, db: UnsafeMutablePointer<Double>, count: Int) {
        typealias Vector = SIMD8<Double>
        var s = 0
        while s + Vector.scalarCount <= count {
            let av = UnsafeRawPointer(a + s).loadUnaligned(as: Vector.self)
            let bv = UnsafeRawPointer(b + s).loadUnaligned(as: Vector.self)
            let gv = UnsafeRawPointer(g + s).loadUnaligned(as: Vector.self)
            let toA = Vector(repeating: 0).replacing(with: gv, where: av .>= bv)
            UnsafeMutableRawPointer(da + s).storeBytes(of: toA, as: Vector.self)
            UnsafeMutableRawPointer(db + s).storeBytes(of: gv - toA, as: Vector.self)
            s += Vector.scalarCount
        }
        for t in s..<count {
            da[t] = a[t] >= b[t] ? g[t] : 0
            db[t] = g[t] - da[t]
        }
    }

    /// d = g where a > 0, else 0, branch-free in SIMD lanes.
    private func passWherePositive(a: UnsafePointer<Double>, gradient g: UnsafePointer<Double>,
                                   d: UnsafeMutablePointer<Double>, count: Int) {
        typealias Vector = SIMD8<Double>
        var s = 0
        while s + Vector.scalarCount <= count {
            let av = UnsafeRawPointer(a + s).loadUnaligned(as: Vector.self)
            let gv = UnsafeRawPointer(g + s).loadUnaligned(as: Vector.self)
            UnsafeMutableRawPointer(d + s).storeBytes(of: Vector(repeating: 0).replacing(with: gv, where: av .> 0), as: Vector.self)
            s += Vector.scalarCount
        }
        for t in s..<count { d[t] = a[t] > 0 ? g[t] : 0 }
    }
}
