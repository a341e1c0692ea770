import ConvexNetworks

/// The affine pieces of a model as expressions over LP columns, shared by the LP and MILP
/// encodings: standardised inputs u = (input − mean)/scale, each layer's pre-activations
/// `V z_prev + W u + b`, and the output in original units `ty·pre_out + tm`.
struct NetworkRows {
    let model: RegressionModel
    let shapes: [LayerShape]
    /// u_j = (input_j − mean_j)/scale_j.
    let standardizedInputs: [LinearExpression]

    init(model: RegressionModel, inputs: [LinearExpression]) {
        self.model = model
        shapes = model.network.architecture.layers
        standardizedInputs = inputs.enumerated().map { j, input in
            var u = input.scaled(by: 1 / model.inputScaler.scale[j])
            u.constant -= model.inputScaler.mean[j] / model.inputScaler.scale[j]
            return u
        }
    }

    /// Pre-activation `row` of layer `l`: Σ V[row, j] z_prev[j] + Σ W[row, j] u_j + b[row],
    /// with z_prev given as one LP column per unit of the previous layer.
    func preActivation(layer l: Int, row: Int, previousUnits: [Int]) -> LinearExpression {
        let shape = shapes[l], theta = model.network.parameters
        var expression = LinearExpression(constant: theta[shape.bOffset + row])
        for j in 0..<shape.fanIn {
            let v = theta[shape.vOffset + j * shape.rows + row]
            if v != 0 { expression.coefficients[previousUnits[j], default: 0] += v }
        }
        if shape.hasSkip {
            for (j, u) in standardizedInputs.enumerated() {
                let w = theta[shape.wIndex(row: row, column: j)]
                if w != 0 { expression.add(u, scale: w) }
            }
        }
        return expression
    }

    /// The model's output in original units from the output layer's pre-activation.
    func output(previousUnits: [Int]) -> LinearExpression {
        var y = preActivation(layer: shapes.count - 1, row: 0, previousUnits: previousUnits)
            .scaled(by: model.targetScaler.scale[0])                  // y = ty·f + tm
        y.constant += model.targetScaler.mean[0]
        return y
    }
}
