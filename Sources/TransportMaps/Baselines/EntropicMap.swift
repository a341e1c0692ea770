import LinearAlgebra
import Transport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The entropic map: the barycentric projection of the Sinkhorn plan between a source and a
/// target sample, under the cost ‖x − y‖², extended to any point by the entropic map formula
/// (Pooladian & Niles-Weed 2021)
///
///     T(x) = Σⱼ wⱼ(x) yⱼ,   wⱼ(x) = bⱼ exp((gⱼ − ‖x − yⱼ‖²)/ε) / Σₖ bₖ exp((gₖ − ‖x − yₖ‖²)/ε),
///
/// a softmin over the target points shifted by the plan's target potential g. At a source
/// point xᵢ the weights are Pᵢⱼ / Σⱼ Pᵢⱼ, so T(xᵢ) = Σⱼ Pᵢⱼ yⱼ / Σⱼ Pᵢⱼ is the plan's barycentric
/// projection (``EntropicPlan/barycentricMap(targets:dimension:)`` divides by aᵢ instead: the
/// two agree to the plan's marginal tolerance). Points are stored row by row.
///
/// The plan costs O(nm) memory (Sinkhorn keeps the cost, its transpose and the plan); apply
/// works in blocks of ``blockSize`` points.
public struct EntropicMap: Sendable {
    /// Points mapped per block in ``apply(_:)`` (each block holds a block × m weight matrix).
    public static let blockSize = 512

    public let dimension: Int
    /// The target points yⱼ, m × d.
    public let targets: [Double]
    /// log bⱼ + gⱼ/ε for each target point: the shift of the softmin.
    let logShift: [Double]
    /// ‖yⱼ‖².
    let targetNorms: [Double]
    /// The regularisation ε of the plan.
    public let epsilon: Double
    /// The Sinkhorn plan the map comes from.
    public let plan: EntropicPlan

    /// Solves entropic OT between the two samples (uniform weights, cost ‖x − y‖²) and keeps what
    /// the map needs.
    /// A plan that stopped at its iteration or time limit still gives a map, the barycentric
    /// projection of that plan: its ``EntropicPlan/status`` says so.
    /// - Throws: for bad samples; Transport's errors for bad settings; `failed` when Sinkhorn
    ///   ends with a numerical error (non-finite potentials: ε too small for the costs).
    public init(source: [Double], target: [Double], dimension d: Int, settings: SinkhornSettings = SinkhornSettings()) throws {
        _ = try PointRows.count(source, dimension: d, name: "source sample", needed: 1)
        let m = try PointRows.count(target, dimension: d, name: "target sample", needed: 1)
        let x = try PointCloud(coordinates: source, dimension: d, name: "source"), y = try PointCloud(coordinates: target, dimension: d, name: "target")
        let plan = try Sinkhorn.solve(sourceWeights: x.weights, targetWeights: y.weights, cost: CostMatrix(from: x, to: y), settings: settings)
        guard plan.status != .numericalError else {
            throw TransportMapsError.failed(what: "the entropic plan",
                                            reason: "Sinkhorn's potentials became non-finite at ε = \(plan.epsilon); raise ε")
        }
        dimension = d
        targets = target
        epsilon = plan.epsilon
        logShift = (0..<m).map { log(y.weights[$0]) + plan.targetPotential[$0] / plan.epsilon }    // log bⱼ + gⱼ/ε
        targetNorms = (0..<m).map { j in (0..<d).reduce(0.0) { $0 + target[j * d + $1] * target[j * d + $1] } }
        self.plan = plan
    }

    /// T(x) for every point (row by row, n × d); the result is n × d.
    /// - Throws: `shapeMismatch` unless the size is a multiple of d, `notFinite` for a NaN or
    ///   infinite coordinate.
    public func apply(_ points: [Double]) throws -> [Double] {
        let d = dimension, m = targets.count / d
        let n = try PointRows.count(points, dimension: d, name: "points to map", needed: 0)
        var mapped = [Double](repeating: 0, count: points.count)
        let block = min(Self.blockSize, max(n, 1))
        var weights = [Double](repeating: 0, count: block * m)
        points.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { y in
                mapped.withUnsafeMutableBufferPointer { t in
                    weights.withUnsafeMutableBufferPointer { w in
                        var start = 0
                        while start < n {
                            let rows = min(block, n - start)
                            // w(j, i) = yⱼᵀxᵢ, column-major m × rows (point i's weights contiguous).
                            BLAS.gemm(transposeA: true, m: m, n: rows, k: d, a: y.baseAddress!, lda: d,
                                      b: x.baseAddress! + start * d, ldb: d, beta: 0, c: w.baseAddress!, ldc: m)
                            for i in 0..<rows {
                                let column = w.baseAddress! + i * m
                                var largest = -Double.infinity
                                for j in 0..<m {
                                    // log wⱼ = log bⱼ + gⱼ/ε − ‖x − yⱼ‖²/ε up to the constant ‖x‖²/ε
                                    column[j] = logShift[j] + (2 * column[j] - targetNorms[j]) / epsilon
                                    largest = max(largest, column[j])
                                }
                                var sum = 0.0
                                for j in 0..<m { column[j] = exp(column[j] - largest); sum += column[j] }   // stable softmin
                                for j in 0..<m { column[j] /= sum }
                            }
                            // T = Yᵀ W: (d × m)(m × rows), column i the image of point start + i.
                            BLAS.gemm(m: d, n: rows, k: m, a: y.baseAddress!, lda: d, b: w.baseAddress!, ldb: m,
                                      beta: 0, c: t.baseAddress! + start * d, ldc: d)
                            start += rows
                        }
                    }
                }
            }
        }
        return mapped
    }
}
