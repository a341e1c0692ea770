import Foundation

/// What a hidden layer applies to its pre-activations. Gates combine `lanes` pre-activations
/// per unit (HyCNN: two lanes); activations act on one lane elementwise.
public enum Nonlinearity: Sendable, Equatable, Hashable {
    /// z = max(a₁, …, a_k): convex, non-decreasing, piecewise linear (exactly LP-encodable).
    case maxGate
    /// z = τ·log Σ exp(aₖ/τ): convex, non-decreasing, smooth; τ → 0 recovers max.
    case smoothMaxGate(temperature: Double)
    /// z = max(a, 0).
    case relu
    /// z = max(a, α·a); convex and non-decreasing for α ∈ [0, 1].
    case leakyRelu(slope: Double)
    /// z = τ·log(1 + exp(a/τ)).
    case softplus(temperature: Double)

    /// True for the gates, which combine several lanes per unit.
    public var isGate: Bool {
        switch self {
        case .maxGate, .smoothMaxGate: return true
        default: return false
        }
    }

    /// Convex and non-decreasing in every argument, the property convexity of the network needs.
    public var isConvexNondecreasing: Bool {
        switch self {
        case .maxGate, .relu: return true
        case let .smoothMaxGate(tau), let .softplus(tau): return tau > 0 && tau.isFinite
        case let .leakyRelu(alpha): return alpha >= 0 && alpha <= 1
        }
    }

    /// Piecewise linear: encodable exactly by linear constraints.
    public var isPiecewiseLinear: Bool {
        switch self {
        case .maxGate, .relu, .leakyRelu: return true
        case .smoothMaxGate, .softplus: return false
        }
    }

    /// A short name for reports and files: "max", "smooth-max", "relu", "leaky-relu", "softplus".
    public var name: String {
        switch self {
        case .maxGate: return "max"
        case .smoothMaxGate: return "smooth-max"
        case .relu: return "relu"
        case .leakyRelu: return "leaky-relu"
        case .softplus: return "softplus"
        }
    }

    /// The temperature τ or slope α it carries, if any.
    public var parameter: Double? {
        switch self {
        case .maxGate, .relu: return nil
        case let .smoothMaxGate(tau), let .softplus(tau): return tau
        case let .leakyRelu(alpha): return alpha
        }
    }

    /// Rebuilds a nonlinearity from `name` and `parameter`.
    public init(name: String, parameter: Double?) throws {
        func required() throws -> Double {
            guard let parameter, parameter.isFinite else {
                throw ConvexNetworksError.invalidSetting(name: name, value: "\(parameter.map { "\($0)" } ?? "none")",
                                                         reason: "needs a finite parameter (temperature or slope)")
            }
            return parameter
        }
        switch name {
        case "max": self = .maxGate
        case "smooth-max": self = .smoothMaxGate(temperature: try required())
        case "relu": self = .relu
        case "leaky-relu": self = .leakyRelu(slope: try required())
        case "softplus": self = .softplus(temperature: try required())
        default:
            throw ConvexNetworksError.invalidSetting(name: "nonlinearity", value: name,
                                                     reason: "expected max, smooth-max, relu, leaky-relu or softplus")
        }
    }
}
