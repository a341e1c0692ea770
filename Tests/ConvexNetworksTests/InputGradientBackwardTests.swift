import DataFiles
import Foundation
import Testing
@testable import ConvexNetworks

/// The parameter gradient of a loss on ∇ₓf (forward-over-reverse) against central finite
/// differences, for every family, and its input gradient against ``ConvexNetwork/inputGradients(_:chunk:)``.
@Suite struct InputGradientBackwardTests {
    static let architectures: [Architecture] = GradientTests.architectures + [
        .hycnn(inputDimension: 3, widths: [4, 4, 3], gate: .smoothMaxGate(temperature: 10)),
        .groupMax(inputDimension: 3, widths: [4, 3], gate: .smoothMaxGate(temperature: 0.5)),
        .icnn(inputDimension: 3, widths: [5, 4, 3], activation: .softplus(temperature: 2)),
        .icnnQuadratic(inputDimension: 3, widths: [5, 4, 3], activation: .softplus(temperature: 2), rank: 3),
    ]

    /// L(θ) = Σₛ ⟨Cₛ, Gₛ⟩ + ½‖G‖² with G = ∇ₓf(X; θ): nonlinear in G, ∂L/∂G = C + G.
    static func loss(_ network: ConvexNetwork, _ x: [Double], _ c: [Double]) -> Double {
        zip(network.inputGradients(x), c).reduce(0) { $0 + $1.0 * $1.1 + 0.5 * $1.0 * $1.0 }
    }

    /// G and ∂L/∂θ from the forward and backward calls, run over `chunks` consecutive batches
    /// of one workspace (the gradient accumulates).
    static func analytic(_ network: ConvexNetwork, _ x: [Double], _ c: [Double], chunks: [Int], capacity: Int)
        -> (gradients: [Double], parameterGradient: [Double]) {
        let d = network.inputDimension
        let workspace = InputGradientWorkspace(architecture: network.architecture, batchCapacity: capacity)
        var gradients = [Double](repeating: .nan, count: x.count)
        var parameterGradient = [Double](repeating: 0, count: network.parameters.count)
        var cotangent = [Double](repeating: 0, count: x.count)
        var start = 0
        for count in chunks {
            let range = (start * d)..<((start + count) * d)
            x.withUnsafeBufferPointer { xs in
                gradients.withUnsafeMutableBufferPointer { gs in
                    _ = network.inputGradientForward(xs.baseAddress! + range.lowerBound, batch: count, workspace: workspace,
                                                     inputGradient: gs.baseAddress! + range.lowerBound)
                }
            }
            for k in range { cotangent[k] = c[k] + gradients[k] }                           // U = ∂L/∂G = C + G
            x.withUnsafeBufferPointer { xs in
                cotangent.withUnsafeBufferPointer { us in
                    parameterGradient.withUnsafeMutableBufferPointer { g in
                        network.inputGradientBackward(xs.baseAddress! + range.lowerBound, batch: count,
                                                      cotangent: us.baseAddress! + range.lowerBound,
                                                      workspace: workspace, parameterGradient: g.baseAddress!)
                    }
                }
            }
            start += count
        }
        return (gradients, parameterGradient)
    }

    static func problem(_ architecture: Architecture, seed: UInt64, batch: Int = 7) throws -> (ConvexNetwork, [Double], [Double]) {
        let (network, x, _) = try GradientTests.randomProblem(architecture, seed: seed, batch: batch)
        var random = SeededGenerator(seed: seed + 200)
        let c = x.map { _ in random.nextNormal() }
        return (network, x, c)
    }

    static func centralDifferences(_ network: ConvexNetwork, _ x: [Double], _ c: [Double], h: Double) -> [Double] {
        network.parameters.indices.map { k in
            var plus = network, minus = network
            plus.parameters[k] += h
            minus.parameters[k] -= h
            return (loss(plus, x, c) - loss(minus, x, c)) / (2 * h)
        }
    }

    @Test(arguments: architectures)
    func parameterGradientMatchesFiniteDifferences(architecture: Architecture) throws {
        let (network, x, c) = try Self.problem(architecture, seed: 5)
        let (_, gradient) = Self.analytic(network, x, c, chunks: [7], capacity: 7)
        // Piecewise-linear nets: G is polynomial in θ while no unit switches, so a small step is exact up to rounding.
        let numerical = Self.centralDifferences(network, x, c, h: 1e-5)
        let error = GradientTests.relativeError(gradient, numerical)
        #expect(error < 1e-6, "\(architecture.testDescription): relative error \(error)")
        #expect(gradient.contains { $0 != 0 })
    }

