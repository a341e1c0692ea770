import Foundation
import TestSupport
import Testing
@testable import ConvexNetworks

/// The convexity certificate (the sufficient condition V ≥ 0 with a convex non-decreasing nonlinearity) and the counterexample search.
@Suite struct ConvexityCertificateTests {
    /// A model around `network` with identity scalers (or the given input scaler).
    static func model(_ network: ConvexNetwork, inputScaler: Standardizer? = nil,
                      targetScaler: Standardizer = .identity(dimension: 1)) throws -> RegressionModel {
        let d = network.inputDimension
        return try RegressionModel(network: network, inputScaler: inputScaler ?? .identity(dimension: d),
                                   targetScaler: targetScaler, inputNames: (1...d).map { "x\($0)" }, targetName: "y")
    }

    static func freshModel(_ architecture: Architecture, seed: UInt64 = 7) throws -> RegressionModel {
        try model(NetworkInitializer.initialParameters(for: architecture, seed: seed))
    }

    /// Checks that a counterexample is a real one: re-evaluating a, b and (a+b)/2 through `predict`
    /// one at a time gives the reported numbers, and f((a+b)/2) > (f(a) + f(b))/2.
    static func expectVerified(_ c: ConvexityCertificate.Counterexample, of model: RegressionModel) throws {
        #expect(c.a.count == model.inputDimension && c.b.count == model.inputDimension)
        #expect(c.midpointValue > c.chordValue)
        let fa = try model.predict(c.a)[0], fb = try model.predict(c.b)[0], fm = try model.predict(c.midpoint)[0]
        #expect(fm == c.midpointValue)
        #expect(0.5 * (fa + fb) == c.chordValue)
        // Evaluated together in one batch, the numbers agree up to rounding.
        let together = try model.predict(c.a + c.b + c.midpoint)
        let scale = abs(fa) + abs(fb) + abs(fm) + 1
        #expect(abs(together[0] - fa) <= 1e-12 * scale && abs(together[1] - fb) <= 1e-12 * scale
                && abs(together[2] - fm) <= 1e-12 * scale)
        #expect(together[2] - 0.5 * (together[0] + together[1]) > 0)
    }

    static let convexArchitectures: [Architecture] = [
        .hycnn(inputDimension: 3, widths: [8, 8, 8]),
        .hycnn(inputDimension: 2, widths: [6, 6], gate: .smoothMaxGate(temperature: 0.1)),
        .groupMax(inputDimension: 3, widths: [8, 8]),
        .icnn(inputDimension: 3, widths: [10, 10], activation: .relu),
        .icnn(inputDimension: 3, widths: [10, 10], activation: .leakyRelu(slope: 0.3)),
        .icnn(inputDimension: 3, widths: [10, 10], activation: .softplus(temperature: 0.5)),
        .maxAffine(inputDimension: 4, pieces: 12),
    ]

    @Test(arguments: convexArchitectures)
    func freshConvexFamiliesAreCertified(architecture: Architecture) throws {
        let model = try Self.freshModel(architecture)
        let certificate = ConvexityCertificate.certify(model)
        #expect(certificate.convex)
        #expect(certificate.counterexample == nil)
        #expect(certificate.trials == 0)
        #expect(certificate.layers.count == architecture.widths.count + 1)
        #expect(certificate.layers.map(\.index) == Array(1...(architecture.widths.count + 1)))
        #expect(certificate.layers.allSatisfy { $0.ok })
        #expect(certificate.layers.first?.hasV == false && certificate.layers.first?.minimumWeight == nil)
        for report in certificate.layers.dropFirst() {
            let minimum = try #require(report.minimumWeight)
            #expect(minimum >= 0)
        }
        #expect(certificate.layers.last?.kind == "affine output")
        #expect(certificate.layers.last?.nonlinearityConvexNondecreasing == nil)
        #expect(certificate.layers.dropLast().allSatisfy { $0.nonlinearityConvexNondecreasing == true && $0.kind == architecture.nonlinearity.name })
        #expect(certificate.piecewiseLinear == architecture.nonlinearity.isPiecewiseLinear)
        #expect(certificate.lpEncodable == architecture.nonlinearity.isPiecewiseLinear)
        #expect(certificate.reasons.contains { $0.contains("\(architecture.nonlinearity.name)") && $0.contains("is convex and non-decreasing") })
        #expect(certificate.reasons.last?.hasPrefix("convex") == true)
    }

    @Test func softplusIsConvexButNotPiecewiseLinear() throws {
        let model = try Self.freshModel(.icnn(inputDimension: 2, widths: [5], activation: .softplus(temperature: 1)))
        let certificate = ConvexityCertificate.certify(model)
        #expect(certificate.convex && !certificate.piecewiseLinear && !certificate.lpEncodable)
        #expect(certificate.reasons.contains { $0.contains("softplus") && $0.contains("not piecewise linear") })
    }

    @Test func leakySlopeAboveOneBreaksConvexityThroughTheNonlinearity() throws {
        let model = try Self.freshModel(.icnn(inputDimension: 2, widths: [8], activation: .leakyRelu(slope: 1.5)))
        let certificate = ConvexityCertificate.certify(model, seed: 3, trials: 4000)
        #expect(!certificate.convex)
        #expect(certificate.layers[0].nonlinearityConvexNondecreasing == false && !certificate.layers[0].ok)
        #expect(certificate.layers[1].ok)                                   // V ≥ 0 still holds at initialisation
        #expect(try #require(certificate.layers[1].minimumWeight) >= 0)
        #expect(certificate.reasons.contains { $0.contains("leaky-relu (slope 1.5) is not convex and non-decreasing") })
        // σ is concave (slope 1.5 then 1) and V ≥ 0: the network bends down, so a violation exists.
        let counterexample = try #require(certificate.counterexample)
        try Self.expectVerified(counterexample, of: model)
    }

    @Test func oneNegativeWeightIsNotCertifiedAndTheLayerIsNamed() throws {
        var network = try NetworkInitializer.initialParameters(for: .hycnn(inputDimension: 2, widths: [6, 6, 6]), seed: 11)
        let shape = network.architecture.layers[2]
        network.parameters[shape.vOffset + 5] = -10
        let model = try Self.model(network)
        let certificate = ConvexityCertificate.certify(model, trials: 4000)
        #expect(!certificate.convex)
        #expect(certificate.firstFailingLayer == 3)
        #expect(certificate.layers.map(\.ok) == [true, true, false, true])
        #expect(certificate.layers[2].minimumWeight == -10 && certificate.layers[2].negativeWeightCount == 1)
        #expect(certificate.layers[2].weightCount == 12 * 6)
        #expect(certificate.layers[2].nonlinearityConvexNondecreasing == true)
        #expect(certificate.reasons.contains("layer 3: minimum V entry -10 < 0 (1 of 72 entries negative)"))
        // A large negative entry bends this network down inside the box (a grid of second differences
        // finds f(m) − chord ≈ 0.027 on short segments): the search must find and verify it.
        let counterexample = try #require(certificate.counterexample)
        try Self.expectVerified(counterexample, of: model)
        #expect(certificate.reasons.last?.contains("layer 3: minimum V entry -10 < 0") == true)
    }

    /// A small negative entry (−0.75 here) can leave the network convex on the box: not certified,
    /// and the verdict says so without a counterexample.
    @Test func smallNegativeWeightIsNotCertifiedEvenWithoutAViolation() throws {
        var network = try NetworkInitializer.initialParameters(for: .hycnn(inputDimension: 2, widths: [6, 6, 6]), seed: 11)
        network.parameters[network.architecture.layers[2].vOffset + 5] = -0.75
        let certificate = ConvexityCertificate.certify(try Self.model(network), trials: 2000)
        #expect(!certificate.convex && certificate.counterexample == nil)
        #expect(certificate.reasons.last == "convexity is not certified (layer 3: minimum V entry -0.75 < 0); "
                + "no violation of convexity was found in 2000 seeded trials")
        #expect(certificate.description.hasPrefix("not certified convex\n"))
    }

    @Test func randomMLPHasAVerifiedCounterexample() throws {
        let model = try Self.freshModel(.mlp(inputDimension: 3, widths: [16, 16]), seed: 5)
        let certificate = ConvexityCertificate.certify(model)
        #expect(!certificate.convex)
        #expect(certificate.trials == 20_000)
        #expect(certificate.layers[0].nonlinearityConvexNondecreasing == true)
        #expect(try #require(certificate.layers[1].minimumWeight) < 0)
        let counterexample = try #require(certificate.counterexample)
        try Self.expectVerified(counterexample, of: model)
        #expect(certificate.reasons.last?.hasPrefix("not convex") == true)
        // The same seed gives the same counterexample.
        let again = ConvexityCertificate.certify(model)
        #expect(again.counterexample == counterexample)
    }

    @Test func mlpWithNonNegativeWeightsIsCertified() throws {
        var network = try NetworkInitializer.initialParameters(for: .mlp(inputDimension: 3, widths: [16, 16]), seed: 5)
        for shape in network.architecture.layers where shape.fanIn > 0 {
            for k in shape.vOffset..<(shape.vOffset + shape.rows * shape.fanIn) { network.parameters[k] = abs(network.parameters[k]) }
        }
        let certificate = ConvexityCertificate.certify(try Self.model(network))
        #expect(certificate.convex && certificate.counterexample == nil && certificate.lpEncodable)
        #expect(certificate.layers.allSatisfy { $0.ok })
    }

    @Test func closedFormSquareApproximationIsCertified() throws {
        let network = try ReferenceNetworks.squareApproximation(layers: 5)
        let certificate = ConvexityCertificate.certify(try Self.model(network))
        #expect(certificate.convex && certificate.piecewiseLinear)
        #expect(certificate.layers.dropFirst().allSatisfy { ($0.minimumWeight ?? -1) >= 0 })
        #expect(certificate.layers[1].minimumWeight == 0)                   // V¹ has exact zeros
    }

    @Test func counterexampleIsInOriginalUnits() throws {
        let network = try NetworkInitializer.initialParameters(for: .mlp(inputDimension: 3, widths: [12]), seed: 9)
        let inputScaler = try Standardizer(mean: [100, -5, 0.25], scale: [20, 0.5, 0.01])
        let targetScaler = try Standardizer(mean: [1000], scale: [50])
        let model = try Self.model(network, inputScaler: inputScaler, targetScaler: targetScaler)
        let certificate = ConvexityCertificate.certify(model, seed: 1, trials: 6000)
        let counterexample = try #require(certificate.counterexample)
        try Self.expectVerified(counterexample, of: model)
        for point in [counterexample.a, counterexample.b] {
            for k in 0..<3 {
                #expect(point[k] >= inputScaler.mean[k] - 3 * inputScaler.scale[k])
                #expect(point[k] <= inputScaler.mean[k] + 3 * inputScaler.scale[k])
            }
        }
        // Standardised units would sit near 0 with spread ≤ 3; original units sit near the means.
        #expect(abs(counterexample.a[0] - 100) > 3 || abs(counterexample.b[0] - 100) > 3)
    }

    /// A negative V entry that multiplies a constant unit leaves f convex: the certificate fails,
    /// but the search must not invent a violation out of rounding.
    @Test func convexButUncertifiedModelHasNoSpuriousCounterexample() throws {
        var network = try NetworkInitializer.initialParameters(for: .icnn(inputDimension: 2, widths: [3]), seed: 2)
        let layers = network.architecture.layers
        network.parameters[layers[0].wIndex(row: 0, column: 0)] = 0         // row 1 of W₀ = 0
        network.parameters[layers[0].wIndex(row: 0, column: 1)] = 0
        network.parameters[layers[0].bOffset + 0] = 1                       // z₁ = relu(1) = 1 everywhere
        network.parameters[layers[1].vOffset + 0] = -2                      // output reads −2·z₁
        let certificate = ConvexityCertificate.certify(try Self.model(network), trials: 5000)
        #expect(!certificate.convex)
        #expect(certificate.counterexample == nil)
        #expect(certificate.firstFailingLayer == 2)
        #expect(certificate.reasons.last == "convexity is not certified (layer 2: minimum V entry -2 < 0); "
                + "no violation of convexity was found in 5000 seeded trials")
    }

    @Test func jsonIsSerialisableWithNullsForMissingAndNonFiniteNumbers() throws {
        var network = try NetworkInitializer.initialParameters(for: .hycnn(inputDimension: 2, widths: [4, 4]), seed: 4)
        network.parameters[network.architecture.layers[1].vOffset] = .nan
        let broken = ConvexityCertificate.certify(try Self.model(network), seed: .max, trials: 100)
        #expect(!broken.convex && !broken.layers[1].ok && !broken.layers[1].parametersFinite)
        #expect(broken.layers[1].minimumWeight?.isNaN == true)
        let mlp = ConvexityCertificate.certify(try Self.freshModel(.mlp(inputDimension: 2, widths: [8])))
        let convex = ConvexityCertificate.certify(try Self.freshModel(.hycnn(inputDimension: 2, widths: [4])))
        for certificate in [broken, mlp, convex] {
            let data = try JSONSerialization.data(withJSONObject: certificate.jsonObject)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["convex"] as? Bool == certificate.convex)
            #expect(object["piecewiseLinear"] as? Bool == certificate.piecewiseLinear)
            #expect((object["reasons"] as? [String]) == certificate.reasons)
            let layers = try #require(object["layers"] as? [[String: Any]])
            #expect(layers.count == certificate.layers.count)
            #expect(layers[0]["minimumWeight"] is NSNull && layers[0]["index"] as? Int == 1)
            #expect(layers.last?["convexNondecreasing"] is NSNull && layers.last?["kind"] as? String == "affine output")
            if let c = certificate.counterexample {
                let json = try #require(object["counterexample"] as? [String: Any])
                // JSONSerialization writes shortest round-trip digits but its Linux reader may miss the last bit.
                func close(_ x: Any?, _ y: [Double]) -> Bool {
                    guard let x = x as? [Double], x.count == y.count else { return false }
                    return zip(x, y).allSatisfy { abs($0 - $1) <= 1e-14 * max(1, abs($1)) }
                }
                #expect(close(json["a"], c.a) && close(json["b"], c.b))
                #expect(close(json["midpointValue"].map { [$0 as? Double ?? .nan] }, [c.midpointValue]))
                #expect(close(json["chordValue"].map { [$0 as? Double ?? .nan] }, [c.chordValue]))
            } else {
                #expect(object["counterexample"] is NSNull)
            }
        }
        let brokenLayers = try #require(try JSONSerialization.jsonObject(with: JSONSerialization.data(withJSONObject: broken.jsonObject))
                                        as? [String: Any])["layers"] as? [[String: Any]]
        #expect(brokenLayers?[1]["minimumWeight"] is NSNull)
        #expect(mlp.counterexample != nil)
    }
}
