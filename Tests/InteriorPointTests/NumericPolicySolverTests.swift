import GLPKBackend
import InteriorPoint
import LinearProgramming
import TestSupport
import Testing

/// The numeric policy and the integer rule through every solver: GLPK's primal and dual
/// simplex, GLPK's interior point, GLPK's branch-and-cut and our interior point.
@Suite struct NumericPolicySolverTests {
    /// Every solver with a time limit where it has one (GLPK's primal simplex can loop on
    /// extreme data; the limit turns that into a status).
    static let lpSolvers: [any LPSolver] = [
        glpk(.primalSimplex), glpk(.dualSimplex), glpk(.interiorPoint), InteriorPointSolver(settings: ipmSettings()),
    ]
    static let mipSolver: any LPSolver = glpk(.branchAndCut)

    static func glpk(_ method: GLPKSettings.Method) -> GLPKSolver {
        var settings = GLPKSettings(method: method)
        if method != .interiorPoint { settings.timeLimit = 5 }
        return GLPKSolver(settings: settings)
    }

    static func ipmSettings() -> InteriorPointSettings {
        var settings = InteriorPointSettings()
        settings.timeLimit = 5
        return settings
    }

    /// min x − y, x + y = 5, x ∈ [−10, 10], y ∈ [−1e20, 1e20]: y is free, the optimum −25.
    static func bigBoundModel(integer: Bool) -> LinearProgram {
        var lp = LinearProgram(name: "big-bound")
        let x = lp.addVariable("x", lower: -10, upper: 10, kind: integer ? .integer : .continuous, cost: 1)
        let y = lp.addVariable("y", lower: -1e20, upper: 1e20, cost: -1)
        lp.addConstraint("sum", [(x, 1), (y, 1)], .equal, 5)
        return lp
    }

    @Test func boundsOf1e20AreInfiniteForBranchAndCut() throws {
        let model = Self.bigBoundModel(integer: true)
        let prepared = try model.preparedForSolver(.mixedInteger)
        let solution = try Self.mipSolver.solve(model)
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective - -25) < 1e-9, "\(solution.objective)")
        #expect(verify(solution, for: prepared.program).verified)
    }

    @Test(arguments: 0..<4)
    func boundsOf1e20AreInfiniteForEveryLPSolver(solver index: Int) throws {
        let model = Self.bigBoundModel(integer: false)
        let solver = Self.lpSolvers[index]
        let solution = try solver.solve(model)
        #expect(solution.status == .optimal, "\(solver.name)")
        #expect(abs(solution.objective - -25) < 1e-6, "\(solver.name): \(solution.objective)")
        #expect(verify(solution, for: try model.preparedForSolver(.linearOnly).program).verified, "\(solver.name)")
    }

    @Test(arguments: 0..<4)
    func everyLPSolverRefusesIntegerColumns(solver index: Int) throws {
        let solver = Self.lpSolvers[index]
        #expect(throws: LinearProgrammingError.integerColumnsInLPSolver(count: 1), "\(solver.name)") {
            try solver.solve(Self.bigBoundModel(integer: true))
        }
        // The relaxation, asked for explicitly, is solved: its optimum is the same −25 here.
        let relaxed = try solver.solve(Self.bigBoundModel(integer: true).linearRelaxation())
        #expect(relaxed.status == .optimal, "\(solver.name)")
    }

    @Test(arguments: 0..<5)
    func everySolverRefusesWhatThePolicyRefuses(solver index: Int) throws {
        let solver = index < 4 ? Self.lpSolvers[index] : Self.mipSolver
        var huge = Self.bigBoundModel(integer: false)
        huge.constraints[0].coefficients[1] = 1e300
        #expect(throws: LinearProgrammingError.self, "\(solver.name)") { try solver.solve(huge) }
        var cost = Self.bigBoundModel(integer: false)
        cost.variables[0].cost = -1e16
        #expect(throws: LinearProgrammingError.self, "\(solver.name)") { try solver.solve(cost) }
    }

    /// A seeded family of small models with extreme numbers (1e-300 beside 1e300, subnormals,
    /// bounds near 1e20, costs of 1e16, …) through every solver: each either is refused by the
    /// policy (the same error from every solver) or ends with a status, and GLPK never aborts
    /// the process (it used to, on several of these). Our interior point calls a point optimal
    /// only when `verify` accepts it; most GLPK optima verify as well.
    @Test func extremeModelsNeverAbortAndAreRefusedOrAnswered() throws {
        var refused = 0, answered = 0, verified = 0, optimal = 0
        for seed in 0..<300 {
            let mip = ExtremeModels.model(seed: UInt64(seed))
            let cases: [(model: LinearProgram, scope: SolverScope, solvers: [any LPSolver])] = [
                (mip.linearRelaxation(), .linearOnly, Self.lpSolvers), (mip, .mixedInteger, [Self.mipSolver]),
            ]
            for (model, scope, solvers) in cases {
                let prepared: PreparedProgram
                do {
                    prepared = try model.preparedForSolver(scope)
                } catch let error as LinearProgrammingError {
                    refused += 1
                    for solver in solvers {
                        #expect(throws: error, "seed \(seed), \(solver.name)") { try solver.solve(model) }
                    }
                    continue
                }
                for solver in solvers {
                    let solution = try solver.solve(model)
                    let report = verify(solution, for: prepared.program)
                    answered += 1
                    guard solution.status == .optimal else { continue }
                    optimal += 1
                    if report.verified { verified += 1 }
                    if solver.name == "ipm" { #expect(report.verified, "seed \(seed): \(report.failures)") }
                }
            }
        }
        #expect(refused > 50 && answered > 600, "refused \(refused), answered \(answered)")
        #expect(Double(verified) >= 0.95 * Double(optimal), "verified \(verified) of \(optimal) optima")
    }
}

