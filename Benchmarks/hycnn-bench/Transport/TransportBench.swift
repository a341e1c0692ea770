import ArgumentParser
import DataFiles
import Foundation
import LinearProgramming
import Solvers
import Transport

/// Exact optimal transport time against n: our network simplex, POT's `ot.emd`
/// on the same points in the same invocation, and GLPK's simplex and our interior point on the LP for small n.
struct TransportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transport",
        abstract: "Exact OT: network simplex vs POT's ot.emd (and GLPK's simplex and our interior point on the LP for small n).",
        discussion: """
        For each n in --sizes and d in --dimensions: n source points ~ N(0, I_d) and n target points \
        ~ N(0.5, I_d) (seeded), uniform weights 1/n, squared Euclidean cost. Ours: the cost matrix (one \
        BLAS gemm) and NetworkSimplex.solve, each timed, then the transport certificate checked over all \
        n² pairs. POT: Benchmarks/peers/transport_pot.py reads the same points (raw float64 files) and \
        times ot.dist and ot.emd (numItermax 2e9). GLPK: primal simplex on the n²-variable LP for \
        n ≤ --glpk-max; our interior point (InteriorPointSolver) on the same LP for n ≤ --ipm-max, its plan's \
        LP certificate checked by `verify` (1e-6; an interior point is optimal only to its 1e-8 gap tolerance, so \
        its cost agrees with the exact one to about 1e-8, not 1e-9). Sinkhorn (log-domain, ε-scaling) for n ≤ --sinkhorn-max with ε = --epsilon-ratio × \
        the exact optimal cost per unit mass, stopping at marginal error --sinkhorn-tolerance (or 10,000 \
        iterations): its time and the relative excess of its unregularised cost ⟨C, P⟩ over the exact \
        optimum. Times below --repeat-below n are medians of --repeats runs (POT's too). \
        Cost differences are relative: |ours − peer| / |ours|. The Markdown table goes to stdout, \
        each row to --csv as it finishes.
        """)

    @Option(help: "Points per side, comma-separated.") var sizes = "100,500,1000,2000,5000"
    @Option(help: "Dimensions, comma-separated.") var dimensions = "2,50"
    @Option(help: "Largest n solved by GLPK's simplex on the LP (0: never).") var glpkMax = 1000
    @Option(help: "Largest n solved by our interior point on the LP (0: never).") var ipmMax = 1000
    @Option(help: "Runs per timing for n below --repeat-below (the median is reported).") var repeats = 3
    @Option(help: "Repeat timings only below this n.") var repeatBelow = 1000
    @Option(help: "Largest n also solved by entropic OT (Sinkhorn; 0: never).") var sinkhornMax = 1000
    @Option(help: "Sinkhorn's ε as a fraction of the exact optimal cost per unit mass.") var epsilonRatio = 0.05
    @Option(help: "Sinkhorn's stopping tolerance on the marginal error (relative to the mass).") var sinkhornTolerance = 1e-6
    @Option(help: "Sinkhorn's worker threads.") var sinkhornThreads = 2
    @Option(help: "Seed of the points.") var seed: UInt64 = 1
    @Option(help: "Python interpreter with POT (default: Benchmarks/.venv/bin/python, else python3).") var python: String?
    @Flag(help: "Skip the POT peer.") var noPeer = false
    @Option(help: "Where to write the rows as CSV.") var csv = "Benchmarks/results/transport.csv"

    func run() throws {
        let ns = try ListOption.positiveIntegers(sizes, option: "--sizes", example: "100,1000")
        let ds = try ListOption.positiveIntegers(dimensions, option: "--dimensions", example: "2,50")
        guard repeats >= 1 else { throw BenchError.badOption(name: "--repeats", value: "\(repeats)", reason: "must be at least 1") }
        let peer = noPeer ? nil : TransportPeer(python: python)
        let log = ResultsLog(path: csv)
        try log.open(header: TransportRow.csvHeader)
        var table = ResultTable(columns: TransportRow.columns)
        for d in ds {
            for n in ns {
                let row = try measure(n: n, d: d, peer: peer)
                FileHandle.standardError.write(Data((row.progress + "\n").utf8))
                table.append(row.cells)
                try log.append(row.csvLine)
            }
        }
        print(table.markdown)
    }

    func measure(n: Int, d: Int, peer: TransportPeer?) throws -> TransportRow {
        var random = SeededGenerator(seed: seed &+ UInt64(n * 1000 + d))
        let x = (0..<(n * d)).map { _ in random.nextNormal() }
        let y = (0..<(n * d)).map { _ in random.nextNormal() + 0.5 }
        let source = try PointCloud(coordinates: x, dimension: d, name: "source")
        let target = try PointCloud(coordinates: y, dimension: d, name: "target")
        let runs = n < repeatBelow ? repeats : 1
        var row = TransportRow(n: n, d: d)

        var problem: TransportProblem?
        row.costSeconds = try median(runs) { problem = try TransportProblem(source: source, target: target) }
        var plan: TransportPlan?
        row.solveSeconds = try median(runs) { plan = try NetworkSimplex().solve(problem!) }
        let start = Date()
        let certificate = TransportCertificate.check(plan!, for: problem!)
        row.certificateSeconds = Date().timeIntervalSince(start)
        row.cost = plan!.cost
        row.pivots = plan!.iterations
        row.verified = certificate.verified
        row.entries = plan!.entries.count

        if let peer {
            let (result, reason) = peer.run(source: x, target: y, n: n, m: n, dimension: d, repeats: runs)
            if let result {
                row.potDist = result.distSeconds
                row.potSeconds = result.emdSeconds
                row.potCost = result.cost
                if result.warning != "none" { FileHandle.standardError.write(Data("POT warning: \(result.warning)\n".utf8)) }
            } else {
                FileHandle.standardError.write(Data("POT skipped: \(reason)\n".utf8))
            }
        }
        if n <= glpkMax {
            let lp = try problem!.solve(using: SolverChoice.simplex.makeSolver())
            row.glpkSeconds = lp.plan.seconds
            row.glpkCost = lp.plan.cost
            row.glpkVerified = lp.certificate.verified
        }
        if n <= ipmMax {
            let lp = try problem!.solve(using: SolverChoice.ipm.makeSolver())
            row.ipmSeconds = lp.plan.seconds
            row.ipmCost = lp.plan.status == .optimal ? lp.plan.cost : .nan
            row.ipmIterations = lp.plan.iterations
            row.ipmVerified = lp.certificate.lpReport?.verified == true
            row.ipmTransportVerified = lp.certificate.verified
        }
        if n <= sinkhornMax {
            var settings = SinkhornSettings(epsilon: epsilonRatio * plan!.cost / problem!.totalMass, tolerance: sinkhornTolerance)
            settings.threads = sinkhornThreads
            let entropic = try Sinkhorn.solve(sourceWeights: problem!.sourceWeights, targetWeights: problem!.targetWeights,
                                              cost: problem!.cost, settings: settings)
            row.sinkhornSeconds = entropic.seconds
            row.sinkhornExcess = (entropic.cost - plan!.cost) / plan!.cost
            row.sinkhornStatus = entropic.status.rawValue
        }
        return row
    }

    /// The median wall-clock seconds of `runs` calls.
    func median(_ runs: Int, _ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now()
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        return times.sorted()[times.count / 2]
    }
}
