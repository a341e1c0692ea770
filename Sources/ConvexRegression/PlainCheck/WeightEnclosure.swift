import ConvexNetworks

/// Encloses the exact weights μ* with Σⱼ μ*ⱼ xⱼₖ = xᵢₖ for the chosen coordinates k ∈ S and
/// Σⱼ μ*ⱼ = 1 over |S| + 1 samples j (a square system M μ = e_{|S|+1}, M_{sj} = xⱼ_{k_s} − xᵢ_{k_s}
/// for the s-th coordinate of S and 1 in the last row; S is every coordinate unless given) around
/// floating-point weights μ̂, in the style of Rump's verified linear solvers: with R ≈ M⁻¹ and
/// C = I − R·M, ‖C‖∞ < 1 proves M regular, and from μ* − μ̂ = R·r + C·(μ* − μ̂), r = e − M μ̂,
/// |μ* − μ̂| ≤ |R|·|r| + |C|·𝟙·E componentwise with E = ‖R·r‖∞ / (1 − ‖C‖∞) — so a weight far
/// smaller than the others (a sample just inside the hull) is still enclosed tightly.
/// The residual r is exact (``ExactSum``); every other quantity is bounded with its rounding
/// error (γₘ = m·u/(1 − m·u), u = 2⁻⁵³), including the rounding of xⱼₖ − xᵢₖ in M.
struct WeightEnclosure {
    /// Refined weights μ̂ (one per neighbour, in order) and radii eⱼ with |μ*ⱼ − μ̂ⱼ| ≤ eⱼ.
    let weights: [Double]
    let radii: [Double]

    /// `refine` first improves the weights by two steps of iterative refinement (when building a
    /// certificate); without it the enclosure is around the weights as given (when checking one).
    /// Nil when the neighbours are not |S| + 1 samples affinely independent in the coordinates S
    /// (to working precision) or the bound does not close (‖C‖∞ ≥ 1/2, a residual that overflows).
    init?(point i: Int, neighbours: [Int], coordinates: [Int]? = nil, weights initial: [Double], data: Dataset,
          refine: Bool = false) {
        let d = data.dimension, chosen = coordinates ?? Array(0..<d), last = chosen.count, m = last + 1
        guard neighbours.count == m, initial.count == m, chosen.allSatisfy({ $0 >= 0 && $0 < d }) else { return nil }
        var matrix = [Double](repeating: 1, count: m * m)                 // row-major M̃, last row ones
        for (s, k) in chosen.enumerated() {
            for (c, j) in neighbours.enumerated() { matrix[s * m + c] = data.inputs[j * d + k] - data.inputs[i * d + k] }
        }
        guard let inverse = Self.inverse(matrix, size: m) else { return nil }
        var mu = initial
        for _ in 0..<(refine ? 2 : 0) {                                    // μ̂ ← μ̂ + R(e − M̃ μ̂)
            var residual = [Double](repeating: 0, count: m)
            for k in 0..<m {
                var value = k == last ? 1.0 : 0.0
                for c in 0..<m { value -= matrix[k * m + c] * mu[c] }
                residual[k] = value
            }
            for k in 0..<m { for c in 0..<m { mu[k] += inverse[k * m + c] * residual[c] } }
        }
        let u = 0x1p-53, gamma = Double(m + 4) * u / (1 - Double(m + 4) * u) * 1.01
        var rBound = [Double](repeating: 0, count: m)                      // |r| from its exact expansion
        for s in 0..<m {
            var sum = ExactSum()
            if s == last {
                sum.add(1)
                for c in 0..<m { sum.add(-mu[c]) }                         // 1 − Σ μ̂
            } else {
                let k = chosen[s]
                for (c, j) in neighbours.enumerated() {
                    sum.addProduct(-mu[c], data.inputs[j * d + k])         // −Σ μ̂ⱼ (xⱼₖ − xᵢₖ), exactly
                    sum.addProduct(mu[c], data.inputs[i * d + k])
                }
            }
            guard sum.isExact else { return nil }
            rBound[s] = sum.magnitudeBound
        }
        var cNorm = 0.0                                                    // ‖I − R M‖∞, bounded above
        var cRows = [Double](repeating: 0, count: m)                       // row sums of |C|, bounded above
        for k in 0..<m {
            var row = 0.0
            for l in 0..<m {
                var value = k == l ? 1.0 : 0.0, size = k == l ? 1.0 : 0.0
                for c in 0..<m {
                    value -= inverse[k * m + c] * matrix[c * m + l]
                    size += abs(inverse[k * m + c]) * abs(matrix[c * m + l])
                }
                row += abs(value) + (gamma + 2 * u) * size                 // rounding of Ĉ and of M̃ ≈ M
            }
            cRows[k] = row * (1 + gamma)
            cNorm = max(cNorm, cRows[k])
        }
        guard cNorm < 0.5 else { return nil }
        var rr = [Double](repeating: 0, count: m)                          // |R|·|r|, bounded above
        for k in 0..<m {
            var value = 0.0
            for c in 0..<m { value += abs(inverse[k * m + c]) * rBound[c] }
            rr[k] = value * (1 + gamma)
        }
        let whole = (rr.max() ?? 0) / (1 - cNorm) * (1 + gamma)            // E ≥ ‖μ* − μ̂‖∞
        let radii = (0..<m).map { (rr[$0] + cRows[$0] * whole) * (1 + gamma) }   // eₖ = (|R||r|)ₖ + (|C|𝟙)ₖ E
        guard radii.allSatisfy(\.isFinite), mu.allSatisfy(\.isFinite) else { return nil }
        weights = mu
        self.radii = radii
    }

    /// Gauss–Jordan inverse with partial pivoting of a row-major `size` × `size` matrix (nil when singular).
    static func inverse(_ a: [Double], size n: Int) -> [Double]? {
        var left = a, right = [Double](repeating: 0, count: n * n)
        for k in 0..<n { right[k * n + k] = 1 }
        for column in 0..<n {
            var pivot = column
            for r in column..<n where abs(left[r * n + column]) > abs(left[pivot * n + column]) { pivot = r }
            let p = left[pivot * n + column]
            guard p != 0, p.isFinite else { return nil }
            if pivot != column {
                for c in 0..<n { left.swapAt(pivot * n + c, column * n + c); right.swapAt(pivot * n + c, column * n + c) }
            }
            for c in 0..<n { left[column * n + c] /= p; right[column * n + c] /= p }
            for r in 0..<n where r != column {
                let factor = left[r * n + column]
                if factor == 0 { continue }
                for c in 0..<n {
                    left[r * n + c] -= factor * left[column * n + c]
                    right[r * n + c] -= factor * right[column * n + c]
                }
            }
        }
        return right.allSatisfy(\.isFinite) ? right : nil
    }
}
