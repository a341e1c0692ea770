import ConvexNetworks
import Foundation
import LinearProgramming

/// Interval bounds on every pre-activation and hidden unit of a model over a box of inputs, in
/// the model's standardised units. The MILP route takes its big-M constants and phase decisions from them.
///
/// Propagation: inputs x ∈ [xl, xu] give u = (x − mean)/scale ∈ [(xl − mean)/scale, (xu − mean)/scale];
/// each pre-activation row `b + V z + W u` is bounded with the positive and negative parts of
/// V and W (`lo = b + V⁺ zl + V⁻ zu + W⁺ ul + W⁻ uu`, `hi` the other way round), and each unit
/// by the range of its nonlinearity over its lanes' intervals. ``tighten(layer:preActivations:)``
/// narrows one layer (optimisation-based bound tightening) and re-propagates the layers above.
struct IntervalBounds: Sendable {
    /// [ul, uu] of each standardised input u_j.
    let inputs: [ClosedRange<Double>]
    /// Bounds of pre-activation row r of layer l (`preActivations[l][r]`; lane k of unit i is
    /// row k·width + i); the output layer is last, with one row.
    private(set) var preActivations: [[ClosedRange<Double>]]
    /// Bounds of unit i of hidden layer l (`units[l][i]`).
    private(set) var units: [[ClosedRange<Double>]]

    private let shapes: [LayerShape]
    private let parameters: [Double]
    private let nonlinearity: Nonlinearity
    private let targetScaler: Standardizer

    /// Propagates the ranges of the model's inputs (original units, one per input) through
    /// every layer. Every range must be finite (see ``inputRanges(of:over:surrogate:)``).
    init(model: RegressionModel, inputRanges: [ClosedRange<Double>]) {
        precondition(inputRanges.count == model.inputDimension,
                     "IntervalBounds: \(inputRanges.count) input ranges for a \(model.inputDimension)-input model")
        let scaler = model.inputScaler
        inputs = inputRanges.enumerated().map { j, range in
            let (mean, scale) = (scaler.mean[j], scaler.scale[j])
            return ((range.lowerBound - mean) / scale)...((range.upperBound - mean) / scale)  // u = (x − mean)/scale, scale > 0
        }
        shapes = model.network.architecture.layers
        parameters = model.network.parameters
        nonlinearity = model.network.architecture.nonlinearity
        targetScaler = model.targetScaler
        preActivations = shapes.map { [ClosedRange<Double>](repeating: 0...0, count: $0.rows) }
        units = shapes.dropLast().map { [ClosedRange<Double>](repeating: 0...0, count: $0.width) }
        propagate(from: 0)
    }

    /// The range of each input expression over the program's variable bounds; throws
    /// `unboundedInput` for the first input with an infinite (or undefined) range.
    static func inputRanges(of inputs: [LinearExpression], over variables: [Variable],
                            surrogate: String) throws -> [ClosedRange<Double>] {
        try inputs.enumerated().map { j, input in
            guard input.coefficients.keys.allSatisfy({ $0 >= 0 && $0 < variables.count }) else {
                throw SurrogateOptimizationError.notEncodable(
                    surrogate: surrogate, reason: "input \(j + 1) reads a column that is not in the program (it has \(variables.count))")
            }
            guard let range = input.range(over: variables), range.lowerBound.isFinite, range.upperBound.isFinite else {
                throw SurrogateOptimizationError.unboundedInput(surrogate: surrogate, input: j)
            }
            return range
        }
    }

    /// The bounds of the model's output in original units: ty·[lo, hi] + tm (ty > 0).
    var output: ClosedRange<Double> {
        let pre = preActivations[shapes.count - 1][0], ty = targetScaler.scale[0], tm = targetScaler.mean[0]
        return (ty * pre.lowerBound + tm)...(ty * pre.upperBound + tm)
    }

    /// The first pre-activation (layer, row) whose bounds are not finite (overflow or
    /// non-finite parameters), if any; the units above it are then unbounded too.
    var firstNonFiniteRow: (layer: Int, row: Int)? {
        for (l, layer) in preActivations.enumerated() {
            if let r = layer.firstIndex(where: { !($0.lowerBound.isFinite && $0.upperBound.isFinite) }) { return (l, r) }
        }
        return nil
    }

    /// The lanes' bounds of unit i of hidden layer l (rows i, width + i, …).
    func lanes(layer l: Int, unit i: Int) -> [ClosedRange<Double>] {
        let shape = shapes[l]
        return (0..<shape.lanes).map { k in preActivations[l][k * shape.width + i] }
    }

