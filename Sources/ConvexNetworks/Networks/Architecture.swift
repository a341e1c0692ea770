/// The model families: HyCNN, GroupMaxNet, ICNN (plain and with a quadratic first layer),
/// max-affine and MLP.
public enum ModelFamily: String, Sendable, Codable, CaseIterable {
    /// Two lanes per layer, a gate, input skips everywhere; V ≥ 0.
    case hycnn
    /// HyCNN without input skips after the first layer.
    case groupmax
    /// One lane, a convex non-decreasing activation, input skips; V ≥ 0 (Amos et al. 2017).
    case icnn
    /// An ICNN whose first layer adds a convex quadratic of rank r per unit (after Korotin et
    /// al. 2021's DenseICNN, which has one on every layer's skip): `z₁ⱼ = σ(W₀ⱼ x + b₀ⱼ + Σᵨ (aⱼᵨᵀx)²)`,
    /// convex since a sum of squared linear forms is; later layers as ICNN.
    case icnnQuadratic = "icnn-quadratic"
    /// f(x) = max_k (a_kᵀx + c_k): one maxout unit with K pieces.
    case maxaffine
    /// A ReLU network with free weights: not convex, the baseline.
    case mlp
}

/// One affine map of the network and where its tensors sit in the flat parameter vector:
/// `pre = V z_prev + W x + b` with `rows = lanes·width` outputs. The output layer has one row.
///
/// Layout: the W's of all layers that read x are stacked into one `skipRows × d` column-major
/// block at the start of the vector (layer l's W is its rows `rowOffset ..< rowOffset + rows`),
/// so one gemm computes every layer's W x; then each layer's V (rows × fanIn, column-major)
/// and b. The layers' pre-activations are stacked the same way in the workspace.
public struct LayerShape: Sendable, Equatable {
    /// Pre-activations per unit (2 for HyCNN gates, K for max-affine, 1 otherwise).
    public var lanes: Int
    /// Units after the nonlinearity.
    public var width: Int
    /// Width of the previous layer (0 for the first layer: no V).
    public var fanIn: Int
    /// Whether the layer reads the input x directly (has W).
    public var hasSkip: Bool
    /// Whether V must be entrywise non-negative for convexity.
    public var constrained: Bool
    /// Offsets of V (rows × fanIn, column-major, leading dimension rows), of W's first entry
    /// (rows × d inside the stacked block, leading dimension `wLeading`) and of b.
    public var vOffset: Int, wOffset: Int, bOffset: Int
    /// Leading dimension of the stacked W block (its row count).
    public var wLeading: Int
    /// First row of this layer in the stacked W block and pre-activation matrix.
    public var rowOffset: Int

    public var rows: Int { lanes * width }

    /// Index of W[row, column] in the flat parameter vector.
    public func wIndex(row: Int, column: Int) -> Int { wOffset + column * wLeading + row }
}

/// A network's shape: family, input dimension, hidden widths, nonlinearity and lanes.
public struct Architecture: Sendable, Equatable {
    public var family: ModelFamily
    public var inputDimension: Int
    /// Hidden widths m₁ … m_L (max-affine: [1]).
    public var widths: [Int]
    public var nonlinearity: Nonlinearity
    /// Pre-activations per unit: 2 for HyCNN and GroupMaxNet, K for max-affine, else 1.
    public var lanes: Int
    /// Rank r of the first layer's quadratic term: r factors aⱼᵨ per first-layer unit
    /// (icnn-quadratic, r ≥ 1; 0 for every other family).
    public var quadraticRank: Int

    public init(family: ModelFamily, inputDimension: Int, widths: [Int], nonlinearity: Nonlinearity, lanes: Int,
                quadraticRank: Int = 0) {
        self.family = family
        self.inputDimension = inputDimension
        self.widths = widths
        self.nonlinearity = nonlinearity
        self.lanes = lanes
        self.quadraticRank = quadraticRank
    }

    public static func hycnn(inputDimension d: Int, widths: [Int], gate: Nonlinearity = .maxGate) -> Architecture {
        Architecture(family: .hycnn, inputDimension: d, widths: widths, nonlinearity: gate, lanes: 2)
    }

    public static func groupMax(inputDimension d: Int, widths: [Int], gate: Nonlinearity = .maxGate) -> Architecture {
        Architecture(family: .groupmax, inputDimension: d, widths: widths, nonlinearity: gate, lanes: 2)
    }

