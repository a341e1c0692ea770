/// A trained network with the scalers that map original units to its standardised ones:
/// prediction(x) = targetScale · f((x − mean) / scale) + targetMean. The affine maps have
/// positive scales, so the prediction is convex exactly when f is.
public struct RegressionModel: Sendable, Equatable {
    public var network: ConvexNetwork
    public var inputScaler: Standardizer
    public var targetScaler: Standardizer
    public var inputNames: [String]
    public var targetName: String
    /// The box of the inputs the model was fitted to (nil when not recorded: files written
    /// before it was, or models not fitted to samples).
    public var inputRange: InputRange?

    public init(network: ConvexNetwork, inputScaler: Standardizer, targetScaler: Standardizer,
                inputNames: [String], targetName: String) throws {
        let d = network.inputDimension
        guard inputScaler.mean.count == d, inputNames.count == d else {
            throw ConvexNetworksError.dimensionMismatch(what: "input scaler and names of a \(d)-input network",
                                                        expected: d, actual: min(inputScaler.mean.count, inputNames.count))
        }
        guard targetScaler.mean.count == 1 else {
            throw ConvexNetworksError.dimensionMismatch(what: "target scaler", expected: 1, actual: targetScaler.mean.count)
        }
        self.network = network
        self.inputScaler = inputScaler
        self.targetScaler = targetScaler
        self.inputNames = inputNames
        self.targetName = targetName
    }

    public var inputDimension: Int { network.inputDimension }

    /// Predictions in original units for `inputs` (d × n, column-major, original units).
    public func predict(_ inputs: [Double]) throws -> [Double] {
        guard inputs.count % inputDimension == 0 else {
            throw ConvexNetworksError.dimensionMismatch(what: "inputs (a multiple of the input dimension)",
                                                        expected: inputDimension * (inputs.count / inputDimension + 1), actual: inputs.count)
        }
        var standardized = inputs
        inputScaler.standardize(&standardized)
        var outputs = network.evaluate(standardized)
        targetScaler.restore(&outputs)
        return outputs
    }

    /// ∇ₓ prediction in original units: ∂y/∂xⱼ = targetScale · ∂f/∂zⱼ / scaleⱼ.
    public func inputGradients(_ inputs: [Double]) -> [Double] {
        var standardized = inputs
        inputScaler.standardize(&standardized)
        var gradients = network.inputGradients(standardized)
        let d = inputDimension, ys = targetScaler.scale[0]
        for k in gradients.indices { gradients[k] *= ys / inputScaler.scale[k % d] }
        return gradients
    }
}
