import LinearAlgebra
import TestSupport

/// A `rows × columns` matrix with entries uniform in [-1, 1].
func randomMatrix(rows: Int, columns: Int, using rng: inout SplitMix64) -> Matrix {
    var m = Matrix(rows: rows, columns: columns)
    for k in m.elements.indices {
        m.elements[k] = Double.random(in: -1...1, using: &rng)
    }
    return m
}

/// A vector of `count` entries uniform in [-1, 1].
func randomVector(_ count: Int, using rng: inout SplitMix64) -> [Double] {
    (0..<count).map { _ in Double.random(in: -1...1, using: &rng) }
}

/// A B by the textbook triple loop, the reference the BLAS wrappers are checked against.
func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == b.rows)
    var c = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
        for j in 0..<b.columns {
            var sum = 0.0
            for k in 0..<a.columns {
                sum += a[i, k] * b[k, j]
            }
            c[i, j] = sum
        }
    }
    return c
}

/// A x by a plain double loop.
func naiveProduct(_ a: Matrix, _ x: [Double]) -> [Double] {
    precondition(a.columns == x.count)
    return (0..<a.rows).map { i in (0..<a.columns).reduce(0.0) { $0 + a[i, $1] * x[$1] } }
}

/// The largest absolute entry of a − b.
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
}

/// The largest absolute entry of A − B.
func maxDifference(_ a: Matrix, _ b: Matrix) -> Double {
    precondition(a.rows == b.rows && a.columns == b.columns)
    return maxDifference(a.elements, b.elements)
}

extension Matrix {
    /// Entrywise A + B.
    func adding(_ other: Matrix) -> Matrix {
        var sum = self
        for k in sum.elements.indices {
            sum.elements[k] += other.elements[k]
        }
        return sum
    }

    /// Entrywise s A.
    func scaled(by s: Double) -> Matrix {
        var product = self
        for k in product.elements.indices {
            product.elements[k] *= s
        }
        return product
    }
}