    public static func icnn(inputDimension d: Int, widths: [Int], activation: Nonlinearity = .relu) -> Architecture {
        Architecture(family: .icnn, inputDimension: d, widths: widths, nonlinearity: activation, lanes: 1)
    }

    /// The default rank of the quadratic first layer: 1, the default of Korotin et al.'s DenseICNN.
    public static let defaultQuadraticRank = 1

    /// An ICNN whose first layer adds `rank` squared linear forms per unit (see ``ModelFamily/icnnQuadratic``).
    public static func icnnQuadratic(inputDimension d: Int, widths: [Int], activation: Nonlinearity = .relu,
                                     rank: Int = defaultQuadraticRank) -> Architecture {
        Architecture(family: .icnnQuadratic, inputDimension: d, widths: widths, nonlinearity: activation, lanes: 1,
                     quadraticRank: rank)
    }

    public static func maxAffine(inputDimension d: Int, pieces: Int) -> Architecture {
        Architecture(family: .maxaffine, inputDimension: d, widths: [1], nonlinearity: .maxGate, lanes: pieces)
    }

    public static func mlp(inputDimension d: Int, widths: [Int]) -> Architecture {
        Architecture(family: .mlp, inputDimension: d, widths: widths, nonlinearity: .relu, lanes: 1)
    }

    /// The most parameters a network may have: 2²⁶ = 67,108,864 (512 MiB of Doubles per copy;
    /// training keeps several copies).
    public static let maximumParameterCount = 1 << 26

    /// The most pre-activations per sample (all layers' `lanes · width` rows together): 2¹⁶ =
    /// 65,536, so that an evaluation workspace of 1,024 samples stays within 1 GiB.
    public static let maximumUnitCount = 1 << 16

    /// Throws `invalidArchitecture` for shapes or nonlinearities the family does not allow, and
    /// for sizes beyond ``maximumParameterCount`` or ``maximumUnitCount`` (computed with
    /// overflow checks, naming the field that crosses the limit) before anything is allocated.
    public func validate() throws {
        func fail(_ reason: String) -> ConvexNetworksError { .invalidArchitecture(reason: reason) }
        guard inputDimension > 0 else { throw fail("the input dimension must be positive, got \(inputDimension)") }
        guard !widths.isEmpty, widths.allSatisfy({ $0 > 0 }) else {
            throw fail("every hidden width must be positive and there must be at least one layer, got \(widths)")
        }
        guard lanes > 0 else { throw fail("lanes must be positive, got \(lanes)") }
        try validateSizes()
        switch family {
        case .hycnn, .groupmax:
            guard nonlinearity.isGate, lanes == 2 else { throw fail("\(family.rawValue) needs the max or smooth-max gate on two lanes") }
        case .maxaffine:
            guard nonlinearity == .maxGate, widths == [1], lanes >= 1 else { throw fail("max-affine is one max gate over K ≥ 1 pieces") }
        case .icnn, .icnnQuadratic:
            guard !nonlinearity.isGate, lanes == 1 else { throw fail("\(family.rawValue) needs relu, leaky-relu or softplus") }
        case .mlp:
            guard nonlinearity == .relu, lanes == 1 else { throw fail("mlp uses relu") }
        }
        if family == .icnnQuadratic {
            guard quadraticRank > 0 else { throw fail("the quadratic rank must be positive, got \(quadraticRank)") }
        } else {
            guard quadraticRank == 0 else { throw fail("\(family.rawValue) has no quadratic term (rank \(quadraticRank) given)") }
        }
        if case let .smoothMaxGate(tau) = nonlinearity, !(tau > 0 && tau.isFinite) { throw fail("the temperature must be positive, got \(tau)") }
        if case let .softplus(tau) = nonlinearity, !(tau > 0 && tau.isFinite) { throw fail("the temperature must be positive, got \(tau)") }
        if case let .leakyRelu(alpha) = nonlinearity, !alpha.isFinite { throw fail("the leaky slope must be finite, got \(alpha)") }
    }

