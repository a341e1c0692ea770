/// The optimal assignment of an n × n cost matrix by the Hungarian method with potentials
/// (Kuhn–Munkres, O(n³)): an independent reference for transport between two equal-size
/// clouds with uniform weights, whose optimal plans include a permutation (Birkhoff).
enum AssignmentSolver {
    /// min over permutations σ of Σᵢ cost[i][σ(i)].
    static func minimumCost(_ cost: [[Double]]) -> Double {
        let n = cost.count
        guard n > 0 else { return 0 }
        // u, v: row and column potentials; match[j]: the row matched to column j (1-based, 0 = none).
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: n + 1)
        var match = [Int](repeating: 0, count: n + 1), way = [Int](repeating: 0, count: n + 1)
        for i in 1...n {
            match[0] = i
            var j0 = 0
            var slack = [Double](repeating: .infinity, count: n + 1), used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = match[j0]
                var delta = Double.infinity, j1 = 0
                for j in 1...n where !used[j] {
                    // reduced cost c(i0, j) − u(i0) − v(j)
                    let reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < slack[j] { slack[j] = reduced; way[j] = j0 }
                    if slack[j] < delta { delta = slack[j]; j1 = j }
                }
                guard j1 > 0 else { return .nan }
                for j in 0...n {
                    if used[j] { u[match[j]] += delta; v[j] -= delta } else { slack[j] -= delta }
                }
                j0 = j1
            } while match[j0] != 0
            repeat {
                let j1 = way[j0]
                match[j0] = match[j1]
                j0 = j1
            } while j0 != 0
        }
        return (1...n).reduce(0) { $0 + cost[match[$1] - 1][$1 - 1] }
    }
}
