import LinearAlgebra

/// The semi-discrete transport potential φ(x) = maxⱼ ⟨x, yⱼ⟩ − ψⱼ over sites y₁ … y_m with
/// weights b (Σ b = 1) and potentials ψ. Its gradient, the site of the winning
/// piece, is the allocation map x ↦ argmaxⱼ ⟨x, yⱼ⟩ − ψⱼ (ties go to the lowest index).
///
/// ψ is defined up to a constant (adding c to every ψⱼ moves φ by −c and leaves the map); the
/// solvers return it normalised to Σⱼ bⱼ ψⱼ = 0.
public struct SemiDiscretePotential: Sendable, Equatable {
    public let dimension: Int
    /// Sites yⱼ, m × dimension, row-major.
    public let sites: [Double]
    /// Site weights bⱼ ≥ 0, Σ b = 1.
    public let siteWeights: [Double]
    /// ψⱼ, one per site.
    public var potentials: [Double]

    /// Throws ``TransportError`` for a shape mismatch, a non-finite site coordinate or potential,
    /// or weights that are negative, non-finite or do not sum to 1 within 1e-9.
    public init(sites: [Double], dimension: Int, siteWeights: [Double], potentials: [Double]) throws {
        try SemiDiscreteTransport.validateSites(sites, dimension: dimension, weights: siteWeights)
        guard potentials.count == siteWeights.count else {
            throw TransportError.shapeMismatch(what: "site potentials", expected: "\(siteWeights.count) values", actual: "\(potentials.count)")
        }
        if let j = potentials.firstIndex(where: { !$0.isFinite }) {
            throw TransportError.shapeMismatch(what: "potential of site \(j + 1)", expected: "a finite number", actual: "\(potentials[j])")
        }
        self.init(unchecked: sites, dimension: dimension, siteWeights: siteWeights, potentials: potentials)
    }

    init(unchecked sites: [Double], dimension: Int, siteWeights: [Double], potentials: [Double]) {
        self.dimension = dimension
        self.sites = sites
        self.siteWeights = siteWeights
        self.potentials = potentials
    }

    public var siteCount: Int { siteWeights.count }

    /// The same map with ψ shifted so that Σⱼ bⱼ ψⱼ = 0.
    public func normalized() -> SemiDiscretePotential {
        let mean = zip(siteWeights, potentials).reduce(0) { $0 + $1.0 * $1.1 }   // Σ bⱼ ψⱼ
        var copy = self
        for j in copy.potentials.indices { copy.potentials[j] -= mean }
        return copy
    }

    /// Sⱼₖ = ⟨xⱼ, yₖ⟩ − ψₖ for `points` (count × dimension, row-major): count × m, row-major
    /// (one dgemm, then the shift).
    public func scores(_ points: [Double]) throws -> [Double] {
        let count = try SemiDiscreteTransport.pointCount(points, dimension: dimension, what: "points")
        var s = [Double](repeating: 0, count: count * siteCount)
        scores(points, count: count, into: &s)
        return s
    }

    /// The scores of `count` points into `s` (count × m), no checks.
    func scores(_ points: UnsafePointer<Double>, count: Int, into s: UnsafeMutablePointer<Double>) {
        let m = siteCount
        guard count > 0, m > 0 else { return }
        // S = X Yᵀ (count × m, row-major) is column-major Sᵀ = Y Xᵀ: (m × d)(d × count), with the
        // row-major Y (m × d) and X (count × d) read as column-major Yᵀ and Xᵀ.
        BLAS.gemm(transposeA: true, m: m, n: count, k: dimension,
                  a: sites, lda: dimension, b: points, ldb: dimension, beta: 0, c: s, ldc: m)
        for i in 0..<count { for j in 0..<m { s[i * m + j] -= potentials[j] } }   // Sᵢⱼ = ⟨xᵢ, yⱼ⟩ − ψⱼ
    }

    func scores(_ points: [Double], count: Int, into s: inout [Double]) {
        points.withUnsafeBufferPointer { p in
            s.withUnsafeMutableBufferPointer { out in scores(p.baseAddress!, count: count, into: out.baseAddress!) }
        }
    }

    /// φ(x) = maxⱼ ⟨x, yⱼ⟩ − ψⱼ for each point.
    public func values(_ points: [Double]) throws -> [Double] {
        let s = try scores(points), m = siteCount
        return (0..<(s.count / m)).map { i in s[(i * m)..<((i + 1) * m)].max()! }
    }

    /// The site each point is sent to: argmaxⱼ ⟨x, yⱼ⟩ − ψⱼ, the lowest index on ties.
    public func assign(_ points: [Double]) throws -> [Int] {
        let s = try scores(points), m = siteCount
        return (0..<(s.count / m)).map { i in Self.argmax(s, row: i, columns: m) }
    }

    /// The image T(x) = y_{argmax} of each point (count × dimension, row-major) = ∇φ(x).
    public func map(_ points: [Double]) throws -> [Double] {
        try assign(points).flatMap { sites[($0 * dimension)..<(($0 + 1) * dimension)] }
    }

    /// The first index of the largest entry of row `row`.
    static func argmax(_ s: [Double], row: Int, columns m: Int) -> Int {
        var best = 0
        for j in 1..<max(m, 1) where s[row * m + j] > s[row * m + best] { best = j }
        return best
    }
}