    /// Counts units and parameters layer by layer as ``layers`` lays them out, with overflow
    /// checks, and throws at the first field that takes a count past its limit.
    private func validateSizes() throws {
        let units = Self.maximumUnitCount, parameters = Self.maximumParameterCount
        func fail(_ field: String, _ what: String, _ limit: Int) -> ConvexNetworksError {
            .invalidArchitecture(reason: "\(field) makes the network too large: \(what) would exceed the limit of \(limit)")
        }
        func product(_ a: Int, _ b: Int) -> Int? {
            let (value, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? nil : value
        }
        guard inputDimension <= parameters else { throw fail("inputDimension = \(inputDimension)", "the parameters", parameters) }
        guard lanes <= units else { throw fail("lanes = \(lanes)", "the pre-activations per sample", units) }
        var unitCount = 0, parameterCount = 0, fanIn = 0
        if quadraticRank > 0 {
            // the quadratic term adds m₁·r factors of d entries, and m₁·r projections aᵀx per sample
            let field = "quadraticRank = \(quadraticRank) (widths[0] = \(widths[0]), inputDimension = \(inputDimension))"
            guard let factors = product(widths[0], quadraticRank), factors <= units else {
                throw fail(field, "the pre-activations per sample", units)
            }
            guard let entries = product(factors, inputDimension), entries <= parameters else { throw fail(field, "the parameters", parameters) }
            unitCount = factors
            parameterCount = entries
        }
        for (l, width) in (widths + [1]).enumerated() {
            let field = l < widths.count ? "widths[\(l)] = \(width)" + (lanes > 1 ? " with lanes = \(lanes)" : "") : "the output layer"
            // rows = lanes · width; the layer adds rows·fanIn (V) + rows (b) + rows·d (W, when it reads x)
            guard let rows = product(l == widths.count ? 1 : lanes, width), rows <= units - unitCount else {
                throw fail(field, "the pre-activations per sample", units)
            }
            unitCount += rows
            let reads = (l == 0 || skipsAfterFirstLayer) ? inputDimension : 0
            guard let added = product(rows, 1 + fanIn + reads), added <= parameters - parameterCount else {
                throw fail(field + (reads > 0 ? " (inputDimension = \(inputDimension))" : ""), "the parameters", parameters)
            }
            parameterCount += added
            fanIn = width
        }
    }

    /// Whether V must be ≥ 0 (every family but the MLP).
    public var hasConstrainedWeights: Bool { family != .mlp }

    /// Whether every layer reads x (HyCNN, both ICNNs), not only the first.
    var skipsAfterFirstLayer: Bool { family == .hycnn || family == .icnn || family == .icnnQuadratic }

    /// The hidden layers followed by the output layer, with parameter offsets.
    public var layers: [LayerShape] {
        let skipsAfterFirst = skipsAfterFirstLayer                   // the skip layers are a prefix
        let rowCounts = widths.map { lanes * $0 } + [1]
        let skipRows = skipsAfterFirst ? rowCounts.reduce(0, +) : rowCounts[0]
        var shapes: [LayerShape] = []
        var offset = skipRows * inputDimension        // after the stacked W block
        var fanIn = 0, rowOffset = 0
        for (l, width) in (widths + [1]).enumerated() {
            let rows = rowCounts[l]
            let shape = LayerShape(lanes: l == widths.count ? 1 : lanes, width: width, fanIn: fanIn,
                                   hasSkip: l == 0 || skipsAfterFirst, constrained: fanIn > 0 && hasConstrainedWeights,
                                   vOffset: offset, wOffset: rowOffset, bOffset: offset + rows * fanIn,
                                   wLeading: skipRows, rowOffset: rowOffset)
            offset += rows * fanIn + rows
            rowOffset += rows
            shapes.append(shape)
            fanIn = width
        }
        return shapes
    }

    /// Rows of the stacked W block: the pre-activations of every layer that reads x.
    public var skipRows: Int { layers.filter(\.hasSkip).reduce(0) { $0 + $1.rows } }

    /// Rows of all layers' pre-activations together.
    public var stackedRows: Int { layers.reduce(0) { $0 + $1.rows } }

    /// The factors aⱼᵨ of the quadratic term: m₁·r of them (0 without the term).
    public var quadraticFactorCount: Int { quadraticRank > 0 ? widths[0] * quadraticRank : 0 }

    /// Offset of the quadratic factors, after every layer's parameters: a `(m₁·r) × d`
    /// column-major block, leading dimension m₁·r, whose row `j·r + ρ` is aⱼᵨ.
    public var quadraticOffset: Int {
        guard let last = layers.last else { return 0 }
        return last.bOffset + last.rows
    }

    /// Length of the flat parameter vector.
    public var parameterCount: Int { quadraticOffset + quadraticFactorCount * inputDimension }
}
