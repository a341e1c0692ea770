import Foundation

/// Ruiz equilibration of a ``StandardForm``: diagonal R, C (powers of two, so scaling is exact)
/// with every row and column of R·A·C of ∞-norm close to 1. The scaled problem is
///
///     A' = R A C,  b' = R b,  c' = C c,  l' = C⁻¹ l,  u' = C⁻¹ u,
///
/// and its solution maps back by x = C x', y = R y', z = C⁻¹ z'.
struct RuizScaling {
    var rowScale: [Double]
    var columnScale: [Double]

    /// The identity scaling.
    init(rows: Int, columns: Int) {
        rowScale = [Double](repeating: 1, count: rows)
        columnScale = [Double](repeating: 1, count: columns)
    }

    /// Equilibrates `form` in place and returns the factors used.
    static func equilibrate(_ form: inout StandardForm, passes: Int = 20) -> RuizScaling {
        var scaling = RuizScaling(rows: form.rowCount, columns: form.columnCount)
        var rowMax = [Double](repeating: 0, count: form.rowCount)
        var columnFactor = [Double](repeating: 1, count: form.columnCount)
        var rowFactor = rowMax
        let columns = form.columnCount
        for _ in 0..<passes {
            var worst = 0.0
            // Read in place: no copy of A may be alive when `scale` below writes it.
            form.matrix.columnStart.withUnsafeBufferPointer { start in
                form.matrix.rowIndex.withUnsafeBufferPointer { row in
                    form.matrix.values.withUnsafeBufferPointer { value in
                        for i in rowMax.indices { rowMax[i] = 0 }
                        for j in 0..<columns {
                            var columnMax = 0.0
                            for k in start[j]..<start[j + 1] {
                                let a = abs(value[k])
                                columnMax = max(columnMax, a)
                                rowMax[row[k]] = max(rowMax[row[k]], a)
                            }
                            columnFactor[j] = 1
                            if columnMax > 0 {
                                columnFactor[j] = powerOfTwo(1 / columnMax.squareRoot())  // cⱼ ≈ 1/√max|a·ⱼ|
                                worst = max(worst, abs(1 - columnMax))
                            }
                        }
                    }
                }
            }
            for i in rowMax.indices {
                let r = rowMax[i]
                rowFactor[i] = r > 0 ? powerOfTwo(1 / r.squareRoot()) : 1                 // rᵢ ≈ 1/√max|aᵢ·|
                if r > 0 { worst = max(worst, abs(1 - r)) }
            }
            // Done when equilibrated, or at the fixed point of the power-of-two rounding (no factor moves).
            if worst < 0.5 || (!rowFactor.contains { $0 != 1 } && !columnFactor.contains { $0 != 1 }) { break }
            form.matrix.scale(rows: rowFactor, columns: columnFactor)            // A ← R A C
            for j in 0..<form.columnCount { scaling.columnScale[j] *= columnFactor[j] }
            for i in 0..<form.rowCount { scaling.rowScale[i] *= rowFactor[i] }
        }
        for i in 0..<form.rowCount { form.b[i] *= scaling.rowScale[i] }
        for j in 0..<form.columnCount {
            let s = scaling.columnScale[j]
            form.c[j] *= s
            form.lower[j] /= s
            form.upper[j] /= s
        }
        return scaling
    }

    /// The power of two nearest to `value` (> 0) on a log scale.
    private static func powerOfTwo(_ value: Double) -> Double {
        Foundation.exp2(Foundation.log2(value).rounded())
    }
}