    /// Replaces layer l's pre-activation bounds by their intersection with `tighter` (one range
    /// per row), then recomputes the units of layer l and everything above. Where rounding
    /// makes the two ranges miss each other, the smallest range containing both ends is kept.
    mutating func tighten(layer l: Int, preActivations tighter: [ClosedRange<Double>]) {
        precondition(tighter.count == shapes[l].rows, "tighten: \(tighter.count) ranges for \(shapes[l].rows) rows")
        for (r, range) in tighter.enumerated() {
            let current = preActivations[l][r]
            let low = max(current.lowerBound, range.lowerBound), high = min(current.upperBound, range.upperBound)
            preActivations[l][r] = min(low, high)...max(low, high)
        }
        if l < units.count { units[l] = unitBounds(layer: l) }
        propagate(from: l + 1)
    }

    /// Recomputes pre-activations and units of layers `first…` from the layers below.
    private mutating func propagate(from first: Int) {
        guard first < shapes.count else { return }
        for l in first..<shapes.count {
            preActivations[l] = (0..<shapes[l].rows).map { preActivationBound(layer: l, row: $0) }
            if l < units.count { units[l] = unitBounds(layer: l) }
        }
    }

    /// lo = b + Σ V⁺ zl + V⁻ zu + Σ W⁺ ul + W⁻ uu; hi = b + Σ V⁺ zu + V⁻ zl + Σ W⁺ uu + W⁻ ul.
    private func preActivationBound(layer l: Int, row: Int) -> ClosedRange<Double> {
        let shape = shapes[l]
        let bias = parameters[shape.bOffset + row]
        var low = bias, high = bias
        for j in 0..<shape.fanIn {
            let v = parameters[shape.vOffset + j * shape.rows + row], z = units[l - 1][j]
            low += v > 0 ? v * z.lowerBound : v * z.upperBound
            high += v > 0 ? v * z.upperBound : v * z.lowerBound
        }
        if shape.hasSkip {
            for (j, u) in inputs.enumerated() {
                let w = parameters[shape.wIndex(row: row, column: j)]
                low += w > 0 ? w * u.lowerBound : w * u.upperBound
                high += w > 0 ? w * u.upperBound : w * u.lowerBound
            }
        }
        return low...high
    }

    private func unitBounds(layer l: Int) -> [ClosedRange<Double>] {
        (0..<shapes[l].width).map { Self.activationRange(nonlinearity, lanes: lanes(layer: l, unit: $0)) }
    }

    /// The range of σ over a box of lane values. Max and smooth max are non-decreasing in every
    /// lane, as are ReLU and softplus, so σ(lows)…σ(highs); leaky ReLU with any slope α is linear
    /// on each side of 0, so its extremes lie among σ(l), σ(u) and σ(0) = 0 when l < 0 < u.
    static func activationRange(_ nonlinearity: Nonlinearity, lanes: [ClosedRange<Double>]) -> ClosedRange<Double> {
        let lows = lanes.map(\.lowerBound), highs = lanes.map(\.upperBound)
        switch nonlinearity {
        case .maxGate:
            return lows.max()!...highs.max()!                                           // [max_k l_k, max_k u_k]
        case let .smoothMaxGate(tau):
            func smoothMax(_ a: [Double]) -> Double {
                let m = a.max()!
                return m + tau * log(a.reduce(0) { $0 + exp(($1 - m) / tau) })         // τ log Σ e^{a_k/τ}, stable
            }
            return smoothMax(lows)...max(smoothMax(lows), smoothMax(highs))
        case .relu:
            return max(lows[0], 0)...max(highs[0], 0)                                   // [max(l, 0), max(u, 0)]
        case let .leakyRelu(alpha):
            func leaky(_ a: Double) -> Double { a > 0 ? a : alpha * a }                  // a if a > 0, else α·a
            var values = [leaky(lows[0]), leaky(highs[0])]
            if lows[0] < 0 && highs[0] > 0 { values.append(0) }
            return values.min()!...values.max()!
        case let .softplus(tau):
            func softplus(_ a: Double) -> Double { max(a, 0) + tau * log1p(exp(-abs(a) / tau)) }  // τ log(1 + e^{a/τ})
            return softplus(lows[0])...max(softplus(lows[0]), softplus(highs[0]))
        }
    }
}
