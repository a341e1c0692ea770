import ConvexNetworks
import DataFiles
import GLPKBackend
import LinearProgramming
import Testing
@testable import Transport

/// Capacitated, partial and unbalanced transport through the LP layer.
@Suite struct AllocationTests {
    static let glpk = GLPKSolver(settings: GLPKSettings(method: .primalSimplex))

    static func randomCost(_ n: Int, _ m: Int, seed: UInt64) throws -> CostMatrix {
        var random = SeededGenerator(seed: seed)
        return try CostMatrix(rows: n, columns: m, values: (0..<(n * m)).map { _ in random.nextUniform() * 10 })
    }

    @Test func capacitatedAllocationByHand() throws {
        // Two plants (capacity 5 and 4) serve three customers (demand 3, 3, 2); plant 1 may not serve customer 3.
        let cost = try CostMatrix(rows: 2, columns: 3, values: [1, 2, 9,
                                                                 3, 1, 1])
        let problem = try CapacitatedAllocation(capacities: [5, 4], demands: [3, 3, 2], cost: cost,
                                                forbidden: [(source: 0, target: 2)])
        let result = try problem.solve(using: Self.glpk)
        #expect(result.plan.status == .optimal)
        #expect(result.certificate.verified, "\(result.certificate.failures)")
        // Plant 2 has 4 units: customer 3 (2 units, only from plant 2) and 2 of customer 2 at cost 1; the rest from plant 1.
        // cost = 3·1 (c11) + 1·2 (c12) + 2·1 (c22) + 2·1 (c23) = 9
        #expect(abs(result.plan.cost - 9) <= 1e-9)
        let dense = result.plan.dense(rows: 2, columns: 3)
        #expect(dense == [3, 1, 0, 0, 2, 2])
        #expect(result.certificate.kind == .linearProgram && result.certificate.lpReport?.verified == true)
    }

    @Test func capacitatedAllocationInfeasibleHasAVerifiedFarkasRay() throws {
        let cost = try Self.randomCost(3, 4, seed: 1)
        let problem = try CapacitatedAllocation(capacities: [1, 1, 1], demands: [1, 1, 1, 1], cost: cost)
        let result = try problem.solve(using: Self.glpk)
        #expect(result.plan.status == .primalInfeasible)
        #expect(result.plan.cost.isNaN)
        #expect(result.certificate.lpReport?.kind == .farkasRay)
        #expect(result.certificate.verified, "\(result.certificate.failures)")
    }

    @Test func forbiddenPairsCanMakeItInfeasible() throws {
        let cost = try Self.randomCost(2, 2, seed: 2)
        let problem = try CapacitatedAllocation(capacities: [5, 5], demands: [1, 1], cost: cost,
                                                forbidden: [(source: 0, target: 1), (source: 1, target: 1)])
        #expect(try problem.solve(using: Self.glpk).plan.status == .primalInfeasible)
    }

    @Test func ampleCapacitiesGiveTheBalancedOptimumWhenTight() throws {
        // Capacities equal to masses with equal totals: the balanced problem.
        let balanced = try TransportInstances.clouds(n: 12, m: 9, dimension: 2, seed: 3)
        let problem = try CapacitatedAllocation(capacities: balanced.sourceWeights, demands: balanced.targetWeights, cost: balanced.cost)
        let result = try problem.solve(using: Self.glpk)
        let exact = try NetworkSimplex().solve(balanced)
        #expect(result.certificate.verified, "\(result.certificate.failures)")
        #expect(abs(result.plan.cost - exact.cost) <= 1e-9 * exact.cost)
    }

    @Test func partialTransportOfAllTheMassIsBalancedTransport() throws {
        let balanced = try TransportInstances.clouds(n: 10, m: 14, dimension: 3, seed: 4)
        let partial = try PartialTransport(sourceWeights: balanced.sourceWeights, targetWeights: balanced.targetWeights,
                                           cost: balanced.cost, mass: balanced.totalMass)
        let result = try partial.solve(using: Self.glpk)
        #expect(result.certificate.verified, "\(result.certificate.failures)")
        let exact = try NetworkSimplex().solve(balanced)
        #expect(abs(result.plan.cost - exact.cost) <= 1e-9 * exact.cost)
    }

