import Foundation

/// The convexity certificate for a ``RegressionModel``.
///
/// The **sufficient condition** (every constrained V ≥ 0, a convex non-decreasing nonlinearity) is checked from the model alone (so a saved
/// model file can be re-checked): the hidden nonlinearity is convex and non-decreasing, and
/// every entry of every `V` matrix (every layer that reads the previous layer) is ≥ 0. The
/// first layer's `W`, all input skips and all biases are free. A quadratic first layer
/// (icnn-quadratic) adds Σᵨ (aⱼᵨᵀx)² to each first-layer pre-activation: a sum of squared
/// linear forms, convex for any factors aⱼᵨ, so it only needs them finite; it has no exact LP
/// encoding, as a smooth nonlinearity has none. This holds for any family: an
/// MLP whose `V`s happen to be non-negative is convex too. The input and target scalers have
/// positive scales, so the prediction in original units is convex exactly when the network is.
///
/// When the condition fails, a seeded search looks for a **counterexample**: points `a`, `b`
/// in original input units with `f((a+b)/2) > (f(a) + f(b))/2` (see ``CounterexampleSearch``).
public struct ConvexityCertificate: Sendable {
    /// What the certificate says about one affine map of the network and the nonlinearity after it.
    public struct LayerReport: Sendable, Equatable {
        /// 1-based; hidden layers first, the output layer last.
        public var index: Int
        /// The nonlinearity's name for hidden layers ("max", "relu", …), "affine output" for the last.
        public var kind: String
        /// Whether the hidden nonlinearity is convex and non-decreasing; nil for the output layer.
        public var nonlinearityConvexNondecreasing: Bool?
        /// Whether the layer reads the previous layer through a V matrix (fan-in > 0).
        public var hasV: Bool
        /// The smallest entry of V over all its entries (nil without V; NaN if V holds a NaN).
        public var minimumWeight: Double?
        /// How many entries V has (rows × fan-in; 0 without V).
        public var weightCount: Int
        /// How many entries of V are negative (or NaN).
        public var negativeWeightCount: Int
        /// Whether every parameter of the layer (V, W, b) is finite.
        public var parametersFinite: Bool
        /// The layer meets its part of the sufficient condition.
        public var ok: Bool
    }

    /// Points `a`, `b` (original input units) where the model lies above its chord at the midpoint.
    public struct Counterexample: Sendable, Equatable {
        public var a: [Double]
        public var b: [Double]
        /// f((a+b)/2), re-evaluated on its own.
        public var midpointValue: Double
        /// (f(a) + f(b)) / 2, from f(a) and f(b) re-evaluated on their own.
        public var chordValue: Double

        /// The midpoint (a+b)/2 at which `midpointValue` was computed.
        public var midpoint: [Double] { zip(a, b).map { 0.5 * ($0 + $1) } }   // m = (a + b) / 2
        /// How far the model lies above its chord: f(m) − (f(a) + f(b))/2 > 0.
        public var violation: Double { midpointValue - chordValue }
    }

    /// The sufficient condition holds: the model is convex in its inputs.
    public var convex: Bool
    /// The model is piecewise linear (max gate, ReLU, leaky ReLU, and no quadratic term): an exact LP encoding exists.
    public var piecewiseLinear: Bool
    /// One report per hidden layer, then the output layer.
    public var layers: [LayerReport]
    /// A verified violation of convexity, when the condition fails and the search found one.
    public var counterexample: Counterexample?
    /// The verdict and its reasons, in words.
    public var reasons: [String]
    /// Pairs of points the counterexample search evaluated (0 when the model is certified).
    public var trials: Int
    /// The seed of the counterexample search.
    public var seed: UInt64

    /// Convex and piecewise linear: the model can be minimised exactly as an LP.
    public var lpEncodable: Bool { convex && piecewiseLinear }

    /// The first layer that breaks the sufficient condition (1-based), if any.
    public var firstFailingLayer: Int? { layers.first { !$0.ok }?.index }

