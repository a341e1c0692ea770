import Foundation
import GLPKBackend
import InteriorPoint
import LinearProgramming
import Solvers
import TestSupport
import Testing

/// Our interior point followed by the crossover (``SolverChoice/ipm``'s default): the answer is
/// basic (no more columns strictly between their bounds than rows), optimal, verified and
/// equal to GLPK's simplex objective, on seeded random LPs, a transport LP and Netlib problems;
/// a crossover that fails keeps the interior answer with a note.
@Suite struct CrossoverTests {
    static let glpk = GLPKSolver(method: .primalSimplex)

    /// The columns of `x` strictly between their bounds in `model`.
    static func interiorColumns(_ x: [Double], of model: LinearProgram) -> Int {
        zip(x, model.variables).count { value, variable in value > variable.lower && value < variable.upper }
    }

    /// Solves `model` through ipm with crossover and checks the answer against GLPK's simplex.
    static func expectBasicOptimum(_ model: LinearProgram, tolerance: Double = 1e-9) throws {
        let reference = try glpk.solve(model)
        try #require(reference.status == .optimal, "\(model.name): GLPK \(reference.status)")
        let solution = try SolverChoice.ipm.makeSolver().solve(model)
        #expect(solution.status == .optimal, "\(model.name): \(solution.status)")
        #expect(solution.diagnosis == nil, "\(model.name): \(solution.diagnosis ?? "")")
        #expect(solution.solver == "ipm")
        let report = verify(solution, for: model)
        #expect(report.verified, "\(model.name): \(report.failures)")
        #expect(abs(solution.objective - reference.objective) <= tolerance * max(1, abs(reference.objective)),
                "\(model.name): \(solution.objective) vs GLPK \(reference.objective)")
        let inside = interiorColumns(solution.x, of: model)
        #expect(inside <= model.constraintCount, "\(model.name): \(inside) columns inside their bounds, \(model.constraintCount) rows")
    }

    enum Shape: String, CaseIterable { case tall, wide, degenerate }

    /// A seeded sparse LP with a planted feasible point x0 and finite column bounds: tall (more
    /// rows than columns, ranged inequalities), wide (few equality rows, many columns) or
    /// degenerate (half of x0 at its lower bound, every row tight at x0, costs from {−1, 0, 1}).
    static func random(_ shape: Shape, seed: UInt64) -> LinearProgram {
        var g = SplitMix64(seed: seed &* 104_729 &+ 7)
        let n: Int, m: Int
        switch shape {
        case .tall: n = Int.random(in: 6...15, using: &g); m = n + Int.random(in: 5...20, using: &g)
        case .wide: m = Int.random(in: 4...12, using: &g); n = m * Int.random(in: 3...6, using: &g)
        case .degenerate: n = Int.random(in: 8...20, using: &g); m = Int.random(in: n / 2...n, using: &g)
        }
        var model = LinearProgram(name: "\(shape)-\(seed)", sense: seed % 2 == 0 ? .minimize : .maximize)
        let x0 = (0..<n).map { j in shape == .degenerate && j % 2 == 0 ? 0 : Double.random(in: 0.1...2, using: &g) }
        for j in 0..<n {
            let cost = shape == .degenerate ? Double(Int.random(in: -1...1, using: &g)) : Double.random(in: -1...1, using: &g)
            model.addVariable("x\(j)", lower: 0, upper: x0[j] + Double.random(in: 0.5...3, using: &g), cost: cost)
        }
        for i in 0..<m {
            var terms = (0..<n).filter { _ in Double.random(in: 0...1, using: &g) < 0.4 }.map { ($0, Double.random(in: -2...2, using: &g)) }
            if terms.isEmpty { terms = [(i % n, 1)] }
            let activity = terms.reduce(0) { $0 + $1.1 * x0[$1.0] }
            switch shape {
            case .tall:
                model.addConstraint("r\(i)", terms, lower: activity - Double.random(in: 0...1, using: &g),
                                    upper: activity + Double.random(in: 0...1, using: &g))
            case .wide:
                model.addConstraint("r\(i)", terms, .equal, activity)
            case .degenerate:
                model.addConstraint("r\(i)", terms, i % 2 == 0 ? .lessOrEqual : .greaterOrEqual, activity)
            }
        }
        return model
    }

    @Test(arguments: Shape.allCases)
    func randomProgramsEndAtAVertexWithGLPKsObjective(_ shape: Shape) throws {
        for seed in UInt64(0)..<12 { try Self.expectBasicOptimum(Self.random(shape, seed: seed)) }
    }

    /// The balanced transport LP between `sources` and `targets` seeded random masses and costs.
    static func transport(sources: Int, targets: Int, seed: UInt64) -> LinearProgram {
        var g = SplitMix64(seed: seed)
        var model = LinearProgram(name: "transport-\(sources)x\(targets)")
        let supply = (0..<sources).map { _ in Double.random(in: 1...3, using: &g) }
        var demand = (0..<targets).map { _ in Double.random(in: 1...3, using: &g) }
        let scale = supply.reduce(0, +) / demand.reduce(0, +)
        demand = demand.map { $0 * scale }
        for i in 0..<sources {
            for j in 0..<targets { model.addVariable("p\(i)_\(j)", cost: Double.random(in: 0...10, using: &g)) }
        }
        for i in 0..<sources { model.addConstraint("s\(i)", (0..<targets).map { (i * targets + $0, 1) }, .equal, supply[i]) }
        for j in 0..<targets { model.addConstraint("t\(j)", (0..<sources).map { ($0 * targets + j, 1) }, .equal, demand[j]) }
        return model
    }

    @Test func aTransportPlanHasAtMostNPlusMMinusOneEntries() throws {
        for seed in UInt64(1)...4 {
            let model = Self.transport(sources: 14, targets: 11, seed: seed)
            try Self.expectBasicOptimum(model)
            let solution = try SolverChoice.ipm.makeSolver().solve(model)
            #expect(solution.x.count { $0 != 0 } <= 14 + 11 - 1, "seed \(seed)")
            let interior = try SolverChoice.ipm.makeSolver(crossover: false).solve(model)
            #expect(interior.x.count { $0 != 0 } > 14 + 11 - 1, "seed \(seed): the interior answer is not basic")
        }
    }

    /// An LP with a planted optimum: basic columns strictly inside [0, 10], every other column at
    /// 0 with a positive reduced cost, dense equality rows; with `cap`, one more row aᵀx ≤ aᵀx*
    /// active at the optimum with a zero dual (a degenerate vertex: one candidate fewer than rows).
    static func nondegenerate(rows m: Int, seed: UInt64, cap: Bool = false) -> (model: LinearProgram, x: [Double]) {
        var g = SplitMix64(seed: seed)
        let n = 3 * m
        let a = (0..<m).map { _ in (0..<n).map { _ in Double.random(in: -1...1, using: &g) } }
        let x = (0..<n).map { j in j < m ? Double.random(in: 1...2, using: &g) : 0 }
        let y = (0..<m).map { _ in Double.random(in: -1...1, using: &g) }
        var model = LinearProgram(name: "nondegenerate-\(seed)")
        for j in 0..<n {
            let aty = (0..<m).reduce(0) { $0 + a[$1][j] * y[$1] }
            model.addVariable("x\(j)", lower: 0, upper: 10, cost: aty + (j < m ? 0 : Double.random(in: 0.5...1, using: &g)))  // c = Aᵀy + d
        }
        for i in 0..<m {
            model.addConstraint("r\(i)", (0..<n).map { ($0, a[i][$0]) }, .equal, (0..<n).reduce(0) { $0 + a[i][$1] * x[$1] })
        }
        if cap {
            let row = (0..<n).map { _ in Double.random(in: -1...1, using: &g) }
            model.addConstraint("cap", (0..<n).map { ($0, row[$0]) }, .lessOrEqual, (0..<n).reduce(0) { $0 + row[$1] * x[$1] })
        }
        return (model, x)
    }

    /// There the interior point's candidates are exactly the optimal basis: the crossover takes
    /// them as its starting basis and needs no simplex pivot.
    @Test func aNondegenerateOptimumNeedsNoPivot() throws {
        for seed in UInt64(1)...4 {
            let (model, planted) = Self.nondegenerate(rows: 12, seed: seed)
            let interior = try InteriorPointSolver().solve(model)
            try #require(interior.status == .optimal)
            let vertex = try GLPKCrossover().vertex(from: interior, of: model)
            #expect(vertex.status == .optimal && vertex.iterations == 0, "seed \(seed): \(vertex.status), \(vertex.iterations) pivots")
            #expect(verify(vertex, for: model).verified)
            #expect(zip(vertex.x, planted).allSatisfy { abs($0 - $1) <= 1e-9 }, "seed \(seed)")
        }
    }

    /// Our interior point on `model`, then `GLPKCrossover` from its answer with its log kept.
    static func loggedCrossover(_ model: LinearProgram) throws -> (vertex: Solution, log: LogText) {
        let interior = try InteriorPointSolver().solve(model)
        try #require(interior.status == .optimal)
        let log = LogText()
        var settings = GLPKSettings()
        settings.logger = { log.append($0) }
        return (try GLPKCrossover(settings: settings).vertex(from: interior, of: model), log)
    }

    /// The exchanges the pushes made, read from the crossover's log.
    static func exchanges(in log: String) -> Int? {
        guard let range = log.range(of: #"pushes, (\d+) exchanges"#, options: .regularExpression) else { return nil }
        return Int(log[range].split(separator: " ")[1])
    }

    /// One candidate fewer than rows: on dense rows the triangular crash takes one candidate of
    /// twelve; the others block the dual pushes of the slacks (their d must stay 0) and enter in
    /// their place, which gives the optimal basis with the cap's slack basic at its bound: at
    /// most one simplex pivot (for a rounding-sized infeasibility).
    @Test func candidatesTheCrashLeftOutEnterByPushes() throws {
        for seed in UInt64(1)...4 {
            let (model, planted) = Self.nondegenerate(rows: 12, seed: seed, cap: true)
            let (vertex, log) = try Self.loggedCrossover(model)
            #expect(log.text.contains("12 of 36 columns strictly inside their bounds, 1 of them in the starting basis"), "\(log.text)")
            #expect((Self.exchanges(in: log.text) ?? 0) >= 11, "seed \(seed): \(log.text)")
            #expect(vertex.status == .optimal && vertex.iterations <= 1, "seed \(seed): \(vertex.status), \(vertex.iterations) pivots")
            #expect(verify(vertex, for: model).verified)
            #expect(zip(vertex.x, planted).allSatisfy { abs($0 - $1) <= 1e-9 }, "seed \(seed)")
        }
    }

    /// A transport LP with uniform masses: its optimal plan is a permutation, n entries for 2n
    /// rows, so n − 1 basic variables must sit on a bound — a degenerate vertex, where the
    /// simplex alone takes 2.4–2.8·n pivots. The dual pushes move the slacks of the starting
    /// basis out for columns on a bound, and the simplex has nothing left.
    @Test func aDegenerateTransportVertexIsReachedByPushes() throws {
        for seed in UInt64(1)...3 {
            var g = SplitMix64(seed: seed)
            let n = 16
            var model = LinearProgram(name: "permutation-\(seed)")
            for i in 0..<n { for j in 0..<n { model.addVariable("p\(i)_\(j)", cost: Double.random(in: 0...10, using: &g)) } }
            for i in 0..<n { model.addConstraint("s\(i)", (0..<n).map { (i * n + $0, 1) }, .equal, 1) }
            for j in 0..<n { model.addConstraint("t\(j)", (0..<n).map { ($0 * n + j, 1) }, .equal, 1) }
            let (vertex, log) = try Self.loggedCrossover(model)
            #expect((Self.exchanges(in: log.text) ?? 0) > 0, "seed \(seed): \(log.text)")
            #expect(!log.text.contains("left to the simplex"), "seed \(seed): \(log.text)")
            #expect(vertex.status == .optimal && verify(vertex, for: model).verified, "seed \(seed)")
            #expect(vertex.iterations == 0, "seed \(seed): \(vertex.iterations) pivots")
            #expect(vertex.x.count { $0 != 0 } == n, "seed \(seed): a permutation")
        }
    }

    /// Degenerate random LPs (half the planted point on a bound, every row tight): the pushes
    /// leave the simplex at most a few pivots, far fewer than it takes from the crash alone.
    @Test func pushesLeaveTheSimplexLittleOnDegenerateLPs() throws {
        var pivots = 0, rows = 0
        for seed in UInt64(0)..<12 {
            let model = Self.random(.degenerate, seed: seed)
            let (vertex, _) = try Self.loggedCrossover(model)
            #expect(vertex.status == .optimal && verify(vertex, for: model).verified, "seed \(seed)")
            pivots += vertex.iterations
            rows += model.constraintCount
        }
        #expect(pivots <= rows / 10, "\(pivots) simplex pivots over \(rows) rows")
    }

    @Test func aFailedCrossoverKeepsTheInteriorAnswerWithANote() throws {
        let model = Self.transport(sources: 6, targets: 5, seed: 9)
        let interior = try InteriorPointSolver().solve(model)
        let kept = try CrossoverSolver(interior: InteriorPointSolver(), timeLimit: 1e-9).solve(model)  // the crossover has no time left
        #expect(kept.status == interior.status && kept.x == interior.x && kept.rowDuals == interior.rowDuals)
        #expect(kept.diagnosis?.contains("crossover to a vertex failed") == true, "\(kept.diagnosis ?? "no note")")
        #expect(verify(kept, for: model).verified)
    }

    @Test(.enabled(if: NetlibReference.directory != nil, Comment(rawValue: NetlibReference.absence)),
          arguments: ["afiro", "sc50a", "adlittle", "blend", "share2b", "stocfor1"])
    func netlibProblemsEndAtAVertex(_ name: String) throws {
        let entry = try #require(try NetlibReference.entries().first { $0.name == name })
        let model = try NetlibReference.program(entry)
        let solution = try SolverChoice.ipm.makeSolver().solve(model)
        #expect(solution.status == .optimal && solution.diagnosis == nil, "\(name): \(solution.status) \(solution.diagnosis ?? "")")
        #expect(verify(solution, for: model).verified)
        #expect(entry.relativeError(solution.objective) <= 1e-9, "\(name): \(solution.objective) vs \(entry.objective)")
        #expect(Self.interiorColumns(solution.x, of: model) <= model.constraintCount)
    }
}

/// A thread-safe log collector.
final class LogText: @unchecked Sendable {
    private var lines = ""
    private let lock = NSLock()
    func append(_ line: String) { lock.lock(); lines += line; lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines }
}
