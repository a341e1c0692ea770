import ConvexNetworks
import DataFiles
import Foundation
import GLPKBackend
import LinearProgramming
import Testing
@testable import Transport

@Suite struct SemiDiscreteTests {
    typealias Support = SinkhornTestSupport
    static let simplex = GLPKSolver(settings: GLPKSettings(method: .primalSimplex))

    /// Dᵢⱼ = ⟨xᵢ, yⱼ⟩ computed directly, and the discrete OT cost −D as a CostMatrix.
    static func negatedDots(_ x: [Double], _ y: [Double], dimension d: Int) throws -> CostMatrix {
        let n = x.count / d, m = y.count / d
        var values = [Double](repeating: 0, count: n * m)
        for i in 0..<n { for j in 0..<m { values[i * m + j] = -(0..<d).reduce(0) { $0 + x[i * d + $1] * y[j * d + $1] } } }
        return try CostMatrix(rows: n, columns: m, values: values)
    }

    @Test func exactCellsMatchTheWeightsWithoutTies() throws {
        let n = 60, d = 2
        let x = Support.uniformPoints(n, dimension: d, seed: 101), y = Support.uniformPoints(4, dimension: d, seed: 102).map { 2 * $0 - 1 }
        let b = [12.0, 18, 9, 21].map { $0 / Double(n) }                   // whole samples per site
        let solution = try SemiDiscreteTransport.solveExact(samples: x, dimension: d, sites: y, weights: b, using: Self.simplex)
        #expect(solution.lpReport.verified)
        #expect(solution.centered)
        #expect((solution.margin ?? 0) > 1e-4)
        #expect(solution.cells.tiedSamples.isEmpty)
        for j in 0..<4 { #expect(abs(solution.cells.masses[j] - b[j]) <= 1e-12) }
        #expect(abs(solution.cells.planMassOffMap ?? 1) <= 1e-9)
        #expect(solution.objectiveGap <= 1e-9)
        // The map sends every sample where the optimal plan sends it.
        let assigned = try solution.potential.assign(x)
        for entry in solution.plan { #expect(assigned[entry.sample] == entry.site) }
        // ψ is optimal: its correlation equals the discrete OT optimum with cost −⟨x, y⟩.
        let exact = try Support.exactTransport([Double](repeating: 1 / Double(n), count: n), b, Self.negatedDots(x, y, dimension: d))
        #expect(abs(solution.correlation + exact.cost) <= 1e-9)
        let weighted = zip(b, solution.potential.potentials).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(weighted) <= 1e-12)
    }

    @Test func genericWeightsGiveTheUniqueDualsAndASplit() throws {
        let n = 40, d = 2, m = 5
        let x = Support.uniformPoints(n, dimension: d, seed: 111), y = Support.uniformPoints(m, dimension: d, seed: 112).map { 3 * $0 }
        let b = Support.randomWeights(m, seed: 113)
        let solution = try SemiDiscreteTransport.solveExact(samples: x, dimension: d, sites: y, weights: b, using: Self.simplex)
        #expect(solution.lpReport.verified)
        // The discrete OT duals (u, v) with v = −ψ are unique up to a constant for generic weights.
        let exact = try Support.exactTransport([Double](repeating: 1 / Double(n), count: n), b, Self.negatedDots(x, y, dimension: d))
        let psi = solution.potential.potentials
        for j in 1..<m { #expect(abs((psi[j] - psi[0]) - (-exact.v[j] + exact.v[0])) <= 1e-7) }
        #expect(abs(solution.correlation + exact.cost) <= 1e-9)
        // Weights that are not whole samples force split samples: ties, split as the plan splits them.
        let cells = solution.cells
        #expect(!cells.tiedSamples.isEmpty && cells.tiedSamples.count <= m - 1)
        #expect(cells.massError <= 1e-9)
        #expect(abs(cells.planMassOffMap ?? 1) <= 1e-9)
        for j in 0..<m {
            #expect(cells.strictMasses[j] <= b[j] + 1e-12)
            #expect(b[j] <= cells.strictMasses[j] + cells.tiedMasses[j] + 1e-12)
        }
    }

    @Test func vertexPotentialsReportTiesAndTheAchievableSplit() throws {
        let n = 30, d = 3
        let x = Support.uniformPoints(n, dimension: d, seed: 121), y = Support.uniformPoints(3, dimension: d, seed: 122)
        let b = [10.0, 5, 15].map { $0 / Double(n) }
        let solver = GLPKSolver(settings: GLPKSettings(method: .dualSimplex))
        let solution = try SemiDiscreteTransport.solveExact(samples: x, dimension: d, sites: y, weights: b, using: solver,
                                                            settings: SemiDiscreteSettings(centerPotentials: false))
        #expect(!solution.centered && solution.margin == nil)
        // A basic dual of this degenerate LP is tight on m − 1 extra pairs: the samples on them tie.
        #expect(!solution.cells.tiedSamples.isEmpty)
        #expect(solution.cells.massError <= 1e-9)
        #expect(abs(solution.cells.planMassOffMap ?? 1) <= 1e-9)
        let centred = try SemiDiscreteTransport.solveExact(samples: x, dimension: d, sites: y, weights: b, using: solver)
        #expect(centred.cells.tiedSamples.isEmpty)
        #expect(abs(centred.correlation - solution.correlation) <= 1e-9)
    }

    /// Sites on the grid {−1, 0, 1}² with product weights p ⊗ q and x ~ U[−1, 1]²: the score
    /// s·x₁ + t·x₂ − αₛ − β_t separates, so ψ₍ₛ,ₜ₎ = αₛ + β_t with thresholds τ₁ = 2p₋₁ − 1 = α₀ − α₋₁
    /// and τ₂ = 1 − 2p₁ = α₁ − α₀ (α₀ = 0), and the same for β with q.
    static func gridProblem() -> (sites: [Double], weights: [Double], psi: [Double]) {
        let p = [0.2, 0.5, 0.3], q = [0.3, 0.3, 0.4]
        func prices(_ w: [Double]) -> [Double] { [-(2 * w[0] - 1), 0, 1 - 2 * w[2]] }
        let alpha = prices(p), beta = prices(q)
        var sites: [Double] = [], weights: [Double] = [], psi: [Double] = []
        for s in 0..<3 {
            for t in 0..<3 {
                sites += [Double(s - 1), Double(t - 1)]
                weights.append(p[s] * q[t])
                psi.append(alpha[s] + beta[t])
            }
        }
        let mean = zip(weights, psi).reduce(0) { $0 + $1.0 * $1.1 }
        return (sites, weights, psi.map { $0 - mean })
    }

    @Test func averagedSGDConvergesToTheExactPotentials() throws {
        let grid = Self.gridProblem()
        var generator = SeededGenerator(seed: 131)
        let settings = SemiDiscreteStochasticSettings(steps: 400_000)
        let solution = try SemiDiscreteTransport.solveStochastic(sites: grid.sites, weights: grid.weights, dimension: 2,
                                                                 settings: settings) { count in
            (0..<(2 * count)).map { _ in 2 * generator.nextUniform() - 1 }
        }
        let error = zip(solution.potential.potentials, grid.psi).reduce(0) { max($0, abs($1.0 - $1.1)) }
        // Stated tolerance: 0.02 in ψ (thresholds within 0.01 of their exact places).
        #expect(error < 0.02)
        #expect(solution.steps == 400_000 && solution.averagedIterates == 200_000)
        let cells = try #require(solution.cells)
        #expect(cells.massError < 0.02)
        // A tenth of the samples is visibly worse: the test can tell convergence apart.
        var early = SeededGenerator(seed: 131)
        let short = try SemiDiscreteTransport.solveStochastic(sites: grid.sites, weights: grid.weights, dimension: 2,
                                                              settings: SemiDiscreteStochasticSettings(steps: 4_000)) { count in
            (0..<(2 * count)).map { _ in 2 * early.nextUniform() - 1 }
        }
        let shortError = zip(short.potential.potentials, grid.psi).reduce(0) { max($0, abs($1.0 - $1.1)) }
        #expect(shortError > error)
    }

    @Test func sgdOnASampleSetApproachesTheExactSemiDual() throws {
        let n = 200, d = 2, m = 4
        let x = Support.uniformPoints(n, dimension: d, seed: 141), y = Support.uniformPoints(m, dimension: d, seed: 142).map { 2 * $0 - 1 }
        let b = Support.randomWeights(m, seed: 143)
        let exact = try SemiDiscreteTransport.solveExact(samples: x, dimension: d, sites: y, weights: b, using: Self.simplex)
        let settings = SemiDiscreteStochasticSettings(steps: 200_000, seed: 7)
        let sgd = try SemiDiscreteTransport.solveStochastic(samples: x, dimension: d, sites: y, weights: b, settings: settings)
        // H(ψ) = −Σ bⱼψⱼ − (1/n) Σᵢ φ(xᵢ) ≤ H* = −correlation; the averaged iterate is within 1e-3.
        let values = try sgd.potential.values(x)
        let h = -zip(b, sgd.potential.potentials).reduce(0) { $0 + $1.0 * $1.1 } - values.reduce(0, +) / Double(n)
        #expect(h <= -exact.correlation + 1e-12)
        #expect(-exact.correlation - h < 1e-3)
        let again = try SemiDiscreteTransport.solveStochastic(samples: x, dimension: d, sites: y, weights: b, settings: settings)
        #expect(again.potential == sgd.potential && again.lastIterate == sgd.lastIterate && again.cells == sgd.cells)
    }

    @Test func maxAffineExportRoundTripsThroughAModelFile() throws {
        let n = 50, d = 3, m = 6
        let x = Support.uniformPoints(n, dimension: d, seed: 151), y = Support.uniformPoints(m, dimension: d, seed: 152).map { 4 * $0 - 2 }
        let b = Support.randomWeights(m, seed: 153)
        let potential = try SemiDiscreteTransport.solveExact(samples: x, dimension: d, sites: y, weights: b, using: Self.simplex).potential
        let model = try potential.maxAffineModel(inputNames: ["a", "b", "c"], targetName: "phi")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("semi-discrete-\(ProcessInfo.processInfo.processIdentifier).model.json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try RegressionModel(contentsOfFile: path)
        #expect(loaded == model)
        let certificate = ConvexityCertificate.certify(loaded)
        #expect(certificate.convex && certificate.lpEncodable)
        // Forward pass = maxⱼ ⟨x, yⱼ⟩ − ψⱼ (computed here by loops) at points well outside the samples.
        let points = Support.uniformPoints(500, dimension: d, seed: 154).map { 10 * $0 - 5 }
        let predicted = try loaded.predict(points)
        for s in 0..<500 {
            var best = -Double.infinity
            for j in 0..<m {
                let score = (0..<d).reduce(0) { $0 + points[s * d + $1] * y[j * d + $1] } - potential.potentials[j]
                best = max(best, score)
            }
            #expect(abs(predicted[s] - best) <= 1e-12 * max(1, abs(best)))
        }
        // ∇φ(x) is the site the map picks.
        let gradients = loaded.inputGradients(points)
        let mapped = try potential.map(points)
        #expect(gradients == mapped)
        #expect(throws: TransportError.self) { _ = try potential.maxAffineModel(inputNames: ["a"]) }
    }

    @Test func badInputIsRejected() throws {
        let x = Support.uniformPoints(10, dimension: 2, seed: 161), y = [0.0, 0, 1, 1]
        #expect(throws: TransportError.unbalancedMass(source: 1, target: 0.9)) {
            _ = try SemiDiscreteTransport.solveExact(samples: x, dimension: 2, sites: y, weights: [0.4, 0.5], using: Self.simplex)
        }
        #expect(throws: TransportError.badWeight(side: "site", index: 0, value: -0.5)) {
            _ = try SemiDiscreteTransport.solveExact(samples: x, dimension: 2, sites: y, weights: [-0.5, 1.5], using: Self.simplex)
        }
        #expect(throws: TransportError.self) {
            _ = try SemiDiscreteTransport.solveExact(samples: x, dimension: 2, sites: y, weights: [1.0 / 3, 1.0 / 3, 1.0 / 3], using: Self.simplex)
        }
        #expect(throws: TransportError.badCoordinate(side: "samples", point: 1, coordinate: 1, value: .infinity)) {
            _ = try SemiDiscreteTransport.solveExact(samples: [0, 0, 1, .infinity], dimension: 2, sites: y, weights: [0.5, 0.5],
                                                     using: Self.simplex)
        }
        #expect(throws: TransportError.emptyCloud(side: "sample")) {
            _ = try SemiDiscreteTransport.solveExact(samples: [], dimension: 2, sites: y, weights: [0.5, 0.5], using: Self.simplex)
        }
        #expect(throws: TransportError.self) {
            _ = try SemiDiscreteTransport.solveStochastic(sites: y, weights: [0.5, 0.5], dimension: 2) { count in [Double](repeating: 0, count: count) }
        }
        #expect(throws: TransportError.self) {
            _ = try SemiDiscreteTransport.solveStochastic(samples: x, dimension: 2, sites: y, weights: [0.5, 0.5],
                                                          settings: SemiDiscreteStochasticSettings(steps: 0))
        }
        // A solver that stops on its iteration limit is reported as a failure, not a wrong answer.
        var limited = GLPKSettings(method: .primalSimplex)
        limited.iterationLimit = 1
        #expect(throws: TransportError.self) {
            _ = try SemiDiscreteTransport.solveExact(samples: x, dimension: 2, sites: y, weights: [0.5, 0.5], using: GLPKSolver(settings: limited))
        }
    }
}