    @Test(arguments: architectures)
    func inputGradientEqualsInputGradients(architecture: Architecture) throws {
        let (network, x, c) = try Self.problem(architecture, seed: 9)
        let (gradients, _) = Self.analytic(network, x, c, chunks: [7], capacity: 7)
        #expect(GradientTests.relativeError(gradients, network.inputGradients(x)) < 1e-13)
    }

    /// Batches of different sizes through one workspace, smallest last (stale rows beyond the
    /// batch must not leak in), accumulate to the gradient of the whole set.
    @Test(arguments: [InputGradientBackwardTests.architectures[1], InputGradientBackwardTests.architectures[5],
                      InputGradientBackwardTests.architectures.last!])
    func batchesAccumulateThroughOneWorkspace(architecture: Architecture) throws {
        let (network, x, c) = try Self.problem(architecture, seed: 13, batch: 12)
        let whole = Self.analytic(network, x, c, chunks: [12], capacity: 12)
        let pieces = Self.analytic(network, x, c, chunks: [8, 3, 1], capacity: 8)
        #expect(GradientTests.relativeError(pieces.gradients, whole.gradients) < 1e-13)
        #expect(GradientTests.relativeError(pieces.parameterGradient, whole.parameterGradient) < 1e-12)
    }

    /// The g-step of a neural OT map: L(θ) = Σₛ f(∇g(yₛ; θ)) − ⟨yₛ, ∇g(yₛ; θ)⟩ for a fixed
    /// potential f, so ∂L/∂G = ∇f(G) − Y; its gradient over g's parameters against central
    /// finite differences.
    @Test(arguments: [Architecture.hycnn(inputDimension: 3, widths: [4, 4], gate: .smoothMaxGate(temperature: 10)),
                      .icnn(inputDimension: 3, widths: [5, 4], activation: .softplus(temperature: 1))])
    func transportMapInnerStepMatchesFiniteDifferences(architecture: Architecture) throws {
        let (g, y, _) = try Self.problem(architecture, seed: 21, batch: 9)
        let (f, _, _) = try Self.problem(.hycnn(inputDimension: 3, widths: [5, 4], gate: .smoothMaxGate(temperature: 2)), seed: 23)
        func loss(_ g: ConvexNetwork) -> Double {
            let gradients = g.inputGradients(y)
            return f.evaluate(gradients).reduce(0, +) - zip(y, gradients).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let workspace = InputGradientWorkspace(architecture: architecture, batchCapacity: 9)
        var gradients = [Double](repeating: 0, count: y.count)
        var parameterGradient = [Double](repeating: 0, count: g.parameters.count)
        y.withUnsafeBufferPointer { ys in
            gradients.withUnsafeMutableBufferPointer { gs in
                _ = g.inputGradientForward(ys.baseAddress!, batch: 9, workspace: workspace, inputGradient: gs.baseAddress!)
            }
        }
        let cotangent = zip(f.inputGradients(gradients), y).map { $0 - $1 }                   // U = ∇f(G) − Y
        y.withUnsafeBufferPointer { ys in
            parameterGradient.withUnsafeMutableBufferPointer { p in
                g.inputGradientBackward(ys.baseAddress!, batch: 9, cotangent: cotangent, workspace: workspace,
                                        parameterGradient: p.baseAddress!)
            }
        }
        let h = 1e-5
        let numerical = g.parameters.indices.map { k in
            var plus = g, minus = g
            plus.parameters[k] += h
            minus.parameters[k] -= h
            return (loss(plus) - loss(minus)) / (2 * h)
        }
        let error = GradientTests.relativeError(parameterGradient, numerical)
        #expect(error < 1e-6, "\(architecture.testDescription): relative error \(error)")
    }

    /// Under V = softplus(R) the gradient over R is the gradient over V times sigmoid(R), the
    /// chain rule a softplus training step applies.
    @Test func softplusReparametrisationChainRule() throws {
        let architecture = Architecture.hycnn(inputDimension: 3, widths: [4, 4], gate: .smoothMaxGate(temperature: 10))
        let (network, x, c) = try Self.problem(architecture, seed: 17)
        let weights = ConstrainedWeights(network: network, mode: .softplus)
        let (_, gradient) = Self.analytic(network, x, c, chunks: [7], capacity: 7)
        let h = 1e-5
        var analytic: [Double] = [], numerical: [Double] = []
        for k in weights.indices {
            func lossAt(_ r: Double) -> Double {
                var moved = network
                moved.parameters[k] = ConstrainedWeights.softplus(r)
                return Self.loss(moved, x, c)
            }
            let r = weights.raw[k]
            analytic.append(gradient[k] / (1 + exp(-r)))                                    // ∂L/∂R = ∂L/∂V · sigmoid(R)
            numerical.append((lossAt(r + h) - lossAt(r - h)) / (2 * h))
        }
        #expect(GradientTests.relativeError(analytic, numerical) < 1e-6)
    }
}
