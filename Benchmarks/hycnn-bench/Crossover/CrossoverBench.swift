import ArgumentParser
import DataFiles
import Foundation
import GLPKBackend
import LinearProgramming
import Solvers
import TestSupport
import Transport

/// What the crossover adds to our interior point: per LP (Netlib problems, transport LPs between
/// seeded point clouds) the interior solve, then the crossover from its answer, timed apart,
/// with the columns strictly inside their bounds before and after and whether the vertex verifies.
struct CrossoverBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossover",
        abstract: "Time and basic-solution counts of the crossover after our interior point (Netlib, transport LPs).",
        discussion: """
        In-process, one run per LP: our interior point without the crossover (`SolverChoice.ipm`, crossover off), \
        then `GLPKCrossover` from its answer, each timed alone. The vertex counts only when `verify` accepts it as \
        optimal (as `hycnn` does: otherwise the interior answer is kept). Transport LPs: n × n points, standard \
        normal in d dimensions, the targets shifted by 0.5, uniform masses, squared Euclidean cost.
        """)

    @Option(help: "Netlib problems, comma-separated (default: all of reference.csv; 'none' for none).")
    var problems: String?
    @Option(help: "The Netlib folder (default: $HYCNN_NETLIB_DIR, else Problems/netlib).")
    var netlib: String?
    @Option(help: "Transport sizes n (n × n points), comma-separated.") var transport = "100,300"
    @Option(help: "Dimension of the transport points.") var dimension = 2
    @Option(help: "Seconds the crossover may take per LP.") var timeLimit = 60.0

    func run() throws {
        var table = ResultTable(columns: CrossoverRun.columnsOfTable)
        var runs: [CrossoverRun] = []
        for (name, model) in try netlibPrograms() + transportPrograms() {
            let run = try measure(name: name, model: model)
            FileHandle.standardError.write(Data((run.cells.joined(separator: "  ") + "\n").utf8))
            table.append(run.cells)
            runs.append(run)
        }
        print(table.markdown)
        let interior = runs.reduce(0) { $0 + $1.interiorSeconds }, added = runs.reduce(0) { $0 + ($1.crossoverSeconds.isNaN ? 0 : $1.crossoverSeconds) }
        print("")
        print("\(runs.count { $0.isBasicVertex })/\(runs.count) LPs end at a verified basic vertex; interior point \(CrossoverRun.seconds(interior)) s in total, "
              + "crossover \(CrossoverRun.seconds(added)) s (\(String(format: "%.0f%%", 100 * added / max(interior, 1e-9))) added)")
    }

    func netlibPrograms() throws -> [(String, LinearProgram)] {
        if problems == "none" { return [] }
        let directory = netlib ?? NetlibReference.directory?.path ?? "Problems/netlib"
        var entries = try NetlibProblem.catalog(in: directory)
        if let problems {
            let wanted = Set(problems.split(separator: ",").map(String.init))
            entries = entries.filter { wanted.contains($0.name) }
        }
        return try entries.map { ($0.name, try LinearProgram(mpsFile: $0.path(in: directory))) }
    }

    func transportPrograms() throws -> [(String, LinearProgram)] {
        let sizes = try ListOption.positiveIntegers(transport, option: "--transport", example: "100,300")
        return try sizes.map { n in
            var random = SeededGenerator(seed: UInt64(n))
            let x = (0..<(n * dimension)).map { _ in random.nextNormal() }
            let y = (0..<(n * dimension)).map { _ in random.nextNormal() + 0.5 }
            let problem = try TransportProblem(source: try PointCloud(coordinates: x, dimension: dimension, name: "source"),
                                               target: try PointCloud(coordinates: y, dimension: dimension, name: "target"))
            return ("transport \(n)×\(n)", problem.linearProgram())
        }
    }

    func measure(name: String, model: LinearProgram) throws -> CrossoverRun {
        let program = try model.preparedForSolver(.linearOnly).program
        var run = CrossoverRun(name: name, rows: program.constraintCount, columns: program.variableCount)
        let interior = try SolverChoice.ipm.makeSolver(crossover: false).solve(program)
        run.interiorSeconds = interior.seconds
        run.insideBefore = CrossoverRun.inside(interior.x, of: program)
        run.nonzerosBefore = interior.x.count { $0 != 0 }
        guard interior.status.hasOptimalPoint else {
            run.outcome = "interior: \(interior.status.rawValue)"
            return run
        }
        var settings = GLPKSettings(method: .primalSimplex)
        settings.timeLimit = timeLimit
        let vertex = try GLPKCrossover(settings: settings).vertex(from: interior, of: program)
        run.crossoverSeconds = vertex.seconds
        run.pivots = vertex.iterations
        guard vertex.status == .optimal else {
            run.outcome = "kept: \(vertex.status.rawValue)"
            return run
        }
        run.insideAfter = CrossoverRun.inside(vertex.x, of: program)
        run.nonzerosAfter = vertex.x.count { $0 != 0 }
        run.objectiveChange = abs(vertex.objective - interior.objective) / max(1, abs(interior.objective))
        let report = verify(vertex, for: program)
        run.outcome = !report.verified ? "kept: not verified" : run.insideAfter <= run.rows ? "vertex" : "kept: not basic"
        return run
    }
}