    /// Checks the sufficient condition of `model`; when it fails, searches `trials` seeded pairs of
    /// points in the box mean ± 3·scale of the input scaler for a violation of convexity.
    public static func certify(_ model: RegressionModel, seed: UInt64 = 0, trials: Int = 20_000) -> ConvexityCertificate {
        let network = model.network
        let nonlinearity = network.architecture.nonlinearity
        let shapes = network.architecture.layers
        let gateConvex = nonlinearity.isConvexNondecreasing
        var reports: [LayerReport] = []
        for (l, shape) in shapes.enumerated() {
            let isOutput = l == shapes.count - 1
            let report = layerReport(index: l + 1, shape: shape, isOutput: isOutput, nonlinearity: nonlinearity,
                                     inputDimension: network.inputDimension, parameters: network.parameters)
            reports.append(report)
        }
        let architecture = network.architecture
        let factors = network.parameters[architecture.quadraticOffset..<architecture.parameterCount]
        if !factors.allSatisfy(\.isFinite) {                                  // the quadratic term's factors belong to layer 1
            reports[0].parametersFinite = false
            reports[0].ok = false
        }
        let convex = reports.allSatisfy(\.ok)
        let piecewiseLinear = nonlinearity.isPiecewiseLinear && architecture.quadraticRank == 0
        var reasons = [describe(nonlinearity)]
        if architecture.quadraticRank > 0 {
            reasons.append("layer 1 adds Σᵨ (aᵨᵀx)² of rank \(architecture.quadraticRank) per unit: a sum of squared linear forms, "
                + "convex for any factors; the model has no exact LP encoding")
        }
        reasons += reports.map(describe)
        if !nonlinearity.isPiecewiseLinear {
            reasons.append("\(nonlinearity.isGate ? "gate" : "activation") \(nonlinearity.name) is smooth, not piecewise linear: "
                + "the model has no exact LP encoding")
        }
        guard !convex else {
            reasons.append("convex: the nonlinearity is convex and non-decreasing and every V entry is ≥ 0; "
                + "positive scalers keep the prediction convex in original units")
            return ConvexityCertificate(convex: true, piecewiseLinear: piecewiseLinear, layers: reports,
                                        counterexample: nil, reasons: reasons, trials: 0, seed: seed)
        }
        let broken = brokenConditions(reports, gateConvex: gateConvex, nonlinearity: nonlinearity)
        let pairs = max(0, trials)
        let search = CounterexampleSearch(model: model)
        let counterexample = search.run(seed: seed, trials: pairs)
        if let c = counterexample {
            reasons.append("not convex: f((a+b)/2) = \(format(c.midpointValue)) > (f(a) + f(b))/2 = \(format(c.chordValue)) "
                + "(violation \(format(c.violation)), found in \(pairs) seeded trials); the sufficient condition fails: \(broken)")
        } else {
            reasons.append("convexity is not certified (\(broken)); no violation of convexity was found in \(pairs) seeded trials")
        }
        return ConvexityCertificate(convex: false, piecewiseLinear: piecewiseLinear, layers: reports,
                                    counterexample: counterexample, reasons: reasons, trials: pairs, seed: seed)
    }

    /// The report of layer `index` (1-based) from the flat parameter vector.
    static func layerReport(index: Int, shape: LayerShape, isOutput: Bool, nonlinearity: Nonlinearity,
                            inputDimension: Int, parameters: [Double]) -> LayerReport {
        let vRange = shape.vOffset..<(shape.vOffset + shape.rows * shape.fanIn)
        var minimum: Double? = nil
        var negatives = 0
        if shape.fanIn > 0 {
            var low = Double.infinity
            for k in vRange {
                let v = parameters[k]
                if v.isNaN { low = .nan } else if !low.isNaN { low = min(low, v) }
                if !(v >= 0) { negatives += 1 }                                  // NaN counts as a violation
            }
            minimum = low
        }
        let skipColumns = shape.hasSkip ? inputDimension : 0
        let finite = parameters[vRange].allSatisfy(\.isFinite)
            && (0..<skipColumns).allSatisfy { c in (0..<shape.rows).allSatisfy { parameters[shape.wIndex(row: $0, column: c)].isFinite } }
            && parameters[shape.bOffset..<(shape.bOffset + shape.rows)].allSatisfy(\.isFinite)
        let gateConvex: Bool? = isOutput ? nil : nonlinearity.isConvexNondecreasing
        return LayerReport(index: index, kind: isOutput ? "affine output" : nonlinearity.name,
                           nonlinearityConvexNondecreasing: gateConvex, hasV: shape.fanIn > 0,
                           minimumWeight: minimum, weightCount: vRange.count, negativeWeightCount: negatives, parametersFinite: finite,
                           ok: finite && negatives == 0 && gateConvex != false)
    }

