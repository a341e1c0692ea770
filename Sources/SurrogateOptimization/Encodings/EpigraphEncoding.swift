import ConvexNetworks
import LinearProgramming

/// The exact LP encoding of a convex piecewise-linear network: one free column
/// z per hidden unit and, for each lane, the row `z − pre_lane ≥ 0` (ReLU: z ≥ pre, z ≥ 0;
/// leaky ReLU: z ≥ pre, z ≥ α·pre). With every V ≥ 0, minimising the output (or bounding it
/// above) drives each z down to the max, so the LP value equals f wherever it is optimal.
enum EpigraphEncoding {
    static func encode(_ model: RegressionModel, name: String, inputs: [LinearExpression],
                       into lp: inout LinearProgram) throws -> EncodedSurrogate {
        let architecture = model.network.architecture
        precondition(architecture.nonlinearity.isPiecewiseLinear && architecture.quadraticRank == 0,
                     "compile refuses smooth and quadratic models before encoding")
        let certificate = ConvexityCertificate.certify(model, trials: 0)
        guard certificate.convex else {
            throw SurrogateOptimizationError.notConvex(surrogate: name, reason: certificate.reasons.joined(separator: "; "))
        }
        let rows = NetworkRows(model: model, inputs: inputs)
        let firstColumn = lp.variableCount
        var previous: [Int] = []
        for (l, shape) in rows.shapes.enumerated().dropLast() {
            var units: [Int] = []
            for i in 0..<shape.width {
                let z = lp.addVariable("\(name).z\(l + 1)_\(i + 1)", lower: -.infinity)
                units.append(z)
                var lanes = (0..<shape.lanes).map { k in rows.preActivation(layer: l, row: k * shape.width + i, previousUnits: previous) }
                switch architecture.nonlinearity {
                case .relu: lanes.append(LinearExpression())                                   // z ≥ 0
                case let .leakyRelu(alpha): lanes.append(lanes[0].scaled(by: alpha))          // z ≥ α·pre
                default: break
                }
                for (k, lane) in lanes.enumerated() {                                           // z − pre ≥ 0
                    var row = LinearExpression.variable(z)
                    row.add(lane, scale: -1)
                    lp.addConstraint("\(name).h\(l + 1)_\(i + 1)_\(k + 1)", row.sortedTerms, lower: -row.constant, upper: .infinity)
                }
            }
            previous = units
        }
        return EncodedSurrogate(output: rows.output(previousUnits: previous), route: .lp,
                                auxiliaryColumns: firstColumn..<lp.variableCount, binaryCount: 0)
    }
}
