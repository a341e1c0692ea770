/// Settings of ``NetworkSimplex``, validated when a solve starts.
public struct NetworkSimplexSettings: Sendable {
    /// Arcs priced per block (nil: max(10, ⌊√(n·m)⌋), LEMON's and POT's default).
    public var blockSize: Int? = nil
    /// An arc enters only when its reduced cost is below −pricingTolerance · max(|π_i|, |π_j|, |c_ij|)
    /// and below −4u(n + m + 1)·(c_max − c_min) (u = 2⁻⁵³), the most rounding error the
    /// potentials can put into a reduced cost; tree arcs never qualify, and rounding noise
    /// cannot make the pivots cycle.
    public var pricingTolerance: Double = 1e-14
    /// Pivot limit (nil: ``defaultIterationLimit(sources:targets:)``); reaching it ends the solve
    /// with status `iterationLimit`.
    public var iterationLimit: Int? = nil
    /// Wall-clock limit in seconds (nil: none).
    public var timeLimit: Double? = nil
    /// Pivots between two recomputations of the tree's flows and potentials from scratch
    /// (nil: n + m, so the O(n + m) refresh costs O(1) per pivot on average).
    public var refreshInterval: Int? = nil

    public init() {}

    /// Pivots per node allowed by default: solves of random clouds take 5–50 pivots per node
    /// (n + m) up to n = 5000 (Benchmarks/README.md), so 1000 leaves a wide margin while still
    /// ending a solve that rounding has made cycle.
    public static let defaultPivotsPerNode = 1000

    /// The default pivot limit, 1000 · (n + m) (Int.max if that overflows).
    public static func defaultIterationLimit(sources n: Int, targets m: Int) -> Int {
        let (nodes, overflow) = n.addingReportingOverflow(m)
        let (limit, overflow2) = nodes.multipliedReportingOverflow(by: defaultPivotsPerNode)
        return overflow || overflow2 ? Int.max : limit
    }

    /// Throws `TransportError.invalidSetting` for a value the solver cannot use.
    public func validate() throws {
        if let blockSize, blockSize < 1 {
            throw TransportError.invalidSetting(name: "blockSize", reason: "must be at least 1, got \(blockSize)")
        }
        guard pricingTolerance.isFinite, pricingTolerance >= 0, pricingTolerance < 1e-6 else {
            throw TransportError.invalidSetting(name: "pricingTolerance", reason: "must be in [0, 1e-6), got \(pricingTolerance)")
        }
        if let iterationLimit, iterationLimit < 0 {
            throw TransportError.invalidSetting(name: "iterationLimit", reason: "must be ≥ 0, got \(iterationLimit)")
        }
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw TransportError.invalidSetting(name: "timeLimit", reason: "must be a finite positive number of seconds, got \(timeLimit)")
        }
        if let refreshInterval, refreshInterval < 1 {
            throw TransportError.invalidSetting(name: "refreshInterval", reason: "must be at least 1, got \(refreshInterval)")
        }
    }
}
