import ConvexNetworks
import DataFiles
import Foundation
import LinearAlgebra

/// Learns the Brenier map between two samples by the minimax of Makkuva et al. (2020) with two
/// convex potentials, f on the source side and g on the target side:
///
///     inner (g):  min_g  E_Q[ f(∇g(Y)) − ⟨Y, ∇g(Y)⟩ ]
///     outer (f):  min_f  E_P f(X) − E_Q f(∇g(Y))
///
/// The learned map is T̂ = ∇f and its inverse ∇g. Sign conventions of the dual estimate: for
/// any coupling, E⟨X, Y⟩ ≤ E_P f + E_Q f* (Fenchel–Young), with equality at the Brenier
/// potential, so ½W₂² = ½E‖X‖² + ½E‖Y‖² − min_f (E_P f + E_Q f*). The inner problem is
/// max_g E_Q[⟨Y, ∇g⟩ − f(∇g)], whose value is E_Q f*(Y) when ∇g(Y) attains the sup
/// (f*(y) = sup_x ⟨x, y⟩ − f(x)), so
///
///     W₂² ≈ E_P[‖X‖² − 2 f(X)] + E_Q[‖Y‖² − 2⟨Y, ∇g(Y)⟩ + 2 f(∇g(Y))],
///
/// the estimate this trainer reports (twice the minimax value subtracted from the second
/// moments; not a bound while g is not optimal).
///
/// Each outer iteration t takes ``BrenierMapSettings/innerSteps`` Adam steps on g and one on
/// f, each on a fresh batch drawn with replacement (Y for a g-step; X and Y for the f-step),
/// all at the iteration's cosine-decayed learning rate. The g-step's gradient is that of a loss
/// on ∇g: with G = ∇g(Y), its cotangent is U = (∇f(G) − Y)/b, pulled back through ∇g by
/// ``ConvexNetwork/inputGradientBackward(_:batch:cotangent:workspace:parameterGradient:)``.
///
/// Units: with ``BrenierMapSettings/dataScaling`` `.standardized` (the default) the minimax runs
/// on x′ = (x − a)/s and y′ = (y − b)/s — the samples' means and one common scale, a change of
/// units that leaves the W₂-optimal coupling unchanged (per-coordinate scales would bend it) —
/// and the returned potentials carry the way back in their scalers and output skips, so that
/// ∇f maps source points to target points in data units. With `.none` the networks see the data
/// as given (identity scalers). The dual estimate, the test error and every progress report are
/// in data units either way.
/// Each batch is split by columns over ``BrenierMapSettings/threads`` workers whose gradients
/// are summed in a fixed order (BLAS on one thread inside them; with one worker, BLAS keeps the
/// caller's thread count): with a given seed and thread count the map is the same bit for bit.
/// Buffers are allocated before the loop.
public struct BrenierMapTrainer {
    public var settings: BrenierMapSettings

    public init(settings: BrenierMapSettings = BrenierMapSettings()) { self.settings = settings }

    public struct Result: Sendable {
        /// f and g in data units (their scalers and output skips undo the change of units), and the record of the run.
        public var map: TransportMap
        /// The W₂² estimate over the whole two samples at the end.
        public var dualEstimate: Double
        public var seconds: Double
        /// On the test set when given: mean ‖∇f(x) − T(x)‖² and L2-UVP (%).
        public var testError: Double?
        public var testUnexplainedVariance: Double?

        /// Signs, in words, that the minimax has not converged (empty when none is seen). W₂² ≥ 0,
        /// and the estimate equals it when g = f*; a negative estimate means g is far from the
        /// conjugate of f, so ∇f should not be trusted as the transport map.
        public var warnings: [String] {
            guard dualEstimate < 0 else { return [] }
            return ["the dual estimate of W2² is negative (\(dualEstimate)), which no transport cost can be: g is far from "
                    + "the conjugate of f and the minimax has not converged; try a smaller learning rate, the Gaussian "
                    + "initialisation or more iterations"]
        }
    }

