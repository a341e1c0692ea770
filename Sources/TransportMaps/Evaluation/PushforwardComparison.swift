import Foundation
import Transport

/// Judges maps whose true form is unknown on held-out data: each candidate's images of the
/// source sample (its pushforward) against target points the maps never saw, by the exact W₂²
/// between the two samples (``SampleDiscrepancy/exactTransportCost(_:_:dimension:)``, certified)
/// and the squared MMD with one Gaussian bandwidth for every row. The first row is the
/// training target itself against the held-out points — two samples of the target
/// distribution, the level a perfect map can reach with samples this small — and its median
/// heuristic sets the bandwidth.
public struct PushforwardComparison: Sendable {
    public struct Row: Sendable {
        /// What was compared with the held-out points ("learned map ∇f", "linear (Gaussian) map" …).
        public var name: String
        /// W₂² between the row's points and the held-out points (uniform weights).
        public var transportCost: Double
        /// Whether the transport certificate verified that cost.
        public var verified: Bool
        /// The unbiased MMD² estimate with the common ``PushforwardComparison/bandwidth``.
        public var meanDiscrepancy: Double
    }

    public var rows: [Row]
    /// σ of the Gaussian kernel of every MMD² (the median distance in the first row's pooled sample).
    public var bandwidth: Double

    /// - Parameters:
    ///   - trainingTarget: the target points the maps were fitted on (the first row).
    ///   - heldOut: the target points left out of every fit.
    ///   - candidates: a name and the points to compare for each further row (images of the
    ///     source sample under each map, or the source itself).
    /// - Throws: for bad samples (2 points each at least).
    public init(trainingTarget: [Double], heldOut: [Double], candidates: [(name: String, points: [Double])], dimension d: Int) throws {
        let floor = try SampleDiscrepancy.maximumMeanDiscrepancy(trainingTarget, heldOut, dimension: d)
        bandwidth = floor.bandwidth
        rows = []
        for (name, points) in [(name: "training target (two samples of the target)", points: trainingTarget)] + candidates {
            let exact = try SampleDiscrepancy.exactTransportCost(points, heldOut, dimension: d)
            let mmd = try SampleDiscrepancy.maximumMeanDiscrepancy(points, heldOut, dimension: d, bandwidth: bandwidth)
            rows.append(Row(name: name, transportCost: exact.plan.cost, verified: exact.certificate.verified, meanDiscrepancy: mmd.squared))
        }
    }

    /// The images of `source` under the baselines fitted on (source, trainingTarget): the
    /// source unmapped, the linear (Gaussian) map, and the entropic map with regularisation
    /// `entropicEpsilon` (default: a tenth of the two samples' mean coordinate variance, so the
    /// plan is neither a hard matching nor a blur whatever the data's units).
    public static func baselines(source: [Double], trainingTarget: [Double], dimension d: Int,
                                 entropicEpsilon: Double? = nil) throws -> [(name: String, points: [Double])] {
        let linear = try GaussianMap(fittingSource: source, target: trainingTarget, dimension: d)
        let meanVariance = (try MapMetrics.totalVariance(source, dimension: d) + MapMetrics.totalVariance(trainingTarget, dimension: d)) / Double(2 * d)
        var settings = SinkhornSettings()
        settings.epsilon = entropicEpsilon ?? 0.1 * max(meanVariance, .leastNormalMagnitude)       // ε = Var/10 by default
        let entropic = try EntropicMap(source: source, target: trainingTarget, dimension: d, settings: settings)
        return [("source, unmapped", source), ("linear (Gaussian) map", try linear.apply(source)),
                ("entropic map (ε = \(String(format: "%.3g", entropic.epsilon)))", try entropic.apply(source))]
    }
}
