import DataFiles
import LinearAlgebra

extension CostMatrix {
    /// The cost between every source point (row) and every target point (column).
    ///
    /// Squared distances come from one BLAS gemm, ‖x − y‖² = ‖x‖² + ‖y‖² − 2xᵀy, clamped at 0
    /// (so each entry carries a rounding error of about 1e-16 · (‖x‖² + ‖y‖²)); Euclidean costs
    /// are their square roots. Throws `dimensionMismatch` when the clouds live in different
    /// dimensions, `badCost` if an entry overflows.
    public init(from source: PointCloud, to target: PointCloud, cost: GroundCost = .squaredEuclidean) throws {
        guard source.dimension == target.dimension else {
            throw TransportError.dimensionMismatch(source: source.dimension, target: target.dimension)
        }
        let n = source.count, m = target.count, d = source.dimension
        // Column-major d × n and d × m: point i is column i.
        let x = try Matrix(rows: d, columns: n, elements: source.coordinates)
        let y = try Matrix(rows: d, columns: m, elements: target.coordinates)
        var g = Matrix(rows: m, columns: n)
        // g(j, i) = −2 y_jᵀ x_i, stored at j + i·m: row-major n × m
        try BLAS.gemm(y, x, into: &g, transposeA: true, alpha: -2, beta: 0)
        let xNorms = Self.squaredNorms(source), yNorms = Self.squaredNorms(target)
        var values = g.elements
        values.withUnsafeMutableBufferPointer { c in
            for i in 0..<n {
                let base = i * m, xx = xNorms[i]
                for j in 0..<m {
                    // ‖x_i − y_j‖² = ‖x_i‖² + ‖y_j‖² − 2 x_iᵀ y_j, ≥ 0
                    let squared = Swift.max(0, xx + yNorms[j] + c[base + j])
                    c[base + j] = cost == .squaredEuclidean ? squared : squared.squareRoot()
                }
            }
        }
        try self.init(rows: n, columns: m, values: values)
    }

    /// A cost matrix from a CSV table: one data row per source, one column per target.
    public init(table: CSVTable) throws {
        var values = [Double](repeating: 0, count: table.rowCount * table.header.count)
        for (j, column) in table.columns.enumerated() {
            for i in 0..<table.rowCount { values[i * table.header.count + j] = column[i] }
        }
        try self.init(rows: table.rowCount, columns: table.header.count, values: values)
    }

    /// max |c_ij| (0 for an empty matrix).
    public var maxAbsoluteValue: Double {
        values.reduce(0) { Swift.max($0, abs($1)) }
    }

    /// ‖x_i‖² for every point.
    private static func squaredNorms(_ cloud: PointCloud) -> [Double] {
        (0..<cloud.count).map { i in
            var sum = 0.0
            for k in 0..<cloud.dimension { let v = cloud.coordinates[i * cloud.dimension + k]; sum += v * v }
            return sum
        }
    }
}
