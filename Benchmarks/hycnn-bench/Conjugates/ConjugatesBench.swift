import ArgumentParser
import ConvexNetworks
import DataFiles
import Foundation
import LinearProgramming
import Solvers
import TransportMaps

/// Exact conjugate LPs per second on a max-gate HyCNN potential: GLPK's primal simplex solving
/// each LP cold, the same LPs through one warm-started session, and our interior point cold.
struct ConjugatesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conjugates",
        abstract: "Exact conjugate LPs per second at HyCNN 48×4 (max gate), d = 50: GLPK cold vs warm-started, our interior point cold.",
        discussion: """
        The potential: the paper's initialisation of HyCNN --model on d = --dimension, perturbed by seeded \
        N(0, --perturbation²) noise (V projected to ≥ 0), identity scalers. The ys: means of the gradients \
        at two seeded uniform points of [−1, 1]^d (inside dom f*, generic). Each mode evaluates f*(y) with \
        ExactConjugate, every answer checked by `verify` and the forward pass (the rate includes both): \
        GLPK cold (one evaluate per y), GLPK warm (one session for all ys: each LP re-optimised from the \
        previous basis), our interior point cold (the first --ipm-count ys). "differs" is the largest \
        |f*(y) − f*(y) by GLPK cold| / (1 + |f*(y)|).
        """)

    @Option(help: "Conjugate LPs per GLPK mode.") var count = 100
    @Option(help: "Conjugate LPs for our interior point (0: skip).") var ipmCount = 20
    @Option(help: "Hidden widths of the HyCNN potential, WIDTHxDEPTH.") var model = "48x4"
    @Option(help: "Input dimension d.") var dimension = 50
    @Option(help: "Standard deviation of the noise added to the initial weights.") var perturbation = 0.05
    @Option(help: "Seed of the weights and the points.") var seed: UInt64 = 1

    func run() throws {
        let parts = model.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ $0 > 0 }) else {
            throw BenchError.badOption(name: "--model", value: model, reason: "must be WIDTHxDEPTH with positive integers, e.g. 48x4")
        }
        guard count >= 1, ipmCount >= 0, dimension >= 1 else {
            throw BenchError.badOption(name: "--count", value: "\(count)", reason: "--count and --dimension must be positive, --ipm-count ≥ 0")
        }
        let d = dimension
        let potential = try Self.potential(.hycnn(inputDimension: d, widths: Array(repeating: parts[0], count: parts[1])),
                                           perturbation: perturbation, seed: seed)
        let conjugate = try ExactConjugate(model: potential)
        var random = SeededGenerator(seed: seed &+ 1)
        let points = (0..<(2 * count * d)).map { _ in 2 * random.nextUniform() - 1 }
        let gradients = potential.inputGradients(points)
        let ys = (0..<count).map { i in (0..<d).map { 0.5 * (gradients[2 * i * d + $0] + gradients[(2 * i + 1) * d + $0]) } }
        print("HyCNN \(model) max gate, d = \(d): conjugate LP of \(conjugate.epigraph.variableCount) columns, "
              + "\(conjugate.epigraph.constraintCount) rows, \(conjugate.epigraph.nonzeroCount) nonzeros; \(count) ys")

        let simplex = SolverChoice.simplex.makeSolver()
        let cold = try Self.timed { try ys.map { try conjugate.evaluate(at: $0, using: simplex) } }
        let warm = try Self.timed { try conjugate.evaluate(at: ys, using: simplex) }
        var table = ResultTable(columns: [.init(title: "mode", alignment: .left), .init(title: "LPs", alignment: .right),
                                          .init(title: "LPs/s", alignment: .right), .init(title: "verified", alignment: .right),
                                          .init(title: "iterations/LP", alignment: .right), .init(title: "solver share", alignment: .right),
                                          .init(title: "differs", alignment: .right)])
        func row(_ name: String, _ run: (values: [ConjugateValue], seconds: Double)) {
            let values = run.values
            let solverSeconds = values.reduce(0.0) { $0 + $1.solution.seconds }
            let iterations = values.reduce(0) { $0 + $1.solution.iterations }
            let differs = zip(values, cold.values).map { abs($0.value - $1.value) / (1 + abs($1.value)) }.max() ?? 0
            table.append([name, "\(values.count)", String(format: "%.2f", Double(values.count) / run.seconds),
                          "\(values.count { $0.isFinite })", String(format: "%.0f", Double(iterations) / Double(values.count)),
                          String(format: "%.0f%%", 100 * solverSeconds / run.seconds), String(format: "%.1e", differs)])
        }
        row("GLPK simplex, cold", cold)
        row("GLPK simplex, warm-started", warm)
        if ipmCount > 0 {
            let ipm = SolverChoice.ipm.makeSolver()
            row("our interior point, cold", try Self.timed { try ys.prefix(ipmCount).map { try conjugate.evaluate(at: $0, using: ipm) } })
        }
        print(table.markdown)
    }

    /// The paper's initialisation plus seeded N(0, perturbation²) noise, V projected to ≥ 0, identity scalers.
    static func potential(_ architecture: Architecture, perturbation: Double, seed: UInt64) throws -> RegressionModel {
        var network = try NetworkInitializer.initialParameters(for: architecture, seed: seed)
        var random = SeededGenerator(seed: seed &+ 17)
        for k in network.parameters.indices { network.parameters[k] += perturbation * random.nextNormal() }
        network.projectConstrainedWeights()
        let d = architecture.inputDimension
        return try RegressionModel(network: network, inputScaler: .identity(dimension: d), targetScaler: .identity(dimension: 1),
                                   inputNames: (1...d).map { "x\($0)" }, targetName: "f")
    }

    static func timed(_ body: () throws -> [ConjugateValue]) rethrows -> (values: [ConjugateValue], seconds: Double) {
        let start = DispatchTime.now()
        let values = try body()
        return (values, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }
}
