import LinearProgramming

/// A transport plan and the duals that certify it, as returned by every transport solver.
///
/// `entries` lists the non-zero masses π_ij (an exact network-simplex plan has at most
/// n + m − 1). `sourcePotentials` u and `targetPotentials` v are the dual variables: for an
/// optimal balanced plan `u_i + v_j ≤ c_ij` everywhere with equality where mass moves. Check
/// them with ``TransportCertificate``; nothing here is trusted.
public struct TransportPlan: Sendable {
    /// One non-zero mass of the plan: `mass` moves from source `source` to target `target`.
    public struct Entry: Sendable, Equatable {
        public var source: Int
        public var target: Int
        public var mass: Double

        public init(source: Int, target: Int, mass: Double) {
            self.source = source
            self.target = target
            self.mass = mass
        }
    }

    public var entries: [Entry]
    /// The solver's objective: Σ c_ij π_ij (plus penalties for unbalanced transport); NaN unless optimal.
    public var cost: Double
    /// u, one per source (row).
    public var sourcePotentials: [Double]
    /// v, one per target (column).
    public var targetPotentials: [Double]
    public var status: SolutionStatus
    /// Pivots of the network simplex, or the LP solver's iterations.
    public var iterations: Int
    public var seconds: Double
    /// "network-simplex", "lp:glpk-simplex", …
    public var method: String

    public init(entries: [Entry], cost: Double, sourcePotentials: [Double], targetPotentials: [Double],
                status: SolutionStatus, iterations: Int, seconds: Double, method: String) {
        self.entries = entries
        self.cost = cost
        self.sourcePotentials = sourcePotentials
        self.targetPotentials = targetPotentials
        self.status = status
        self.iterations = iterations
        self.seconds = seconds
        self.method = method
    }

    /// Σ over entries of c_ij π_ij, recomputed from the cost matrix.
    public func transportCost(_ cost: CostMatrix) -> Double {
        entries.reduce(0) { $0 + cost[$1.source, $1.target] * $1.mass }
    }

    /// The plan as a dense row-major n × m array (for small problems and tests).
    public func dense(rows: Int, columns: Int) -> [Double] {
        var result = [Double](repeating: 0, count: rows * columns)
        for e in entries { result[e.source * columns + e.target] += e.mass }
        return result
    }
}
