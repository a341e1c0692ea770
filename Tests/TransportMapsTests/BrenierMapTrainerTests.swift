import ConvexNetworks
import DataFiles
import Testing
import TransportMaps

@Suite("Brenier map trainer (minimax)")
struct BrenierMapTrainerTests {
    /// Small potentials and budgets, so each test runs in seconds in a debug build.
    static func smallSettings(iterations: Int, initialization: PotentialInitialization = .paper) -> BrenierMapSettings {
        var settings = BrenierMapSettings()
        settings.widths = [16, 16]
        settings.batchSize = 128
        settings.iterations = iterations
        settings.innerSteps = 3
        settings.initialization = initialization
        settings.initializationSteps = 300
        settings.seed = 3
        return settings
    }

    /// n standard normal points in d dimensions, row by row.
    static func normal(_ n: Int, _ d: Int, seed: UInt64) -> [Double] {
        var random = SeededGenerator(seed: seed)
        return (0..<(n * d)).map { _ in random.nextNormal() }
    }

    @Test("the identity initialisation gives ∇f ≈ x and ∇g ≈ y before training")
    func identityInitialization() throws {
        let d = 2
        let source = Self.normal(1000, d, seed: 1), target = Self.normal(1000, d, seed: 2).map { 2 * $0 + 1 }
        let test = Self.normal(200, d, seed: 3)
        let result = try BrenierMapTrainer(settings: Self.smallSettings(iterations: 0, initialization: .identity))
            .train(source: source, target: target, dimension: d, test: MapTestSet(inputs: test, outputs: test, dimension: d))
        #expect(try #require(result.testError) < 0.01)                              // mean ‖∇f(x) − x‖² over N(0, I)
        let backward = try MapMetrics.meanSquaredError(try result.map.applyInverse(test.map { 2 * $0 + 1 }), test.map { 2 * $0 + 1 },
                                                       dimension: d)
        #expect(backward < 0.04)                                                    // ∇g ≈ identity over Q = N(1, 4I)
    }

    @Test("the Gaussian initialisation gives ∇f ≈ the linear map of the two samples before training")
    func gaussianInitialization() throws {
        let problem = try GaussianProblem(dimension: 2, seed: 4)
        let samples = try problem.samples(sourceCount: 1000, targetCount: 1000, testCount: 200, seed: 5)
        let linear = try GaussianMap(fittingSource: samples.source, target: samples.target, dimension: 2)
        let test = try MapTestSet(inputs: samples.testInputs, outputs: try linear.apply(samples.testInputs), dimension: 2)
        let result = try BrenierMapTrainer(settings: Self.smallSettings(iterations: 0, initialization: .gaussian))
            .train(source: samples.source, target: samples.target, dimension: 2, test: test)
        #expect(try #require(result.testUnexplainedVariance) < 1)                   // < 1 % of Var(Q)
    }

    @Test("1-D: the monotone map x ↦ x + 0.3·x|x| is learned from samples")
    func monotoneOneDimensional() throws {
        func map(_ points: [Double]) -> [Double] { points.map { $0 + 0.3 * $0 * abs($0) } }
        let source = Self.normal(2000, 1, seed: 6), target = map(Self.normal(2000, 1, seed: 7))
        let test = try MapTestSet(inputs: Self.normal(500, 1, seed: 8), dimension: 1, exactMap: map)
        var reports: [MinimaxProgress] = []
        var settings = Self.smallSettings(iterations: 300, initialization: .identity)
        settings.nonlinearity = .smoothMaxGate(temperature: 0.5)                   // τ = 10 is nearly quadratic at this scale
        let result = try BrenierMapTrainer(settings: settings)
            .train(source: source, target: target, dimension: 1, test: test) { reports.append($0) }
        #expect(reports.count == 300 && reports.last?.iteration == 300)
        #expect(reports.last?.testError != nil && reports[0].testError == nil)
        #expect(abs(reports.last!.learningRate - 1e-4) < 1e-12 && abs(reports[0].learningRate - 1e-2) < 1e-12)
        #expect(try #require(result.testUnexplainedVariance) < 2)
        #expect(result.map.training.method == "minimax" && result.map.training.iterations == 300)
    }

    @Test("2-D Gaussians: the map converges and the dual estimate approaches the closed-form W₂²")
    func gaussianTwoDimensional() throws {
        let problem = try GaussianProblem(dimension: 2, seed: 9)
        let samples = try problem.samples(sourceCount: 2000, targetCount: 2000, testCount: 500, seed: 10)
        let result = try BrenierMapTrainer(settings: Self.smallSettings(iterations: 300, initialization: .identity))
            .train(source: samples.source, target: samples.target, dimension: 2, test: try MapTestSet(samples))
        #expect(try #require(result.testUnexplainedVariance) < 2)
        // W₂² = E‖X − T(X)‖² under the exact map, on a large fresh sample of P.
        let many = try problem.samples(sourceCount: 1, targetCount: 1, testCount: 100_000, seed: 11)
        let exact = zip(many.testInputs, many.testOutputs).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 100_000
        #expect(abs(result.dualEstimate - exact) < 0.08 * exact)                  // 2000-point samples: a few % of sampling error
    }

