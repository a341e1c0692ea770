import ArgumentParser
import Foundation
import LinearProgramming
import Solvers
import SurrogateOptimization

/// Our interior point's time on one surrogate LP, solved repeatedly: the encoding benchmark's
/// instance (a random max-gate HyCNN minimised over [−1, 1]^d under the descent cap), compiled
/// by SurrogateOptimization and prepared exactly as `hycnn minimize` prepares it.
struct SurrogateLPBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surrogate-lp",
        abstract: "Time our interior point on the surrogate LP of a max-gate HyCNN (min/median of several solves).",
        discussion: """
        The instance is the encoding benchmark's (seeded initialisation, N(0, --bias-noise²) bias noise, \
        [−1, 1]^d with the descent cap). Each run solves the compiled LP cold with a fresh solver; the \
        table gives the solver's own seconds (Solution.seconds), iterations and the objective, verified. \
        --write-mps writes the LP for a peer solver.
        """)

    @Option(help: "Hidden widths of the HyCNN, WIDTHxDEPTH.") var model = "48x4"
    @Option(help: "Input dimension d.") var dimension = 50
    @Option(help: "Seed of the network.") var seed: UInt64 = 1
    @Option(help: "Standard deviation of the noise added to every bias.") var biasNoise = 0.1
    @Option(help: "Solves to time.") var runs = 7
    @Option(help: "Write the compiled LP as free MPS to this path.") var writeMPS: String?
    @Flag(help: "Print the interior point's log of the first solve to standard error.") var log = false

    func run() throws {
        let parts = model.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ $0 > 0 }), runs >= 1, dimension >= 1 else {
            throw BenchError.badOption(name: "--model", value: model, reason: "must be WIDTHxDEPTH with positive integers; --runs and --dimension positive")
        }
        let instance = try EncodingInstance(width: parts[0], depth: parts[1], dimension: dimension, seed: seed,
                                            biasNoise: biasNoise, constraint: .cap)
        let program = try instance.problem().compile().program.preparedForSolver(.linearOnly).program
        print("HyCNN \(model) max gate, d = \(dimension): LP of \(program.constraintCount) rows, "
              + "\(program.variableCount) columns, \(program.nonzeroCount) nonzeros")
        if let writeMPS { try program.writeMPS(to: writeMPS) }
        var seconds: [Double] = []
        for run in 0..<runs {
            let logger: (@Sendable (String) -> Void)? = log && run == 0 ? Self.printError : nil
            let solution = try SolverChoice.ipm.makeSolver(logger: logger).solve(program)
            let verified = verify(solution, for: program).verified
            print("\(solution.status.summary) \(solution.objective) in " + String(format: "%.4f", solution.seconds)
                  + " s, \(solution.iterations) iterations, verified: \(verified)")
            seconds.append(solution.seconds)
        }
        let sorted = seconds.sorted()
        print(String(format: "interior point: min %.4f s, median %.4f s over %d runs", sorted[0], sorted[sorted.count / 2], runs))
    }

    @Sendable static func printError(_ line: String) { FileHandle.standardError.write(Data(line.utf8)) }
}
