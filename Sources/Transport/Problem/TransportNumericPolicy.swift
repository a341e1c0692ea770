import Foundation

/// The numeric policy every balanced ``TransportProblem`` passes before a solver sees it.
///
/// 1. Costs are finite and |c_ij| ≤ ``largestCost`` (1e150): the network simplex adds up to
///    n + m costs along tree paths and uses an artificial cost of (n + m + 1)·range, and the
///    certificate multiplies costs by masses, all of which must stay finite Doubles.
/// 2. Every row and column of the costs, among the points with positive mass, either is
///    constant or spreads (max − min) over at least ``finestRelativeSpread`` (1e-7) of the
///    cost range R = max(c_max, 0) − min(c_min, 0). The certificate checks dual feasibility to
///    1e-9·R, so this keeps its tolerance within 1 % of every row's and column's spread (a
///    verified plan is then optimal to that precision in every row, not only in the largest
///    costs); and a Double carries about 16 digits while the solvers' potentials are sums of up
///    to n + m costs, so much finer differences beside the largest costs would be decided by
///    rounding. One coordinate of 1e20 among ordinary points (costs of 1e40 beside costs of 1)
///    is refused by this rule; so is a point about 3000 times farther out than the others'
///    spacing under the squared Euclidean cost.
///
/// Costs are used as given (not shifted), so a large constant offset counts in R.
public enum TransportNumericPolicy {
    /// The largest |c_ij| accepted.
    public static let largestCost = 1e150
    /// The smallest spread of a row or column, relative to the cost range, that is accepted.
    public static let finestRelativeSpread = 1e-7

    /// Why `cost` breaks the policy for points of positive mass, or nil.
    public static func violation(of cost: CostMatrix, sourceWeights a: [Double], targetWeights b: [Double]) -> String? {
        let n = cost.rows, m = cost.columns
        var low = 0.0, high = 0.0
        var rowLow = [Double](repeating: .infinity, count: n), rowHigh = [Double](repeating: -.infinity, count: n)
        var columnLow = [Double](repeating: .infinity, count: m), columnHigh = [Double](repeating: -.infinity, count: m)
        for i in 0..<n where a[i] > 0 {
            for j in 0..<m where b[j] > 0 {
                let c = cost.values[i * m + j]
                guard abs(c) <= largestCost else {
                    return "cost (\(i + 1), \(j + 1)) is \(c), beyond ±\(largestCost), the largest cost the transport solvers accept; "
                        + "rescale the costs (or the coordinates)"
                }
                low = Swift.min(low, c); high = Swift.max(high, c)
                rowLow[i] = Swift.min(rowLow[i], c); rowHigh[i] = Swift.max(rowHigh[i], c)
                columnLow[j] = Swift.min(columnLow[j], c); columnHigh[j] = Swift.max(columnHigh[j], c)
            }
        }
        let range = high - low, finest = finestRelativeSpread * range          // R = max(c, 0) − min(c, 0)
        func check(_ lows: [Double], _ highs: [Double], _ what: String) -> String? {
            for k in lows.indices where lows[k] <= highs[k] {
                let spread = highs[k] - lows[k]
                if spread > 0 && spread < finest {
                    return "the costs span \(String(format: "%.3g", range)) but those of \(what) \(k + 1) differ by only \(String(format: "%.3g", spread)), below \(finestRelativeSpread) "
                        + "of that range: neither the solvers nor the certificate (checked to 1e-9 of the range) can resolve "
                        + "them beside the largest costs, so no plan could be trusted; "
                        + "look for outlying points or costs, or solve the far-apart parts separately"
                }
            }
            return nil
        }
        return check(rowLow, rowHigh, "source") ?? check(columnLow, columnHigh, "target")
    }
}
