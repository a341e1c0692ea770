import Foundation
import Transport
import TransportMaps

/// Fits one model of `hycnn-bench otmap` to a problem's pools and measures it on the test set.
struct OTMapFitter {
    /// Outer iterations of the minimax.
    var iterations: Int
    /// Threads of the minimax and of Sinkhorn.
    var threads: Int
    /// τ of the quadratic ICNN's softplus.
    var softplusTemperature: Double
    /// Sinkhorn's ε as a fraction of the mean cost E‖x − y‖² over all pairs of the two pools.
    var entropicEpsilon: Double
    /// Points of each pool the entropic map uses (the first ones).
    var entropicPoints: Int
    /// Sinkhorn's stopping tolerance on the marginal error (relative to the mass).
    var sinkhornTolerance: Double

    /// The minimax settings of `model` for `seed` (nil for the sample baselines).
    func settings(_ model: OTMapModel, seed: Int) -> BrenierMapSettings? {
        var base = BrenierMapSettings()
        base.iterations = iterations
        base.threads = threads
        base.seed = UInt64(seed)
        return model.settings(base: base, softplusTemperature: softplusTemperature)
    }

    /// Fits `model` to `samples` (problem `problem`, seed `seed`). A fit that fails (a minimax
    /// step or Sinkhorn not finite) gives a run with its reason and NaN errors, not an error.
    func run(_ model: OTMapModel, problem: String, samples: MapSamples, seed: Int) throws -> OTMapRun {
        let d = samples.dimension
        var run = OTMapRun(problem: problem, dimension: d, model: model, seed: seed, threads: threads)
        var cost = 0.0
        for k in samples.testInputs.indices { let r = samples.testInputs[k] - samples.testOutputs[k]; cost += r * r }
        run.exactCost = cost / Double(samples.testInputs.count / d)                     // mean ‖x − T(x)‖²
        let start = DispatchTime.now()
        let mapped: [Double]
        do {
            if let settings = settings(model, seed: seed) {
                let result = try BrenierMapTrainer(settings: settings).train(source: samples.source, target: samples.target, dimension: d)
                run.dualEstimate = result.dualEstimate
                run.seconds = result.seconds
                mapped = try result.map.apply(samples.testInputs)
            } else if model == .linear {
                let map = try GaussianMap(fittingSource: samples.source, target: samples.target, dimension: d)
                run.seconds = Self.seconds(since: start)
                mapped = try map.apply(samples.testInputs)
            } else {
                let count = min(entropicPoints * d, samples.source.count, samples.target.count)
                let source = Array(samples.source.prefix(count)), target = Array(samples.target.prefix(count))
                var sinkhorn = SinkhornSettings(epsilon: entropicEpsilon * Self.meanCost(source, target, dimension: d),
                                                tolerance: sinkhornTolerance)
                sinkhorn.threads = threads
                let map = try EntropicMap(source: source, target: target, dimension: d, settings: sinkhorn)
                run.seconds = Self.seconds(since: start)
                mapped = try map.apply(samples.testInputs)
            }
        } catch let error as TransportMapsError {
            guard case .failed = error else { throw error }
            run.seconds = Self.seconds(since: start)
            run.failure = "\(error)"
            return run
        }
        run.error = try MapMetrics.meanSquaredError(mapped, samples.testOutputs, dimension: d)
        run.unexplainedVariance = try MapMetrics.unexplainedVariance(mapped, samples.testOutputs, dimension: d)
        return run
    }

    /// E‖x − y‖² over all pairs = E‖x‖² + E‖y‖² − 2⟨x̄, ȳ⟩ (points row by row).
    static func meanCost(_ source: [Double], _ target: [Double], dimension d: Int) -> Double {
        let n = Double(source.count / d), m = Double(target.count / d)
        var xMean = [Double](repeating: 0, count: d), yMean = xMean
        var squares = 0.0
        for (k, v) in source.enumerated() { xMean[k % d] += v; squares += v * v / n }
        for (k, v) in target.enumerated() { yMean[k % d] += v; squares += v * v / m }
        var cross = 0.0
        for k in 0..<d { cross += (xMean[k] / n) * (yMean[k] / m) }
        return squares - 2 * cross
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
