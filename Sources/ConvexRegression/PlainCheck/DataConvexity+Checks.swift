import ConvexNetworks

extension DataConvexity {
    /// Re-checks a non-convexity certificate on the original data, independently of any LP and
    /// decided without rounding: the multipliers λⱼ ≥ 0 (finite, one sample i, neighbours j ≠ i in
    /// range, some positive) must give exact convex weights μ* with Σ μ*ⱼ xⱼ = xᵢ — either λ / Σλ
    /// itself, when Σⱼ λⱼ (xⱼ − xᵢ) vanishes in exact arithmetic (``ExactSum``), or a verified
    /// enclosure around it over k + 1 affinely independent samples (``WeightEnclosure``) in k
    /// coordinates, every other coordinate proved to balance exactly (``AffineSupport``; k ≤ d, so
    /// collinear or coplanar neighbours of a grid qualify) — and the target must exceed
    /// the weighted average by more than `tolerance` (target units): yᵢ − Σ μ*ⱼ yⱼ > τ. Then any
    /// convex f with yⱼ ≤ f(xⱼ) ≤ yⱼ + τ would give yᵢ ≤ f(xᵢ) ≤ Σ μ*ⱼ f(xⱼ) ≤ Σ μ*ⱼ yⱼ + τ
    /// (Jensen): no convex function fits the data to within τ.
    public static func checkPlainly(_ multipliers: [PairMultiplier], data: Dataset, tolerance: Double = 0) -> PlainCertificateCheck {
        var check = PlainCertificateCheck()
        check.tolerance = tolerance
        let n = data.count, d = data.dimension
        func fail(_ reason: String) -> PlainCertificateCheck { check.failures.append(reason); return check }
        guard tolerance >= 0, tolerance.isFinite else { return fail("the tolerance \(tolerance) is not a finite number ≥ 0") }
        for m in multipliers where !(m.point >= 0 && m.point < n && m.neighbour >= 0 && m.neighbour < n && m.point != m.neighbour) {
            return fail("the pair (\(m.point), \(m.neighbour)) is not two different samples of 0..<\(n)")
        }
        guard let i = multipliers.first?.point else { return fail("there are no multipliers, so the sum proves nothing") }
        if let m = multipliers.first(where: { $0.point != i }) {
            return fail("the multipliers name two samples above the hull (\(i) and \(m.point)); a certificate is about one")
        }
        if let m = multipliers.first(where: { !($0.weight.isFinite && $0.weight >= 0) }) {
            return fail("the multiplier of (\(m.point), \(m.neighbour)) is \(m.weight); multipliers must be finite and ≥ 0")
        }
        let used = multipliers.filter { $0.weight > 0 }
        let total = used.reduce(0) { $0 + $1.weight }
        guard total > 0, total.isFinite else { return fail("every multiplier is zero, so the sum proves nothing") }

        var exactBalance = true                                           // Σⱼ λⱼ (xⱼₖ − xᵢₖ) = 0 exactly?
        for k in 0..<d {
            var sum = ExactSum(), size = 0.0
            for m in used {
                sum.addProduct(m.weight, data.inputs[m.neighbour * d + k])
                sum.addProduct(-m.weight, data.inputs[i * d + k])
                size += m.weight * abs(data.inputs[m.neighbour * d + k] - data.inputs[i * d + k])
            }
            if !sum.isExact || sum.sign != 0 {
                exactBalance = false
                let relative = size > 0 ? abs(sum.value) / size : .infinity
                if !(relative <= check.balanceResidual) { check.balanceResidual = relative; check.worstBalance = (i, k) }
            }
        }
        var targetSum = 0.0, targetScale = 0.0
        for m in used {
            let difference = data.targets[m.neighbour] - data.targets[i]
            targetSum += m.weight / total * difference                     // Σ μⱼ (yⱼ − yᵢ)
            targetScale += m.weight / total * abs(difference)
        }
        check.targetSum = targetSum
        check.targetScale = targetScale

        var excess = ExactSum()                                           // yᵢ − Σ μ*ⱼ yⱼ − τ, scaled by Σλ or exactly
        if exactBalance {
            check.method = .exact
            for m in used {
                excess.addProduct(m.weight, data.targets[i])
                excess.addProduct(-m.weight, data.targets[m.neighbour])
                excess.addProduct(-tolerance, m.weight)                    // Σ λⱼ (yᵢ − yⱼ − τ)
            }
            check.provedExcess = -targetSum
        } else {
            let neighbours = used.map(\.neighbour)
            let rounding = "the inputs balance only to rounding (relative residual \(check.balanceResidual) at sample \(i))"
            guard Set(neighbours).count == neighbours.count else { return fail("\(rounding), and the neighbours repeat a sample") }
            let support: AffineSupport
            do { support = try AffineSupport(point: i, neighbours: neighbours, data: data) } catch {
                return fail("\(rounding), and \(error.description): the sample may lie just outside their hull")
            }
            guard let enclosure = WeightEnclosure(point: i, neighbours: neighbours, coordinates: support.coordinates,
                                                  weights: used.map { $0.weight / total }, data: data) else {
                return fail("\(rounding), and the \(used.count) neighbours are not affinely independent samples around which exact "
                            + "weights can be enclosed: the sample may lie just outside their hull")
            }
            check.enclosedCoordinates = support.coordinates
            let e = enclosure.radii
            check.weightRadius = e.max() ?? 0
            if let c = enclosure.weights.indices.first(where: { !(enclosure.weights[$0] >= e[$0] * (1 + 0x1p-50)) }) {
                return fail("the exact weight of sample \(neighbours[c]) is only known to lie in \(enclosure.weights[c]) ± \(e[c]), "
                            + "which includes negative values: sample \(i) may lie outside the others' hull")
            }
            check.method = .enclosure
            var spread = 0.0                                              // ≥ Σⱼ eⱼ |yᵢ − yⱼ|
            for (c, j) in neighbours.enumerated() {
                excess.addProduct(enclosure.weights[c], data.targets[i])
                excess.addProduct(-enclosure.weights[c], data.targets[j])
                spread += e[c] * (abs(data.targets[i]) + abs(data.targets[j]))
            }
            excess.add(-tolerance)
            excess.add(-(spread * (1 + Double(d + 4) * 0x1p-52)))         // worst case of μ* − μ̂ against the targets
            check.provedExcess = excess.value + tolerance
        }
        guard excess.isExact, excess.sign > 0 else {
            return fail("the target exceeds the weighted average of its neighbours' targets by \(check.provedExcess), "
                        + "not by more than the tolerance \(tolerance)")
        }
        return check
    }

