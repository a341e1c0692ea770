import Foundation
import GLPKBackend
import LinearProgramming
import TestSupport
import Testing
@testable import InteriorPoint

/// Our interior point against known answers and against GLPK's simplex; every answer is checked
/// by the independent `verify`.
@Suite struct InteriorPointSolverTests {
    static let ipm = InteriorPointSolver()
    static let glpk = GLPKSolver(method: .primalSimplex)

    static func expectOptimal(_ model: LinearProgram, _ objective: Double, using solver: InteriorPointSolver = ipm) throws -> Solution {
        let solution = try solver.solve(model)
        #expect(solution.status == .optimal, "\(model.name): \(solution.status)")
        #expect(abs(solution.objective - objective) <= 1e-7 * (1 + abs(objective)), "\(model.name): \(solution.objective) vs \(objective)")
        let report = verify(solution, for: model)
        #expect(report.verified, "\(model.name): \(report.failures)")
        return solution
    }

    @Test func textbookProblemsHaveTheirKnownOptima() throws {
        // max 3x₁ + 5x₂, x₁ ≤ 4, 2x₂ ≤ 12, 3x₁ + 2x₂ ≤ 18: 36 at (2, 6), duals (0, 1.5, 1).
        var wyndor = LinearProgram(name: "wyndor", sense: .maximize)
        let x1 = wyndor.addVariable("x1", cost: 3), x2 = wyndor.addVariable("x2", cost: 5)
        wyndor.addConstraint("plant1", [(x1, 1)], .lessOrEqual, 4)
        wyndor.addConstraint("plant2", [(x2, 2)], .lessOrEqual, 12)
        wyndor.addConstraint("plant3", [(x1, 3), (x2, 2)], .lessOrEqual, 18)
        for presolve in [true, false] {
            var settings = InteriorPointSettings()
            settings.presolve = presolve
            let solution = try Self.expectOptimal(wyndor, 36, using: InteriorPointSolver(settings: settings))
            #expect(abs(solution.x[0] - 2) < 1e-6 && abs(solution.x[1] - 6) < 1e-6)
            for (dual, expected) in zip(solution.rowDuals, [0, 1.5, 1]) { #expect(abs(dual - expected) < 1e-6) }
        }

        // min −x − y + 2, 1 ≤ x + 2y ≤ 4 (ranged), 0 ≤ x ≤ 3, y ≥ 0: −1.5 at (3, 0.5).
        var ranged = LinearProgram(name: "ranged", objectiveConstant: 2)
        let x = ranged.addVariable("x", upper: 3, cost: -1), y = ranged.addVariable("y", cost: -1)
        ranged.addConstraint("range", [(x, 1), (y, 2)], lower: 1, upper: 4)
        _ = try Self.expectOptimal(ranged, -1.5)

        // min x with x, y free, x − y ≥ −2, x + y ≥ 0: −1 at (−1, 1).
        var free = LinearProgram(name: "free")
        let u = free.addVariable("u", lower: -.infinity, cost: 1), v = free.addVariable("v", lower: -.infinity)
        free.addConstraint("a", [(u, 1), (v, -1)], .greaterOrEqual, -2)
        free.addConstraint("b", [(u, 1), (v, 1)], .greaterOrEqual, 0)
        _ = try Self.expectOptimal(free, -1)

        // A problem without rows: min Σ cⱼxⱼ over a box.
        var box = LinearProgram(name: "box")
        box.addVariable("p", lower: -1, upper: 2, cost: 1)
        box.addVariable("q", lower: -1, upper: 2, cost: -3)
        box.addVariable("fixed", lower: 5, upper: 5, cost: 1)
        _ = try Self.expectOptimal(box, -1 - 6 + 5)
    }

    @Test func randomProgramsAgreeWithGLPK() throws {
        for seed in UInt64(0)..<60 {
            let model = PresolveTestPrograms.random(seed: seed)
            let reference = try Self.glpk.solve(model)
            try #require(reference.status == .optimal, "seed \(seed): GLPK \(reference.status)")
            for presolve in [true, false] {
                var settings = InteriorPointSettings()
                settings.presolve = presolve
                let solution = try InteriorPointSolver(settings: settings).solve(model)
                #expect(solution.status == .optimal, "seed \(seed), presolve \(presolve): \(solution.status)")
                #expect(abs(solution.objective - reference.objective) <= 1e-7 * (1 + abs(reference.objective)),
                        "seed \(seed), presolve \(presolve): \(solution.objective) vs GLPK \(reference.objective)")
                let report = verify(solution, for: model)
                #expect(report.verified, "seed \(seed), presolve \(presolve): \(report.failures)")
            }
        }
    }

