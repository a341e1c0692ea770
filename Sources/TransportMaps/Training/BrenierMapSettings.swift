import ConvexNetworks
import Foundation

/// How the two potentials of ``BrenierMapTrainer`` start.
public enum PotentialInitialization: String, Sendable, CaseIterable, Codable {
    /// The network family's random initialisation, with every constrained V redrawn from the
    /// Hoedt–Klambauer log-normal moments (as the reference minimax code does).
    case paper
    /// f ≈ ½‖x‖² and g ≈ ½‖y‖²: the random initialisation, then a pre-fit of ∇f and ∇g to the
    /// identity map on each potential's own sample.
    case identity
    /// f and g pre-fitted to the linear map between the two samples' means and covariances:
    /// ∇f ≈ T(x) = A(x − m₁) + m₂, the gradient of ½(x − m₁)ᵀA(x − m₁) + m₂ᵀx, and
    /// ∇g ≈ T⁻¹(y) = A⁻¹(y − m₂) + m₁, the gradient of its conjugate.
    case gaussian
}

/// The settings of ``BrenierMapTrainer``; the defaults are the paper's setup for its neural-OT
/// benchmark (HyCNN 48×4 with the smooth gate τ = 10 for both potentials, V ≥ 0 by softplus,
/// Adam β = (0.5, 0.9), learning rate 1e-2 cosine-decayed to 1e-4, batches of 256 drawn with
/// replacement, 5 steps on g then one on f per outer iteration, 1000 outer iterations).
public struct BrenierMapSettings: Sendable {
    /// The family of both potentials: HyCNN, GroupMaxNet, ICNN or ICNN with a quadratic first
    /// layer (max-affine is refused by ``validate()``).
    public var family = ModelFamily.hycnn
    /// Hidden widths of both potentials.
    public var widths = [48, 48, 48, 48]
    /// Gate (HyCNN, GroupMaxNet, max-affine) or activation (ICNN) of both potentials.
    public var nonlinearity = Nonlinearity.smoothMaxGate(temperature: 10)
    /// How f's constrained weights stay ≥ 0, and g's unless ``freeBackwardWeights``.
    public var nonNegativity = NonNegativity.softplus
    /// Leave g's constrained weights free (g need not be convex) and add the soft penalty
    /// λ Σ relu(−V)² over them to g's loss, as the paper's ICNN baselines do.
    public var freeBackwardWeights = false
    /// λ of that penalty.
    public var backwardPenalty = 1.0
    public var initialization = PotentialInitialization.paper
    /// The units the minimax works in (see ``MapDataScaling``); the returned map is in data
    /// units either way.
    public var dataScaling = MapDataScaling.standardized
    /// Adam steps of the pre-fit of each potential for the identity and Gaussian initialisations
    /// (mean ‖∇h(x) − T₀(x)‖² over batches of the potential's own sample, learning rate
    /// ``learningRate`` cosine-decayed to ``finalLearningRate``).
    public var initializationSteps = 300
    /// Outer iterations (0: return the initial potentials).
    public var iterations = 1000
    /// Steps on g per outer iteration (each then one step on f).
    public var innerSteps = 5
    /// Points per batch, drawn with replacement from each sample.
    public var batchSize = 256
    /// lr₀; the rate of outer iteration t is lr₀(r + ½(1 − r)(1 + cos(π t/(T − 1)))), r = final/lr₀.
    public var learningRate = 1e-2
    public var finalLearningRate = 1e-4
    public var beta1 = 0.5
    public var beta2 = 0.9
    /// Seeds both initialisations and the batch draws: same seed, same map, bit for bit.
    public var seed: UInt64 = 0
    /// Outer iterations between evaluations of the test metric (and the last one), when a test
    /// set is given.
    public var testInterval = 50
    /// Threads that share each batch (default: the active cores, at most 8). The map is bit for
    /// bit reproducible for a given seed and thread count.
    public var threads = min(ProcessInfo.processInfo.activeProcessorCount, 8)

    /// Squared linear forms per first-layer unit of an ICNN with a quadratic first layer
    /// (``ModelFamily/icnnQuadratic``); ignored by the other families.
    public var quadraticRank = Architecture.defaultQuadraticRank

    public init() {}

    /// The architecture of both potentials on d inputs.
    public func architecture(dimension d: Int) -> Architecture {
        let singleLane = family == .icnn || family == .icnnQuadratic
        return Architecture(family: family, inputDimension: d, widths: widths, nonlinearity: nonlinearity, lanes: singleLane ? 1 : 2,
                            quadraticRank: family == .icnnQuadratic ? quadraticRank : 0)
    }

    /// Throws `invalidSetting` naming the first bad value.
    public func validate() throws {
        func fail(_ name: String, _ reason: String) -> TransportMapsError { .invalidSetting(name: name, reason: reason) }
        guard family != .mlp else { throw fail("family", "the potentials must be convex; mlp is not") }
        guard family != .maxaffine else { throw fail("family", "max-affine potentials are not offered by this trainer") }
        guard nonlinearity.isConvexNondecreasing else { throw fail("nonlinearity", "\(nonlinearity.name) is not convex and non-decreasing") }
        do { try architecture(dimension: 1).validate() } catch { throw fail("architecture", "\(error)") }
        guard iterations >= 0 else { throw fail("iterations", "must be ≥ 0, got \(iterations)") }
        guard innerSteps > 0 else { throw fail("innerSteps", "must be positive, got \(innerSteps)") }
        guard batchSize > 0 else { throw fail("batchSize", "must be positive, got \(batchSize)") }
        guard initializationSteps >= 0 else { throw fail("initializationSteps", "must be ≥ 0, got \(initializationSteps)") }
        guard threads > 0 else { throw fail("threads", "must be positive, got \(threads)") }
        guard testInterval > 0 else { throw fail("testInterval", "must be positive, got \(testInterval)") }
        guard learningRate > 0, learningRate.isFinite else { throw fail("learningRate", "must be a positive number, got \(learningRate)") }
        guard finalLearningRate > 0, finalLearningRate <= learningRate else {
            throw fail("finalLearningRate", "must lie in (0, learningRate], got \(finalLearningRate)")
        }
        guard (0..<1).contains(beta1), (0..<1).contains(beta2) else { throw fail("beta", "each must lie in [0, 1), got (\(beta1), \(beta2))") }
        guard backwardPenalty >= 0, backwardPenalty.isFinite else { throw fail("backwardPenalty", "must be ≥ 0 and finite, got \(backwardPenalty)") }
    }

    /// lr_t = lr₀(r + ½(1 − r)(1 + cos(π t/(T − 1)))) with r = final/lr₀, for t in 0 ..< T.
    func learningRate(step t: Int, of total: Int) -> Double {
        guard total > 1 else { return learningRate }
        let r = finalLearningRate / learningRate
        return learningRate * (r + 0.5 * (1 - r) * (1 + cos(Double.pi * Double(t) / Double(total - 1))))
    }
}
