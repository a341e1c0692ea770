import ConvexNetworks
import LinearProgramming

/// The exact MILP encoding of any piecewise-linear network: MLPs, ReLU and leaky-ReLU ICNNs with any slope, and max gates over any number of
/// lanes (HyCNN, GroupMaxNet, MaxAffine), with V of either sign.
///
/// Every hidden unit gets one continuous column y (bounded by its interval, see
/// ``IntervalBounds``) and rows that force y = σ(lanes) in **every** feasible point, so the
/// encoding is exact for minimising, maximising, ≤ and ≥ constraints alike. With pre-activation
/// bounds l ≤ a ≤ u (valid over the feasible set):
///
/// - ReLU y = max(0, a): u ≤ 0 → y is a column fixed at 0 (no row, no binary); l ≥ 0 → the row
///   y = a; otherwise a binary δ and y ≥ a, y ≥ 0, y ≤ a − l(1 − δ), y ≤ u·δ (big-Ms −l and u).
/// - Leaky ReLU y = a if a > 0 else α·a, any α: y = α·a + (1 − α)·max(0, a). With c = 1 − α,
///   r = sign(c)(y − α·a) equals max(0, |c|·a), which is encoded as the ReLU above with bounds
///   |c|·l, |c|·u (α = 1 is y = a; fixed phases are y = a or y = α·a).
/// - Max gate y = max(a₁, …, a_K): lanes with u_k < max_j l_j never win and are dropped; one
///   remaining lane gives y = a_k; otherwise binaries δ_k with Σδ_k = 1, y ≥ a_k and
///   y ≤ a_k + M_k(1 − δ_k) with M_k = max(0, max_{j≠k} u_j − l_k) (y − a_k ≤ max_{j≠k} a_j − a_k
///   whenever lane k does not win).
///
/// With a `tightening` solver, each hidden layer's pre-activation bounds are first narrowed by
/// ``BoundTightening`` over the LP relaxation of the program built so far (the caller's
/// variables and rows plus the layers below), keeping the tighter of the interval and LP bound.
/// Bounds hold for the program as it is when encoding: loosening its variable bounds or
/// removing rows afterwards can make the encoding inexact.
enum MixedIntegerEncoding {
    static func encode(_ model: RegressionModel, name: String, inputs: [LinearExpression],
                       into lp: inout LinearProgram, tightening: (any LPSolver)? = nil,
                       deadline: Deadline? = nil) throws -> EncodedSurrogate {
        try encodeWithBounds(model, name: name, inputs: inputs, into: &lp, tightening: tightening, deadline: deadline).surrogate
    }

    /// ``encode(_:name:inputs:into:tightening:)`` that also returns the bounds it used.
    static func encodeWithBounds(_ model: RegressionModel, name: String, inputs: [LinearExpression],
                                 into program: inout LinearProgram, tightening: (any LPSolver)? = nil,
                                 deadline: Deadline? = nil) throws
        -> (surrogate: EncodedSurrogate, bounds: IntervalBounds) {
        let architecture = model.network.architecture
        guard inputs.count == model.inputDimension else {
            throw SurrogateOptimizationError.inputCountMismatch(surrogate: name, expected: model.inputDimension, actual: inputs.count)
        }
        precondition(architecture.nonlinearity.isPiecewiseLinear && architecture.quadraticRank == 0,
                     "compile refuses smooth and quadratic models before encoding")
        let ranges = try IntervalBounds.inputRanges(of: inputs, over: program.variables, surrogate: name)
        var bounds = IntervalBounds(model: model, inputRanges: ranges)
        if let (l, r) = bounds.firstNonFiniteRow {
            throw SurrogateOptimizationError.notEncodable(
                surrogate: name,
                reason: "row \(r + 1) of layer \(l + 1) has no finite interval bounds; check the model's parameters and the inputs' ranges")
        }
        let rows = NetworkRows(model: model, inputs: inputs)
        var lp = program                                                             // a thrown error leaves the caller's program untouched
        let firstColumn = lp.variableCount
        var binaryCount = 0
        var previous: [Int] = []
        for (l, shape) in rows.shapes.enumerated().dropLast() {
            let pre = (0..<shape.rows).map { rows.preActivation(layer: l, row: $0, previousUnits: previous) }
            if let solver = tightening {
                bounds.tighten(layer: l, preActivations: try BoundTightening.ranges(of: pre, over: lp, solver: solver, deadline: deadline))
            }
            var units: [Int] = []
            for i in 0..<shape.width {
                let range = bounds.units[l][i], tag = UnitTag(surrogate: name, id: "\(l + 1)_\(i + 1)")
                let y = lp.addVariable("\(name).y\(l + 1)_\(i + 1)", lower: range.lowerBound, upper: range.upperBound)
                units.append(y)
                let lanes = (0..<shape.lanes).map { pre[$0 * shape.width + i] }
                let laneBounds = bounds.lanes(layer: l, unit: i)
                switch architecture.nonlinearity {
                case .maxGate:
                    binaryCount += encodeMax(y: y, lanes: lanes, bounds: laneBounds, tag: tag, into: &lp)
                case .relu:
                    binaryCount += encodeLeaky(y: y, slope: 0, a: lanes[0], bounds: laneBounds[0], tag: tag, into: &lp)
                case let .leakyRelu(alpha):
                    binaryCount += encodeLeaky(y: y, slope: alpha, a: lanes[0], bounds: laneBounds[0], tag: tag, into: &lp)
                case .smoothMaxGate, .softplus:
                    preconditionFailure("compile refuses smooth models before encoding")
                }
            }
            previous = units
        }
        let surrogate = EncodedSurrogate(output: rows.output(previousUnits: previous), route: .milp,
                                         auxiliaryColumns: firstColumn..<lp.variableCount, binaryCount: binaryCount)
        program = lp
        return (surrogate, bounds)
    }

