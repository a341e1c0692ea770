/// Barycentric weights of a point with respect to k + 1 ≤ d + 1 samples, computed by the fuzzer
/// itself: Gaussian elimination on [1 … 1; x₁ … x_{k+1}] w = [1; x], each pivot the largest
/// entry of its column over the equations not yet used (so k + 1 of the d + 1 equations are
/// solved and the others must hold), then one step of iterative refinement on those equations;
/// the re-check then does not depend on the tool's printed, rounded weights.
enum HullWeights {
    /// nil when the support is affinely dependent or the result is not finite.
    static func solve(support: [[Double]], point: [Double]) -> [Double]? {
        let size = support.count, equations = point.count + 1
        guard size > 0, size <= equations else { return nil }
        // A w = b with row 0 the sum of the weights and row c + 1 coordinate c.
        var a = [[Double]](repeating: [Double](repeating: 0, count: size), count: equations)
        var b = [Double](repeating: 0, count: equations)
        for k in 0..<size { a[0][k] = 1 }
        b[0] = 1
        for c in 0..<point.count {
            for k in 0..<size { a[c + 1][k] = support[k][c] }
            b[c + 1] = point[c]
        }
        guard let rows = pivotRows(a, size: size) else { return nil }
        let square = rows.map { a[$0] }
        guard var w = eliminate(square, rows.map { b[$0] }) else { return nil }
        // r = b − A w on the chosen equations; w += A⁻¹ r
        var r = rows.map { b[$0] }
        for (i, row) in square.enumerated() { for k in 0..<size { r[i] -= row[k] * w[k] } }
        if let correction = eliminate(square, r) { for k in 0..<size { w[k] += correction[k] } }
        return w.allSatisfy(\.isFinite) ? w : nil
    }

    /// The equations elimination with row pivoting picks: for each unknown, the unused equation
    /// with the largest entry after the previous eliminations (nil when one column has none).
    private static func pivotRows(_ matrix: [[Double]], size: Int) -> [Int]? {
        var a = matrix
        var unused = Array(a.indices), chosen: [Int] = []
        for column in 0..<size {
            guard let pivot = unused.max(by: { abs(a[$0][column]) < abs(a[$1][column]) }), a[pivot][column] != 0 else { return nil }
            chosen.append(pivot)
            unused.removeAll { $0 == pivot }
            for row in unused {
                let factor = a[row][column] / a[pivot][column]
                for k in column..<size { a[row][k] -= factor * a[pivot][k] }
            }
        }
        return chosen
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
