import ConvexNetworks

extension SemiDiscretePotential {
    /// The potential φ(x) = maxⱼ ⟨x, yⱼ⟩ − ψⱼ as a max-affine ``RegressionModel`` (one maxout unit
    /// with m pieces: slopes yⱼ, intercepts −ψⱼ, output 1·max + 0) with identity scalers, the
    /// route ConvexRegression uses. Its prediction is φ, its input gradient the map's site, it
    /// certifies convex (``ConvexityCertificate``) and it encodes exactly as an LP in surrogate problems.
    /// Save it with ``RegressionModel/save(to:)``.
    public func maxAffineModel(inputNames: [String]? = nil, targetName: String = "potential") throws -> RegressionModel {
        let names = inputNames ?? (1...dimension).map { "x\($0)" }
        guard names.count == dimension else {
            throw TransportError.shapeMismatch(what: "input names", expected: "\(dimension) names", actual: "\(names.count)")
        }
        let architecture = Architecture.maxAffine(inputDimension: dimension, pieces: siteCount)
        let layers = architecture.layers
        var theta = [Double](repeating: 0, count: architecture.parameterCount)
        for j in 0..<siteCount {
            for k in 0..<dimension { theta[layers[0].wIndex(row: j, column: k)] = sites[j * dimension + k] }   // slope aⱼ = yⱼ
            theta[layers[0].bOffset + j] = -potentials[j]                                                      // intercept cⱼ = −ψⱼ
        }
        theta[layers[1].vOffset] = 1                                                                           // φ = 1 · max + 0
        theta[layers[1].bOffset] = 0
        let network = try ConvexNetwork(architecture: architecture, parameters: theta)
        return try RegressionModel(network: network, inputScaler: .identity(dimension: dimension),
                                   targetScaler: .identity(dimension: 1), inputNames: names, targetName: targetName)
    }
}
