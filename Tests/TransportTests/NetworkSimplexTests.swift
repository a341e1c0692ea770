import ConvexNetworks
import DataFiles
import GLPKBackend
import LinearProgramming
import Testing
@testable import Transport

/// The network simplex against GLPK's simplex on the same LP, with every certificate checked.
@Suite struct NetworkSimplexTests {
    static let glpk = GLPKSolver(settings: GLPKSettings(method: .primalSimplex))

    /// Solves both ways and checks agreement and both certificates; returns the exact plan.
    @discardableResult
    static func crossCheck(_ problem: TransportProblem, _ label: String) throws -> TransportPlan {
        let exact = try NetworkSimplex().solve(problem)
        #expect(exact.status == .optimal, "\(label)")
        let certificate = TransportCertificate.check(exact, for: problem)
        #expect(certificate.verified, "\(label): \(certificate.failures)")
        #expect(exact.entries.count <= problem.sourceCount + problem.targetCount - 1, "\(label)")
        let lp = try problem.solve(using: glpk)
        #expect(lp.plan.status == .optimal, "\(label)")
        #expect(lp.certificate.verified, "\(label): \(lp.certificate.failures)")
        let scale = max(abs(lp.plan.cost), problem.cost.maxAbsoluteValue * problem.totalMass * 1e-12)
        #expect(abs(exact.cost - lp.plan.cost) <= 1e-9 * scale, "\(label): exact \(exact.cost) vs GLPK \(lp.plan.cost)")
        return exact
    }

    @Test(arguments: [(2, 1 as UInt64), (2, 2), (5, 3), (5, 4), (1, 5)])
    func squareRandomWeights(dimension: Int, seed: UInt64) throws {
        try Self.crossCheck(try TransportInstances.clouds(n: 30, m: 30, dimension: dimension, seed: seed), "square d=\(dimension) seed \(seed)")
    }

    @Test(arguments: [10 as UInt64, 11, 12])
    func squareUniformWeightsIsAPermutation(seed: UInt64) throws {
        let problem = try TransportInstances.clouds(n: 40, m: 40, dimension: 2, seed: seed, uniform: true)
        let plan = try Self.crossCheck(problem, "uniform seed \(seed)")
        // Uniform masses on a square problem: an optimal vertex is a permutation (Birkhoff).
        let moving = plan.entries.filter { $0.mass > 1e-12 }
        #expect(moving.count == 40)
        #expect(Set(moving.map(\.source)).count == 40 && Set(moving.map(\.target)).count == 40)
    }

    @Test(arguments: [(7, 23, 20 as UInt64), (23, 7, 21), (1, 9, 22), (9, 1, 23), (1, 1, 24), (60, 45, 25)])
    func rectangular(n: Int, m: Int, seed: UInt64) throws {
        try Self.crossCheck(try TransportInstances.clouds(n: n, m: m, dimension: 3, seed: seed), "\(n)×\(m)")
    }

    @Test func zeroWeightsOnBothSides() throws {
        let problem = try TransportInstances.clouds(n: 20, m: 25, dimension: 2, seed: 30,
                                                    sourceZeros: [0, 7, 19], targetZeros: [3, 4, 24])
        let plan = try Self.crossCheck(problem, "zero weights")
        #expect(!plan.entries.contains { [0, 7, 19].contains($0.source) || [3, 4, 24].contains($0.target) })
        #expect(plan.sourcePotentials.allSatisfy(\.isFinite) && plan.targetPotentials.allSatisfy(\.isFinite))
    }

    @Test(arguments: [(12, 12, 1, 40 as UInt64), (15, 10, 2, 41), (20, 30, 3, 42), (8, 8, 0, 43)])
    func integerCostsWithTies(n: Int, m: Int, maxCost: Int, seed: UInt64) throws {
        let problem = try TransportInstances.integer(n: n, m: m, maxCost: maxCost, seed: seed)
        let plan = try Self.crossCheck(problem, "integer \(n)×\(m) costs ≤ \(maxCost)")
        #expect(plan.cost == plan.cost.rounded(), "integer data give an integer optimum, got \(plan.cost)")
    }

