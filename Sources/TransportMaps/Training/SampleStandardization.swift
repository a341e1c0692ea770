import ConvexNetworks

/// How ``BrenierMapTrainer`` puts the two samples in common units before the minimax.
public enum MapDataScaling: String, Sendable, CaseIterable, Codable {
    /// Train on the data as given.
    case none
    /// Train on x′ = (x − a)/s and y′ = (y − b)/s: a and b the two samples' means (when the
    /// family's output layer reads x, so the means can be folded back as linear terms; else 0),
    /// and one common scale s with s² the mean coordinate variance of the two samples. A shift
    /// of either side and a common scale leave the W₂-optimal coupling unchanged, so the map in
    /// data units is T(x) = b + s·T′((x − a)/s); the network's initialisation and learning rate
    /// then see data of unit scale whatever the data's units.
    case standardized
}

/// The change of units x = a + s·u (source side), y = b + s·v (target side) of a minimax run,
/// and the way back: potentials trained in (u, v) as f′, g′ become, in data units,
///
///     F(x) = ⟨b, x⟩ + s² f′(u) = s²(f′(u) + ⟨b/s, u⟩) + ⟨a, b⟩,     ∇F(x) = b + s ∇f′(u),
///     G(y) = ⟨a, y⟩ − ⟨a, b⟩ + s² g′(v) = s²(g′(v) + ⟨a/s, v⟩),    ∇G(y) = a + s ∇g′(v),
///
/// the linear terms folded into the output layer's input skip and the rest into the models'
/// scalers (input: mean a or b, scale s; output: mean ⟨a, b⟩ or 0, scale s²). Then
/// F(x) + G(y) − ⟨x, y⟩ = s²(f′(u) + g′(v) − ⟨u, v⟩): Fenchel–Young gaps scale by s², and
/// G = F* exactly when g′ = f′*.
struct SampleStandardization {
    let dimension: Int
    /// a and b.
    let sourceShift: [Double]
    let targetShift: [Double]
    /// s > 0.
    let scale: Double

    /// The identity change of units (a = b = 0, s = 1).
    init(identityOf dimension: Int) {
        self.dimension = dimension
        sourceShift = [Double](repeating: 0, count: dimension)
        targetShift = sourceShift
        scale = 1
    }

    /// The change of units of `scaling` for two samples (row by row); `translate` says whether
    /// the means may be removed (the family's output layer reads x).
    init(_ scaling: MapDataScaling, source: [Double], target: [Double], dimension d: Int, translate: Bool) {
        self.init(identityOf: d)
        guard scaling == .standardized else { return }
        let (sourceMean, sourceVariance) = Self.moments(source, dimension: d)
        let (targetMean, targetVariance) = Self.moments(target, dimension: d)
        let meanVariance = (sourceVariance + targetVariance) / Double(2 * d)     // s² = (Var P + Var Q)/(2d)
        self = SampleStandardization(dimension: d, sourceShift: translate ? sourceMean : sourceShift,
                                     targetShift: translate ? targetMean : targetShift,
                                     scale: meanVariance > 0 && meanVariance.isFinite ? meanVariance.squareRoot() : 1)
    }

    private init(dimension: Int, sourceShift: [Double], targetShift: [Double], scale: Double) {
        self.dimension = dimension
        self.sourceShift = sourceShift
        self.targetShift = targetShift
        self.scale = scale
    }

    /// (x − a)/s for source points, row by row.
    func sourceUnits(_ points: [Double]) -> [Double] { Self.standardize(points, shift: sourceShift, scale: scale) }
    /// (y − b)/s for target points.
    func targetUnits(_ points: [Double]) -> [Double] { Self.standardize(points, shift: targetShift, scale: scale) }

    /// A squared distance between target-side points measured in (v) units, in data units: s²·e.
    func dataSquaredDistance(_ e: Double) -> Double { scale * scale * e }

    /// W₂² in data units from an estimate in standardised units and the two samples' means
    /// there (ū, v̄): E‖X − Y‖² = ‖a − b‖² + 2s⟨a − b, ū − v̄⟩ + s² E‖U − V‖².
    func dataTransportCost(_ estimate: Double, sourceMean: [Double], targetMean: [Double]) -> Double {
        var shiftGap = 0.0, cross = 0.0
        for k in 0..<dimension {
            let shift = sourceShift[k] - targetShift[k]
            shiftGap += shift * shift
            cross += shift * (sourceMean[k] - targetMean[k])
        }
        return shiftGap + 2 * scale * cross + scale * scale * estimate
    }

    /// F from f′ (see the type's formula).
    func forwardModel(_ network: ConvexNetwork, names: [String]) throws -> RegressionModel {
        var pairing = 0.0
        for k in 0..<dimension { pairing += sourceShift[k] * targetShift[k] }   // ⟨a, b⟩
        return try model(network, linear: targetShift, inputShift: sourceShift, outputShift: pairing, names: names, name: "f")
    }

    /// G from g′.
    func backwardModel(_ network: ConvexNetwork, names: [String]) throws -> RegressionModel {
        try model(network, linear: sourceShift, inputShift: targetShift, outputShift: 0, names: names, name: "g")
    }

    /// s²(h(u) + ⟨c/s, u⟩) + shift with u = (x − m)/s: c/s added to the output layer's input skip.
    private func model(_ network: ConvexNetwork, linear: [Double], inputShift: [Double], outputShift: Double,
                       names: [String], name: String) throws -> RegressionModel {
        var network = network
        if linear.contains(where: { $0 != 0 }) {
            guard let output = network.architecture.layers.last, output.hasSkip else {
                throw TransportMapsError.failed(what: "the change of units", reason: "the output layer of \(name) does not read x")
            }
            for k in 0..<dimension { network.parameters[output.wIndex(row: 0, column: k)] += linear[k] / scale }
        }
        return try RegressionModel(network: network,
                                   inputScaler: Standardizer(mean: inputShift, scale: [Double](repeating: scale, count: dimension)),
                                   targetScaler: Standardizer(mean: [outputShift], scale: [scale * scale]),
                                   inputNames: names, targetName: name)
    }

    /// Per-coordinate mean and the total variance Σₖ Var(xₖ) of points row by row.
    static func moments(_ points: [Double], dimension d: Int) -> (mean: [Double], totalVariance: Double) {
        let n = points.count / d
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for k in 0..<d { mean[k] += points[i * d + k] } }
        for k in 0..<d { mean[k] /= Double(n) }
        var variance = 0.0
        for i in 0..<n { for k in 0..<d { let r = points[i * d + k] - mean[k]; variance += r * r } }
        return (mean, variance / Double(n))
    }

    private static func standardize(_ points: [Double], shift: [Double], scale: Double) -> [Double] {
        let d = shift.count
        var result = points
        for i in 0..<(points.count / d) { for k in 0..<d { result[i * d + k] = (points[i * d + k] - shift[k]) / scale } }
        return result
    }
}