    /// A verified upper bound on maxⱼ yᵢ + gᵀ(xⱼ − xᵢ) − yⱼ over j ≠ i (original units) when every
    /// row is within `tolerance`, else nil. Each row is evaluated in floating point with its
    /// rounding-error bound γ_{d+4}·(|yᵢ| + |yⱼ| + Σ|gₖ|(|xⱼₖ| + |xᵢₖ|)); a row the bound cannot
    /// decide is decided exactly (``ExactSum``), so no rounding makes a violated row pass.
    static func verifiedViolation(of g: [Double], at i: Int, data: Dataset, tolerance: Double) -> Double? {
        let n = data.count, d = data.dimension
        let u = 0x1p-53, gamma = Double(d + 4) * u / (1 - Double(d + 4) * u) * 1.01
        var worst = 0.0
        for j in 0..<n where j != i {
            var value = data.targets[i] - data.targets[j]
            var size = abs(data.targets[i]) + abs(data.targets[j])
            for k in 0..<d {
                let xj = data.inputs[j * d + k], xi = data.inputs[i * d + k]
                value += g[k] * (xj - xi)                                 // yᵢ + gᵀ(xⱼ − xᵢ) − yⱼ
                size += abs(g[k]) * (abs(xj) + abs(xi))
            }
            let bound = gamma * size + 0x1p-1000
            guard value.isFinite, bound.isFinite else { return nil }
            if value + bound <= tolerance { worst = max(worst, value + bound); continue }
            if value - bound > tolerance { return nil }
            var exact = ExactSum()
            exact.add(data.targets[i])
            exact.add(-data.targets[j])
            exact.add(-tolerance)
            for k in 0..<d {
                exact.addProduct(g[k], data.inputs[j * d + k])
                exact.addProduct(-g[k], data.inputs[i * d + k])
            }
            guard exact.isExact, exact.sign <= 0 else { return nil }
            worst = max(worst, tolerance)
        }
        return worst
    }
}
