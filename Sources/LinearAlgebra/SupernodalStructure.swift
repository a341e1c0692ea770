/// The symbolic half of a sparse Cholesky L Lᵀ = P (A Aᵀ) Pᵀ, as ``SparseCholeskyAnalysis``
/// computes it: a fill-reducing ordering P and the supernodal structure of L. Any numeric
/// factorization with the pattern of A Aᵀ (A Θ Aᵀ + δ I for a diagonal Θ) can fill it in.
///
/// Indices k are positions in the permuted order: row k of L is row `permutation[k]` of A.
/// Supernode s holds columns `firstColumn[s] ..< firstColumn[s + 1]`; its row pattern is
/// `rows[rowStart[s] ..< rowStart[s + 1]]` (sorted, beginning with its own columns) and its
/// values a column-major block of that many rows, at `valueStart[s]`.
public struct SupernodalStructure: Sendable {
    /// The order m of A Aᵀ (the rows of A).
    public let dimension: Int
    /// Row k of L is row `permutation[k]` of A.
    public let permutation: [Int]
    /// The position k of each row of A: `inversePermutation[permutation[k]] == k`.
    public let inversePermutation: [Int]
    /// Supernode s holds columns `firstColumn[s] ..< firstColumn[s + 1]`; `supernodeCount + 1` entries.
    public let firstColumn: [Int]
    /// Supernode s's rows are `rows[rowStart[s] ..< rowStart[s + 1]]`.
    public let rowStart: [Int]
    /// The row patterns of all supernodes, each sorted and beginning with its own columns.
    public let rows: [Int32]
    /// Supernode s's values start at `valueStart[s]` (a column-major block, leading dimension its row count).
    public let valueStart: [Int]
    /// Supernode of each column.
    public let supernodeOf: [Int32]
    /// Largest update block (rows × columns) a descendant sends to an ancestor.
    public let largestUpdate: Int
    /// Nonzeros of L without amalgamation padding (CHOLMOD's count).
    public let factorNonzeros: Double
    /// Flops of one numeric factorization (CHOLMOD's count); a dense one costs m³/3.
    public let factorFlops: Double

    /// The number of supernodes.
    public var supernodeCount: Int { firstColumn.count - 1 }
    /// The number of values of L, amalgamation padding included.
    public var valueCount: Int { valueStart.last ?? 0 }
}