    @Test func partialTransportMovesTheCheapestMass() throws {
        // One source unit, two target units: moving 0.5 uses only the cheaper target.
        let cost = try CostMatrix(rows: 2, columns: 2, values: [4, 1,
                                                                 2, 3])
        let partial = try PartialTransport(sourceWeights: [1, 1], targetWeights: [1, 1], cost: cost, mass: 1.5)
        let result = try partial.solve(using: Self.glpk)
        #expect(result.certificate.verified, "\(result.certificate.failures)")
        // Cheapest 1.5 units: 1 unit on (1, 2) at cost 1, 0.5 on (2, 1) at cost 2: 2.
        #expect(abs(result.plan.cost - 2) <= 1e-9)
        let moved = result.plan.entries.reduce(0) { $0 + $1.mass }
        #expect(abs(moved - 1.5) <= 1e-12)
        #expect(throws: TransportError.massOutOfRange(requested: 3, available: 2)) {
            _ = try PartialTransport(sourceWeights: [1, 1], targetWeights: [1, 1], cost: cost, mass: 3)
        }
        #expect(throws: TransportError.self) {
            _ = try PartialTransport(sourceWeights: [1, 1], targetWeights: [1, 1], cost: cost, mass: 0)
        }
    }

    @Test func unbalancedTransportShipsWhatIsWorthIt() throws {
        let cost = try CostMatrix(rows: 2, columns: 2, values: [1, 5,
                                                                 5, 3])
        // λ_d + λ_c = 2.5: only the pair of cost 1 ships, min(a₁, b₁) = 1 unit; the rest is destroyed or created.
        let problem = try UnbalancedTransport(sourceWeights: [2, 1], targetWeights: [1, 2], cost: cost,
                                              destructionPenalty: 1, creationPenalty: 1.5)
        let result = try problem.solve(using: Self.glpk)
        #expect(result.certificate.verified, "\(result.certificate.failures)")
        #expect(result.plan.dense(rows: 2, columns: 2) == [1, 0, 0, 0])
        // 1·1 shipped + destroyed (1 + 1)·1 + created (0 + 2)·1.5 = 1 + 2 + 3 = 6
        #expect(abs(result.plan.cost - 6) <= 1e-9)
        #expect(abs(result.certificate.recomputedCost - 6) <= 1e-9)
    }

    @Test func unbalancedTransportWithLargePenaltiesIsBalanced() throws {
        let balanced = try TransportInstances.clouds(n: 8, m: 11, dimension: 2, seed: 5)
        let big = 10 * balanced.cost.maxAbsoluteValue
        let problem = try UnbalancedTransport(sourceWeights: balanced.sourceWeights, targetWeights: balanced.targetWeights,
                                              cost: balanced.cost, destructionPenalty: big, creationPenalty: big)
        let result = try problem.solve(using: Self.glpk)
        #expect(result.certificate.verified, "\(result.certificate.failures)")
        let exact = try NetworkSimplex().solve(balanced)
        #expect(abs(result.plan.cost - exact.cost) <= 1e-9 * exact.cost)
        let zero = try UnbalancedTransport(sourceWeights: balanced.sourceWeights, targetWeights: balanced.targetWeights,
                                           cost: balanced.cost, destructionPenalty: 0, creationPenalty: 0)
        let nothing = try zero.solve(using: Self.glpk)
        #expect(nothing.plan.cost == 0)
    }

    @Test func tamperedLPPlansAreCaught() throws {
        let cost = try Self.randomCost(4, 5, seed: 6)
        let problem = try CapacitatedAllocation(capacities: [2, 2, 2, 2], demands: [1, 1, 1, 1, 1], cost: cost)
        let result = try problem.solve(using: Self.glpk)
        #expect(result.certificate.verified)
        // Recompute the certificate from a plan whose cost was misreported.
        let model = problem.model()
        var solution = try Self.glpk.solve(model.program)
        solution.objective += 1
        let plan = model.plan(from: solution, method: "tampered")
        let marginals = AllocationModel.marginals(of: plan, rows: 4, columns: 5)
        let certificate = AllocationModel.certificate(plan: plan, solution: solution, model: model,
                                                      marginalError: abs(marginals.columns[0] - 1) / 5,
                                                      recomputedCost: plan.transportCost(cost), totalMass: 5,
                                                      costScale: cost.maxAbsoluteValue, tolerances: .init())
        #expect(!certificate.verified)
        #expect(certificate.failures.contains { $0.contains("reported cost") })
    }

    @Test func badAllocationInputIsNamed() throws {
        let cost = try Self.randomCost(2, 2, seed: 7)
        #expect(throws: TransportError.badWeight(side: "capacity", index: 1, value: -1)) {
            _ = try CapacitatedAllocation(capacities: [1, -1], demands: [1, 1], cost: cost)
        }
        #expect(throws: TransportError.pairOutOfRange(source: 2, target: 0, sources: 2, targets: 2)) {
            _ = try CapacitatedAllocation(capacities: [1, 1], demands: [1, 1], cost: cost, forbidden: [(source: 2, target: 0)])
        }
        #expect(throws: TransportError.shapeMismatch(what: "demand values", expected: "2", actual: "3")) {
            _ = try CapacitatedAllocation(capacities: [1, 1], demands: [1, 1, 1], cost: cost)
        }
        #expect(throws: TransportError.invalidSetting(name: "creationPenalty", reason: "must be a finite number ≥ 0, got -1.0")) {
            _ = try UnbalancedTransport(sourceWeights: [1, 1], targetWeights: [1, 1], cost: cost, destructionPenalty: 1, creationPenalty: -1)
        }
        #expect(throws: TransportError.badWeight(side: "source", index: 0, value: .infinity)) {
            _ = try PartialTransport(sourceWeights: [.infinity, 1], targetWeights: [1, 1], cost: cost, mass: 1)
        }
    }
}