/// Small models with extreme numbers, the same for the same seed: 2–6 columns (the even ones
/// integer), 1–4 rows, ordinary values mixed with values from 1e-300 to 1.7e308 and subnormals.
enum ExtremeModels {
    static let extremes: [Double] = [
        4.9e-324, 1e-310, 2.2e-308, 1e-300, 1e-200, 1e-20, 1e-12, 1e-9, 1e-7, 1e7, 1e12, 1e15, 1e16,
        1e19, 9.99e19, 1e20, 1e21, 1e25, 1e100, 1e250, 1e300, 1.7976931348623157e308,
    ]

    static func model(seed: UInt64) -> LinearProgram {
        var random = SplitMix64(seed: seed &* 0x9e37_79b9_7f4a_7c15 &+ 1)
        func ordinary() -> Double { Double(Int(random.next() % 9)) - 4 }
        func value(extremeChance: Double) -> Double {
            guard random.nextUniform() < extremeChance else { return ordinary() }
            let x = extremes[Int(random.next() % UInt64(extremes.count))]
            return random.nextUniform() < 0.5 ? -x : x
        }
        var lp = LinearProgram(name: "extreme-\(seed)", objectiveConstant: random.nextUniform() < 0.1 ? value(extremeChance: 1) : 0)
        let n = 2 + Int(random.next() % 5), m = 1 + Int(random.next() % 4)
        for j in 0..<n {
            let a = abs(value(extremeChance: 0.15)), b = abs(value(extremeChance: 0.15))
            let (lower, upper): (Double, Double) = switch random.next() % 4 {
                case 0: (-a, b)
                case 1: (-.infinity, .infinity)
                case 2: (0, b)
                default: (-10, 10)
            }
            lp.addVariable("x\(j)", lower: lower, upper: upper, kind: j % 2 == 0 ? .integer : .continuous,
                           cost: value(extremeChance: 0.05))
        }
        for i in 0..<m {
            var terms: [(variable: Int, coefficient: Double)] = []
            for j in 0..<n where random.nextUniform() < 0.7 {
                let a = value(extremeChance: 0.06)
                if a != 0 { terms.append((j, a)) }
            }
            let side = value(extremeChance: 0.1)
            switch random.next() % 3 {
            case 0: lp.addConstraint("r\(i)", terms, .equal, side)
            case 1: lp.addConstraint("r\(i)", terms, .lessOrEqual, abs(side))
            default: lp.addConstraint("r\(i)", terms, lower: -abs(side), upper: abs(side) + 1)
            }
        }
        return lp
    }
}
