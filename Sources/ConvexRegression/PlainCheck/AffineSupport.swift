import ConvexNetworks

/// The coordinates in which a sample's weights over s = k + 1 neighbours can be enclosed, when
/// the neighbours span an affine space of dimension k ≤ d (collinear samples in 2-D, coplanar
/// ones in 3-D, a row of a grid): k coordinates S in which they are affinely independent, chosen
/// greedily (Gram–Schmidt on the rows xⱼₖ − xᵢₖ after the row of ones, largest relative residual
/// first), and a proof, decided without rounding, that every other coordinate balances as well.
///
/// For a coordinate k outside S that proof is either that xⱼₖ = xᵢₖ for every neighbour (then
/// Σ μ*ⱼ (xⱼₖ − xᵢₖ) = 0 for any weights), or that det [D_S; Dₖ] = 0 exactly, where D has rows
/// (xⱼ_c − xᵢ_c)ⱼ: with M = [D_S; 𝟙] regular (which ``WeightEnclosure`` proves) and μ* = M⁻¹e,
/// Cramer's rule gives Dₖ·μ* = det [D_S; Dₖ] / det M, so the exact weights of the chosen
/// coordinates balance coordinate k too. The determinant is expanded (Leibniz, every entry an
/// exact difference of two doubles) in ``ExactSum``, for at most ``maximumExactSize`` neighbours.
struct AffineSupport {
    /// Why no such coordinates and proof were found.
    enum Failure: Error, Equatable {
        /// More neighbours than d + 1, or fewer than one.
        case neighbourCount(Int, dimension: Int)
        /// The neighbours are affinely dependent (to working precision) in every choice tried.
        case dependent(neighbours: Int)
        /// Coordinate k (0-based) does not balance exactly: the sample may lie off the neighbours' affine hull.
        case offHull(coordinate: Int)
        /// Coordinate k's exact determinant leaves the range where products are exact (overflow, subnormals).
        case outOfRange(coordinate: Int)
        /// Coordinate k differs among the neighbours and there are too many of them to decide it exactly.
        case undecidable(coordinate: Int, neighbours: Int)

        var description: String {
            switch self {
            case let .neighbourCount(count, dimension):
                return "\(count) neighbours cannot carry exact weights in \(dimension) dimensions (1 to \(dimension + 1) are needed)"
            case let .dependent(count):
                return "the \(count) neighbours are not affinely independent samples around which exact weights can be enclosed"
            case let .offHull(coordinate):
                return "input \(coordinate + 1) is not exactly on the affine hull of the neighbours (its exact determinant is not zero)"
            case let .outOfRange(coordinate):
                return "input \(coordinate + 1) cannot be decided exactly (its determinant overflows or underflows)"
            case let .undecidable(coordinate, count):
                return "input \(coordinate + 1) varies over \(count) neighbours, more than the \(AffineSupport.maximumExactSize) whose "
                    + "affine hull can be decided exactly"
            }
        }
    }

    /// Most neighbours for which a coordinate outside S is decided by an exact determinant (s! terms).
    static let maximumExactSize = 5

    /// S: the coordinates (0-based, s − 1 of them) in which the weights are to be enclosed.
    let coordinates: [Int]

    init(point i: Int, neighbours: [Int], data: Dataset) throws(Failure) {
        let d = data.dimension, s = neighbours.count
        guard s >= 1, s <= d + 1 else { throw .neighbourCount(s, dimension: d) }
        if s == d + 1 { coordinates = Array(0..<d); return }                    // every coordinate enclosed, none to prove
        func row(_ k: Int) -> [Double] {                                         // xⱼₖ − xᵢₖ over the neighbours, scaled to max 1
            let raw = neighbours.map { data.inputs[$0 * d + k] - data.inputs[i * d + k] }
            let largest = raw.map(abs).max() ?? 0
            return largest > 0 && largest.isFinite ? raw.map { $0 / largest } : raw
        }
        var basis = [[Double](repeating: 1 / Double(s).squareRoot(), count: s)]        // orthonormal, from 𝟙 / √s
        var chosen: [Int] = []
        while chosen.count < s - 1 {
            var best: (k: Int, residual: [Double], relative: Double)? = nil
            for k in 0..<d where !chosen.contains(k) {
                let original = row(k)
                let size = original.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard size > 0, size.isFinite else { continue }                 // a constant or overflowing coordinate
                var residual = original
                for b in basis {                                                    // r ← r − (r·b) b
                    let dot = zip(residual, b).reduce(0) { $0 + $1.0 * $1.1 }
                    for c in 0..<s { residual[c] -= dot * b[c] }
                }
                let relative = residual.reduce(0) { $0 + $1 * $1 }.squareRoot() / size
                if relative > (best?.relative ?? 1e-12) { best = (k, residual, relative) }
            }
            guard let best else { throw .dependent(neighbours: s) }
            let norm = best.residual.reduce(0) { $0 + $1 * $1 }.squareRoot()
            basis.append(best.residual.map { $0 / norm })
            chosen.append(best.k)
        }
        for k in 0..<d where !chosen.contains(k) {
            if neighbours.allSatisfy({ data.inputs[$0 * d + k] == data.inputs[i * d + k] }) { continue }
            guard s <= Self.maximumExactSize else { throw .undecidable(coordinate: k, neighbours: s) }
            guard let sign = Self.determinantSign(rows: chosen + [k], point: i, neighbours: neighbours, data: data) else {
                throw .outOfRange(coordinate: k)
            }
            guard sign == 0 else { throw .offHull(coordinate: k) }
        }
        coordinates = chosen
    }

    /// The exact sign of det D, D_{rc} = x_{neighbours[c], rows[r]} − x_{i, rows[r]} (square), by
    /// Leibniz's formula Σ_π sgn π Π_r D_{r π(r)}, each entry split exactly into hi + lo
    /// (TwoSum) and every product of those parts added exactly; nil when exactness is lost.
    static func determinantSign(rows: [Int], point i: Int, neighbours: [Int], data: Dataset) -> Int? {
        let d = data.dimension, n = rows.count
        var parts = [[Double]](repeating: [], count: n * n)                 // row-major, nonzero parts of each entry
        for (r, k) in rows.enumerated() {
            for (c, j) in neighbours.enumerated() {
                let a = data.inputs[j * d + k], b = -data.inputs[i * d + k]
                let sum = a + b
                guard sum.isFinite else { return nil }
                let bVirtual = sum - a
                let error = (a - (sum - bVirtual)) + (b - bVirtual)           // a + b = sum + error exactly
                parts[r * n + c] = [sum, error].filter { $0 != 0 }
            }
        }
        var total = ExactSum()
        var permutation = Array(0..<n)
        func visit(_ depth: Int, _ positive: Bool) {
            if depth == n {
                var choices: [[Double]] = [[]]                                  // every choice of one part per row
                for r in 0..<n {
                    let entry = parts[r * n + permutation[r]]
                    choices = choices.flatMap { prefix in entry.map { prefix + [$0] } }
                }
                for factors in choices {
                    total.addProduct(of: positive ? factors : [-factors[0]] + factors.dropFirst())
                }
                return
            }
            for swap in depth..<n {                                             // each swap flips the sign
                permutation.swapAt(depth, swap)
                visit(depth + 1, swap == depth ? positive : !positive)
                permutation.swapAt(depth, swap)
            }
        }
        visit(0, true)
        return total.isExact ? total.sign : nil
    }
}
