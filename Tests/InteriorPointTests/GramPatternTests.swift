import LinearAlgebra
import Testing
@testable import InteriorPoint

/// The Gram pattern from the groups holds every entry of A Aᵀ (and its diagonal), and the
/// analysis of it orders as the analysis of A does.
@Suite struct GramPatternTests {
    @Test func theGroupsPatternHoldsTheGramMatrix() throws {
        let form = try CompressedPanelsTests.encodingForm()
        let a = form.matrix, panels = CompressedPanels(pattern: a)
        #expect(!panels.groups.isEmpty)
        let upper = try #require(GramPattern.upper(of: a, panels: panels))
        var present = Set<Int>()
        for y in 0..<upper.columns {
            for p in upper.columnStart[y]..<upper.columnStart[y + 1] {
                #expect(upper.rowIndex[p] <= y)
                present.insert(upper.rowIndex[p] * a.rows + y)
            }
        }
        var exact = Set<Int>()
        for i in 0..<a.rows { exact.insert(i * a.rows + i) }
        for j in 0..<a.columns {
            for p in a.columnStart[j]..<a.columnStart[j + 1] {
                for q in p..<a.columnStart[j + 1] {
                    let x = min(a.rowIndex[p], a.rowIndex[q]), y = max(a.rowIndex[p], a.rowIndex[q])
                    exact.insert(x * a.rows + y)
                }
            }
        }
        #expect(exact.isSubset(of: present))
        let fromPattern = try #require(SparseCholeskyAnalysis.analyze(gramUpper: upper, entries: a.nonzeroCount))
        let fromMatrix = try #require(SparseCholeskyAnalysis.analyze(a))
        #expect(fromPattern.factorFlops <= 1.05 * fromMatrix.factorFlops, "\(fromPattern.factorFlops) against \(fromMatrix.factorFlops)")
    }
}
