import DataFiles
import Testing
@testable import ConvexNetworks

@Suite struct ParallelGradientTests {
    @Test(arguments: [1, 2, 3])
    func splittingABatchAcrossThreadsGivesTheSameGradient(threads: Int) throws {
        let architecture = Architecture.hycnn(inputDimension: 4, widths: [6, 5])
        let network = try NetworkInitializer.initialParameters(for: architecture, seed: 3)
        var random = SeededGenerator(seed: 4)
        let n = 50
        let x = (0..<(n * 4)).map { _ in random.nextNormal() }, y = (0..<n).map { _ in random.nextNormal() }
        let batch = Array(0..<n)[5..<42]                       // a slice that does not start at 0
        var reference = [Double](repeating: 0, count: architecture.parameterCount)
        let referenceError = ParallelGradient(architecture: architecture, batchSize: 40, threads: 1)
            .compute(network, inputs: x, targets: y, batch: batch, into: &reference)
        var gradient = [Double](repeating: .nan, count: architecture.parameterCount)
        let error = ParallelGradient(architecture: architecture, batchSize: 40, threads: threads)
            .compute(network, inputs: x, targets: y, batch: batch, into: &gradient)
        let scale = reference.map(abs).max()!
        #expect(zip(gradient, reference).allSatisfy { abs($0 - $1) <= 1e-13 * scale })
        #expect(abs(error - referenceError) <= 1e-13 * referenceError)
        // The squared error is that of the batch's own samples.
        let f = network.evaluate(batch.flatMap { x[$0 * 4..<($0 + 1) * 4] })
        let direct = zip(f, batch.map { y[$0] }).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        #expect(abs(error - direct) <= 1e-12 * direct)
    }
}
