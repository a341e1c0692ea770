import ArgumentParser
import Foundation
import InteriorPoint
import LinearProgramming
import Solvers
import SurrogateOptimization

/// Our interior point's time on one surrogate LP, solved repeatedly with and without its
/// crossover: the encoding benchmark's instance (a random max-gate HyCNN minimised over
/// [−1, 1]^d under the descent cap), compiled by SurrogateOptimization and prepared exactly as
/// `hycnn minimize` prepares it; with `--highs`, HiGHS's times on the same LP beside ours.
struct SurrogateLPBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surrogate-lp",
        abstract: "Time our interior point (and HiGHS with --highs) on the surrogate LP of a max-gate HyCNN (min/median of several solves).",
        discussion: """
        The instance is the encoding benchmark's (seeded initialisation, N(0, --bias-noise²) bias noise, \
        [−1, 1]^d with the descent cap). Each run solves the compiled LP cold with a fresh solver; the \
        table gives the solver's own seconds (Solution.seconds), iterations and the objective, verified. \
        Each run solves with the crossover to a vertex (the default) and then without it ("without crossover:" lines); \
        --no-crossover leaves out the solves with it (to profile the interior point alone). \
        --write-mps writes the LP for a peer solver. --highs writes it (to --write-mps, else a temporary file) and \
        runs Benchmarks/peers/highs_lp.py on it (highspy: its dual simplex and its interior point with its default \
        crossover, --runs times each, `run()` timed alone), then prints ours (wall-clock of `solve`, which also \
        counts the crossover's check of its vertex) and HiGHS's min and median times with the ratios to HiGHS's \
        best method; without highspy that part is skipped with a note. \
        --mps times the LP of a free-format MPS file instead — the dispatch demo's, written by \
        `hycnn minimize Problems/dispatch/dispatch.json --write-mps FILE` — in the same way, in one process.
        """)

    @Option(help: "Hidden widths of the HyCNN, WIDTHxDEPTH.") var model = "48x4"
    @Option(help: "Input dimension d.") var dimension = 50
    @Option(help: "Seed of the network.") var seed: UInt64 = 1
    @Option(help: "Standard deviation of the noise added to every bias.") var biasNoise = 0.1
    @Option(help: "Solves to time.") var runs = 7
    @Option(help: "Time the LP of this free-format MPS file instead of building one (--model, --dimension, --seed and --bias-noise then do not apply).")
    var mps: String?
    @Option(help: "Write the compiled LP as free MPS to this path.") var writeMPS: String?
    @Flag(inversion: .prefixedNo, help: "Also time each run with the crossover to a vertex (before the run without it).")
    var crossover = true
    @Flag(help: "Print the interior point's log of the last solve (caches warm, as the timed minimum) to standard error.") var log = false
    @Option(help: "Normal equations of our interior point: \(CholeskyChoice.allCases.map(\.rawValue).joined(separator: ", ")) (InteriorPointSettings.cholesky).")
    var cholesky = CholeskyChoice.automatic
    @Flag(help: "Also time HiGHS's dual simplex and interior point on the same LP (needs highspy) and compare.") var highs = false
    @Option(help: "Python interpreter with highspy, for --highs (default: Benchmarks/.venv/bin/python, else python3).") var python: String?

    func run() throws {
        let parts = model.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ $0 > 0 }), runs >= 1, dimension >= 1 else {
            throw BenchError.badOption(name: "--model", value: model, reason: "must be WIDTHxDEPTH with positive integers; --runs and --dimension positive")
        }
        let program: LinearProgram
        if let mps {
            guard model == "48x4", dimension == 50, seed == 1, biasNoise == 0.1 else {
                throw BenchError.badOption(name: "--mps", value: mps, reason: "times the file's LP: --model, --dimension, --seed and --bias-noise do not apply")
            }
            program = try LinearProgram(mpsFile: mps, format: .free)
            print("\(mps): LP of \(program.constraintCount) rows, \(program.variableCount) columns, \(program.nonzeroCount) nonzeros")
        } else {
            let instance = try EncodingInstance(width: parts[0], depth: parts[1], dimension: dimension, seed: seed,
                                                biasNoise: biasNoise, constraint: .cap)
            program = try instance.problem().compile().program.preparedForSolver(.linearOnly).program
            print("HyCNN \(model) max gate, d = \(dimension): LP of \(program.constraintCount) rows, "
                  + "\(program.variableCount) columns, \(program.nonzeroCount) nonzeros")
        }
        if let writeMPS { try program.writeMPS(to: writeMPS) }
        // Each run solves with the crossover (the default; not with --no-crossover) and then without it.
        var withCrossover = SurrogateLPTimings(label: "ours, interior point + crossover")
        var interior = SurrogateLPTimings(label: "ours, interior point without crossover")
        for run in 0..<runs {
            let logger: (@Sendable (String) -> Void)? = log && run == runs - 1 ? Self.printError : nil
            if crossover {
                let (solution, wall) = try Self.timed { try CrossoverSolver(interior: interiorPoint(logger: logger), logger: logger).solve(program) }
                print(Self.summary(solution, of: program))
                withCrossover.append(solution, wallSeconds: wall)
            }
            let (interiorSolution, interiorWall) = try Self.timed { try interiorPoint(logger: crossover ? nil : logger).solve(program) }
            print("without crossover: " + Self.summary(interiorSolution, of: program))
            interior.append(interiorSolution, wallSeconds: interiorWall)
        }
        if crossover {
            print(String(format: "interior point: min %.5f s, median %.5f s over %d runs", withCrossover.min, withCrossover.median, runs))
        }
        print(String(format: "interior point without crossover: min %.5f s, median %.5f s over %d runs", interior.min, interior.median, runs))
        print(crossover
              ? String(format: "wall-clock of solve: min %.4f s, median %.4f s with crossover; min %.4f s, median %.4f s without",
                       withCrossover.wallMin, withCrossover.wallMedian, interior.wallMin, interior.wallMedian)
              : String(format: "wall-clock of solve without crossover: min %.4f s, median %.4f s", interior.wallMin, interior.wallMedian))
        if highs { try compareWithHighs(program, ours: crossover ? [withCrossover, interior] : [interior]) }
    }

    /// Our interior point as `SolverChoice.ipm` makes it, with `--cholesky`'s normal equations.
    func interiorPoint(logger: (@Sendable (String) -> Void)?) -> InteriorPointSolver {
        var settings = InteriorPointSettings()
        settings.cholesky = cholesky
        if let logger { settings.logger = { line in logger(line.hasSuffix("\n") ? line : line + "\n") } }
        return InteriorPointSolver(settings: settings)
    }

    /// Runs HiGHS on the LP (written to --write-mps, else to a temporary file) and prints its
    /// times beside ours with the ratios to HiGHS's best; says why when HiGHS cannot run.
    func compareWithHighs(_ program: LinearProgram, ours: [SurrogateLPTimings]) throws {
        let path = writeMPS ?? FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-surrogate-\(UUID().uuidString).mps").path
        defer { if writeMPS == nil { try? FileManager.default.removeItem(atPath: path) } }
        if writeMPS == nil { try program.writeMPS(to: path) }
        let (results, failure) = HighsLPPeer(peer: PythonPeer(python: python)).run(mps: path, repeats: runs)
        print("")
        guard let best = results.min(by: { $0.minSeconds < $1.minSeconds }) else {
            print("HiGHS peer skipped: \(failure ?? "no results") (pip install highspy; --python chooses the interpreter)")
            return
        }
        let bestMedian = results.map(\.medianSeconds).min() ?? .nan
        var table = ResultTable(columns: [
            .init(title: "solver", alignment: .left), .init(title: "min s", alignment: .right), .init(title: "median s", alignment: .right),
            .init(title: "objective", alignment: .left), .init(title: "min / HiGHS's best min", alignment: .right),
            .init(title: "median / HiGHS's best median", alignment: .right),
        ])
        func row(_ name: String, _ low: Double, _ median: Double, _ objective: String) {
            table.append([name, String(format: "%.4f", low), String(format: "%.4f", median), objective,
                          String(format: "%.2f", low / best.minSeconds), String(format: "%.2f", median / bestMedian)])
        }
        for timings in ours { row(timings.label, timings.wallMin, timings.wallMedian, timings.objective) }
        let names = ["highs-simplex": "HiGHS dual simplex", "highs-ipm": "HiGHS interior point (its default crossover)"]
        for result in results { row(names[result.method] ?? result.method, result.minSeconds, result.medianSeconds, "\(result.objective) (\(result.status))") }
        print("Against HiGHS (ours: wall-clock of solve; HiGHS: highspy's `run()` alone on the model read from MPS; "
              + "\(runs) runs each; HiGHS's best min: \(names[best.method] ?? best.method)):")
        print("")
        print(table.markdown)
        if let failure { print("HiGHS peer: \(failure)") }
    }

    /// The value of `body` and the wall-clock seconds it took.
    static func timed<Value>(_ body: () throws -> Value) rethrows -> (Value, Double) {
        let start = DispatchTime.now()
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }

    static func summary(_ solution: Solution, of program: LinearProgram) -> String {
        "\(solution.status.summary) \(solution.objective) in " + String(format: "%.4f", solution.seconds)
            + " s, \(solution.iterations) iterations, verified: \(verify(solution, for: program).verified)"
    }

    @Sendable static func printError(_ line: String) { FileHandle.standardError.write(Data(line.utf8)) }
}

extension CholeskyChoice: ExpressibleByArgument {}
