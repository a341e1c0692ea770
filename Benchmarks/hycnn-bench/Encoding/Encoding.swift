import ArgumentParser
import ConvexNetworks
import Foundation
import GLPKBackend
import LinearProgramming
import Solvers
import SurrogateOptimization

/// Encode-and-solve time against network size: minimise a random convex HyCNN
/// over [−1, 1]^d exactly by the LP route and the MILP route, and approximately by gradient
/// descent, all on the same network.
struct Encoding: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exact LP and MILP encodings vs gradient descent: minimise a random convex HyCNN over [−1, 1]^d.",
        discussion: """
        Each grid point (width, depth, d) is a max-gate HyCNN with `depth` hidden layers of `width` units, \
        initialised by the moment-matching scheme with --seed and N(0, σ²) noise on the biases (--bias-noise); \
        V > 0, so it is certifiably convex. The problem is min f(x) over x ∈ [−1, 1]^d, with --constraint cap \
        (default) also aᵀx ≤ ½‖a‖₁ for a = −∇f(0)/‖∇f(0)‖ (half the box's extent along the descent direction \
        at the centre), which keeps the optimum off the corners and off the box-only minimiser.
        Methods on the same problem: (1) the LP route (epigraph encoding, GLPK primal simplex; dual simplex too \
        unless --no-dual; our interior point too unless --no-ipm, its optimum compared with GLPK's and its own \
        certificate and exactness verified), whose optimum is the exact global minimum, certified by the LP \
        certificate and the forward pass at x*; (2) the MILP route (compile(forceMixedInteger: true), interval big-M bounds, or \
        LP-tightened with --tighten; GLPK branch-and-cut with --time-limit), whose optimum must equal the LP's; \
        (3) first-order methods on x (--gradient-methods: projected normalised subgradient descent `pgd`, and `adam`, \
        an Adam step followed by the Euclidean projection) from --starts seeded uniform starts for --iterations steps, \
        reporting the best f at any iterate and its excess over the LP optimum, (f − f*)/max(1, |f*|).
        Default grid: widths 16,32,64,128 × depths 2,4,8 × d 10,50 (about four minutes on two cores; the MILPs \
        with 2,048 binaries take about a minute each). --full runs \
        widths 16,32,64,128,256 × depths 2,4,8,16 × d 2,10,50 (hours: many MILPs reach the time limit); \
        --widths/--depths/--dimensions replace one axis of either grid.
        Progress goes to stderr, the Markdown table to stdout, every row to --csv as it finishes.
        """)

    @Flag(help: "Run the full grid (widths 16…256, depths 2…16, d 2,10,50).")
    var full = false

    @Option(help: "Hidden widths, comma-separated (replaces the grid's widths).")
    var widths: String?

    @Option(help: "Hidden layer counts, comma-separated (replaces the grid's depths).")
    var depths: String?

    @Option(help: "Input dimensions, comma-separated (replaces the grid's dimensions).")
    var dimensions: String?

    @Option(help: "Seed of every network's initialisation, its bias noise and the gradient starts.")
    var seed: UInt64 = 1

    @Option(help: "Standard deviation of the noise added to every bias after initialisation.")
    var biasNoise = 0.1

    @Option(help: "Feasible set besides the box: cap or none.")
    var constraint = "cap"

    @Option(help: "Wall-clock limit of each MILP solve, seconds.")
    var timeLimit = 60.0

    @Option(help: "GLPK's integrality tolerance in branch-and-cut (GLPK's default 1e-5 lets big-M rows miss the verifier's 1e-6).")
    var integerTolerance = 1e-7

    @Option(help: "Wall-clock limit of each LP solve, seconds.")
    var lpTimeLimit = 600.0

    @Flag(inversion: .prefixedNo, help: "Also time GLPK's dual simplex on the LP.")
    var dual = true

    @Flag(inversion: .prefixedNo, help: "Also time our interior point (InteriorPointSolver) on the LP, as minimize runs it (no crossover).")
    var ipm = true

    @Flag(help: "Also time HiGHS's dual simplex and interior point on each LP (highspy, Benchmarks/peers/highs_lp.py; the LP written as MPS), the minimum of --highs-runs runs each; our interior point's time is then its minimum of as many runs.")
    var highs = false

    @Option(help: "Runs of each HiGHS method per LP, with --highs.")
    var highsRuns = 3

    @Option(help: "Python interpreter with highspy, for --highs (default: Benchmarks/.venv/bin/python, else python3).")
    var python: String?

    @Option(help: "Skip the MILP solve when the encoding has more binaries than this.")
    var milpMaxBinaries: Int?

    @Flag(help: "Tighten the MILP's big-M bounds by LP (two LPs per hidden unit; its time counts as MILP encode time).")
    var tighten = false

    @Option(help: "Gradient methods, comma-separated: pgd (projected normalised subgradient, η₀√d/√(t+1)) and/or adam (Adam step then projection, cosine-decayed rate); '' for none.")
    var gradientMethods = "pgd,adam"

    @Option(help: "Random starts of each gradient method.")
    var starts = 10

    @Option(help: "Iterations of each gradient method per start (each one forward and one backward pass).")
    var iterations = 1000

    @Option(help: "Learning rate of the gradient methods (Adam's initial rate; pgd's η₀ per √d).")
    var lr = 0.05

    @Option(help: "CSV of every row, written as each finishes.")
    var csv = "Benchmarks/results/encoding.csv"

    struct Plan {
        var widths: [Int], depths: [Int], dimensions: [Int]
        var constraint: EncodingInstance.Constraint
        var gradients: [GradientMinimizer]
        var methods: [GradientMinimizer.Method] { gradients.map(\.method) }
        var count: Int { widths.count * depths.count * dimensions.count }
    }

    func validate() throws {
        do { _ = try plan() } catch let error as BenchError { throw ValidationError(error.description) }
    }

    func run() throws {
        let plan = try plan()
        let log = ResultsLog(path: csv)
        try log.open(header: EncodingRun.csvHeader(methods: plan.methods))
        print(setupLine(plan))
        print("")
        var table = ResultTable(columns: EncodingRun.tableColumns(methods: plan.methods))
        var runs: [EncodingRun] = []
        let start = DispatchTime.now()
        for d in plan.dimensions {
            for depth in plan.depths {
                for width in plan.widths {
                    let instance = try EncodingInstance(width: width, depth: depth, dimension: d, seed: seed,
                                                        biasNoise: biasNoise, constraint: plan.constraint)
                    let label = "[\(runs.count + 1)/\(plan.count)] \(width)×\(depth) d=\(d) (\(instance.parameterCount) parameters)"
                    let run = try measure(instance, gradients: plan.gradients, label: label)
                    runs.append(run)
                    table.append(run.tableRow)
                    try log.append(run.csvRow)
                    Regression.standardError("\(label) done, elapsed \(Int(Self.seconds(since: start))) s\n")
                }
            }
        }
        print(table.markdown)
        print("")
        print(footnote(runs, plan: plan, totalSeconds: Self.seconds(since: start)))
        Regression.standardError("wrote \(log.path) (\(runs.count) rows)\n")
    }

    /// Runs the three methods on `instance`.
    func measure(_ instance: EncodingInstance, gradients: [GradientMinimizer], label: String) throws -> EncodingRun {
        func say(_ text: String) { Regression.standardError("\(label): \(text)\n") }
        let problem = try instance.problem()

        // (1) LP route.
        var clock = DispatchTime.now()
        let compiled = try problem.compile()
        let encodeSeconds = Self.seconds(since: clock)
        precondition(compiled.route == .lp, "a network with V > 0 must take the LP route")
        let program = compiled.program
        say("LP \(program.constraintCount)×\(program.variableCount) encoded in \(EncodingRun.seconds(encodeSeconds)) s; primal simplex…")
        let primal = SolverChoice.simplex.makeSolver(timeLimit: lpTimeLimit)
        clock = DispatchTime.now()
        let solution = try compiled.solve(using: primal)
        let solveSeconds = Self.seconds(since: clock)
        let optimal = solution.status == .optimal
        var lp = EncodingRun.LinearRoute(
            rows: program.constraintCount, columns: program.variableCount, nonzeros: program.nonzeroCount,
            encodeSeconds: encodeSeconds, status: solution.status, solverSeconds: solution.programSolution.seconds,
            solveSeconds: solveSeconds, objective: solution.objective, verified: optimal && solution.verified,
            exactnessGap: solution.surrogates.first?.exactnessGap ?? .nan,
            capSlack: optimal ? instance.capSlack(solution.x) : nil, point: optimal ? solution.x : [])
        say("LP \(solution.status.summary) \(EncodingRun.value(solution.objective)) in \(EncodingRun.seconds(lp.solverSeconds)) s"
            + (optimal ? ", verified: \(lp.verified)" : ""))
        if optimal, !lp.verified { say("LP not verified: " + Self.why(solution)) }
        if dual {
            let dualSolution = try SolverChoice.dualSimplex.makeSolver(timeLimit: lpTimeLimit).solve(program)
            lp.dualStatus = dualSolution.status
            lp.dualSeconds = dualSolution.seconds
            lp.dualObjective = dualSolution.objective
            say("dual simplex \(dualSolution.status.summary) \(EncodingRun.value(dualSolution.objective)) in \(EncodingRun.seconds(dualSolution.seconds)) s")
        }
        if ipm {
            let ipmSolution = try compiled.solve(using: SolverChoice.ipm.makeSolver(timeLimit: lpTimeLimit, crossover: false))
            lp.ipm = EncodingRun.InteriorPointResult(
                status: ipmSolution.status, seconds: ipmSolution.programSolution.seconds,
                iterations: ipmSolution.programSolution.iterations, objective: ipmSolution.objective,
                verified: ipmSolution.status == .optimal && ipmSolution.verified,
                exactnessGap: ipmSolution.surrogates.first?.exactnessGap ?? .nan)
            say("interior point \(ipmSolution.status.summary) \(EncodingRun.value(ipmSolution.objective)) in "
                + "\(EncodingRun.seconds(ipmSolution.programSolution.seconds)) s, verified: \(lp.ipm!.verified), "
                + "relative difference from GLPK \(EncodingRun.scientific(lp.ipmDifference))")
            if ipmSolution.status == .optimal, !ipmSolution.verified { say("interior point not verified: " + Self.why(ipmSolution)) }
            if highs, ipmSolution.status == .optimal {                         // the same minimum of runs as the peer's
                for _ in 1..<max(highsRuns, 1) {
                    let again = try SolverChoice.ipm.makeSolver(timeLimit: lpTimeLimit, crossover: false).solve(program)
                    lp.ipm!.seconds = min(lp.ipm!.seconds, again.seconds)
                }
            }
        }
        if highs {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-encoding-\(UUID().uuidString).mps").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try program.writeMPS(to: path)
            let (results, failure) = HighsLPPeer(peer: PythonPeer(python: python)).run(mps: path, repeats: highsRuns)
            if let failure { say("HiGHS peer skipped: \(failure) (pip install highspy; --python chooses the interpreter)") }
            for result in results where result.status.hasPrefix("Optimal") {
                if result.method == "highs-simplex" { lp.highsSimplexSeconds = result.minSeconds }
                if result.method == "highs-ipm" { lp.highsInteriorSeconds = result.minSeconds }
            }
            say("HiGHS simplex \(lp.highsSimplexSeconds.map(EncodingRun.seconds) ?? "–") s, interior point "
                + "\(lp.highsInteriorSeconds.map(EncodingRun.seconds) ?? "–") s")
        }

        // (2) MILP route.
        clock = DispatchTime.now()
        let mixed = try problem.compile(forceMixedInteger: true, tightening: tighten ? SolverChoice.simplex.makeSolver() : nil)
        let binaries = mixed.encodings.reduce(0) { $0 + $1.binaryCount }
        var milp = EncodingRun.MixedIntegerRoute(
            rows: mixed.program.constraintCount, columns: mixed.program.variableCount, binaries: binaries,
            encodeSeconds: Self.seconds(since: clock), status: nil, skipReason: nil, solverSeconds: .nan,
            objective: .nan, incumbent: .nan, reportedGap: nil, verified: false)
        if let limit = milpMaxBinaries, binaries > limit {
            milp.skipReason = "> \(limit) binaries"
            say("MILP with \(binaries) binaries skipped (--milp-max-binaries \(limit))")
        } else {
            say("MILP \(milp.rows)×\(milp.columns), \(binaries) binaries, encoded in \(EncodingRun.seconds(milp.encodeSeconds)) s; branch-and-cut…")
            var settings = GLPKSettings(method: .branchAndCut)
            settings.timeLimit = timeLimit
            settings.integerTolerance = integerTolerance
            let mixedSolution = try mixed.solve(using: GLPKSolver(settings: settings))
            let point = mixedSolution.programSolution.x
            milp.status = mixedSolution.status
            milp.solverSeconds = mixedSolution.programSolution.seconds
            milp.objective = mixedSolution.objective
            milp.incumbent = point.count == mixed.program.variableCount ? mixed.program.objectiveValue(point) : .nan
            milp.reportedGap = mixedSolution.programSolution.mipGap
            milp.verified = mixedSolution.status == .optimal && mixedSolution.verified
            say("MILP \(mixedSolution.status.summary) in \(EncodingRun.seconds(milp.solverSeconds)) s, incumbent \(EncodingRun.value(milp.incumbent))")
            if mixedSolution.status == .optimal, !milp.verified { say("MILP not verified: " + Self.why(mixedSolution)) }
        }

        // (3) Gradient baselines.
        var run = EncodingRun(width: instance.width, depth: instance.depth, dimension: instance.dimension, seed: instance.seed,
                              parameters: instance.parameterCount, lp: lp, milp: milp, gradients: [])
        for gradient in gradients {
            let result = gradient.minimize(instance)
            run.gradients.append((gradient.method, result))
            say("\(gradient.method.rawValue) best \(EncodingRun.value(result.best)) in \(EncodingRun.seconds(result.seconds)) s "
                + "(excess over the LP optimum \(EncodingRun.gap(run.excess(result.best))))")
        }
        return run
    }

    /// The parsed grid and gradient settings; throws for anything unusable.
    func plan() throws -> Plan {
        func list(_ text: String?, name: String, fallback: [Int]) throws -> [Int] {
            guard let text else { return fallback }
            return try ListOption.positiveIntegers(text, option: name, example: "16,32")
        }
        let grid: (widths: [Int], depths: [Int], dimensions: [Int]) = full
            ? ([16, 32, 64, 128, 256], [2, 4, 8, 16], [2, 10, 50])
            : ([16, 32, 64, 128], [2, 4, 8], [10, 50])
        guard let constraintKind = EncodingInstance.Constraint(rawValue: constraint) else {
            throw BenchError.badOption(name: "--constraint", value: constraint,
                                       reason: "expected " + EncodingInstance.Constraint.allCases.map(\.rawValue).joined(separator: " or "))
        }
        let methods = try ListOption.parse(
            gradientMethods, option: "--gradient-methods",
            expected: "one of " + GradientMinimizer.Method.allCases.map(\.rawValue).joined(separator: ", "),
            example: "pgd,adam", allowEmpty: true) { GradientMinimizer.Method(rawValue: $0) }
        guard biasNoise >= 0, biasNoise.isFinite else {
            throw BenchError.badOption(name: "--bias-noise", value: "\(biasNoise)", reason: "must be a finite number ≥ 0")
        }
        guard timeLimit > 0, timeLimit.isFinite else {
            throw BenchError.badOption(name: "--time-limit", value: "\(timeLimit)", reason: "must be a positive number of seconds")
        }
        guard integerTolerance > 0, integerTolerance < 0.5 else {
            throw BenchError.badOption(name: "--integer-tolerance", value: "\(integerTolerance)", reason: "must be in (0, 0.5)")
        }
        guard lpTimeLimit > 0, lpTimeLimit.isFinite else {
            throw BenchError.badOption(name: "--lp-time-limit", value: "\(lpTimeLimit)", reason: "must be a positive number of seconds")
        }
        if let milpMaxBinaries, milpMaxBinaries < 0 {
            throw BenchError.badOption(name: "--milp-max-binaries", value: "\(milpMaxBinaries)", reason: "must be ≥ 0")
        }
        guard starts > 0 else { throw BenchError.badOption(name: "--starts", value: "\(starts)", reason: "must be positive") }
        guard iterations >= 0 else { throw BenchError.badOption(name: "--iterations", value: "\(iterations)", reason: "must be ≥ 0") }
        guard lr > 0, lr.isFinite else { throw BenchError.badOption(name: "--lr", value: "\(lr)", reason: "must be a positive number") }
        return Plan(widths: try list(widths, name: "--widths", fallback: grid.widths),
                    depths: try list(depths, name: "--depths", fallback: grid.depths),
                    dimensions: try list(dimensions, name: "--dimensions", fallback: grid.dimensions),
                    constraint: constraintKind,
                    gradients: methods.map { GradientMinimizer(method: $0, starts: starts, iterations: iterations, learningRate: lr, seed: seed) })
    }

    private func setupLine(_ plan: Plan) -> String {
        let feasible = plan.constraint == .cap ? "[−1, 1]^d ∩ {aᵀx ≤ ½‖a‖₁}, a = −∇f(0)/‖∇f(0)‖" : "[−1, 1]^d"
        return "Encoding: min f(x) over \(feasible); f = max-gate HyCNN, moment-matching init with seed \(seed), "
            + "bias noise σ = \(biasNoise). LP: GLPK primal simplex\(dual ? " (and dual simplex)" : "")"
            + "\(ipm ? ", our interior point" : ""), limit \(lpTimeLimit) s; "
            + "MILP: GLPK branch-and-cut, \(tighten ? "LP-tightened" : "interval") big-M, limit \(timeLimit) s; "
            + "gradient: \(plan.methods.map(\.rawValue).joined(separator: " and ")), \(starts) starts × \(iterations) iterations, "
            + "lr \(lr), 1 BLAS thread."
    }

    private func footnote(_ runs: [EncodingRun], plan: Plan, totalSeconds: Double) -> String {
        let capped = runs.compactMap(\.capActive)
        var lines = [
            "encode s: building the LP (compile); LP s / dual s / MILP s: GLPK's own time; IPM s: our interior point's "
            + "(presolve to postsolve); IPM Δ: |IPM optimum − GLPK optimum| / |GLPK optimum|, and whether the IPM's own "
            + "LP certificate and exactness verified; verified: the LP certificate "
            + "re-checked and f(x*) by the forward pass equal to the LP value (relative 1e-7); MILP objective: the proven "
            + "optimum (it must equal the LP's), or at the time limit the incumbent's excess over the LP optimum; "
            + "<method> s / best / gap: time, best f at any iterate of any start, and (best − LP optimum) / max(1, |LP optimum|)."
            + (highs ? " HiGHS simplex s / IPM s: highspy's `run()` alone on the LP read from MPS (dual simplex; interior point "
                + "with its default crossover), min of \(highsRuns) runs, threads as HiGHS chooses; IPM s then the min of as "
                + "many runs of ours; IPM / HiGHS best: our interior point's time over the faster of the two." : ""),
        ]
        if plan.constraint == .cap, !capped.isEmpty {
            lines.append("The cap binds at the LP optimum in \(capped.filter { $0 }.count) of \(capped.count) rows.")
        }
        let ratios = runs.compactMap(\.lp.ipmOverHighs)
        if !ratios.isEmpty {
            let ours = runs.compactMap { $0.lp.ipmOverHighs == nil ? nil : $0.lp.ipm?.seconds }.reduce(0, +)
            let theirs = runs.compactMap { run in run.lp.ipmOverHighs.map { run.lp.ipm!.seconds / $0 } }.reduce(0, +)
            lines.append(String(format: "Against HiGHS's best: our interior point %.2f s, HiGHS %.2f s in total; at most 0.5× on %d of %d LPs, "
                                + "at most 1× on %d.", ours, theirs, ratios.filter { $0 <= 0.5 }.count, ratios.count,
                                ratios.filter { $0 <= 1 }.count))
        }
        lines.append(String(format: "Total time %.0f s.", totalSeconds))
        return lines.joined(separator: "\n")
    }

    /// The failed checks of an unverified solution, in words.
    static func why(_ solution: SurrogateSolution) -> String {
        var reasons = solution.certificate.failures
        for s in solution.surrogates where !s.exact {
            reasons.append("surrogate \(s.name): f(x*) = \(s.value) but the program has \(s.epigraph) (relative gap \(s.exactnessGap))")
        }
        return reasons.joined(separator: "; ")
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
