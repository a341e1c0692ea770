import Foundation

/// The buffers and passes of one Sinkhorn solve, allocated once: the cost C (n × m) and its
/// transpose (m × n), both row-major so every pass reads contiguous rows; log-weights; the
/// potentials and scratch vectors. Row r of a pass is computed by one thread only.
final class SinkhornWorkspace: @unchecked Sendable {
    let n: Int, m: Int
    let threads: Int
    /// C, row-major n × m (borrowed: the caller keeps it alive) and Cᵀ, row-major m × n (owned).
    let cost: UnsafePointer<Double>
    let costT: UnsafeMutablePointer<Double>
    /// log aᵢ and log bⱼ (−∞ for a zero weight).
    let logA: UnsafeMutablePointer<Double>
    let logB: UnsafeMutablePointer<Double>
    /// Potentials f (n), g (m) and the candidates of the next pass.
    private(set) var f: UnsafeMutablePointer<Double>, g: UnsafeMutablePointer<Double>
    private(set) var fNext: UnsafeMutablePointer<Double>, gNext: UnsafeMutablePointer<Double>
    /// hⱼ = gⱼ/ε + log bⱼ (or hᵢ = fᵢ/ε + log aᵢ), length max(n, m).
    let h: UnsafeMutablePointer<Double>
    /// One scratch row of length max(n, m) per thread.
    let scratch: UnsafeMutablePointer<Double>

    init(a: [Double], b: [Double], cost: UnsafePointer<Double>, threads: Int) {
        n = a.count
        m = b.count
        self.threads = max(1, min(threads, max(n, m)))
        self.cost = cost
        costT = .allocate(capacity: n * m)
        let blockSize = 64                                                 // cache-blocked transpose
        for i0 in stride(from: 0, to: n, by: blockSize) {
            for j0 in stride(from: 0, to: m, by: blockSize) {
                for i in i0..<min(i0 + blockSize, n) {
                    for j in j0..<min(j0 + blockSize, m) { costT[j * n + i] = cost[i * m + j] }   // Cᵀⱼᵢ = Cᵢⱼ
                }
            }
        }
        logA = .allocate(capacity: n)
        logB = .allocate(capacity: m)
        for i in 0..<n { logA[i] = a[i] > 0 ? Foundation.log(a[i]) : -.infinity }
        for j in 0..<m { logB[j] = b[j] > 0 ? Foundation.log(b[j]) : -.infinity }
        f = .allocate(capacity: n)
        g = .allocate(capacity: m)
        fNext = .allocate(capacity: n)
        gNext = .allocate(capacity: m)
        h = .allocate(capacity: max(n, m))
        f.initialize(repeating: 0, count: n)
        g.initialize(repeating: 0, count: m)
        fNext.initialize(repeating: 0, count: n)
        gNext.initialize(repeating: 0, count: m)
        h.initialize(repeating: 0, count: max(n, m))
        scratch = .allocate(capacity: self.threads * max(n, m))
        scratch.initialize(repeating: 0, count: self.threads * max(n, m))
    }

    deinit {
        for buffer in [costT, logA, logB, f, g, fNext, gNext, h, scratch] { buffer.deallocate() }
    }

    /// fNext = the row update for the current g: fᵢ = −ε log Σⱼ exp((gⱼ − Cᵢⱼ)/ε + log bⱼ).
    func rowPass(epsilon: Double) {
        pass(matrix: cost, rows: n, columns: m, other: g, logWeights: logB, epsilon: epsilon, into: fNext)
    }

    /// gNext = the column update for the current f: gⱼ = −ε log Σᵢ exp((fᵢ − Cᵢⱼ)/ε + log aᵢ).
    func columnPass(epsilon: Double) {
        pass(matrix: UnsafePointer(costT), rows: m, columns: n, other: f, logWeights: logA, epsilon: epsilon, into: gNext)
    }

    /// Takes the row pass's candidate as f.
    func acceptRows() { swap(&f, &fNext) }

    /// Takes the column pass's candidate as g.
    func acceptColumns() { swap(&g, &gNext) }

