import LinearAlgebra
import TestSupport
import Testing

@Suite("SparseCholeskyAnalysis")
struct SparseCholeskyAnalysisTests {
    @Test("the analysis of A Aᵀ is a permutation and a supernode partition whose patterns start with their own columns")
    func structureIsConsistent() throws {
        var rng = SplitMix64(seed: 81)
        var triplets: [(row: Int, column: Int, value: Double)] = []
        let m = 12, n = 30
        for j in 0..<n {
            triplets.append((j % m, j, 1))
            if Double.random(in: 0..<1, using: &rng) < 0.5 { triplets.append(((j * 5 + 3) % m, j, -1)) }
        }
        let a = try SparseMatrix(rows: m, columns: n, triplets: triplets)
        let structure = try #require(SparseCholeskyAnalysis.analyze(a))
        #expect(structure.dimension == m)
        #expect(structure.permutation.sorted() == Array(0..<m))
        for k in 0..<m { #expect(structure.inversePermutation[structure.permutation[k]] == k) }
        #expect(structure.firstColumn.first == 0 && structure.firstColumn.last == m)
        for s in 0..<structure.supernodeCount {
            let columns = structure.firstColumn[s]..<structure.firstColumn[s + 1]
            let pattern = structure.rows[structure.rowStart[s]..<structure.rowStart[s + 1]].map { Int($0) }
            #expect(Array(pattern.prefix(columns.count)) == Array(columns))
            #expect(pattern == pattern.sorted())
            for k in columns { #expect(structure.supernodeOf[k] == Int32(s)) }
        }
        #expect(structure.factorFlops > 0 && structure.factorNonzeros >= Double(m))
    }

    @Test("a matrix without rows has an empty structure")
    func emptyMatrix() throws {
        let a = try SparseMatrix(rows: 0, columns: 3, triplets: [])
        let structure = try #require(SparseCholeskyAnalysis.analyze(a))
        #expect(structure.dimension == 0 && structure.supernodeCount == 0 && structure.valueCount == 0)
    }
}
