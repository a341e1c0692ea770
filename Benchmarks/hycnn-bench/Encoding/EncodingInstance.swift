import ConvexNetworks
import DataFiles
import Foundation
import LinearProgramming
import SurrogateOptimization

/// One problem of the encoding benchmark: minimise a random convex max-gate HyCNN f over the
/// box [−1, 1]^d, optionally under one linear "cap" aᵀx ≤ c.
///
/// The network is the moment-matching initialisation for `seed`, with
/// N(0, biasNoise²) added to every bias (the initialisation gives all units of a layer the same
/// bias; the noise moves their kinks apart). V stays as initialised, log-normal and so > 0:
/// the model is certifiably convex. Scalers are the identity, so the model's prediction is the
/// network itself.
///
/// The cap keeps the optimum off the box's corners and off the box-only minimiser without an
/// extra solve: with g = ∇f(0) and a = −g/‖g‖₂ (the steepest-descent direction at the centre),
/// aᵀx ≤ ½‖a‖₁ allows half of the box's extent along a (aᵀx ranges over [−‖a‖₁, ‖a‖₁]).
struct EncodingInstance {
    enum Constraint: String, CaseIterable {
        /// The box only.
        case none
        /// The box and the descent cap aᵀx ≤ ½‖a‖₁ described above.
        case cap
    }

    let width: Int
    let depth: Int
    let dimension: Int
    let seed: UInt64
    let model: RegressionModel
    /// a and c of aᵀx ≤ c, or nil for the box only.
    let cap: (direction: [Double], bound: Double)?

    init(width: Int, depth: Int, dimension d: Int, seed: UInt64, biasNoise: Double, constraint: Constraint) throws {
        self.width = width
        self.depth = depth
        self.dimension = d
        self.seed = seed
        let architecture = Architecture.hycnn(inputDimension: d, widths: Array(repeating: width, count: depth), gate: .maxGate)
        var network = try NetworkInitializer.initialParameters(for: architecture, seed: seed)
        if biasNoise > 0 {
            var random = SeededGenerator(seed: seed ^ 0x9E37_79B9_7F4A_7C15)   // a stream independent of the initialiser's
            for shape in architecture.layers {
                for k in shape.bOffset..<(shape.bOffset + shape.rows) { network.parameters[k] += biasNoise * random.nextNormal() }
            }
        }
        model = try RegressionModel(network: network, inputScaler: .identity(dimension: d), targetScaler: .identity(dimension: 1),
                                    inputNames: (1...d).map { "x\($0)" }, targetName: "f")
        switch constraint {
        case .none:
            cap = nil
        case .cap:
            let g = model.inputGradients([Double](repeating: 0, count: d))
            let norm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0, norm.isFinite {
                let a = g.map { -$0 / norm }
                cap = (a, 0.5 * a.reduce(0) { $0 + abs($1) })
            } else {
                cap = nil                                                           // f is flat at 0: no descent direction to cap
            }
        }
    }

    var parameterCount: Int { model.network.architecture.parameterCount }

    /// minimise f(x) over x ∈ [−1, 1]^d (and aᵀx ≤ c with the cap).
    func problem() throws -> SurrogateProblem {
        var problem = SurrogateProblem(name: "hycnn-\(width)x\(depth)-d\(dimension)")
        let variables = (0..<dimension).map { problem.addVariable("x\($0 + 1)", lower: -1, upper: 1) }
        let f = try problem.addSurrogate("f", model: model, variables: variables)
        problem.objectiveSurrogates = [(surrogate: f, weight: 1)]
        if let cap {
            var expression = LinearExpression()
            for (j, a) in cap.direction.enumerated() where a != 0 { expression.coefficients[j] = a }
            problem.addConstraint("cap", expression, upper: cap.bound)
        }
        return problem
    }

    /// aᵀx − c at x (≤ 0 when feasible; 0 when the cap binds), nil without a cap.
    func capSlack(_ x: [Double]) -> Double? {
        guard let cap else { return nil }
        return zip(cap.direction, x).reduce(0) { $0 + $1.0 * $1.1 } - cap.bound
    }

    /// Euclidean projection of the d values at `x` onto the feasible set. Without the cap it is
    /// the clip to [−1, 1]; with it, if the clip violates aᵀx ≤ c the projection is
    /// clip(y − λa) with the λ > 0 where aᵀclip(y − λa) = c (KKT of the box ∩ half-space
    /// projection; aᵀclip(y − λa) is non-increasing in λ), found by bisection.
    func project(_ x: UnsafeMutablePointer<Double>) {
        let d = dimension
        func clip(_ v: Double) -> Double { min(1, max(-1, v)) }
        guard let cap else {
            for j in 0..<d { x[j] = clip(x[j]) }
            return
        }
        let (a, c) = cap
        func activity(_ lambda: Double) -> Double {                                // aᵀ clip(y − λa)
            var sum = 0.0
            for j in 0..<d { sum += a[j] * clip(x[j] - lambda * a[j]) }
            return sum
        }
        if activity(0) > c {
            var low = 0.0, high = 1.0
            while activity(high) > c { low = high; high *= 2 }                     // ends: λ → ∞ gives −‖a‖₁ < c
            for _ in 0..<100 where high - low > 1e-15 * max(1, high) {
                let middle = 0.5 * (low + high)
                if activity(middle) > c { low = middle } else { high = middle }
            }
            for j in 0..<d { x[j] = clip(x[j] - high * a[j]) }
        } else {
            for j in 0..<d { x[j] = clip(x[j]) }
        }
    }
}
