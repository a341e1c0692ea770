#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The convex potentials φ of the neural-OT test problems, whose gradients ∇φ are the exact
/// Brenier maps from the source distribution P to Q = (∇φ)#P. Coordinates are numbered
/// i = 1 … d in the formulas.
public enum ConvexPotential: String, Sendable, CaseIterable, Codable {
    /// φ₁(x) = ½‖x‖²: the identity map (Q = P).
    case quadratic = "phi1"
    /// φ₂(x) = ½ Σᵢ (1 + sin(i)/2) xᵢ², i = 1 … d: a diagonal linear map with scales in [½, 3/2].
    case weightedQuadratic = "phi2"
    /// φ₃(x) = ½‖x‖² + ‖x‖₁: the map x + sign(x) jumps at every coordinate hyperplane.
    case quadraticPlusL1 = "phi3"
    /// φ₄(x) = ‖x‖₄⁴ = Σᵢ xᵢ⁴ with P = Unif[−1, 1]ᵈ: the map 4xᵢ³.
    case quartic = "phi4"

    /// The source distribution P of the problem.
    public var source: SourceDistribution { self == .quartic ? .uniformCube : .standardNormal }

    /// φ(x) for one point.
    public func value(_ x: [Double]) -> Double {
        var sum = 0.0
        for (k, v) in x.enumerated() {
            switch self {
            case .quadratic: sum += 0.5 * v * v                                     // ½xᵢ²
            case .weightedQuadratic: sum += 0.5 * Self.weight(k) * v * v           // ½(1 + sin(i)/2)xᵢ²
            case .quadraticPlusL1: sum += 0.5 * v * v + abs(v)                     // ½xᵢ² + |xᵢ|
            case .quartic: sum += v * v * v * v                                    // xᵢ⁴
            }
        }
        return sum
    }

    /// ∇φ(x) for every point of `points` (row by row, n × d), written row by row into `into`
    /// (same size). φ₃'s gradient at xᵢ = 0 is taken as xᵢ (the subgradient's midpoint).
    public func gradient(_ points: [Double], dimension d: Int, into mapped: inout [Double]) {
        precondition(mapped.count == points.count && points.count % d == 0, "gradient: \(points.count) values in, \(mapped.count) out, d = \(d)")
        for index in points.indices {
            let v = points[index]
            switch self {
            case .quadratic: mapped[index] = v                                           // xᵢ
            case .weightedQuadratic: mapped[index] = Self.weight(index % d) * v          // (1 + sin(i)/2) xᵢ
            case .quadraticPlusL1: mapped[index] = v + (v > 0 ? 1 : v < 0 ? -1 : 0)      // xᵢ + sign(xᵢ)
            case .quartic: mapped[index] = 4 * v * v * v                                 // 4xᵢ³
            }
        }
    }

    /// ∇φ for every point (row by row), as a new array.
    public func gradient(_ points: [Double], dimension d: Int) -> [Double] {
        var mapped = [Double](repeating: 0, count: points.count)
        gradient(points, dimension: d, into: &mapped)
        return mapped
    }

    /// 1 + sin(i)/2 for the 0-based coordinate k (i = k + 1).
    static func weight(_ k: Int) -> Double { 1 + 0.5 * sin(Double(k + 1)) }
}
