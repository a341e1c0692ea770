import Foundation

/// The kernels of the forward-over-reverse pass, in the layout of the first-order kernels
/// (lane k of unit i is column `k·width + i` of the pre-activations, leading dimension `ld`):
/// the tangent of the forward map, and the reverse over the primal and tangent passes, which
/// needs the nonlinearity's curvature (zero almost everywhere for the piecewise-linear ones).
extension Nonlinearity {
    /// ż = ∂z/∂pre · ṗre for the first `batch` rows (`pre`, `z` from the primal pass). The smooth
    /// gate and softplus also leave their slopes ∂z/∂preₖ in `slopes` (same layout as `pre`),
    /// which ``secondOrderBackward`` reads back instead of recomputing the exponentials.
    func tangent(pre: UnsafePointer<Double>, z: UnsafePointer<Double>, preTangent: UnsafePointer<Double>,
                 zTangent: UnsafeMutablePointer<Double>, slopes: UnsafeMutablePointer<Double>,
                 ld: Int, lanes: Int, width: Int, batch: Int) {
        for i in 0..<width {
            let out = zTangent + i * ld
            switch self {
            case .maxGate where lanes == 2:                                               // ż = ṫ of the larger lane (ties: lane 0)
                let a = pre + i * ld, b = pre + (width + i) * ld
                let ta = preTangent + i * ld, tb = preTangent + (width + i) * ld
                for s in 0..<batch { out[s] = a[s] >= b[s] ? ta[s] : tb[s] }
            case .maxGate:
                for s in 0..<batch {                                                       // ż = ṫ of the winning lane
                    let k = Self.winner(pre: pre, unit: i, sample: s, ld: ld, lanes: lanes, width: width)
                    out[s] = preTangent[(k * width + i) * ld + s]
                }
            case let .smoothMaxGate(tau) where lanes == 2:
                let a = pre + i * ld, b = pre + (width + i) * ld
                let ta = preTangent + i * ld, tb = preTangent + (width + i) * ld
                let pa = slopes + i * ld, pb = slopes + (width + i) * ld
                for s in 0..<batch {
                    let e = exp(-abs(a[s] - b[s]) / tau)                                      // one exponential per unit:
                    let larger = 1 / (1 + e), smaller = e / (1 + e)                           // π = softmax(a/τ, b/τ)
                    pa[s] = a[s] >= b[s] ? larger : smaller
                    pb[s] = a[s] >= b[s] ? smaller : larger
                    out[s] = pa[s] * ta[s] + pb[s] * tb[s]                                     // ż = π_a ṫ_a + π_b ṫ_b
                }
            case let .smoothMaxGate(tau):
                let primal = z + i * ld
                out.update(repeating: 0, count: batch)
                for k in 0..<lanes {
                    let column = (k * width + i) * ld
                    let a = pre + column, t = preTangent + column, pi = slopes + column
                    for s in 0..<batch {
                        pi[s] = exp((a[s] - primal[s]) / tau)                                 // πₖ = softmax(a/τ)ₖ
                        out[s] += pi[s] * t[s]                                               // ż = Σₖ πₖ ṫₖ
                    }
                }
            case .relu:
                let a = pre + i * ld, t = preTangent + i * ld
                for s in 0..<batch { out[s] = a[s] > 0 ? t[s] : 0 }
            case let .leakyRelu(alpha):
                let a = pre + i * ld, t = preTangent + i * ld
                for s in 0..<batch { out[s] = a[s] > 0 ? t[s] : alpha * t[s] }
            case let .softplus(tau):
                let a = pre + i * ld, t = preTangent + i * ld, slope = slopes + i * ld
                for s in 0..<batch {
                    slope[s] = 1 / (1 + exp(-a[s] / tau))                                     // σ' = sigmoid(a/τ)
                    out[s] = slope[s] * t[s]
                }
            }
        }
    }

