import ArgumentParser
import Foundation
import TransportMaps

/// The paper's neural-OT benchmark: learn the Brenier map ∇φ of four convex potentials from
/// samples with HyCNN and the baselines, and measure the error against the exact map; also the
/// Gaussian → Gaussian check against the closed form, and the time of one run.
struct OTMapBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otmap",
        abstract: "Neural OT maps: the paper's φ1–φ4 grid, Gaussian → Gaussian (--gaussian), or the time of one run (--speed).",
        discussion: """
        Problems: φ1 = ½‖x‖², φ2 = ½Σ(1 + sin(i)/2)xᵢ², φ3 = ½‖x‖² + ‖x‖₁ with P = N(0, I), and φ4 = ‖x‖₄⁴ with \
        P = Unif[−1, 1]^d; Q = (∇φ)#P. Seed s draws a source pool from P, a target pool pushing an independent draw \
        through ∇φ (--pool points each) and --test-points fresh test points with their exact images, and seeds the \
        training. Models: hycnn (HyCNN 48×4, smooth gate τ = 10, the trainer's defaults: the paper's setup), \
        icnn-quadratic (ICNN 64×4, softplus with τ = --icnn-tau, quadratic first layer of rank 1) and icnn-relu \
        (ICNN 64×4 ReLU), both with f's weights ≥ 0 and g's free under the penalty λ Σ relu(−W)², λ = 1; all three \
        trained by the Makkuva minimax (Adam β = (0.5, 0.9), lr 1e-2 cosine to 1e-4, batch 256, 5 steps on g per \
        outer iteration, --iterations outer iterations). linear: the Gaussian map fitted to the pools' means and \
        covariances. entropic: the barycentric map of the Sinkhorn plan between the first --entropic-points points \
        of each pool, ε = --entropic-epsilon × the mean pairwise cost E‖x − y‖². \
        Measured per run on the test points: ‖T̂−T‖² = mean ‖T̂(x) − ∇φ(x)‖², L2-UVP = 100 · ‖T̂−T‖² / Var(Q) (%), \
        the minimax's dual W2² estimate over the pools, W2² of the exact map (mean ‖x − ∇φ(x)‖²) and the seconds of \
        the fit. --gaussian: P = N(0, Σ₁), Q = N(m, Σ₂) with random covariances of condition 10 and a N(0, I) mean \
        shift, HyCNN and the linear map against the closed-form map. --speed: one HyCNN run on φ2 at d = 50, seed 0, \
        on --threads threads and on 1. One line per run goes to stderr as it finishes, the table (Markdown) to \
        stdout, every run as a JSON line to --results (the first line the setup).
        """)

    @Option(help: "Potentials, comma-separated, from 1…4 (or phi1…phi4).") var potentials = "1,2,3,4"
    @Option(help: "Dimensions, comma-separated.") var dimensions = "10,20,50"
    @Option(help: "Models, comma-separated: \(OTMapModel.defaultList).") var models = OTMapModel.defaultList
    @Option(help: "Number of seeds: runs use seeds 0..<k.") var seeds = 3
    @Option(help: "Outer iterations of the minimax.") var iterations = BrenierMapSettings().iterations
    @Option(help: "Threads of the minimax and of Sinkhorn (default: the active cores, at most 8).") var threads = BrenierMapSettings().threads
    @Flag(help: "Gaussian → Gaussian against the closed-form map (HyCNN and linear) instead of the grid.") var gaussian = false
    @Option(help: "Dimensions of --gaussian, comma-separated.") var gaussianDimensions = "2,8,32,64"
    @Flag(help: "Time one HyCNN run (φ2, d = 50, seed 0) on --threads threads and on 1, instead of the grid.") var speed = false
    @Option(help: "Points in each of the source and target pools.") var pool = 5000
    @Option(help: "Test points.") var testPoints = 1000
    @Option(help: "Temperature τ of the quadratic ICNN's softplus τ·log(1 + exp(a/τ)).") var icnnTau = 1.0
    @Option(help: "Sinkhorn's ε as a fraction of the mean pairwise cost between the pools.") var entropicEpsilon = 0.05
    @Option(help: "Points of each pool the entropic map uses.") var entropicPoints = 5000
    @Option(help: "Sinkhorn's stopping tolerance on the marginal error (relative to the mass).") var sinkhornTolerance = 1e-4
    @Option(help: "JSON lines of every run (default Benchmarks/results/otmap[-gaussian|-speed].jsonl).") var results: String?

    func validate() throws {
        do { _ = try plan() } catch let error as BenchError { throw ValidationError(error.description) }
    }

    func run() throws {
        let (potentialList, dimensionList, modelList) = try plan()
        var fitter = OTMapFitter(iterations: iterations, threads: threads, softplusTemperature: icnnTau, entropicEpsilon: entropicEpsilon,
                                 entropicPoints: entropicPoints, sinkhornTolerance: sinkhornTolerance)
        let mode = speed ? "speed" : gaussian ? "gaussian" : "grid"
        let log = ResultsLog(path: results ?? "Benchmarks/results/otmap\(mode == "grid" ? "" : "-" + mode).jsonl")
        try log.open(header: setupLine(mode: mode))
        var runs: [OTMapRun] = []
        let start = DispatchTime.now()
        func record(_ run: OTMapRun, total: Int) throws {
            runs.append(run)
            try log.append(run.jsonLine)
            let counter = String(repeating: " ", count: String(total).count - String(runs.count).count) + "\(runs.count)/\(total)"
            Self.standardError("[\(counter)] \(run.progress) (elapsed \(String(format: "%.0f", OTMapFitter.seconds(since: start))) s)\n")
        }

        if speed {
            let samples = try PotentialProblem(potential: .weightedQuadratic, dimension: 50).samples(
                sourceCount: pool, targetCount: pool, testCount: testPoints, seed: 0)
            let threadCounts = threads == 1 ? [1] : [threads, 1]
            for count in threadCounts {
                fitter.threads = count
                try record(fitter.run(.hycnn, problem: "phi2", samples: samples, seed: 0), total: threadCounts.count)
            }
            print(speedTable(runs).markdown)
        } else if gaussian {
            let list = [OTMapModel.hycnn, .linear]
            let total = dimensionList.count * seeds * list.count
            for d in dimensionList {
                for seed in 0..<seeds {
                    let problem = try GaussianProblem(dimension: d, condition: 10, shift: 1, seed: UInt64(seed))
                    let samples = try problem.samples(sourceCount: pool, targetCount: pool, testCount: testPoints, seed: UInt64(seed))
                    for model in list { try record(fitter.run(model, problem: "gaussian", samples: samples, seed: seed), total: total) }
                }
            }
            print(OTMapSummary(runs).table.markdown)
        } else {
            let total = potentialList.count * dimensionList.count * modelList.count * seeds
            for potential in potentialList {
                for d in dimensionList {
                    let problem = try PotentialProblem(potential: potential, dimension: d)
                    for seed in 0..<seeds {
                        let samples = problem.samples(sourceCount: pool, targetCount: pool, testCount: testPoints, seed: UInt64(seed))
                        for model in modelList {
                            try record(fitter.run(model, problem: potential.rawValue, samples: samples, seed: seed), total: total)
                        }
                    }
                }
            }
            print(OTMapSummary(runs).table.markdown)
        }
        print("")
        print(footnote(mode: mode))
        Self.standardError("wrote \(log.path) (\(runs.count) runs)\n")
    }

    /// The parsed potentials, dimensions (of the grid or of --gaussian; 50 for --speed) and
    /// models; throws for anything unusable.
    func plan() throws -> ([ConvexPotential], [Int], [OTMapModel]) {
        guard !(gaussian && speed) else { throw BenchError.badOption(name: "--gaussian", value: "with --speed", reason: "choose one mode") }
        let potentialList = try ListOption.parse(potentials, option: "--potentials", expected: "1, 2, 3, 4 or phi1 … phi4",
                                                 example: "1,2,3,4") { item in
            ConvexPotential(rawValue: item) ?? Int(item).flatMap { (1...4).contains($0) ? ConvexPotential.allCases[$0 - 1] : nil }
        }
        let dimensionList = speed ? [50] : gaussian
            ? try ListOption.positiveIntegers(gaussianDimensions, option: "--gaussian-dimensions", example: "2,8,32,64")
            : try ListOption.positiveIntegers(dimensions, option: "--dimensions", example: "10,20,50")
        let modelList = try OTMapModel.parseList(models)
        for (name, value) in [("--seeds", seeds), ("--threads", threads), ("--test-points", testPoints), ("--entropic-points", entropicPoints)]
        where value < 1 {
            throw BenchError.badOption(name: name, value: "\(value)", reason: "must be positive")
        }
        guard pool >= 2 else { throw BenchError.badOption(name: "--pool", value: "\(pool)", reason: "must be at least 2") }
        guard iterations >= 0 else { throw BenchError.badOption(name: "--iterations", value: "\(iterations)", reason: "must be ≥ 0") }
        for (name, value) in [("--icnn-tau", icnnTau), ("--entropic-epsilon", entropicEpsilon), ("--sinkhorn-tolerance", sinkhornTolerance)]
        where !(value > 0 && value.isFinite) {
            throw BenchError.badOption(name: name, value: "\(value)", reason: "must be a positive number")
        }
        return (potentialList, dimensionList, modelList)
    }

    /// The first JSON line of the results: what every run shares.
    func setupLine(mode: String) -> String {
        OTMapRun.jsonLine(["kind": "setup", "mode": mode, "pool": pool, "test_points": testPoints, "iterations": iterations,
                           "threads": threads, "seeds": seeds, "icnn_tau": icnnTau, "entropic_epsilon": entropicEpsilon,
                           "entropic_points": entropicPoints, "sinkhorn_tolerance": sinkhornTolerance])
    }

    /// Seconds and errors of the --speed runs, with the PyTorch port's time beside.
    func speedTable(_ runs: [OTMapRun]) -> ResultTable {
        var table = ResultTable(columns: [
            .init(title: "run", alignment: .left), .init(title: "threads", alignment: .right),
            .init(title: "seconds", alignment: .right), .init(title: "‖T̂−T‖²", alignment: .right),
            .init(title: "L2-UVP %", alignment: .right), .init(title: "PyTorch port (2 threads)", alignment: .right),
        ])
        for run in runs {
            table.append(["HyCNN 48×4 φ2 d=50 seed 0, \(iterations) × 5 steps", String(run.threads), String(format: "%.1f", run.seconds),
                          OTMapSummary.format(run.error), String(format: "%.3g", run.unexplainedVariance),
                          String(format: "%.0f s", OTMapReference.pytorchSeconds)])
        }
        return table
    }

    func footnote(mode: String) -> String {
        let training = "\(iterations) outer iterations, \(threads) thread\(threads == 1 ? "" : "s")"
        let pools = "pools of \(pool) points, \(testPoints) test points"
        switch mode {
        case "speed":
            return "HyCNN 48×4 on φ2, d = 50, seed 0, \(pools), \(iterations) outer iterations × 5 steps on g; seconds of the "
                + "training alone (sampling and test evaluation excluded)."
        case "gaussian":
            return "Gaussian → Gaussian (condition 10, N(0, I) mean shift), \(pools), seeds 0..<\(seeds), \(training); "
                + "L2-UVP of ∇f against the closed-form map (target ≤ 1 %)."
        default:
            return "‖T̂−T‖² = mean ‖T̂(x) − ∇φ(x)‖² on the test points, mean ± sample sd over the seeds; \(pools), seeds 0..<\(seeds), "
                + "\(training); entropic: ε = \(entropicEpsilon) × mean pairwise cost, first \(min(entropicPoints, pool)) points of each "
                + "pool; ICNN-quadratic softplus τ = \(icnnTau). paper: the paper's table; PyTorch port: the paper's code ported to "
                + "PyTorch, float32, 2 CPU threads, \(Int(OTMapReference.pytorchSeconds)) s a run."
        }
    }

    static func standardError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
