import ConvexNetworks
import Foundation
import LinearProgramming

/// Bounds on the conjugate of a smooth convex potential f_τ (smooth max gate or softplus) through
/// its piecewise-linear twin f_max: the same weights with the max gate (for softplus, ReLU).
///
/// Each smooth unit exceeds its twin's by at most c = τ·log K (K lanes of τ·log Σₖ e^{aₖ/τ} ≥ maxₖ aₖ;
/// softplus_τ(a) ≤ max(a, 0) + τ·log 2) and never falls below it. With every V ≥ 0 the excess
/// propagates monotonically: if 0 ≤ z_τ − z_max ≤ δ_l unit by unit, the pre-activations differ by
/// between 0 and V·δ_l lane by lane, and max is 1-Lipschitz in the largest coordinate, so
///
///     δ₁ = c,   δ_{l+1,i} = c + maxₖ (Vₖ δ_l)ᵢ,   Δ = ty · V_L δ_L      (ty: the target scale)
///
/// gives f_max ≤ f_τ ≤ f_max + Δ everywhere, in data units. Conjugation reverses order and shifts
/// by constants, so f_max*(y) − Δ ≤ f_τ*(y) ≤ f_max*(y), and dom f_τ* = dom f_max*.
public struct SmoothPotentialBracket: Sendable {
    /// The smooth potential f_τ.
    public let model: RegressionModel
    /// The exact conjugate of the twin f_max (same weights, scalers and box).
    public let twin: ExactConjugate
    /// Δ: f_max ≤ f_τ ≤ f_max + Δ in data units.
    public let offset: Double

    /// Throws ``ConjugateError/notSmooth(reason:)`` unless the model is a certified convex network
    /// with the smooth max gate or softplus.
    public init(model: RegressionModel, box: [ClosedRange<Double>]? = nil) throws {
        let certificate = ConvexityCertificate.certify(model, trials: 0)
        guard certificate.convex else {
            throw ConjugateError.notSmooth(reason: "the potential is not certified convex: " + certificate.reasons.joined(separator: "; "))
        }
        var architecture = model.network.architecture
        let unitExcess: Double
        switch architecture.nonlinearity {
        case let .smoothMaxGate(tau):
            unitExcess = tau * log(Double(architecture.lanes))          // τ·log K
            architecture.nonlinearity = .maxGate
        case let .softplus(tau):
            unitExcess = tau * log(2)                                   // τ·log 2
            architecture.nonlinearity = .relu
        default:
            throw ConjugateError.notSmooth(reason: "its \(architecture.nonlinearity.name) nonlinearity is not the smooth max gate or softplus")
        }
        var twinModel = model
        twinModel.network = try ConvexNetwork(architecture: architecture, parameters: model.network.parameters)
        self.model = model
        twin = try ExactConjugate(model: twinModel, box: box)
        offset = model.targetScaler.scale[0] * Self.networkOffset(model.network, unitExcess: unitExcess)
    }

    /// V_L δ_L in network units, by the recursion above.
    static func networkOffset(_ network: ConvexNetwork, unitExcess c: Double) -> Double {
        let shapes = network.architecture.layers, theta = network.parameters
        var excess: [Double] = []
        for (l, shape) in shapes.enumerated() {
            let isOutput = l == shapes.count - 1
            var next = [Double](repeating: isOutput ? 0 : c, count: shape.width)
            for i in 0..<shape.width {
                var largest = 0.0
                for k in 0..<shape.lanes {
                    let row = k * shape.width + i
                    var lane = 0.0                                             // (Vₖ δ)ᵢ
                    for j in 0..<shape.fanIn { lane += theta[shape.vOffset + j * shape.rows + row] * excess[j] }
                    largest = k == 0 ? lane : max(largest, lane)
                }
                next[i] += largest
            }
            excess = next
        }
        return excess[0]
    }

    /// The bracket of f_τ*(y), from one LP on the twin.
    public func bracket(at y: [Double], using solver: any LPSolver,
                        tolerances: VerificationTolerances = .init()) throws -> ConjugateBracket {
        try twin.withSession(using: solver, tolerances: tolerances) { try bracket(at: y, in: $0) }
    }

    /// The bracket of f_τ*(y), from one LP of `session` (a session of ``twin``, so that many
    /// brackets share one warm-started solver session).
    public func bracket(at y: [Double], in session: ConjugateSession) throws -> ConjugateBracket {
        let twinValue = try session.evaluate(at: y)
        var bracket = ConjugateBracket(twin: twinValue, offset: offset, lower: .nan, upper: .nan, smoothLowerBound: nil)
        if twinValue.isOutsideDomain {
            bracket.lower = .infinity
            bracket.upper = .infinity
        } else if twinValue.isFinite, let x = twinValue.maximizer, let certifiedLow = twinValue.lowerBound {
            let smooth = try model.predict(x)[0]
            let pairing = zip(x, y).reduce(0.0) { $0 + $1.0 * $1.1 }
            bracket.smoothLowerBound = pairing - smooth                         // ⟨x*, y⟩ − f_τ(x*) ≤ f_τ*(y)
            bracket.lower = max(min(twinValue.value, certifiedLow) - offset, pairing - smooth)
            bracket.upper = max(twinValue.value, twinValue.upperBound ?? twinValue.value)
        }
        return bracket
    }
}
