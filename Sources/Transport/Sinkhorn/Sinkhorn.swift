import Foundation
import LinearProgramming

/// Entropic optimal transport by log-domain Sinkhorn with ε-scaling:
///
///     minimise ⟨C, P⟩ + ε·KL(P ‖ a bᵀ)   over P ≥ 0 with P 1 = a, Pᵀ 1 = b.
///
/// The plan is Pᵢⱼ = aᵢ bⱼ exp((fᵢ + gⱼ − Cᵢⱼ)/ε); the passes alternate
///
///     fᵢ ← −ε log Σⱼ bⱼ exp((gⱼ − Cᵢⱼ)/ε)     (rows exact),
///     gⱼ ← −ε log Σᵢ aᵢ exp((fᵢ − Cᵢⱼ)/ε)     (columns exact),
///
/// each a stable log-sum-exp over a contiguous row of C (row pass) or of a transposed copy Cᵀ
/// (column pass). A pass gives the error of the marginal it fixes for free
/// (rowsumᵢ = aᵢ·exp((fᵢ − f'ᵢ)/ε)), and the other marginal is exact after the previous pass,
/// so each check measures the full L1 marginal error of the current plan; the solve stops at
/// the first plan within tolerance, without taking the pass that found it.
///
/// ε-scaling: stages at ε₀, ε₀/κ, ε₀/κ², … down to the target ε, each warm-started from the
/// previous potentials (see ``SinkhornSettings``). Optional over-relaxation (ω > 1) moves the
/// potentials ω times each step; then only every ``SinkhornSettings/checkInterval``-th
/// iteration is a plain, checked one. Costs O(nm) memory for Cᵀ and the plan (on top of C).
public enum Sinkhorn {
    /// Solves entropic OT between weights `sourceWeights` (n) and `targetWeights` (m) for the
    /// n × m `cost`. Throws ``TransportError`` for bad input: a weight count that does not match
    /// the cost, an empty side, a negative or non-finite weight, an all-zero side, totals that
    /// differ by more than 1e-9 relative, or invalid settings (ε ≤ 0 …). Convergence is a
    /// status, never an error.
    public static func solve(sourceWeights a: [Double], targetWeights b: [Double], cost: CostMatrix,
                             settings: SinkhornSettings = SinkhornSettings()) throws -> EntropicPlan {
        let start = DispatchTime.now()
        try settings.validate()
        let mass = try validate(a, b, cost)
        let n = a.count, m = b.count
        var low = Double.infinity, high = -Double.infinity
        for c in cost.values { low = min(low, c); high = max(high, c) }
        var epsilon = max(settings.epsilon, settings.initialEpsilon ?? (high - low))
        var plan = [Double](repeating: 0, count: n * m)
        var rowSums = [Double](repeating: 0, count: n), rowCosts = [Double](repeating: 0, count: n)
        var status = SolutionStatus.iterationLimit
        var iterations = 0, stages = 0
        var f: [Double] = [], g: [Double] = []
        let deadline = settings.timeLimit.map { Deadline(secondsFromNow: $0) }

        cost.values.withUnsafeBufferPointer { values in
            let w = SinkhornWorkspace(a: a, b: b, cost: values.baseAddress!, threads: settings.threads)
            stages: while true {
                stages += 1
                let last = epsilon <= settings.epsilon
                let tolerance = (last ? settings.tolerance : max(settings.stageTolerance, settings.tolerance)) * mass
                let limit = last ? settings.maxIterations - iterations : min(settings.stageIterations, settings.maxIterations - iterations)
                var columnsExact = false                                        // the other marginal is exact at this ε
                var converged = false
                for step in 0..<max(limit, 0) {
                    if deadline?.hasPassed == true { status = .timeLimit; break stages }
                    iterations += 1
                    // Over-relaxed iterations skip the checks; every checkInterval-th is a plain one.
                    let exact = settings.overRelaxation == 1 || step % settings.checkInterval == settings.checkInterval - 1
                    w.rowPass(epsilon: epsilon)
                    if columnsExact {
                        let error = w.marginalError(old: w.f, new: w.fNext, logWeights: w.logA, count: n, epsilon: epsilon)
                        if !error.isFinite { status = .numericalError; break stages }
                        if error <= tolerance { converged = true; break }
                    }
                    if exact { w.acceptRows() } else { w.relaxRows(settings.overRelaxation) }
                    w.columnPass(epsilon: epsilon)
                    if exact {
                        let error = w.marginalError(old: w.g, new: w.gNext, logWeights: w.logB, count: m, epsilon: epsilon)
                        if !error.isFinite { status = .numericalError; break stages }
                        if error <= tolerance { converged = true; break }
                        w.acceptColumns()
                    } else {
                        w.relaxColumns(settings.overRelaxation)
                    }
                    columnsExact = exact
                }
                if last {
                    if converged { status = .optimal }
                    break
                }
                if iterations >= settings.maxIterations { break }
                epsilon = max(settings.epsilon, epsilon / settings.scalingFactor)
            }
            f = Array(UnsafeBufferPointer(start: w.f, count: n))
            g = Array(UnsafeBufferPointer(start: w.g, count: m))
            plan.withUnsafeMutableBufferPointer { p in
                rowSums.withUnsafeMutableBufferPointer { r in
                    rowCosts.withUnsafeMutableBufferPointer { c in
                        w.materialize(epsilon: epsilon, plan: p.baseAddress!, rowMass: r.baseAddress!, rowCost: c.baseAddress!)
                    }
                }
            }
        }

        var columnSums = [Double](repeating: 0, count: m)
        plan.withUnsafeBufferPointer { p in
            columnSums.withUnsafeMutableBufferPointer { c in
                for i in 0..<n { for j in 0..<m { c[j] += p[i * m + j] } }            // cⱼ = Σᵢ Pᵢⱼ
            }
        }
        var transportCost = 0.0, total = 0.0, primal = 0.0, dual = 0.0, error = 0.0
        for i in 0..<n {
            transportCost += rowCosts[i]                                         // ⟨C, P⟩
            total += rowSums[i]                                                  // Σᵢⱼ Pᵢⱼ
            primal += f[i] * rowSums[i]                                          // Σ fᵢ rᵢ
            dual += f[i] * a[i]                                                  // Σ fᵢ aᵢ
            error += abs(rowSums[i] - a[i])
        }
        for j in 0..<m {
            primal += g[j] * columnSums[j]
            dual += g[j] * b[j]
            error += abs(columnSums[j] - b[j])
        }
        let massTerm = epsilon * (total - mass * b.reduce(0, +))                 // ε (Σ P − (Σa)(Σb))
        let regularized = primal - massTerm
        if status != .numericalError, !(regularized.isFinite && transportCost.isFinite && error.isFinite) { status = .numericalError }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return EntropicPlan(status: status, sourceCount: n, targetCount: m, plan: plan, sourceWeights: a, targetWeights: b,
                            sourcePotential: f, targetPotential: g, epsilon: epsilon, regularizedCost: regularized,
                            dualObjective: dual - massTerm, cost: transportCost, marginalError: error, rowSums: rowSums,
                            columnSums: columnSums, iterations: iterations, stages: stages, seconds: seconds)
    }

