import DataFiles
import Foundation
import Testing
@testable import ConvexNetworks

/// The icnn-quadratic family: its forward pass against the formula, convexity, the certificate,
/// the initialisation, validation and the model file (gradients: ``GradientTests`` and
/// ``InputGradientBackwardTests`` list it with every family).
@Suite struct QuadraticFirstLayerTests {
    static func randomNetwork(_ architecture: Architecture, seed: UInt64) throws -> ConvexNetwork {
        var network = try NetworkInitializer.initialParameters(for: architecture, seed: seed)
        var random = SeededGenerator(seed: seed + 7)
        for k in network.parameters.indices { network.parameters[k] += 0.3 * random.nextNormal() }
        network.projectConstrainedWeights()
        return network
    }

    /// f(x) by the formula, one sample at a time: z₁ⱼ = σ(W₀ⱼx + b₀ⱼ + Σᵨ (aⱼᵨᵀx)²), then ICNN layers.
    static func reference(_ network: ConvexNetwork, _ x: [Double]) -> Double {
        let architecture = network.architecture, theta = network.parameters, d = x.count
        let rank = architecture.quadraticRank, factors = architecture.quadraticFactorCount
        var z: [Double] = []
        for (l, shape) in architecture.layers.enumerated() {
            var next: [Double] = []
            for j in 0..<shape.rows {
                var pre = theta[shape.bOffset + j]
                for c in 0..<d { pre += theta[shape.wIndex(row: j, column: c)] * x[c] }
                for i in 0..<shape.fanIn { pre += theta[shape.vOffset + i * shape.rows + j] * z[i] }
                if l == 0 {
                    for rho in 0..<rank {
                        var q = 0.0
                        for c in 0..<d { q += theta[architecture.quadraticOffset + c * factors + j * rank + rho] * x[c] }
                        pre += q * q
                    }
                }
                next.append(pre)
            }
            if l == architecture.layers.count - 1 { return next[0] }
            z = next.map { pre in
                switch architecture.nonlinearity {
                case .relu: return max(pre, 0)
                case let .softplus(tau): return tau * log1p(exp(pre / tau))
                default: fatalError("not an icnn activation in this test")
                }
            }
        }
        return .nan
    }

    @Test(arguments: [Architecture.icnnQuadratic(inputDimension: 3, widths: [4, 3], rank: 2),
                      .icnnQuadratic(inputDimension: 2, widths: [5], activation: .softplus(temperature: 0.5), rank: 1)])
    func forwardMatchesTheFormula(architecture: Architecture) throws {
        let network = try Self.randomNetwork(architecture, seed: 3)
        var random = SeededGenerator(seed: 11)
        let d = architecture.inputDimension
        let x = (0..<(9 * d)).map { _ in random.nextNormal() }
        let batched = network.evaluate(x, chunk: 4)                    // several chunks through one workspace
        for s in 0..<9 {
            let expected = Self.reference(network, Array(x[(s * d)..<((s + 1) * d)]))
            #expect(abs(batched[s] - expected) <= 1e-12 * (1 + abs(expected)), "sample \(s)")
        }
    }

    @Test(arguments: [Nonlinearity.relu, .softplus(temperature: 0.3), .leakyRelu(slope: 0.2)])
    func convexAlongRandomSegmentsAndCertified(activation: Nonlinearity) throws {
        let architecture = Architecture.icnnQuadratic(inputDimension: 3, widths: [6, 5], activation: activation, rank: 3)
        let network = try Self.randomNetwork(architecture, seed: 5)
        var random = SeededGenerator(seed: 19)
        for _ in 0..<300 {
            let a = (0..<3).map { _ in 2 * random.nextNormal() }, b = (0..<3).map { _ in 2 * random.nextNormal() }
            let t = random.nextUniform()
            let m = zip(a, b).map { t * $0 + (1 - t) * $1 }
            let f = network.evaluate(a + b + m)
            #expect(f[2] <= t * f[0] + (1 - t) * f[1] + 1e-9 * (1 + abs(f[0]) + abs(f[1])))
        }
        let model = try RegressionModel(network: network, inputScaler: .identity(dimension: 3), targetScaler: .identity(dimension: 1),
                                        inputNames: ["a", "b", "c"], targetName: "y")
        let certificate = ConvexityCertificate.certify(model)
        #expect(certificate.convex && certificate.counterexample == nil)
        #expect(!certificate.piecewiseLinear && !certificate.lpEncodable)
        #expect(certificate.reasons.contains { $0.contains("rank 3") && $0.contains("no exact LP encoding") })
    }