    /// Trains on `source` (n points) and `target` (m points), both row by row with `dimension`
    /// coordinates (the column-major d × n layout). `columns` names the coordinates (default
    /// x1 … xd); `test` follows the error against a known map; `progress` sees every outer
    /// iteration.
    /// - Throws: `invalidSetting` for bad settings; `shapeMismatch`, `tooFewPoints` (fewer than
    ///   2 points) or `notFinite` for bad samples; `failed` when a step is not finite.
    public func train(source dataSource: [Double], target dataTarget: [Double], dimension d: Int, columns: [String]? = nil,
                      test dataTest: MapTestSet? = nil,
                      progress: ((MinimaxProgress) -> Void)? = nil) throws -> Result {
        try settings.validate()
        let n = try PointRows.count(dataSource, dimension: d, name: "source sample", needed: 2)
        let m = try PointRows.count(dataTarget, dimension: d, name: "target sample", needed: 2)
        let names = columns ?? (1...d).map { "x\($0)" }
        guard names.count == d else {
            throw TransportMapsError.shapeMismatch(what: "column names", expected: "\(d) (one per coordinate)", actual: "\(names.count)")
        }
        if let dataTest, dataTest.inputs.count % d != 0 {
            throw TransportMapsError.shapeMismatch(what: "test points", expected: "a multiple of \(d) values", actual: "\(dataTest.inputs.count)")
        }
        let start = DispatchTime.now()
        let architecture = settings.architecture(dimension: d)
        let units = SampleStandardization(settings.dataScaling, source: dataSource, target: dataTarget, dimension: d,
                                          translate: architecture.layers.last?.hasSkip == true)
        let source = units.sourceUnits(dataSource), target = units.targetUnits(dataTarget)
        let sourceMean = SampleStandardization.moments(source, dimension: d).mean
        let targetMean = SampleStandardization.moments(target, dimension: d).mean
        let test = try dataTest.map { try MapTestSet(inputs: units.sourceUnits($0.inputs), outputs: units.targetUnits($0.outputs), dimension: d) }
        var master = SeededGenerator(seed: settings.seed)
        let fSeed = master.next(), gSeed = master.next()
        var random = SeededGenerator(seed: master.next())
        let gPenalty = settings.freeBackwardWeights ? settings.backwardPenalty : nil
        func potential(_ network: ConvexNetwork, penalty: Double?) -> MinimaxPotential {
            MinimaxPotential(network: network, mode: settings.nonNegativity, penalty: penalty, beta1: settings.beta1, beta2: settings.beta2)
        }
        var f = potential(try PotentialInitializer.random(architecture, seed: fSeed), penalty: nil)
        var g = potential(try PotentialInitializer.random(architecture, seed: gSeed), penalty: gPenalty)
        if settings.initialization != .paper {
            let (forwardImages, backwardImages): ([Double], [Double])
            if settings.initialization == .identity {
                (forwardImages, backwardImages) = (units.targetUnits(dataSource), units.sourceUnits(dataTarget))   // x ↦ x in data units
            } else {
                forwardImages = try GaussianMap(fittingSource: source, target: target, dimension: d).apply(source)
                backwardImages = try GaussianMap(fittingSource: target, target: source, dimension: d).apply(target)   // T⁻¹
            }
            guard PotentialInitializer.prefit(&f, points: source, images: forwardImages, settings: settings, random: &random),
                  PotentialInitializer.prefit(&g, points: target, images: backwardImages, settings: settings, random: &random) else {
                throw TransportMapsError.failed(what: "the \(settings.initialization.rawValue) initialisation",
                                                reason: "a pre-fit step gave non-finite values")
            }
            f = potential(f.network, penalty: nil)                                    // fresh Adam state for the minimax
            g = potential(g.network, penalty: gPenalty)
        }

        let b = settings.batchSize, T = settings.iterations
        let workers = MinimaxWorkers(architecture: architecture, batch: b, threads: settings.threads)
        var x = [Double](repeating: 0, count: d * b), y = x
        let testVariance = try test.map { try MapMetrics.totalVariance($0.outputs, dimension: d) }
        var testError: Double?, testUVP: Double?
        func draw(_ batch: inout [Double], from points: [Double], count: Int) {
            for s in 0..<b {
                let i = random.nextIndex(below: count)
                for k in 0..<d { batch[s * d + k] = points[i * d + k] }
            }
        }
        func failure(_ what: String, _ t: Int, _ rate: Double) -> TransportMapsError {
            .failed(what: "minimax training", reason: "\(what) at outer iteration \(t + 1) gave non-finite values (learning rate \(rate))")
        }

        try BLASThreads.with(workers.workers.count > 1 ? 1 : BLASThreads.count) {
            for t in 0..<T {
                let rate = settings.learningRate(step: t, of: T)
                for _ in 0..<settings.innerSteps {
                    draw(&y, from: target, count: m)
                    workers.innerGradient(f: f.network, g: g.network, y: y, into: &g.gradient)
                    guard g.step(learningRate: rate) else { throw failure("a step on g", t, rate) }
                }
                draw(&x, from: source, count: n)
                draw(&y, from: target, count: m)
                let estimate = workers.outerGradient(f: f.network, g: g.network, x: x, y: y, into: &f.gradient)
                guard estimate.isFinite, f.step(learningRate: rate) else { throw failure("the step on f", t, rate) }
                var report = MinimaxProgress(iteration: t + 1, iterations: T,
                                             dualEstimate: units.dataTransportCost(estimate, sourceMean: sourceMean, targetMean: targetMean),
                                             learningRate: rate)
                if let test, let testVariance, (t + 1) % settings.testInterval == 0 || t == T - 1 {
                    let error = try MapMetrics.meanSquaredError(f.network.inputGradients(test.inputs), test.outputs, dimension: d)
                    (testError, testUVP) = (units.dataSquaredDistance(error), 100 * error / testVariance)
                    (report.testError, report.testUnexplainedVariance) = (testError, testUVP)
                }
                progress?(report)
            }
        }

        if let test, let testVariance, T == 0 {
            let error = try MapMetrics.meanSquaredError(f.network.inputGradients(test.inputs), test.outputs, dimension: d)
            (testError, testUVP) = (units.dataSquaredDistance(error), 100 * error / testVariance)
        }
        let dual = units.dataTransportCost(Self.dualEstimate(f: f.network, g: g.network, source: source, target: target),
                                           sourceMean: sourceMean, targetMean: targetMean)
        guard dual.isFinite else { throw TransportMapsError.failed(what: "minimax training", reason: "the final dual estimate is not finite") }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let record = MapTrainingRecord(method: "minimax", seed: settings.seed, iterations: T, innerSteps: settings.innerSteps, batchSize: b,
                                       learningRate: settings.learningRate, initialization: settings.initialization.rawValue,
                                       dualEstimate: dual, seconds: seconds, sourceCount: n, targetCount: m,
                                       dataScaling: settings.dataScaling.rawValue)
        let map = try TransportMap(forward: units.forwardModel(f.network, names: names), backward: units.backwardModel(g.network, names: names),
                                   columns: names, training: record)
        return Result(map: map, dualEstimate: dual, seconds: seconds, testError: testError, testUnexplainedVariance: testUVP)
    }

    /// E_P[‖X‖² − 2f(X)] + E_Q[‖Y‖² − 2⟨Y, ∇g(Y)⟩ + 2f(∇g(Y))] over the whole samples (row by
    /// row): the W₂² estimate of the networks f and g, in the units they read.
    public static func dualEstimate(f: ConvexNetwork, g: ConvexNetwork, source: [Double], target: [Double]) -> Double {
        let d = f.inputDimension, n = source.count / d, m = target.count / d
        let mapped = g.inputGradients(target)
        var sourceSum = 0.0, targetSum = 0.0
        for value in source { sourceSum += value * value }                                          // Σ‖X‖²
        for value in f.evaluate(source) { sourceSum -= 2 * value }                                   // − 2Σf(X)
        for k in target.indices { targetSum += target[k] * target[k] - 2 * target[k] * mapped[k] }   // Σ‖Y‖² − 2⟨Y, G⟩
        for value in f.evaluate(mapped) { targetSum += 2 * value }                                   // + 2Σf(G)
        return sourceSum / Double(n) + targetSum / Double(m)
    }
}