    /// Checks shapes and weights; returns the source total Σa.
    static func validate(_ a: [Double], _ b: [Double], _ cost: CostMatrix) throws -> Double {
        guard !a.isEmpty else { throw TransportError.emptyCloud(side: "source") }
        guard !b.isEmpty else { throw TransportError.emptyCloud(side: "target") }
        guard cost.rows == a.count, cost.columns == b.count else {
            throw TransportError.shapeMismatch(what: "cost matrix for \(a.count) source and \(b.count) target weights",
                                               expected: "\(a.count) × \(b.count)", actual: "\(cost.rows) × \(cost.columns)")
        }
        let totalA = try total(a, side: "source"), totalB = try total(b, side: "target")
        guard abs(totalA - totalB) <= 1e-9 * max(totalA, totalB) else {                 // |Σa − Σb| ≤ 1e-9 max(Σa, Σb)
            throw TransportError.unbalancedMass(source: totalA, target: totalB)
        }
        return totalA
    }

    /// Σ w after checking every weight is finite and ≥ 0 and some is positive.
    static func total(_ weights: [Double], side: String) throws -> Double {
        var sum = 0.0
        for (k, w) in weights.enumerated() {
            guard w.isFinite, w >= 0 else { throw TransportError.badWeight(side: side, index: k, value: w) }
            sum += w
        }
        guard sum > 0 else { throw TransportError.zeroMass(side: side) }
        return sum
    }
}