    /// f ← f + ω (f' − f): an over-relaxed row update.
    func relaxRows(_ omega: Double) {
        for i in 0..<n { f[i] += omega * (fNext[i] - f[i]) }                   // f ← (1 − ω) f + ω f'
    }

    /// g ← g + ω (g' − g): an over-relaxed column update.
    func relaxColumns(_ omega: Double) {
        for j in 0..<m { g[j] += omega * (gNext[j] - g[j]) }                   // g ← (1 − ω) g + ω g'
    }

    /// The L1 error of the marginal that a pass just fixed, for the state before it:
    /// Σ wᵢ |exp((oldᵢ − newᵢ)/ε) − 1| (rowsumᵢ = aᵢ·exp((fᵢ − f'ᵢ)/ε) when f' makes row i exact).
    func marginalError(old: UnsafeMutablePointer<Double>, new: UnsafeMutablePointer<Double>, logWeights: UnsafeMutablePointer<Double>,
                       count: Int, epsilon: Double) -> Double {
        var sum = 0.0
        for i in 0..<count where logWeights[i] > -.infinity {
            sum += Foundation.exp(logWeights[i]) * abs(Foundation.expm1((old[i] - new[i]) / epsilon))   // wᵢ |e^{Δ/ε} − 1|
        }
        return sum
    }

    /// Writes the plan Pᵢⱼ = exp((fᵢ + gⱼ − Cᵢⱼ)/ε + log aᵢ + log bⱼ) row by row into `plan`
    /// (n × m, row-major) with each row's mass Σⱼ Pᵢⱼ and cost Σⱼ CᵢⱼPᵢⱼ.
    func materialize(epsilon: Double, plan: UnsafeMutablePointer<Double>, rowMass: UnsafeMutablePointer<Double>,
                     rowCost: UnsafeMutablePointer<Double>) {
        let lambda = 1 / epsilon
        for j in 0..<m { h[j] = g[j] * lambda + logB[j] }                        // hⱼ = gⱼ/ε + log bⱼ
        nonisolated(unsafe) let h = UnsafePointer(self.h), cost = self.cost, f = UnsafePointer(self.f), logA = UnsafePointer(self.logA)
        nonisolated(unsafe) let plan = plan, rowMass = rowMass, rowCost = rowCost
        let m = self.m
        let share = (n + threads - 1) / threads
        let run: @Sendable (Int) -> Void = { t in
            for i in (t * share)..<min((t + 1) * share, self.n) {
                let shift = f[i] * lambda + logA[i]                               // fᵢ/ε + log aᵢ
                let (mass, cost) = SinkhornKernels.exponentiate(row: cost + i * m, h: h, count: m, lambda: lambda,
                                                                 shift: shift, into: plan + i * m)
                rowMass[i] = mass
                rowCost[i] = cost
            }
        }
        if threads == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: run) }
    }

    /// out[r] = −ε log Σₖ exp(hₖ − matrix[r, k]/ε) with hₖ = other[k]/ε + logWeights[k].
    private func pass(matrix: UnsafePointer<Double>, rows: Int, columns: Int, other: UnsafeMutablePointer<Double>,
                      logWeights: UnsafeMutablePointer<Double>, epsilon: Double, into out: UnsafeMutablePointer<Double>) {
        let lambda = 1 / epsilon
        for k in 0..<columns { h[k] = other[k] * lambda + logWeights[k] }      // hₖ = otherₖ/ε + log wₖ
        nonisolated(unsafe) let h = UnsafePointer(self.h), matrix = matrix, out = out, scratch = self.scratch
        let share = (rows + threads - 1) / threads, stride = max(n, m)
        let run: @Sendable (Int) -> Void = { t in
            for r in (t * share)..<min((t + 1) * share, rows) {
                out[r] = SinkhornKernels.softMin(row: matrix + r * columns, h: h, count: columns, lambda: lambda, epsilon: epsilon,
                                                 scratch: scratch + t * stride)
            }
        }
        if threads == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: run) }
    }
}
