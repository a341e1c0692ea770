import Foundation
import LinearProgramming
import Testing
@testable import Transport

@Suite struct SinkhornTests {
    typealias Support = SinkhornTestSupport

    @Test func vectorExpMatchesTheLibraryExp() {
        var worst = 0.0
        for k in 0...20_000 {
            let x = -708 + Double(k) * (1417.0 / 20_000)                   // x ∈ [−708, 709]
            let e = SinkhornKernels.exp(x)
            worst = max(worst, abs(e - Foundation.exp(x)) / Foundation.exp(x))
        }
        #expect(worst < 5e-16)
        #expect(SinkhornKernels.exp(-800.0) == 0)
        #expect(SinkhornKernels.exp(-Double.infinity) == 0)
        #expect(SinkhornKernels.exp(0.0) == 1)
    }

    @Test func planMarginalsMeetTheTolerance() throws {
        let x = Support.uniformPoints(20, dimension: 2, seed: 1), y = Support.uniformPoints(30, dimension: 2, seed: 2)
        let a = Support.randomWeights(20, seed: 3), b = Support.randomWeights(30, seed: 4)
        let cost = try Support.squaredEuclidean(x, y, dimension: 2)
        var settings = SinkhornSettings(epsilon: 1e-2, tolerance: 1e-10)
        settings.threads = 1
        let plan = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost, settings: settings)
        #expect(plan.status == .optimal)
        #expect(plan.marginalError <= 2e-10)
        // Row and column sums from the dense plan, independently of the reported ones.
        var rowError = 0.0, columnError = 0.0
        for i in 0..<20 { rowError += abs((0..<30).reduce(0) { $0 + plan[i, $1] } - a[i]) }
        for j in 0..<30 { columnError += abs((0..<20).reduce(0) { $0 + plan[$1, j] } - b[j]) }
        #expect(rowError + columnError <= 2e-10)
        #expect(abs(rowError + columnError - plan.marginalError) <= 1e-14)
        #expect(plan.stages > 1)
    }

    @Test func reportedCostsMatchTheirFormulas() throws {
        let x = Support.uniformPoints(15, dimension: 3, seed: 5), y = Support.uniformPoints(12, dimension: 3, seed: 6)
        let a = Support.randomWeights(15, total: 2, seed: 7), b = Support.randomWeights(12, total: 2, seed: 8)
        let cost = try Support.squaredEuclidean(x, y, dimension: 3)
        let plan = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost, settings: SinkhornSettings(epsilon: 0.05))
        let eps = plan.epsilon
        #expect(eps == 0.05)
        var transport = 0.0, kl = 0.0
        for i in 0..<15 {
            for j in 0..<12 {
                let p = plan[i, j], q = a[i] * b[j]
                transport += cost[i, j] * p                                    // ⟨C, P⟩
                kl += (p > 0 ? p * Foundation.log(p / q) : 0) - p + q         // P log(P/Q) − P + Q
                #expect(abs(p - q * Foundation.exp((plan.sourcePotential[i] + plan.targetPotential[j] - cost[i, j]) / eps)) <= 1e-13 * q)
            }
        }
        #expect(abs(plan.cost - transport) <= 1e-12 * transport)
        #expect(abs(plan.regularizedCost - (transport + eps * kl)) <= 1e-10 * abs(transport + eps * kl))
        #expect(abs(plan.dualObjective - plan.regularizedCost) <= 1e-8)
    }

    @Test func costApproachesTheExactOptimumAsEpsilonShrinks() throws {
        let n = 25, m = 30
        let x = Support.uniformPoints(n, dimension: 2, seed: 11), y = Support.uniformPoints(m, dimension: 2, seed: 12)
        let a = Support.randomWeights(n, seed: 13), b = Support.randomWeights(m, seed: 14)
        let cost = try Support.squaredEuclidean(x, y, dimension: 2)
        let exact = try Support.exactTransport(a, b, cost).cost
        var previousGap = Double.infinity
        for eps in [1e-1, 1e-2, 1e-3] {
            let plan = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost,
                                          settings: SinkhornSettings(epsilon: eps, tolerance: 1e-10, maxIterations: 100_000))
            #expect(plan.status == .optimal)
            // ⟨C, Pε⟩ + ε KL(Pε‖abᵀ) ≤ OT + ε KL(P*‖abᵀ) ≤ OT + ε log(nm); a near-feasible plan may
            // undercut OT by at most max C × marginal error.
            let gap = plan.cost - exact
            #expect(gap <= eps * Foundation.log(Double(n * m)) + 1e-9)
            #expect(gap >= -2 * plan.marginalError)
            #expect(plan.regularizedCost >= exact - 1e-9)
            #expect(gap < previousGap)
            previousGap = gap
        }
        #expect(previousGap < 1e-3)
    }

    @Test func oneDimensionalPlanFollowsTheMonotoneMatching() throws {
        let n = 30
        let x = Support.uniformPoints(n, dimension: 1, seed: 21), y = Support.uniformPoints(n, dimension: 1, seed: 22).map { 2 * $0 + 1 }
        let a = [Double](repeating: 1.0 / Double(n), count: n)
        let cost = try Support.squaredEuclidean(x, y, dimension: 1)
        // Exact 1-D OT with equal weights: the i-th smallest x goes to the i-th smallest y.
        let xs = x.sorted(), ys = y.sorted()
        let exact = zip(xs, ys).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(n)
        let eps = 1e-2
        let plan = try Sinkhorn.solve(sourceWeights: a, targetWeights: a, cost: cost, settings: SinkhornSettings(epsilon: eps))
        #expect(plan.status == .optimal)
        #expect(plan.cost - exact <= eps * Foundation.log(Double(n * n)))
        #expect(plan.cost - exact >= -1e-8)
        // Each point's barycentre is within the entropic blur of its monotone partner (the
        // targets are 0.067 apart on average; the blur at ε = 0.01 is about 1.5 spacings).
        let mapped = try plan.barycentricMap(targets: y, dimension: 1)
        for i in 0..<n {
            let rank = xs.firstIndex(of: x[i])!
            #expect(abs(mapped[i] - ys[rank]) < 0.12)
        }
        // The barycentric map of a 1-D plan is non-decreasing.
        let order = (0..<n).sorted { x[$0] < x[$1] }
        for k in 1..<n { #expect(mapped[order[k]] >= mapped[order[k - 1]] - 1e-9) }
    }

    @Test func barycentricMapIsThePlansConditionalMean() throws {
        let y = Support.uniformPoints(7, dimension: 3, seed: 32)
        let a = Support.randomWeights(9, seed: 33), b = Support.randomWeights(7, seed: 34)
        let cost = try CostMatrix(rows: 9, columns: 7, values: Support.uniformPoints(63, dimension: 1, seed: 35))
        let plan = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost)
        let mapped = try plan.barycentricMap(targets: y, dimension: 3)
        for i in 0..<9 {
            for k in 0..<3 {
                let direct = (0..<7).reduce(0) { $0 + plan[i, $1] * y[$1 * 3 + k] } / a[i]   // Σⱼ Pᵢⱼ yⱼₖ / aᵢ
                #expect(abs(mapped[i * 3 + k] - direct) <= 1e-14)
            }
        }
        #expect(throws: TransportError.self) { _ = try plan.barycentricMap(targets: y, dimension: 2) }
    }

    @Test func zeroWeightsAreAllowedAndGetNoMass() throws {
        let a = [0.5, 0, 0.5], b = [0.25, 0.75]
        let cost = try CostMatrix(rows: 3, columns: 2, values: [0, 1, 2, 3, 1, 0])
        let plan = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost)
        #expect(plan.status == .optimal)
        #expect(plan[1, 0] == 0 && plan[1, 1] == 0)
        let mapped = try plan.barycentricMap(targets: [0, 1], dimension: 1)
        #expect(mapped[1].isNaN)
        #expect(mapped[0].isFinite && mapped[2].isFinite)
    }

    @Test func threadsDoNotChangeTheResult() throws {
        let x = Support.uniformPoints(50, dimension: 2, seed: 41), y = Support.uniformPoints(37, dimension: 2, seed: 42)
        let a = Support.randomWeights(50, seed: 43), b = Support.randomWeights(37, seed: 44)
        let cost = try Support.squaredEuclidean(x, y, dimension: 2)
        var settings = SinkhornSettings(epsilon: 2e-2)
        let one = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost, settings: settings)
        settings.threads = 3
        let three = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost, settings: settings)
        #expect(one.plan == three.plan)
        #expect(one.sourcePotential == three.sourcePotential && one.iterations == three.iterations)
    }

    @Test func epsilonScalingReachesThePlainSinkhornPlan() throws {
        let x = Support.uniformPoints(18, dimension: 2, seed: 61), y = Support.uniformPoints(22, dimension: 2, seed: 62)
        let a = Support.randomWeights(18, seed: 63), b = Support.randomWeights(22, seed: 64)
        let cost = try Support.squaredEuclidean(x, y, dimension: 2)
        let scaled = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost, settings: SinkhornSettings(epsilon: 5e-3))
        var settings = SinkhornSettings(epsilon: 5e-3)
        settings.initialEpsilon = 5e-3
        let plain = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost, settings: settings)
        #expect(scaled.status == .optimal && plain.status == .optimal)
        #expect(scaled.stages > 5 && plain.stages == 1)
        // The entropic optimum is unique: same plan, potentials equal up to (f + c, g − c).
        for k in 0..<(18 * 22) { #expect(abs(scaled.plan[k] - plain.plan[k]) <= 1e-8) }
        let shift = scaled.sourcePotential[0] - plain.sourcePotential[0]
        for i in 0..<18 { #expect(abs(scaled.sourcePotential[i] - plain.sourcePotential[i] - shift) <= 1e-8) }
        for j in 0..<22 { #expect(abs(scaled.targetPotential[j] - plain.targetPotential[j] + shift) <= 1e-8) }
    }

    @Test func overRelaxationReachesTheSamePlanInFewerIterations() throws {
        let x = Support.uniformPoints(25, dimension: 2, seed: 71), y = Support.uniformPoints(20, dimension: 2, seed: 72)
        let a = Support.randomWeights(25, seed: 73), b = Support.randomWeights(20, seed: 74)
        let cost = try Support.squaredEuclidean(x, y, dimension: 2)
        let plain = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost, settings: SinkhornSettings(epsilon: 2e-3))
        var settings = SinkhornSettings(epsilon: 2e-3)
        settings.overRelaxation = 1.8
        let relaxed = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost, settings: settings)
        #expect(plain.status == .optimal && relaxed.status == .optimal)
        #expect(relaxed.marginalError <= 1e-9)
        #expect(relaxed.iterations * 2 < plain.iterations)
        for k in 0..<(25 * 20) { #expect(abs(relaxed.plan[k] - plain.plan[k]) <= 1e-8) }
        settings.overRelaxation = 2
        #expect(throws: TransportError.self) { _ = try Sinkhorn.solve(sourceWeights: a, targetWeights: b, cost: cost, settings: settings) }
    }

    @Test func iterationLimitIsAStatus() throws {
        let x = Support.uniformPoints(20, dimension: 2, seed: 51)
        let a = [Double](repeating: 0.05, count: 20)
        let cost = try Support.squaredEuclidean(x, x.reversed(), dimension: 2)
        var settings = SinkhornSettings(epsilon: 1e-4, tolerance: 1e-12, maxIterations: 3)
        settings.initialEpsilon = 1e-4
        let plan = try Sinkhorn.solve(sourceWeights: a, targetWeights: a, cost: cost, settings: settings)
        #expect(plan.status == .iterationLimit)
        #expect(plan.iterations == 3)
        #expect(plan.marginalError > 1e-12)
    }

    @Test func badInputIsRejectedWithTheReason() throws {
        let cost = try CostMatrix(rows: 2, columns: 2, values: [0, 1, 1, 0])
        let ok = [0.5, 0.5]
        #expect(throws: TransportError.badWeight(side: "source", index: 1, value: -0.5)) {
            _ = try Sinkhorn.solve(sourceWeights: [1.5, -0.5], targetWeights: ok, cost: cost)
        }
        #expect(throws: TransportError.self) { _ = try Sinkhorn.solve(sourceWeights: ok, targetWeights: [.nan, 1], cost: cost) }
        #expect(throws: TransportError.unbalancedMass(source: 1, target: 1.1)) {
            _ = try Sinkhorn.solve(sourceWeights: ok, targetWeights: [0.5, 0.6], cost: cost)
        }
        #expect(throws: TransportError.zeroMass(side: "source")) {
            _ = try Sinkhorn.solve(sourceWeights: [0, 0], targetWeights: [0, 0], cost: cost)
        }
        #expect(throws: TransportError.emptyCloud(side: "source")) {
            _ = try Sinkhorn.solve(sourceWeights: [], targetWeights: ok, cost: try CostMatrix(rows: 0, columns: 2, values: []))
        }
        #expect(throws: TransportError.self) { _ = try Sinkhorn.solve(sourceWeights: [1.0 / 3, 1.0 / 3, 1.0 / 3], targetWeights: ok, cost: cost) }
        for bad in [0.0, -1, .nan, .infinity] {
            #expect(throws: TransportError.self) {
                _ = try Sinkhorn.solve(sourceWeights: ok, targetWeights: ok, cost: cost, settings: SinkhornSettings(epsilon: bad))
            }
        }
        var settings = SinkhornSettings()
        settings.scalingFactor = 1
        #expect(throws: TransportError.self) { _ = try Sinkhorn.solve(sourceWeights: ok, targetWeights: ok, cost: cost, settings: settings) }
        // Totals equal within 1e-9 relative pass.
        _ = try Sinkhorn.solve(sourceWeights: [0.5, 0.5 + 4e-10], targetWeights: ok, cost: cost)
    }
}
