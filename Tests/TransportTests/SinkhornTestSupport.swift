import ConvexNetworks
import DataFiles
import GLPKBackend
import LinearProgramming
@testable import Transport

/// Seeded data and an exact LP reference for the entropic and semi-discrete tests.
enum SinkhornTestSupport {
    /// `count` points in [0, 1)^d, row-major.
    static func uniformPoints(_ count: Int, dimension d: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<(count * d)).map { _ in generator.nextUniform() }
    }

    /// `count` positive weights summing to `total`.
    static func randomWeights(_ count: Int, total: Double = 1, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        let raw = (0..<count).map { _ in 0.2 + generator.nextUniform() }
        let sum = raw.reduce(0, +)
        return raw.map { $0 * total / sum }
    }

    /// Cᵢⱼ = ‖xᵢ − yⱼ‖², row-major.
    static func squaredEuclidean(_ x: [Double], _ y: [Double], dimension d: Int) throws -> CostMatrix {
        let n = x.count / d, m = y.count / d
        var values = [Double](repeating: 0, count: n * m)
        for i in 0..<n {
            for j in 0..<m {
                var s = 0.0
                for k in 0..<d { let t = x[i * d + k] - y[j * d + k]; s += t * t }
                values[i * m + j] = s
            }
        }
        return try CostMatrix(rows: n, columns: m, values: values)
    }

    /// The exact OT optimum by GLPK's primal simplex on min Σ Cᵢⱼ Pᵢⱼ, Σⱼ Pᵢⱼ = aᵢ, Σᵢ Pᵢⱼ = bⱼ, P ≥ 0,
    /// with the duals u (rows) and v (columns): uᵢ + vⱼ ≤ Cᵢⱼ.
    static func exactTransport(_ a: [Double], _ b: [Double], _ cost: CostMatrix) throws
        -> (cost: Double, plan: [Double], u: [Double], v: [Double]) {
        let n = a.count, m = b.count
        var lp = LinearProgram(name: "transport")
        for i in 0..<n { for j in 0..<m { lp.addVariable("p\(i)_\(j)", cost: cost[i, j]) } }
        for i in 0..<n { lp.addConstraint("row\(i)", (0..<m).map { (i * m + $0, 1.0) }, .equal, a[i]) }
        for j in 0..<m { lp.addConstraint("column\(j)", (0..<n).map { ($0 * m + j, 1.0) }, .equal, b[j]) }
        let solution = try GLPKSolver(settings: GLPKSettings(method: .primalSimplex)).solve(lp)
        guard solution.status == .optimal else { throw TransportError.solverFailed(solver: "glpk", reason: solution.status.summary) }
        return (solution.objective, solution.x, Array(solution.rowDuals[0..<n]), Array(solution.rowDuals[n...]))
    }
}
