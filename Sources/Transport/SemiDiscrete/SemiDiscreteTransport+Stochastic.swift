import DataFiles
import Foundation

extension SemiDiscreteTransport {
    /// Averaged stochastic gradient ascent on the concave semi-dual
    /// H(ψ) = −Σⱼ bⱼ ψⱼ − E_x maxⱼ (⟨x, yⱼ⟩ − ψⱼ), whose stochastic gradient for one sample x is
    /// e_{j*} − b (j* the sample's winning site): the step raises the price of the site x went
    /// to and lowers all by their weights (see ``SemiDiscreteStochasticSettings``).
    ///
    /// `source(count)` returns `count` new samples (count × `dimension`, row-major); it is called
    /// with ``SemiDiscreteStochasticSettings/batchSize`` (the last call may ask for fewer), then
    /// once for the evaluation samples. Seed it for reproducible results.
    public static func solveStochastic(sites: [Double], weights b: [Double], dimension d: Int,
                                       settings: SemiDiscreteStochasticSettings = SemiDiscreteStochasticSettings(),
                                       source: (Int) throws -> [Double]) throws -> SemiDiscreteStochasticSolution {
        func draw(_ count: Int) throws -> [Double] {
            let points = try source(count)
            guard try pointCount(points, dimension: d, what: "samples from the source") == count else {
                throw TransportError.shapeMismatch(what: "samples from the source", expected: "\(count) × \(d) coordinates",
                                                   actual: "\(points.count)")
            }
            return points
        }
        var solution = try ascend(sites: sites, weights: b, dimension: d, settings: settings, draw: draw)
        if settings.evaluationSamples > 0 {
            solution.cells = try SemiDiscreteCells(potential: solution.potential, samples: try draw(settings.evaluationSamples))
        }
        return solution
    }

    /// The same ascent with samples drawn uniformly with replacement (seeded by
    /// ``SemiDiscreteStochasticSettings/seed``) from a finite set `samples` (n × `dimension`);
    /// the cells are then those of the whole set.
    public static func solveStochastic(samples: [Double], dimension d: Int, sites: [Double], weights b: [Double],
                                       settings: SemiDiscreteStochasticSettings = SemiDiscreteStochasticSettings()) throws
        -> SemiDiscreteStochasticSolution {
        let n = try pointCount(samples, dimension: d, what: "samples")
        guard n > 0 else { throw TransportError.emptyCloud(side: "sample") }
        var generator = SeededGenerator(seed: settings.seed)
        var batch: [Double] = []
        var solution = try ascend(sites: sites, weights: b, dimension: d, settings: settings) { count in
            batch.removeAll(keepingCapacity: true)
            for _ in 0..<count {
                let i = generator.nextIndex(below: n)
                batch.append(contentsOf: samples[(i * d)..<((i + 1) * d)])
            }
            return batch
        }
        if settings.evaluationSamples > 0 { solution.cells = try SemiDiscreteCells(potential: solution.potential, samples: samples) }
        return solution
    }

    /// The ascent itself; `draw(count)` returns checked samples.
    static func ascend(sites: [Double], weights b: [Double], dimension d: Int, settings: SemiDiscreteStochasticSettings,
                       draw: (Int) throws -> [Double]) throws -> SemiDiscreteStochasticSolution {
        let start = DispatchTime.now()
        try settings.validate()
        try validateSites(sites, dimension: d, weights: b)
        let m = b.count
        var psi = [Double](repeating: 0, count: m), average = psi
        let probe = SemiDiscretePotential(unchecked: sites, dimension: d, siteWeights: b, potentials: psi)
        var dots = [Double](repeating: 0, count: settings.batchSize * m)
        let burnIn = Int(settings.averagingStart * Double(settings.steps))
        var step = 0, averaged = 0
        var gamma0 = settings.stepSize ?? 0
        while step < settings.steps {
            let count = min(settings.batchSize, settings.steps - step)
            let points = try draw(count)
            probe.scores(points, count: count, into: &dots)                      // Dₛⱼ = ⟨xₛ, yⱼ⟩ (ψ = 0 in the probe)
            if gamma0 == 0 { gamma0 = automaticStepSize(dots, count: count, sites: m) }
            dots.withUnsafeBufferPointer { s in
                psi.withUnsafeMutableBufferPointer { psi in
                    average.withUnsafeMutableBufferPointer { average in
                        for sample in 0..<count {
                            step += 1
                            var best = 0
                            var top = s[sample * m] - psi[0]
                            for j in 1..<m where s[sample * m + j] - psi[j] > top { best = j; top = s[sample * m + j] - psi[j] }
                            let gamma = gamma0 / Double(step).squareRoot()                        // γₖ = γ₀/√k
                            for j in 0..<m { psi[j] -= gamma * b[j] }                              // ψ ← ψ + γ (e_{j*} − b)
                            psi[best] += gamma
                            if step > burnIn {
                                averaged += 1
                                let w = 1 / Double(averaged)
                                for j in 0..<m { average[j] += w * (psi[j] - average[j]) }        // ψ̄ ← ψ̄ + (ψ − ψ̄)/count
                            }
                        }
                    }
                }
            }
        }
        let potential = SemiDiscretePotential(unchecked: sites, dimension: d, siteWeights: b, potentials: average).normalized()
        let last = SemiDiscretePotential(unchecked: sites, dimension: d, siteWeights: b, potentials: psi).normalized()
        return SemiDiscreteStochasticSolution(potential: potential, lastIterate: last.potentials, cells: nil, steps: step,
                                              averagedIterates: averaged, stepSize: gamma0,
                                              seconds: Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }

    /// γ₀ = mean over sites of the standard deviation of ⟨x, yⱼ⟩ over the batch (1 when it is 0).
    static func automaticStepSize(_ dots: [Double], count: Int, sites m: Int) -> Double {
        guard count > 1 else { return 1 }
        var total = 0.0
        for j in 0..<m {
            var mean = 0.0, square = 0.0
            for s in 0..<count { mean += dots[s * m + j] }
            mean /= Double(count)
            for s in 0..<count { let r = dots[s * m + j] - mean; square += r * r }
            total += (square / Double(count)).squareRoot()                                 // σⱼ = √(Σ (Dₛⱼ − D̄ⱼ)² / count)
        }
        let gamma = total / Double(m)
        return gamma > 0 && gamma.isFinite ? gamma : 1
    }
}