    /// Dense random LPs with a planted optimum: feasible when `kind` is .feasible, with a row
    /// contradicting the others when .infeasible, with an open improving direction when .unbounded.
    enum Kind: CaseIterable { case feasible, infeasible, unbounded }

    static func planted(_ kind: Kind, seed: UInt64) -> LinearProgram {
        var g = SplitMix64(seed: seed &* 7919 &+ 13)
        let n = Int.random(in: 4...12, using: &g), m = Int.random(in: 3...10, using: &g)
        var model = LinearProgram(name: "\(kind)-\(seed)")
        let x0 = (0..<n).map { _ in Double.random(in: 0...2, using: &g) }
        for j in 0..<n {
            let upper = kind == .unbounded ? Double.infinity : x0[j] + Double.random(in: 0.5...3, using: &g)
            model.addVariable("x\(j)", upper: upper, cost: Double.random(in: -1...1, using: &g))
        }
        for i in 0..<m {
            let terms = (0..<n).map { ($0, Double.random(in: -1...1, using: &g)) }
            let activity = terms.reduce(0) { $0 + $1.1 * x0[$1.0] }
            model.addConstraint("r\(i)", terms, lower: activity - Double.random(in: 0...1, using: &g),
                                upper: activity + Double.random(in: 0...1, using: &g))
        }
        switch kind {
        case .feasible:
            break
        case .infeasible:                                   // Σ x ≥ Σ upper + 1
            let total = model.variables.reduce(0) { $0 + $1.upper }
            model.addConstraint("impossible", (0..<n).map { ($0, 1) }, .greaterOrEqual, total + 1)
        case .unbounded:                                    // a fresh column in no row, cost −1
            model.addVariable("open", cost: -1)
        }
        return model
    }

    @Test func feasibleInfeasibleAndUnboundedProgramsAgreeWithGLPK() throws {
        for kind in Kind.allCases {
            for seed in UInt64(0)..<15 {
                let model = Self.planted(kind, seed: seed)
                let reference = try Self.glpk.solve(model)
                let solution = try Self.ipm.solve(model)
                #expect(solution.status == reference.status, "\(model.name): ipm \(solution.status), GLPK \(reference.status)")
                let report = verify(solution, for: model)
                #expect(report.verified, "\(model.name): \(report.failures)")
                switch kind {
                case .feasible:
                    #expect(abs(solution.objective - reference.objective) <= 1e-7 * (1 + abs(reference.objective)))
                case .infeasible:
                    #expect(solution.farkasRay != nil && solution.objective.isNaN)
                case .unbounded:
                    #expect(solution.improvingRay != nil && solution.objective.isNaN)
                }
            }
        }
    }

    @Test func infeasibleThroughBoundsAndUnboundedThroughFreeColumnsCarryRays() throws {
        var bounds = LinearProgram(name: "infeasible-bounds", sense: .maximize)
        let x = bounds.addVariable("x", upper: 1, cost: 1), y = bounds.addVariable("y", upper: 1, cost: 1)
        bounds.addConstraint("needsThree", [(x, 1), (y, 1)], .greaterOrEqual, 3)
        let infeasible = try Self.ipm.solve(bounds)
        #expect(infeasible.status == .primalInfeasible)
        #expect(verify(infeasible, for: bounds).verified)

        var open = LinearProgram(name: "unbounded-free")
        let u = open.addVariable("u", lower: -.infinity, cost: 1), v = open.addVariable("v", cost: -2)
        open.addConstraint("link", [(u, 1), (v, -1)], .greaterOrEqual, -5)
        let unbounded = try Self.ipm.solve(open)
        #expect(unbounded.status == .dualInfeasible)
        #expect(verify(unbounded, for: open).verified)
    }

