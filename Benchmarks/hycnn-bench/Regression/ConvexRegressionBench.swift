import ArgumentParser
import ConvexRegression
import Foundation
import LinearProgramming
import Solvers

/// The L1 / L∞ convex-regression estimators with each cutting-plane round solved cold (the LP
/// rebuilt and solved from scratch) and warm (the round's rows added to one GLPK row session).
struct ConvexRegressionBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convex-regression",
        abstract: "Convex regression by cutting planes: every round's LP solved cold vs rows added to one warm-started GLPK session.",
        discussion: """
        Data: the regression benchmark's instance of --target at each n and d (X ~ Unif[−1,1]^d, Y = f(X) + N(0, σ²), \
        seed --seed). Each fit runs ConvexRegressionEstimator.solve with GLPK's dual simplex (as `hycnn check-data --fit` \
        and the regression benchmark's convexreg models do), once with the solver's row session hidden (each round's LP \
        solved from scratch) and once through it (each round's rows appended to the loaded LP and re-optimised from the \
        previous basis). "differs" is |objective warm − objective cold| / (1 + |objective cold|); "verified": both final \
        LP answers pass `verify` against their final LPs. The rounds differ when a round's LP has several optima and the \
        two paths stop at different ones.
        """)

    @Option(help: "Sample counts n, comma-separated (at most 500).") var samples = "100,200,400"
    @Option(help: "Input dimensions d, comma-separated.") var dimensions = "2,5"
    @Option(help: "Norms, comma-separated: l1, linf.") var norms = "l1,linf"
    @Option(help: "Target function f1…f6 of the regression benchmark.") var target = "f1"
    @Option(help: "Noise standard deviation σ.") var sigma = 1.0
    @Option(help: "Seed of the data.") var seed: UInt64 = 0

    /// GLPK without its row session: the default ``ColdRowSession`` solves every round from scratch.
    struct ColdRounds: LPSolver {
        let base: any LPSolver
        var name: String { base.name }
        func solve(_ problem: LinearProgram) throws -> Solution { try base.solve(problem) }
    }

    func run() throws {
        let sizes = try ListOption.positiveIntegers(samples, option: "--samples", example: "100,200,400")
        let dimensionList = try ListOption.positiveIntegers(dimensions, option: "--dimensions", example: "2,5")
        let normList = try norms.split(separator: ",").map { text in
            guard let norm = ConvexRegressionEstimator.Norm(rawValue: String(text)) else {
                throw BenchError.badOption(name: "--norms", value: norms, reason: "expected l1 and/or linf")
            }
            return norm
        }
        guard let function = RegressionTarget(rawValue: target.lowercased()) else {
            throw BenchError.badOption(name: "--target", value: target, reason: "expected one of f1…f6")
        }
        let solver = SolverChoice.dualSimplex.makeSolver()
        var table = ResultTable(columns: ["n", "d", "norm", "cold s", "cold rounds", "cold pair rows", "warm s", "warm rounds",
                                          "warm pair rows", "cold / warm", "differs", "verified"].enumerated().map {
            .init(title: $0.element, alignment: $0.offset == 2 ? .left : .right)
        })
        for n in sizes {
            for d in dimensionList {
                let data = try RegressionProblem(target: function, dimension: d, samples: n, testSamples: 1, noise: sigma, seed: seed).training
                for norm in normList {
                    let cold = try ConvexRegressionEstimator.solve(data, norm: norm, using: ColdRounds(base: solver))
                    let warm = try ConvexRegressionEstimator.solve(data, norm: norm, using: solver)
                    let differs = abs(warm.objective - cold.objective) / (1 + abs(cold.objective))
                    table.append(["\(n)", "\(d)", norm.rawValue, String(format: "%.2f", cold.seconds), "\(cold.rounds)", "\(cold.pairRows)",
                                  String(format: "%.2f", warm.seconds), "\(warm.rounds)", "\(warm.pairRows)",
                                  String(format: "%.1f×", cold.seconds / warm.seconds), String(format: "%.1e", differs),
                                  cold.lpReport.verified && warm.lpReport.verified ? "yes" : "no"])
                    Regression.standardError("n = \(n) d = \(d) \(norm.rawValue): cold \(String(format: "%.2f", cold.seconds)) s, "
                                             + "warm \(String(format: "%.2f", warm.seconds)) s\n")
                }
            }
        }
        print("Convex regression, target \(function.rawValue), σ = \(sigma), seed \(seed), \(solver.name): seconds per fit")
        print(table.markdown)
    }
}
