import LinearAlgebra

/// max |aₖ − bₖ|.
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// max |Aᵢⱼ − Bᵢⱼ|.
func maxDifference(_ a: Matrix, _ b: Matrix) -> Double { maxDifference(a.elements, b.elements) }

/// A B by the triple loop.
func product(_ a: Matrix, _ b: Matrix) -> Matrix {
    var c = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows { for j in 0..<b.columns { for k in 0..<a.columns { c[i, j] += a[i, k] * b[k, j] } } }
    return c
}
