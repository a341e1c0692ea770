import DataFiles
import Foundation
import LinearAlgebra
import Testing
import TransportMaps

@Suite("Benchmark problems")
struct BenchmarkProblemTests {
    @Test("∇φ matches central finite differences of φ", arguments: ConvexPotential.allCases)
    func gradients(potential: ConvexPotential) throws {
        let d = 7
        var generator = SeededGenerator(seed: 3)
        let x = (0..<d).map { _ in generator.nextNormal() + 0.1 }                       // away from φ₃'s kinks
        let gradient = potential.gradient(x, dimension: d)
        let h = 1e-6
        for k in 0..<d {
            var plus = x, minus = x
            plus[k] += h
            minus[k] -= h
            let difference = (potential.value(plus) - potential.value(minus)) / (2 * h)   // (φ(x + he) − φ(x − he)) / 2h
            #expect(abs(difference - gradient[k]) < 1e-6 * max(1, abs(gradient[k])), "\(potential) coordinate \(k)")
        }
    }

    @Test("φ₂ weights 1 + sin(i)/2 with i counted from 1; φ₃ and φ₄ closed forms")
    func conventions() {
        #expect(ConvexPotential.weightedQuadratic.gradient([1, 1], dimension: 2) == [1 + sin(1.0) / 2, 1 + sin(2.0) / 2])
        #expect(ConvexPotential.quadraticPlusL1.gradient([2, -0.5, 0], dimension: 3) == [3, -1.5, 0])
        #expect(ConvexPotential.quartic.gradient([0.5, -1], dimension: 2) == [0.5, -4])
        #expect(ConvexPotential.quartic.value([0.5, -1]) == 0.0625 + 1)
        #expect(ConvexPotential.quartic.source == .uniformCube && ConvexPotential.quadratic.source == .standardNormal)
    }

    @Test("samples are seeded, independent pools, the target pushed through ∇φ")
    func samples() throws {
        let problem = try PotentialProblem(potential: .quartic, dimension: 3)
        let a = problem.samples(sourceCount: 50, targetCount: 40, testCount: 20, seed: 11)
        let b = problem.samples(sourceCount: 50, targetCount: 40, testCount: 20, seed: 11)
        let c = problem.samples(sourceCount: 60, targetCount: 40, testCount: 20, seed: 11)
        #expect(a.source == b.source && a.target == b.target && a.testInputs == b.testInputs)
        #expect(c.target == a.target && c.testInputs == a.testInputs && Array(c.source.prefix(150)) == a.source)
        #expect(a.source.count == 150 && a.target.count == 120 && a.testInputs.count == 60)
        #expect(a.source.allSatisfy { -1 <= $0 && $0 < 1 })
        #expect(a.testOutputs == problem.map(a.testInputs))
        #expect(a.target.allSatisfy { abs($0) <= 4 })                                    // 4x³ on [−1, 1]
        #expect(problem.samples(seed: 12).source != a.source)
        #expect(throws: TransportMapsError.self) { try PotentialProblem(potential: .quadratic, dimension: 0) }
    }

    @Test("Gaussian problem: condition κ, target sample moments approach (m, Σ₂)")
    func gaussian() throws {
        let problem = try GaussianProblem(dimension: 5, condition: 10, seed: 2)
        for covariance in [problem.sourceCovariance, problem.targetCovariance] {
            let values = try SymmetricEigenDecomposition(covariance).eigenvalues
            #expect(abs(values.last! / values.first! - 10) < 1e-9)
        }
        let samples = try problem.samples(sourceCount: 100_000, targetCount: 100_000, testCount: 10, seed: 4)
        let moments = try SampleMoments(points: samples.target, dimension: 5)
        #expect(maxDifference(moments.mean, problem.targetMean) < 0.05)
        #expect(maxDifference(moments.covariance, problem.targetCovariance) < 0.2)
        #expect(samples.testOutputs == (try problem.map.apply(samples.testInputs)))
    }
}
