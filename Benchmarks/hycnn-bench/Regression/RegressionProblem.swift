import ConvexNetworks
import DataFiles

/// One instance of the paper's regression experiment for a target, a dimension
/// and a seed: X ~ Unif[−1, 1]^d, Y = f(X) + N(0, σ²) for training, and fresh noiseless test
/// points.
///
/// Every random draw comes from its own stream, derived from (seed, d, stream): training inputs,
/// training noise, the shift μ of f6 and the test inputs are independent of each other and do
/// not depend on the target, so all targets of one (seed, d) see the same inputs and noise.
struct RegressionProblem {
    let target: RegressionTarget
    let dimension: Int
    let seed: UInt64
    /// μ ~ N(0, I/d) (drawn for every target, used by f6 only).
    let shift: [Double]
    /// n noisy training samples.
    let training: Dataset
    /// Test inputs (d × m, column-major) and their noiseless values f(x).
    let testInputs: [Double]
    let testTargets: [Double]
    /// Variance of the test targets (the MSE of predicting their mean).
    let testVariance: Double

    /// The independent random streams of one (seed, d).
    enum Stream: UInt64 {
        case trainingInputs = 1, trainingNoise = 2, shift = 3, testInputs = 4
    }

    /// Builds the instance; `noise` is σ (ignored for f3, which is always noiseless).
    init(target: RegressionTarget, dimension d: Int, samples n: Int, testSamples m: Int, noise sigma: Double, seed: UInt64) throws {
        precondition(d > 0 && n > 0 && m > 0, "RegressionProblem needs positive sizes")
        self.target = target
        self.dimension = d
        self.seed = seed

        var shiftRandom = Self.generator(seed: seed, dimension: d, stream: .shift)
        let shiftDeviation = (1 / Double(d)).squareRoot()                         // μ ~ N(0, I/d)
        shift = (0..<d).map { _ in shiftRandom.nextNormal() * shiftDeviation }

        var inputRandom = Self.generator(seed: seed, dimension: d, stream: .trainingInputs)
        var noiseRandom = Self.generator(seed: seed, dimension: d, stream: .trainingNoise)
        let inputs = Self.uniformInputs(count: n * d, &inputRandom)
        let sigma = target.isAlwaysNoiseless ? 0 : sigma
        let shift = self.shift
        let targets = (0..<n).map { s in
            let noise = noiseRandom.nextNormal()                                  // drawn even when σ = 0: same stream for every target
            return target.value(inputs[s * d ..< (s + 1) * d], shift: shift) + sigma * noise
        }
        training = try Dataset(inputNames: (1...d).map { "x\($0)" }, targetName: target.rawValue, inputs: inputs, targets: targets)

        var testRandom = Self.generator(seed: seed, dimension: d, stream: .testInputs)
        testInputs = Self.uniformInputs(count: m * d, &testRandom)
        let testInputs = self.testInputs
        testTargets = (0..<m).map { s in target.value(testInputs[s * d ..< (s + 1) * d], shift: shift) }
        let testMean = testTargets.reduce(0, +) / Double(m)
        testVariance = testTargets.reduce(0) { $0 + ($1 - testMean) * ($1 - testMean) } / Double(m)
    }

    /// Mean squared error of `predictions` against `targets`.
    static func meanSquaredError(_ predictions: [Double], _ targets: [Double]) -> Double {
        precondition(predictions.count == targets.count && !targets.isEmpty, "MSE needs equally many predictions and targets")
        return zip(predictions, targets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(targets.count)
    }

    /// `count` draws from Unif[−1, 1].
    private static func uniformInputs(count: Int, _ random: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in 2 * random.nextUniform() - 1 }
    }

    /// A generator for one stream: the seed is a SplitMix64-style hash of (seed, d, stream).
    static func generator(seed: UInt64, dimension: Int, stream: Stream) -> SeededGenerator {
        var h = (seed &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(dimension) &* 0xBF58_476D_1CE4_E5B9) ^ (stream.rawValue &* 0x94D0_49BB_1331_11EB)
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return SeededGenerator(seed: h ^ (h >> 31))
    }
}