    /// y = a if a > 0 else α·a (α = 0: ReLU) for l ≤ a ≤ u; returns the binaries added (0 or 1).
    private static func encodeLeaky(y: Int, slope alpha: Double, a: LinearExpression, bounds: ClosedRange<Double>,
                                    tag: UnitTag, into lp: inout LinearProgram) -> Int {
        let (l, u) = (bounds.lowerBound, bounds.upperBound)
        if alpha == 1 || l >= 0 {                                                    // y = a
            addRow(tag.row + ".active", .variable(y), minus: a, .equal, into: &lp)
            return 0
        }
        if u <= 0 {                                                                  // y = α·a
            if alpha != 0 { addRow(tag.row + ".inactive", .variable(y), minus: a.scaled(by: alpha), .equal, into: &lp) }
            return 0                                                                 // ReLU: y is fixed at 0 by its bounds
        }
        let c = 1 - alpha, size = abs(c)
        var r = LinearExpression.variable(y)                                         // r = sign(c)(y − α·a) = max(0, |c|·a)
        r.add(a, scale: -alpha)
        r = r.scaled(by: c > 0 ? 1 : -1)
        let aScaled = a.scaled(by: size), (lScaled, uScaled) = (size * l, size * u)
        let delta = lp.addVariable(tag.binary, lower: 0, upper: 1, kind: .binary)
        let d = LinearExpression.variable(delta)
        addRow(tag.row + ".above", r, minus: aScaled, .greaterOrEqual, into: &lp)       // r ≥ |c|·a
        if alpha != 0 { addRow(tag.row + ".positive", r, minus: LinearExpression(), .greaterOrEqual, into: &lp) }  // r ≥ 0 (ReLU: y's bound)
        var off = aScaled                                                            // r ≤ |c|a − |c|l(1 − δ)
        off.add(d, scale: lScaled)
        off.constant -= lScaled
        addRow(tag.row + ".off", r, minus: off, .lessOrEqual, into: &lp)
        addRow(tag.row + ".on", r, minus: d.scaled(by: uScaled), .lessOrEqual, into: &lp)  // r ≤ |c|u·δ
        return 1
    }

    /// y = max_k a_k with lane bounds [l_k, u_k]; returns the binaries added.
    private static func encodeMax(y: Int, lanes: [LinearExpression], bounds: [ClosedRange<Double>],
                                  tag: UnitTag, into lp: inout LinearProgram) -> Int {
        let floor = bounds.map(\.lowerBound).max()!                                  // L = max_j l_j ≤ y
        let live = lanes.indices.filter { bounds[$0].upperBound >= floor }            // u_k < L: lane k never wins
        if live.count == 1 {
            addRow(tag.row + ".max", .variable(y), minus: lanes[live[0]], .equal, into: &lp)  // y = a_k
            return 0
        }
        var choice: [(variable: Int, coefficient: Double)] = []
        for k in live {
            let others = live.filter { $0 != k }.map { bounds[$0].upperBound }.max()!
            let bigM = max(0, others - bounds[k].lowerBound)                         // M_k = max(0, max_{j≠k} u_j − l_k)
            let delta = lp.addVariable(tag.binary + "_\(k + 1)", lower: 0, upper: 1, kind: .binary)
            choice.append((delta, 1))
            addRow(tag.row + ".above\(k + 1)", .variable(y), minus: lanes[k], .greaterOrEqual, into: &lp)  // y ≥ a_k
            var cap = lanes[k]                                                       // y ≤ a_k + M_k(1 − δ_k)
            cap.add(.variable(delta), scale: -bigM)
            cap.constant += bigM
            addRow(tag.row + ".wins\(k + 1)", .variable(y), minus: cap, .lessOrEqual, into: &lp)
        }
        lp.addConstraint(tag.row + ".choose", choice, .equal, 1)                         // Σ δ_k = 1
        return live.count
    }

    /// Adds the row `left − right (relation) 0`, moving the constant to the right-hand side.
    private static func addRow(_ name: String, _ left: LinearExpression, minus right: LinearExpression,
                               _ relation: Relation, into lp: inout LinearProgram) {
        var row = left
        row.add(right, scale: -1)
        lp.addConstraint(name, row.sortedTerms, relation, -row.constant)
    }
}

/// Names of one unit's binaries ("f.d2_5", lanes "f.d2_5_1") and rows ("f.h2_5.above").
private struct UnitTag {
    let surrogate: String, id: String
    var binary: String { "\(surrogate).d\(id)" }
    var row: String { "\(surrogate).h\(id)" }
}
