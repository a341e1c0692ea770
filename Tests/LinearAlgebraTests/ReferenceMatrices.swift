import LinearAlgebra

/// Plain-loop helpers the tests build reference values with (the library needs none of them).
extension Matrix {
    /// The `n × n` identity matrix.
    static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n { result[i, i] = 1 }
        return result
    }

    /// The transpose Aᵀ.
    func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { result[j, i] = self[i, j] }
        }
        return result
    }
}

extension SparseMatrix {
    /// The same matrix stored densely.
    func dense() -> Matrix {
        var result = Matrix(rows: rows, columns: columns)
        for j in 0..<columns {
            for k in columnStart[j]..<columnStart[j + 1] { result[rowIndex[k], j] = values[k] }
        }
        return result
    }
}
