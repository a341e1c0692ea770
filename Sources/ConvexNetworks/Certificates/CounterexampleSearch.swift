import DataFiles
import Foundation

/// A seeded search for a violation of convexity, f((a+b)/2) > (f(a) + f(b))/2, in original
/// input units inside the box mean ± 3·scale of the model's input scaler.
///
/// Even trials draw a and b uniformly in the box (long chords); odd trials draw a uniformly and
/// b = a + r·scale⊙g with g standard normal and r log-uniform in [10⁻³, ½] (short segments,
/// since violations of convexity are often local), clamped to the box. Pairs are evaluated in
/// batches through `predict` (a, b and the midpoint side by side); the best few violations above
/// a rounding tolerance are then re-checked by evaluating their three points one at a time, and
/// the largest that survives is reported.
struct CounterexampleSearch {
    let model: RegressionModel
    /// Pairs per call of `predict`.
    var pairsPerBatch = 2048
    /// How many of the largest violations are kept for the final re-check.
    var candidateCount = 8
    /// Half-width of the box in input scales.
    var boxHalfWidth = 3.0
    /// The range of short-segment lengths, in input scales.
    var shortestStep = 1e-3, longestStep = 0.5
    /// Violations below `relativeTolerance · (|f(a)| + |f(b)| + |f(m)| + targetScale)` count as rounding.
    var relativeTolerance = 1e-9

    init(model: RegressionModel) { self.model = model }

    /// The largest verified violation among `trials` seeded pairs, or nil when none is found.
    func run(seed: UInt64, trials: Int) -> ConvexityCertificate.Counterexample? {
        let d = model.inputDimension
        guard trials > 0, d > 0 else { return nil }
        let mean = model.inputScaler.mean, scale = model.inputScaler.scale
        let lower = (0..<d).map { mean[$0] - boxHalfWidth * scale[$0] }           // lo = μ − 3σ
        let upper = (0..<d).map { mean[$0] + boxHalfWidth * scale[$0] }           // hi = μ + 3σ
        let logShortest = log(shortestStep), logRange = log(longestStep) - log(shortestStep)
        var random = SeededGenerator(seed: seed)
        var candidates: [(violation: Double, a: [Double], b: [Double])] = []
        var points = [Double]()
        for start in stride(from: 0, to: trials, by: pairsPerBatch) {
            let count = min(pairsPerBatch, trials - start)
            points.removeAll(keepingCapacity: true)
            points.reserveCapacity(3 * count * d)
            for t in start..<(start + count) {
                let aStart = points.count
                for k in 0..<d { points.append(lower[k] + (upper[k] - lower[k]) * random.nextUniform()) }   // a ~ U(box)
                if t % 2 == 0 {
                    for k in 0..<d { points.append(lower[k] + (upper[k] - lower[k]) * random.nextUniform()) } // b ~ U(box)
                } else {
                    let r = exp(logShortest + logRange * random.nextUniform())                            // r log-uniform
                    for k in 0..<d {
                        let step = points[aStart + k] + r * scale[k] * random.nextNormal()                 // b = a + r σ g
                        points.append(min(max(step, lower[k]), upper[k]))
                    }
                }
                for k in 0..<d { points.append(0.5 * (points[aStart + k] + points[aStart + d + k])) }    // m = (a + b)/2
            }
            guard let values = try? model.predict(points) else { return nil }
            for i in 0..<count {
                let fa = values[3 * i], fb = values[3 * i + 1], fm = values[3 * i + 2]
                guard fa.isFinite, fb.isFinite, fm.isFinite else { continue }
                let violation = fm - 0.5 * (fa + fb)                                     // f(m) − (f(a) + f(b))/2
                guard violation > tolerance(fa, fb, fm) else { continue }
                if candidates.count == candidateCount, violation <= candidates[candidates.count - 1].violation { continue }
                let base = 3 * i * d
                let a = Array(points[base..<(base + d)]), b = Array(points[(base + d)..<(base + 2 * d)])
                let position = candidates.firstIndex { $0.violation < violation } ?? candidates.count
                candidates.insert((violation, a, b), at: position)
                if candidates.count > candidateCount { candidates.removeLast() }
            }
        }
        for candidate in candidates {
            if let verified = recheck(a: candidate.a, b: candidate.b) { return verified }
        }
        return nil
    }

    /// Evaluates a, b and (a+b)/2 one at a time and returns the counterexample if it still holds.
    func recheck(a: [Double], b: [Double]) -> ConvexityCertificate.Counterexample? {
        let midpoint = zip(a, b).map { 0.5 * ($0 + $1) }                                 // m = (a + b)/2
        guard let fa = try? model.predict(a).first, let fb = try? model.predict(b).first,
              let fm = try? model.predict(midpoint).first,
              fa.isFinite, fb.isFinite, fm.isFinite else { return nil }
        let chord = 0.5 * (fa + fb)                                                      // (f(a) + f(b))/2
        guard fm - chord > tolerance(fa, fb, fm) else { return nil }
        return ConvexityCertificate.Counterexample(a: a, b: b, midpointValue: fm, chordValue: chord)
    }

    /// Rounding allowance: ε_rel · (|f(a)| + |f(b)| + |f(m)| + targetScale).
    func tolerance(_ fa: Double, _ fb: Double, _ fm: Double) -> Double {
        relativeTolerance * (abs(fa) + abs(fb) + abs(fm) + model.targetScaler.scale[0])
    }
}