    /// Costs with a large constant offset, and negative costs: the optimum shifts by the offset
    /// times the mass, and the artificial arcs must still leave the tree.
    @Test(arguments: [1000.0, -1000.0, 0.5])
    func offsetAndNegativeCosts(offset: Double) throws {
        let base = try TransportInstances.integer(n: 9, m: 11, maxCost: 3, seed: 44)
        let shifted = try TransportProblem(sourceWeights: base.sourceWeights, targetWeights: base.targetWeights,
                                           cost: CostMatrix(rows: 9, columns: 11, values: base.cost.values.map { $0 + offset }))
        let plan = try Self.crossCheck(shifted, "offset \(offset)")
        let reference = try NetworkSimplex().solve(base)
        #expect(abs(plan.cost - (reference.cost + offset * base.totalMass)) <= 1e-9 * abs(plan.cost))
        let constant = try TransportProblem(sourceWeights: base.sourceWeights, targetWeights: base.targetWeights,
                                            cost: CostMatrix(rows: 9, columns: 11, values: [Double](repeating: offset, count: 99)))
        try Self.crossCheck(constant, "constant \(offset)")
    }

    /// In 1-D with a convex cost the sorted (monotone) coupling is optimal: its cost is the
    /// north-west-corner rule on the sorted points, computed here in closed form.
    @Test(arguments: [50 as UInt64, 51, 52])
    func oneDimensionalMonotonePlan(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let n = 37, m = 23
        let x = (0..<n).map { _ in random.nextNormal() }, y = (0..<m).map { _ in 2 * random.nextUniform() }
        let a = TransportInstances.weights(n, random: &random), b = TransportInstances.weights(m, random: &random)
        let problem = try TransportProblem(source: PointCloud(coordinates: x, dimension: 1, weights: a),
                                           target: PointCloud(coordinates: y, dimension: 1, weights: b))
        let plan = try NetworkSimplex().solve(problem)
        #expect(TransportCertificate.check(plan, for: problem).verified)

        // North-west corner on the sorted points: the quantile coupling.
        let xs = x.indices.sorted { x[$0] < x[$1] }, ys = y.indices.sorted { y[$0] < y[$1] }
        var i = 0, j = 0, left = a[xs[0]], right = b[ys[0]], cost = 0.0
        while i < n && j < m {
            let moved = min(left, right)
            cost += moved * (x[xs[i]] - y[ys[j]]) * (x[xs[i]] - y[ys[j]])
            left -= moved; right -= moved
            if left <= 1e-15 { i += 1; if i < n { left = a[xs[i]] } }
            if right <= 1e-15 { j += 1; if j < m { right = b[ys[j]] } }
        }
        #expect(abs(plan.cost - cost) <= 1e-9 * cost, "network simplex \(plan.cost) vs monotone \(cost)")
        // And the plan itself is monotone: no two entries cross.
        for e in plan.entries where e.mass > 1e-12 {
            for f in plan.entries where f.mass > 1e-12 && x[e.source] < x[f.source] {
                #expect(y[e.target] <= y[f.target] + 1e-12)
            }
        }
    }