    /// "activation softplus (temperature 0.5) is convex and non-decreasing", or why it is not.
    static func describe(_ nonlinearity: Nonlinearity) -> String {
        var label = "\(nonlinearity.isGate ? "gate" : "activation") \(nonlinearity.name)"
        if let p = nonlinearity.parameter {
            if case .leakyRelu = nonlinearity { label += " (slope \(format(p)))" } else { label += " (temperature \(format(p)))" }
        }
        if nonlinearity.isConvexNondecreasing { return label + " is convex and non-decreasing" }
        if case .leakyRelu = nonlinearity { return label + " is not convex and non-decreasing (the slope must lie in [0, 1])" }
        return label + " is not convex and non-decreasing (the temperature must be positive and finite)"
    }

    /// "layer 3: minimum V entry -0.0123 < 0 (2 of 72 entries negative)" and the like.
    static func describe(_ report: LayerReport) -> String {
        let name = "layer \(report.index)\(report.kind == "affine output" ? " (output)" : "")"
        var parts: [String] = []
        if let m = report.minimumWeight {
            if m.isNaN {
                parts.append("V holds NaN entries")
            } else if report.negativeWeightCount > 0 {
                parts.append("minimum V entry \(format(m)) < 0 (\(report.negativeWeightCount) of \(report.weightCount) entries negative)")
            } else {
                parts.append("minimum V entry \(format(m)) ≥ 0")
            }
        } else {
            parts.append("no V (reads only the input; W and b are free)")
        }
        if !report.parametersFinite { parts.append("some parameters are NaN or infinite") }
        return "\(name): " + parts.joined(separator: "; ")
    }

    /// Which parts of the sufficient condition fail, for the verdict.
    static func brokenConditions(_ reports: [LayerReport], gateConvex: Bool, nonlinearity: Nonlinearity) -> String {
        var parts: [String] = []
        if !gateConvex { parts.append("\(nonlinearity.name) is not convex and non-decreasing") }
        for report in reports where report.negativeWeightCount > 0 {
            if let m = report.minimumWeight, !m.isNaN {
                parts.append("layer \(report.index): minimum V entry \(format(m)) < 0")
            } else {
                parts.append("layer \(report.index): V holds NaN entries")
            }
        }
        for report in reports where !report.parametersFinite { parts.append("layer \(report.index): non-finite parameters") }
        return parts.joined(separator: "; ")
    }

    /// Six significant digits.
    static func format(_ x: Double) -> String { String(format: "%.6g", x) }
}

extension ConvexityCertificate {
    /// A JSON-ready dictionary: `convex`, `piecewiseLinear`, `lpEncodable`, `layers` (index, kind,
    /// convexNondecreasing, hasV, minimumWeight, weights, negativeWeights, parametersFinite, ok), `counterexample` (null or
    /// a, b, midpointValue, chordValue, violation), `reasons`, `trials`, `seed`. Non-finite
    /// numbers and absent values are `NSNull`, so the result always passes `JSONSerialization`.
    public var jsonObject: [String: Any] {
        func number(_ x: Double?) -> Any {
            guard let x, x.isFinite else { return NSNull() }
            return x
        }
        let layerObjects: [[String: Any]] = layers.map { report in
            [
                "index": report.index,
                "kind": report.kind,
                "convexNondecreasing": report.nonlinearityConvexNondecreasing.map { $0 as Any } ?? NSNull(),
                "hasV": report.hasV,
                "minimumWeight": number(report.minimumWeight),
                "weights": report.weightCount,
                "negativeWeights": report.negativeWeightCount,
                "parametersFinite": report.parametersFinite,
                "ok": report.ok,
            ]
        }
        var counterexampleObject: Any = NSNull()
        if let c = counterexample {
            counterexampleObject = [
                "a": c.a.map(number), "b": c.b.map(number),
                "midpointValue": number(c.midpointValue), "chordValue": number(c.chordValue),
                "violation": number(c.violation),
            ] as [String: Any]
        }
        return [
            "convex": convex,
            "piecewiseLinear": piecewiseLinear,
            "lpEncodable": lpEncodable,
            "layers": layerObjects,
            "counterexample": counterexampleObject,
            "reasons": reasons,
            "trials": trials,
            "seed": NSNumber(value: seed),
        ]
    }
}

extension ConvexityCertificate: CustomStringConvertible {
    /// The verdict on the first line, then one reason per line.
    public var description: String {
        let verdict = convex ? "convex" : (counterexample == nil ? "not certified convex" : "not convex")
        return ([verdict] + reasons.map { "  " + $0 }).joined(separator: "\n")
    }
}
