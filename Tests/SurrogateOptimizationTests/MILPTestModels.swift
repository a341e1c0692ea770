import ConvexNetworks
import DataFiles
import GLPKBackend
import LinearProgramming
@testable import SurrogateOptimization

/// Seeded models, a plain-loop reference forward pass and solve helpers for the MILP tests.
enum MILPTestModels {
    /// The initial parameters of `architecture` plus N(0, perturbation²) noise, with V projected
    /// back to ≥ 0 when `convex`; wrapped with non-identity scalers (inputs mean 0.4, −0.3, …,
    /// scale 1.5, 0.7, …; target mean 2.5, scale 3).
    static func model(_ architecture: Architecture, seed: UInt64, perturbation: Double = 0.3,
                      convex: Bool = false) throws -> RegressionModel {
        var network = try NetworkInitializer.initialParameters(for: architecture, seed: seed)
        var random = SeededGenerator(seed: seed &+ 1000)
        for k in network.parameters.indices { network.parameters[k] += perturbation * random.nextNormal() }
        if convex { network.projectConstrainedWeights() }
        let d = architecture.inputDimension
        let means = (0..<d).map { $0 % 2 == 0 ? 0.4 : -0.3 }, scales = (0..<d).map { $0 % 2 == 0 ? 1.5 : 0.7 }
        return try RegressionModel(network: network, inputScaler: Standardizer(mean: means, scale: scales),
                                   targetScaler: Standardizer(mean: [2.5], scale: [3]),
                                   inputNames: (0..<d).map { "x\($0 + 1)" }, targetName: "y")
    }

    /// Every hidden unit's activation and the output (original units) at x, by plain loops over
    /// the parameter layout: an oracle independent of the BLAS forward pass and of the encoding.
    static func activations(_ model: RegressionModel, at x: [Double]) -> (units: [[Double]], output: Double) {
        let architecture = model.network.architecture, theta = model.network.parameters
        let u = x.indices.map { (x[$0] - model.inputScaler.mean[$0]) / model.inputScaler.scale[$0] }
        var previous: [Double] = [], units: [[Double]] = []
        let shapes = architecture.layers
        for (l, shape) in shapes.enumerated() {
            let pre = (0..<shape.rows).map { r in
                var sum = theta[shape.bOffset + r]
                for j in 0..<shape.fanIn { sum += theta[shape.vOffset + j * shape.rows + r] * previous[j] }
                if shape.hasSkip { for j in u.indices { sum += theta[shape.wIndex(row: r, column: j)] * u[j] } }
                return sum
            }
            if l == shapes.count - 1 { return (units, model.targetScaler.scale[0] * pre[0] + model.targetScaler.mean[0]) }
            let z = (0..<shape.width).map { i -> Double in
                let lanes = (0..<shape.lanes).map { pre[$0 * shape.width + i] }
                switch architecture.nonlinearity {
                case .maxGate: return lanes.max()!
                case .relu: return max(lanes[0], 0)
                case let .leakyRelu(alpha): return lanes[0] > 0 ? lanes[0] : alpha * lanes[0]
                default: preconditionFailure("the MILP tests use piecewise-linear models only")
                }
            }
            units.append(z)
            previous = z
        }
        preconditionFailure("a network has an output layer")
    }

    /// A Lipschitz constant of an MLP in original units and the Euclidean norm:
    /// ty · ‖W₀‖_F · Π ‖V_l‖_F / min_j scale_j (ReLU is 1-Lipschitz, ‖A‖₂ ≤ ‖A‖_F).
    static func lipschitzBound(ofMLP model: RegressionModel) -> Double {
        let architecture = model.network.architecture, theta = model.network.parameters
        precondition(architecture.family == .mlp, "the bound assumes skips only into the first layer")
        var bound = model.targetScaler.scale[0] / model.inputScaler.scale.min()!
        for (l, shape) in architecture.layers.enumerated() {
            var squares = 0.0
            if l == 0 {
                for r in 0..<shape.rows { for j in 0..<architecture.inputDimension { squares += pow2(theta[shape.wIndex(row: r, column: j)]) } }
            } else {
                for k in shape.vOffset..<(shape.vOffset + shape.rows * shape.fanIn) { squares += pow2(theta[k]) }
            }
            bound *= squares.squareRoot()
        }
        return bound
    }

    private static func pow2(_ x: Double) -> Double { x * x }

    /// A program with one box-bounded variable per input ("x1", "x2", …).
    static func box(_ bounds: [ClosedRange<Double>]) -> LinearProgram {
        var lp = LinearProgram(name: "milp-test")
        for (j, range) in bounds.enumerated() { lp.addVariable("x\(j + 1)", lower: range.lowerBound, upper: range.upperBound) }
        return lp
    }

    /// Optimises `objective` over `lp` (its own costs replaced).
    static func optimize(_ objective: LinearExpression, _ sense: ObjectiveSense, over lp: LinearProgram,
                         method: GLPKSettings.Method = .branchAndCut) throws -> Solution {
        var problem = lp
        for j in problem.variables.indices { problem.variables[j].cost = objective.coefficients[j] ?? 0 }
        problem.objectiveConstant = objective.constant
        problem.sense = sense
        return try GLPKSolver(method: method).solve(problem)
    }

    /// Whether |a − b| ≤ tolerance·max(1, |a|, |b|).
    static func close(_ a: Double, _ b: Double, relative tolerance: Double = 1e-6) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }
}