    /// Reverse over one layer's primal and tangent passes for the first `batch` rows, from the
    /// adjoints z̄ (`dZ`) and ż̄ (`dZTangent`): t̄ = σ'ᵀ ż̄ into `dPreTangent` and
    /// p̄ = σ'ᵀ z̄ + ż̄ ∇²σ ṗre into `dPre` (both overwritten). `dPreTangent` must hold the slopes
    /// ``tangent`` left there; each is read before its entry is overwritten.
    func secondOrderBackward(pre: UnsafePointer<Double>, preTangent: UnsafePointer<Double>, zTangent: UnsafePointer<Double>,
                             dZ: UnsafePointer<Double>, dZTangent: UnsafePointer<Double>,
                             dPre: UnsafeMutablePointer<Double>, dPreTangent: UnsafeMutablePointer<Double>,
                             ld: Int, lanes: Int, width: Int, batch: Int) {
        for i in 0..<width {
            let g = dZ + i * ld, gt = dZTangent + i * ld
            switch self {
            case .maxGate where lanes == 2:                                               // ∇²σ = 0 a.e.; ties go to lane 0
                let a = pre + i * ld, b = pre + (width + i) * ld
                let pa = dPre + i * ld, pb = dPre + (width + i) * ld
                let ta = dPreTangent + i * ld, tb = dPreTangent + (width + i) * ld
                for s in 0..<batch {
                    let toA = a[s] >= b[s]
                    pa[s] = toA ? g[s] : 0
                    pb[s] = toA ? 0 : g[s]
                    ta[s] = toA ? gt[s] : 0
                    tb[s] = toA ? 0 : gt[s]
                }
            case .maxGate:
                for s in 0..<batch {
                    let winner = Self.winner(pre: pre, unit: i, sample: s, ld: ld, lanes: lanes, width: width)
                    for k in 0..<lanes {
                        let index = (k * width + i) * ld + s
                        dPre[index] = k == winner ? g[s] : 0
                        dPreTangent[index] = k == winner ? gt[s] : 0
                    }
                }
            case let .smoothMaxGate(tau):
                let zt = zTangent + i * ld
                for k in 0..<lanes {
                    let column = (k * width + i) * ld
                    let t = preTangent + column, p = dPre + column, pt = dPreTangent + column
                    for s in 0..<batch {
                        let pi = pt[s]                                                       // πₖ from the tangent pass
                        pt[s] = pi * gt[s]
                        p[s] = pi * (g[s] + gt[s] * (t[s] - zt[s]) / tau)                   // ∂²z/∂aₖ∂aⱼ = πₖ(δₖⱼ − πⱼ)/τ
                    }
                }
            case .relu:
                let a = pre + i * ld, p = dPre + i * ld, pt = dPreTangent + i * ld
                for s in 0..<batch {
                    p[s] = a[s] > 0 ? g[s] : 0
                    pt[s] = a[s] > 0 ? gt[s] : 0
                }
            case let .leakyRelu(alpha):
                let a = pre + i * ld, p = dPre + i * ld, pt = dPreTangent + i * ld
                for s in 0..<batch {
                    p[s] = a[s] > 0 ? g[s] : alpha * g[s]
                    pt[s] = a[s] > 0 ? gt[s] : alpha * gt[s]
                }
            case let .softplus(tau):
                let t = preTangent + i * ld, p = dPre + i * ld, pt = dPreTangent + i * ld
                for s in 0..<batch {
                    let slope = pt[s]                                                        // σ' = sigmoid(a/τ) from the tangent pass
                    pt[s] = slope * gt[s]
                    p[s] = slope * g[s] + slope * (1 - slope) / tau * gt[s] * t[s]          // σ'' = σ'(1 − σ')/τ
                }
            }
        }
    }

    /// The lane the max gate routes through: the first largest, as the first-order backward
    /// breaks ties (lane 0 wins a tie on two lanes).
    @inline(__always)
    private static func winner(pre: UnsafePointer<Double>, unit i: Int, sample s: Int, ld: Int, lanes: Int, width: Int) -> Int {
        var winner = 0
        for k in 1..<max(lanes, 1) where pre[(k * width + i) * ld + s] > pre[(winner * width + i) * ld + s] { winner = k }
        return winner
    }
}