    @Test func badInputIsAnErrorNamingTheProblem() throws {
        #expect(throws: LinearProgrammingError.emptyModel) { try Self.ipm.solve(LinearProgram()) }

        var nan = LinearProgram(name: "nan")
        let x = nan.addVariable("x", cost: 1)
        nan.addConstraint("row", [(x, .nan)], .lessOrEqual, 1)
        #expect(throws: LinearProgrammingError.self) { try Self.ipm.solve(nan) }

        var crossed = LinearProgram(name: "crossed")
        crossed.addVariable("x", lower: 2, upper: 1)
        #expect(throws: LinearProgrammingError.self) { try Self.ipm.solve(crossed) }

        var integer = LinearProgram(name: "integer")
        integer.addVariable("k", upper: 3, kind: .integer, cost: 1)
        #expect(throws: LinearProgrammingError.integerColumnsInLPSolver(count: 1)) { try Self.ipm.solve(integer) }

        var settings = InteriorPointSettings()
        settings.feasibilityTolerance = -1
        #expect(throws: InteriorPointError.self) { try InteriorPointSolver(settings: settings).solve(crossed) }
    }

    @Test func iterationAndTimeLimitsAreHonoured() throws {
        let model = Self.planted(.feasible, seed: 3)
        var settings = InteriorPointSettings()
        settings.maxIterations = 2
        let limited = try InteriorPointSolver(settings: settings).solve(model)
        #expect(limited.status == .iterationLimit)
        #expect(limited.iterations == 2)
        #expect(limited.objective.isNaN)
        #expect(limited.x.count == model.variableCount)

        settings = InteriorPointSettings()
        settings.timeLimit = 1e-9
        let timed = try InteriorPointSolver(settings: settings).solve(model)
        #expect(timed.status == .timeLimit)
    }

    @Test func verboseLogHasOneLinePerIteration() throws {
        let lines = LogLines()
        var settings = InteriorPointSettings()
        settings.logger = { lines.append($0) }
        let solution = try InteriorPointSolver(settings: settings).solve(Self.planted(.feasible, seed: 1))
        let iterationLines = lines.all.filter { $0.range(of: #"^\s*\d+\s+-?\d"#, options: .regularExpression) != nil }
        #expect(iterationLines.count == solution.iterations + 1)
        #expect(lines.all.contains { $0.contains("pinf") && $0.contains("gap") && $0.contains("mu") })
    }

    @Test func verboseLogSaysWhereTheTimeWent() throws {
        let lines = LogLines()
        var settings = InteriorPointSettings()
        settings.logger = { lines.append($0) }
        let solution = try InteriorPointSolver(settings: settings).solve(Self.planted(.feasible, seed: 2))
        #expect(solution.status == .optimal)
        func seconds(_ prefix: String) -> [Double] {
            lines.all.filter { $0.hasPrefix(prefix) }.flatMap { line in
                line.matches(of: /(\d+\.\d+) s/).map { Double($0.1)! }
            }
        }
        let presolve = seconds("presolve:"), setup = seconds("set-up:"), iterations = seconds("iterations:")
        let verification = seconds("reduced costs and verification")
        try #require(presolve.count == 1 && setup.count == 3 && iterations.count == 4 && !verification.isEmpty)
        #expect(abs(setup[0] - setup[1] - setup[2]) <= 2e-4)                         // set-up = form and scaling + analysis
        #expect(abs(iterations[0] - iterations[1] - iterations[2] - iterations[3]) <= 2e-4)
        let phases = presolve[0] + setup[0] + iterations[0] + verification.reduce(0, +)
        #expect(phases <= solution.seconds + 1e-3)                                   // the phases fit in the solve
    }
}

/// A thread-safe list of log lines.
final class LogLines: @unchecked Sendable {
    private var lines: [String] = []
    private let lock = NSLock()
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