    @Test func aNonFiniteFactorFailsTheCertificate() throws {
        var network = try Self.randomNetwork(.icnnQuadratic(inputDimension: 2, widths: [3], rank: 1), seed: 2)
        network.parameters[network.architecture.quadraticOffset + 1] = .nan
        let model = try RegressionModel(network: network, inputScaler: .identity(dimension: 2), targetScaler: .identity(dimension: 1),
                                        inputNames: ["a", "b"], targetName: "y")
        let certificate = ConvexityCertificate.certify(model, trials: 50)
        #expect(!certificate.convex)
        #expect(certificate.layers[0].parametersFinite == false && !certificate.layers[0].ok)
    }

    @Test func theLinearPartsStartAsTheICNNAndTheFactorsSmall() throws {
        let d = 40, widths = [64, 64]
        let plain = try NetworkInitializer.initialParameters(for: .icnn(inputDimension: d, widths: widths, activation: .softplus(temperature: 1)), seed: 9)
        let quadratic = try NetworkInitializer.initialParameters(
            for: .icnnQuadratic(inputDimension: d, widths: widths, activation: .softplus(temperature: 1), rank: 4), seed: 9)
        let offset = quadratic.architecture.quadraticOffset
        #expect(offset == plain.parameters.count)
        #expect(quadratic.parameters.count == offset + 64 * 4 * d)
        #expect(Array(quadratic.parameters[..<offset]) == plain.parameters)    // drawn first, from the same stream
        let factors = quadratic.parameters[offset...]
        let variance = factors.reduce(0) { $0 + $1 * $1 } / Double(factors.count)
        #expect(abs(variance * Double(d) - 0.01) < 0.001)                    // N(0, 0.01/d): E(aᵀx)² = 0.01
    }

