/// Barycentric weights of a point in the simplex of d + 1 samples, computed by the fuzzer itself:
/// Gaussian elimination with partial pivoting on [1 … 1; x₁ … x_{d+1}] w = [1; x], then one step
/// of iterative refinement, so the re-check does not depend on the tool's printed weights.
enum HullWeights {
    /// nil when the system is singular (affinely dependent support) or not finite.
    static func solve(support: [[Double]], point: [Double]) -> [Double]? {
        let size = support.count
        guard size == point.count + 1, size > 0 else { return nil }
        // A w = b with row 0 the sum of the weights and row c + 1 coordinate c.
        var a = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        var b = [Double](repeating: 0, count: size)
        for k in 0..<size { a[0][k] = 1 }
        b[0] = 1
        for c in 0..<point.count {
            for k in 0..<size { a[c + 1][k] = support[k][c] }
            b[c + 1] = point[c]
        }
        guard var w = eliminate(a, b) else { return nil }
        // r = b − A w; w += A⁻¹ r
        var r = b
        for i in 0..<size { for k in 0..<size { r[i] -= a[i][k] * w[k] } }
        if let correction = eliminate(a, r) { for k in 0..<size { w[k] += correction[k] } }
        return w.allSatisfy(\.isFinite) ? w : nil
    }

    private static func eliminate(_ matrix: [[Double]], _ rhs: [Double]) -> [Double]? {
        var a = matrix, b = rhs
        let size = b.count
        for column in 0..<size {
            guard let pivot = (column..<size).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }), a[pivot][column] != 0 else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<size {
                let factor = a[row][column] / a[column][column]
                for k in column..<size { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: size)
        for row in stride(from: size - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<size { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x
    }
}