    @Test func uniformOneDimensionalPlanIsTheSortedMatching() throws {
        var random = SeededGenerator(seed: 60)
        let n = 50
        let x = (0..<n).map { _ in random.nextNormal() }, y = (0..<n).map { _ in random.nextNormal() + 1 }
        let problem = try TransportProblem(source: PointCloud(coordinates: x, dimension: 1),
                                           target: PointCloud(coordinates: y, dimension: 1))
        let plan = try NetworkSimplex().solve(problem)
        let xs = x.indices.sorted { x[$0] < x[$1] }, ys = y.indices.sorted { y[$0] < y[$1] }
        var expected = [Int](repeating: -1, count: n)
        for k in 0..<n { expected[xs[k]] = ys[k] }
        let moving = plan.entries.filter { $0.mass > 1e-12 }
        #expect(moving.count == n)
        for e in moving { #expect(e.target == expected[e.source]) }
    }

    /// Many small seeded instances of random shape: Gaussian clouds in d = 1…4 with random or
    /// uniform weights and zeros, and degenerate integer instances.
    @Test func manySmallRandomInstances() throws {
        var random = SeededGenerator(seed: 99)
        for trial in 0..<60 {
            let n = 1 + random.nextIndex(below: 25), m = 1 + random.nextIndex(below: 25)
            let problem: TransportProblem
            switch trial % 3 {
            case 0:
                problem = try TransportInstances.integer(n: n, m: m, maxCost: 1 + random.nextIndex(below: 5), seed: UInt64(trial))
            case 1:
                let zerosA = n > 1 ? [random.nextIndex(below: n)] : [], zerosB = m > 1 ? [random.nextIndex(below: m)] : []
                problem = try TransportInstances.clouds(n: n, m: m, dimension: 1 + trial % 4, seed: UInt64(trial),
                                                        sourceZeros: zerosA, targetZeros: zerosB)
            default:
                problem = try TransportInstances.clouds(n: n, m: m, dimension: 1 + trial % 4, seed: UInt64(trial), uniform: true)
            }
            try Self.crossCheck(problem, "trial \(trial) (\(n)×\(m))")
        }
    }

    @Test func wrongPotentialsAreCaught() throws {
        let problem = try TransportInstances.clouds(n: 15, m: 12, dimension: 2, seed: 70)
        let plan = try NetworkSimplex().solve(problem)
        #expect(TransportCertificate.check(plan, for: problem).verified)

        var raised = plan
        raised.sourcePotentials[3] += 1e-3 * problem.cost.maxAbsoluteValue      // breaks u + v ≤ c on row 3
        let up = TransportCertificate.check(raised, for: problem)
        #expect(!up.verified)
        #expect(up.maxDualViolation > 1e-4)

        var lowered = plan
        lowered.sourcePotentials[3] -= 1e-3 * problem.cost.maxAbsoluteValue     // feasible but not optimal: a gap
        let down = TransportCertificate.check(lowered, for: problem)
        #expect(!down.verified)
        #expect(down.maxDualViolation == 0 && down.gap > 1e-9)

        var moved = plan                                                       // a plan that misses its marginals
        moved.entries[0].mass *= 1.5
        #expect(!TransportCertificate.check(moved, for: problem).verified)

        var negative = plan                                                    // negative mass
        negative.entries.append(TransportPlan.Entry(source: 0, target: 0, mass: -1e-3))
        negative.entries.append(TransportPlan.Entry(source: 0, target: 0, mass: 1e-3))
        let sign = TransportCertificate.check(negative, for: problem)
        #expect(!sign.verified && sign.negativeMass > 0)

        var misreported = plan
        misreported.cost *= 1.01
        #expect(!TransportCertificate.check(misreported, for: problem).verified)
    }

    @Test func iterationLimitIsAStatusNotACertificate() throws {
        let problem = try TransportInstances.clouds(n: 30, m: 30, dimension: 2, seed: 80)
        var settings = NetworkSimplexSettings()
        settings.iterationLimit = 5
        let plan = try NetworkSimplex(settings: settings).solve(problem)
        #expect(plan.status == .iterationLimit)
        #expect(plan.iterations == 5)
        #expect(plan.cost.isNaN)
        #expect(!TransportCertificate.check(plan, for: problem).verified)
    }

    @Test func blockSizeDoesNotChangeTheOptimum() throws {
        let problem = try TransportInstances.clouds(n: 40, m: 35, dimension: 2, seed: 90)
        let reference = try NetworkSimplex().solve(problem).cost
        for block in [1, 7, 10_000] {
            var settings = NetworkSimplexSettings()
            settings.blockSize = block
            settings.refreshInterval = 3
            let plan = try NetworkSimplex(settings: settings).solve(problem)
            #expect(TransportCertificate.check(plan, for: problem).verified)
            #expect(abs(plan.cost - reference) <= 1e-12 * reference)
        }
    }

    @Test func badSettingsAreNamed() throws {
        let problem = try TransportInstances.clouds(n: 3, m: 3, dimension: 1, seed: 1)
        var settings = NetworkSimplexSettings()
        settings.blockSize = 0
        #expect(throws: TransportError.invalidSetting(name: "blockSize", reason: "must be at least 1, got 0")) {
            _ = try NetworkSimplex(settings: settings).solve(problem)
        }
        settings = NetworkSimplexSettings()
        settings.timeLimit = -1
        #expect(throws: TransportError.self) { _ = try NetworkSimplex(settings: settings).solve(problem) }
    }
}