    @Test("same seed, same parameters bit for bit; another seed, other parameters")
    func determinism() throws {
        let source = Self.normal(300, 2, seed: 12), target = Self.normal(300, 2, seed: 13).map { $0 * 1.5 }
        var settings = Self.smallSettings(iterations: 20)
        let first = try BrenierMapTrainer(settings: settings).train(source: source, target: target, dimension: 2)
        let second = try BrenierMapTrainer(settings: settings).train(source: source, target: target, dimension: 2)
        #expect(first.map.forward.network.parameters == second.map.forward.network.parameters)
        #expect(first.map.backward.network.parameters == second.map.backward.network.parameters)
        #expect(first.dualEstimate == second.dualEstimate)
        settings.threads = 1                                                         // one worker: reproducible too
        let single = try BrenierMapTrainer(settings: settings).train(source: source, target: target, dimension: 2)
        #expect(single.map.forward.network.parameters == (try BrenierMapTrainer(settings: settings)
            .train(source: source, target: target, dimension: 2)).map.forward.network.parameters)
        settings.seed = 4
        let other = try BrenierMapTrainer(settings: settings).train(source: source, target: target, dimension: 2)
        #expect(other.map.forward.network.parameters != first.map.forward.network.parameters)
    }

    @Test("ICNN potentials with a free, penalised g train; f stays convex")
    func icnnWithPenalty() throws {
        var settings = Self.smallSettings(iterations: 20)
        settings.family = .icnn
        settings.nonlinearity = .softplus(temperature: 1)
        settings.freeBackwardWeights = true
        let source = Self.normal(300, 2, seed: 14), target = Self.normal(300, 2, seed: 15).map { $0 + 1 }
        let result = try BrenierMapTrainer(settings: settings).train(source: source, target: target, dimension: 2)
        #expect(result.map.forward.network.minimumConstrainedWeights.allSatisfy { ($0 ?? 0) >= 0 })
        #expect(result.dualEstimate.isFinite)
    }

    @Test("ICNN potentials with a quadratic first layer (the paper's best ICNN baseline) learn a 2-D Gaussian map")
    func icnnQuadraticGaussian() throws {
        var settings = Self.smallSettings(iterations: 300, initialization: .identity)
        settings.family = .icnnQuadratic
        settings.nonlinearity = .softplus(temperature: 1)
        settings.quadraticRank = 2
        let problem = try GaussianProblem(dimension: 2, seed: 9)
        let samples = try problem.samples(sourceCount: 2000, targetCount: 2000, testCount: 500, seed: 10)
        let result = try BrenierMapTrainer(settings: settings)
            .train(source: samples.source, target: samples.target, dimension: 2, test: try MapTestSet(samples))
        #expect(result.map.forward.network.architecture.family == .icnnQuadratic)
        #expect(result.map.forward.network.architecture.quadraticRank == 2)
        #expect(ConvexityCertificate.certify(result.map.forward).convex)
        #expect(try #require(result.testUnexplainedVariance) < 2)                  // about 0.6 % reached
    }

    @Test("a negative dual estimate of W₂² is reported as a sign that the minimax has not converged")
    func negativeDualEstimateWarns() throws {
        let source = Self.normal(50, 2, seed: 16), target = Self.normal(50, 2, seed: 17)
        var result = try BrenierMapTrainer(settings: Self.smallSettings(iterations: 0)).train(source: source, target: target, dimension: 2)
        result.dualEstimate = 0.5
        #expect(result.warnings.isEmpty)
        result.dualEstimate = -3
        #expect(result.warnings.count == 1 && result.warnings[0].contains("negative (-3.0)"))
    }

    @Test("bad settings are rejected by name")
    func settingsValidation() throws {
        var cases: [(BrenierMapSettings, String)] = []
        var s = BrenierMapSettings(); s.family = .mlp; cases.append((s, "family"))
        s = BrenierMapSettings(); s.nonlinearity = .leakyRelu(slope: -1); s.family = .icnn; cases.append((s, "nonlinearity"))
        s = BrenierMapSettings(); s.batchSize = 0; cases.append((s, "batchSize"))
        s = BrenierMapSettings(); s.innerSteps = 0; cases.append((s, "innerSteps"))
        s = BrenierMapSettings(); s.iterations = -1; cases.append((s, "iterations"))
        s = BrenierMapSettings(); s.finalLearningRate = 1; cases.append((s, "finalLearningRate"))
        s = BrenierMapSettings(); s.beta1 = 1; cases.append((s, "beta"))
        s = BrenierMapSettings(); s.threads = 0; cases.append((s, "threads"))
        s = BrenierMapSettings(); s.widths = []; cases.append((s, "architecture"))
        for (settings, name) in cases {
            #expect { try settings.validate() } throws: { error in
                guard case let .invalidSetting(found, _)? = error as? TransportMapsError else { return false }
                return found == name
            }
        }
        try BrenierMapSettings().validate()
    }

    @Test("bad samples give clear errors")
    func badInput() throws {
        let trainer = BrenierMapTrainer(settings: Self.smallSettings(iterations: 1))
        let good = Self.normal(10, 2, seed: 16)
        #expect(throws: TransportMapsError.shapeMismatch(what: "target sample coordinates", expected: "a multiple of 2 values", actual: "9")) {
            try trainer.train(source: good, target: Array(Self.normal(3, 3, seed: 17)), dimension: 2)
        }
        #expect(throws: TransportMapsError.tooFewPoints(what: "source sample", count: 1, needed: 2)) {
            try trainer.train(source: [0, 1], target: good, dimension: 2)
        }
        var bad = good
        bad[5] = .nan
        #expect(throws: TransportMapsError.notFinite(what: "target sample", point: 2, coordinate: 1)) {
            try trainer.train(source: good, target: bad, dimension: 2)
        }
        #expect(throws: TransportMapsError.shapeMismatch(what: "column names", expected: "2 (one per coordinate)", actual: "3")) {
            try trainer.train(source: good, target: good, dimension: 2, columns: ["a", "b", "c"])
        }
    }
}
