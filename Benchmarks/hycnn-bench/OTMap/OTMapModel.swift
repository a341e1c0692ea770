import ConvexNetworks
import TransportMaps

/// The maps compared by `hycnn-bench otmap`: the paper's HyCNN, its two ICNN baselines (both
/// trained by the same minimax) and the two sample baselines.
enum OTMapModel: String, CaseIterable, Sendable {
    /// HyCNN 48×4, smooth gate τ = 10, for f and g: the trainer's defaults, the paper's setup.
    case hycnn
    /// The paper's best ICNN baseline: ICNN 64×4 with softplus and a quadratic first layer
    /// (rank 1); f's weights ≥ 0, g's free under the soft penalty λ Σ relu(−W)², λ = 1.
    case icnnQuadratic = "icnn-quadratic"
    /// ICNN 64×4 with ReLU, f and g treated as for the quadratic one.
    case icnnRelu = "icnn-relu"
    /// The linear (Gaussian) map fitted to the two pools' means and covariances.
    case linear
    /// The entropic map: the barycentric projection of the Sinkhorn plan between the pools.
    case entropic

    static let defaultList = allCases.map(\.rawValue).joined(separator: ",")

    /// The name in tables.
    var label: String {
        switch self {
        case .hycnn: return "HyCNN 48×4 smooth"
        case .icnnQuadratic: return "ICNN-quadratic 64×4 softplus"
        case .icnnRelu: return "ICNN 64×4 ReLU"
        case .linear: return "linear (Gaussian)"
        case .entropic: return "entropic (Sinkhorn)"
        }
    }

    /// True for the models trained by the minimax.
    var isNeural: Bool { self == .hycnn || self == .icnnQuadratic || self == .icnnRelu }

    /// The minimax settings of a neural model: `base` (the trainer's defaults with the run's
    /// iterations, threads and seed) with the baselines' architecture and free, penalised g; nil
    /// for the sample baselines. `softplusTemperature` is τ of the quadratic ICNN's softplus.
    func settings(base: BrenierMapSettings, softplusTemperature: Double) -> BrenierMapSettings? {
        var settings = base
        switch self {
        case .hycnn:
            return settings
        case .icnnQuadratic, .icnnRelu:
            settings.family = self == .icnnQuadratic ? .icnnQuadratic : .icnn
            settings.widths = [64, 64, 64, 64]
            settings.nonlinearity = self == .icnnQuadratic ? .softplus(temperature: softplusTemperature) : .relu
            settings.quadraticRank = 1
            settings.freeBackwardWeights = true
            settings.backwardPenalty = 1
            return settings
        case .linear, .entropic:
            return nil
        }
    }

    /// `hycnn,linear` → the models, refusing unknown names.
    static func parseList(_ text: String) throws -> [OTMapModel] {
        try ListOption.parse(text, option: "--models", expected: allCases.map(\.rawValue).joined(separator: ", "),
                             example: "hycnn,linear") { OTMapModel(rawValue: $0) }
    }
}