    @Test func validationNeedsAPositiveRankOnlyForTheQuadraticFamily() throws {
        #expect(throws: ConvexNetworksError.self) { try Architecture.icnnQuadratic(inputDimension: 2, widths: [3], rank: 0).validate() }
        #expect(throws: ConvexNetworksError.self) {
            try Architecture(family: .icnn, inputDimension: 2, widths: [3], nonlinearity: .relu, lanes: 1, quadraticRank: 2).validate()
        }
        #expect(throws: ConvexNetworksError.self) {
            try Architecture.icnnQuadratic(inputDimension: 2, widths: [3], activation: .maxGate, rank: 1).validate()
        }
        #expect(throws: ConvexNetworksError.self) {                          // m₁·r·d beyond the parameter limit
            try Architecture.icnnQuadratic(inputDimension: 1 << 14, widths: [64], rank: 1 << 10).validate()
        }
        #expect(ModelFamily(rawValue: "icnn-quadratic") == .icnnQuadratic)
    }

    static func model(_ architecture: Architecture) throws -> RegressionModel {
        let d = architecture.inputDimension
        return try RegressionModel(network: randomNetwork(architecture, seed: 4),
                                   inputScaler: Standardizer(mean: (0..<d).map { 0.1 * Double($0) }, scale: (0..<d).map { 1 + Double($0) }),
                                   targetScaler: Standardizer(mean: [0.3], scale: [1.7]), inputNames: (0..<d).map { "x\($0)" }, targetName: "y")
    }

    static func json(_ model: RegressionModel) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: model.jsonData()) as! [String: Any]
    }

    static func reload(_ object: [String: Any]) throws -> RegressionModel {
        try RegressionModel(jsonData: JSONSerialization.data(withJSONObject: object), path: "edited.json")
    }

    @Test func theFileHoldsTheRankAndTheFirstLayersFactors() throws {
        let model = try Self.model(.icnnQuadratic(inputDimension: 3, widths: [4, 2], rank: 2))
        let object = try Self.json(model)
        #expect(object["family"] as? String == "icnn-quadratic" && object["quadraticRank"] as? Int == 2 && object["version"] as? Int == 1)
        let layers = try #require(object["layers"] as? [[String: Any]])
        let factors = try #require(layers[0]["A"] as? [[Double]])
        #expect(factors.count == 8 && factors.allSatisfy { $0.count == 3 })
        // row j·r + ρ is aⱼᵨ: row 3 is unit 1's second factor, column-major at offset + c·(m₁r) + 3
        let theta = model.network.parameters, offset = model.network.architecture.quadraticOffset
        // (JSONSerialization's parse may differ in the last bit; the bit-exact round trip is checked below)
        #expect(zip(factors[3], (0..<3).map { theta[offset + $0 * 8 + 3] }).allSatisfy { abs($0 - $1) <= 1e-15 * abs($1) })
        #expect(layers.dropFirst().allSatisfy { $0["A"] == nil })
        let reloaded = try Self.reload(object)
        #expect(reloaded == model)
        let x = (0..<30).map { Double($0) / 7 - 2 }
        #expect(try reloaded.predict(x) == model.predict(x))               // bit for bit

        let plain = try Self.json(Self.model(.icnn(inputDimension: 3, widths: [4, 2])))
        #expect(plain["quadraticRank"] == nil)                               // other families' files are unchanged
        #expect((plain["layers"] as? [[String: Any]])?.allSatisfy { $0["A"] == nil } == true)
    }

    @Test func badQuadraticEntriesAreRejected() throws {
        let object = try Self.json(Self.model(.icnnQuadratic(inputDimension: 2, widths: [3], rank: 1)))
        var edited = object
        edited["quadraticRank"] = nil
        #expect(throws: ConvexNetworksError.self) { try Self.reload(edited) }
        edited = object
        var layers = object["layers"] as! [[String: Any]]
        layers[0]["A"] = [[1.0, 2.0], [3.0, 4.0]]                            // 2 rows, the layer has 3 units of rank 1
        edited["layers"] = layers
        #expect(throws: ConvexNetworksError.self) { try Self.reload(edited) }
        layers[0]["A"] = nil
        edited["layers"] = layers
        #expect(throws: ConvexNetworksError.self) { try Self.reload(edited) }
        layers = object["layers"] as! [[String: Any]]
        layers[1]["A"] = [[1.0, 2.0]]                                         // factors only in the first layer
        edited["layers"] = layers
        #expect(throws: ConvexNetworksError.self) { try Self.reload(edited) }

        var plain = try Self.json(Self.model(.icnn(inputDimension: 2, widths: [3])))
        plain["quadraticRank"] = 1                                           // a plain ICNN has no quadratic term
        #expect(throws: ConvexNetworksError.self) { try Self.reload(plain) }
        plain["quadraticRank"] = nil
        var plainLayers = plain["layers"] as! [[String: Any]]
        plainLayers[0]["A"] = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
        plain["layers"] = plainLayers
        #expect(throws: ConvexNetworksError.self) { try Self.reload(plain) }
    }

    /// A model file written before the quadratic family existed loads as it did.
    @Test func anEarlierFileStillLoads() throws {
        let text = """
            {"convex":true,"family":"icnn","format":"hycnn-model","inputDimension":1,"inputNames":["x"],\
            "inputScaler":{"mean":[0],"scale":[1]},"lanes":1,"layers":[{"W":[[2]],"b":[-1]},{"V":[[3]],"W":[[0.5]],"b":[0.25]}],\
            "nonlinearity":{"name":"relu"},"targetName":"y","targetScaler":{"mean":[0],"scale":[1]},"version":1,"widths":[1]}
            """
        let model = try RegressionModel(jsonData: Data(text.utf8), path: "earlier.json")
        #expect(model.network.architecture == .icnn(inputDimension: 1, widths: [1]))
        #expect(try model.predict([1, 0]) == [3.75, 0.25])                   // 3·relu(2x − 1) + x/2 + 1/4
    }
}
