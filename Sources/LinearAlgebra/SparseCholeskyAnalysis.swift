import CCholmod

/// The symbolic sparse Cholesky analysis of A Aᵀ by CHOLMOD: a fill-reducing ordering (AMD on
/// A Aᵀ, or CHOLMOD's nested dissection when that predicts far fewer flops) and the supernodal
/// structure of L (with CHOLMOD's relaxed amalgamation), from the pattern of A alone. Everything CHOLMOD allocated is freed before `analyze` returns; the
/// numeric factorization is the caller's (an interior point's handles dependent rows inside it).
public enum SparseCholeskyAnalysis {
    /// Orders and analyses A Aᵀ for the pattern of `a` (its values are not read); nil if
    /// CHOLMOD fails (out of memory) or the pattern is too large for its 32-bit interface.
    /// Nested dissection is tried when AMD's order predicts more flops than this per entry of A.
    static let nestedDissectionFlopsPerEntry = 4000.0
    /// ... and taken when it predicts less than this share of AMD's flops.
    static let nestedDissectionShare = 0.8

    public static func analyze(_ a: SparseMatrix) -> SupernodalStructure? {
        analyze(a, symmetric: false, entries: a.nonzeroCount)
    }

    /// As `analyze(_:)`, for A Aᵀ given by its own pattern: `upper` holds the entries (i, j),
    /// i ≤ j, of A Aᵀ (its values are not read) — CHOLMOD then orders it without forming A Aᵀ
    /// from A. `entries`: nnz(A), for the nested-dissection rule.
    public static func analyze(gramUpper upper: SparseMatrix, entries: Int) -> SupernodalStructure? {
        precondition(upper.rows == upper.columns, "analyze: the Gram pattern must be square")
        return analyze(upper, symmetric: true, entries: entries)
    }

    private static func analyze(_ a: SparseMatrix, symmetric: Bool, entries modelEntries: Int) -> SupernodalStructure? {
        let m = a.rows, n = a.columns, entries = a.nonzeroCount
        guard entries < Int(Int32.max), m < Int(Int32.max), n < Int(Int32.max) else { return nil }
        guard m > 0 else {
            return SupernodalStructure(dimension: 0, permutation: [], inversePermutation: [], firstColumn: [0],
                                       rowStart: [0], rows: [], valueStart: [0], supernodeOf: [], largestUpdate: 0,
                                       factorNonzeros: 0, factorFlops: 0)
        }
        let common = UnsafeMutablePointer<cholmod_common>.allocate(capacity: 1)
        defer { common.deallocate() }
        cholmod_start(common)
        defer { cholmod_finish(common) }
        common.pointee.print = 0                               // quiet: no messages on stdout
        common.pointee.error_handler = nil
        common.pointee.supernodal = CHOLMOD_SUPERNODAL
        common.pointee.postorder = 1

        var pattern = cholmod_allocate_sparse(m, n, max(entries, 1), 1, 1, symmetric ? 1 : 0, CHOLMOD_PATTERN, common)
        guard let matrix = pattern else { return nil }
        defer { cholmod_free_sparse(&pattern, common) }
        let p = matrix.pointee.p.assumingMemoryBound(to: Int32.self)
        let i = matrix.pointee.i.assumingMemoryBound(to: Int32.self)
        for j in 0...n { p[j] = Int32(a.columnStart[j]) }
        for k in 0..<entries { i[k] = Int32(a.rowIndex[k]) }

        // AMD on A Aᵀ; when AMD predicts more than `nestedDissectionFlopsPerEntry` flops per entry
        // of A, also CHOLMOD's nested dissection (NESDIS, METIS's partitions), taken when it predicts
        // under `nestedDissectionShare` of AMD's flops. Its analysis costs 0.3–3.5 µs per entry of A
        // (dfl001 0.13 s, maros-r7 0.11 s, greenbea 0.03 s), paid back only when the factorizations
        // are heavy: dfl001 1.2e9 → 5.7e8 flops, 53 → 46 iterations (its 13 dependent rows, which
        // the factorization drops by pivot replacement, no longer stall it at 2.4e-7) and
        // 2.3 → 1.5 s of iterations. METIS's own order stalls dfl001 at a primal residual of 5e-5.
        common.pointee.nmethods = 1
        common.pointee.method.0.ordering = CHOLMOD_AMD
        var analysed = cholmod_analyze(matrix, common)
        var flops = common.pointee.fl, nonzeros = common.pointee.lnz
        let dense = Double(m) * Double(m) * Double(m) / 3
        if analysed != nil, flops > nestedDissectionFlopsPerEntry * Double(modelEntries),
           flops < 0.3 * dense {                                              // no order thins a nearly dense L
            common.pointee.method.0.ordering = CHOLMOD_NESDIS
            var dissected = cholmod_analyze(matrix, common)
            if dissected != nil, common.pointee.fl < nestedDissectionShare * flops {
                cholmod_free_factor(&analysed, common)
                analysed = dissected
                flops = common.pointee.fl
                nonzeros = common.pointee.lnz
            } else {
                cholmod_free_factor(&dissected, common)
            }
        }
        guard let factor = analysed else { return nil }
        defer { cholmod_free_factor(&analysed, common) }
        let L = factor.pointee
        guard L.is_super != 0, L.itype == CHOLMOD_INT else { return nil }
        let superCount = Int(L.nsuper)
        func copy(_ pointer: UnsafeMutableRawPointer, _ count: Int) -> [Int] {
            let typed = pointer.assumingMemoryBound(to: Int32.self)
            return (0..<count).map { Int(typed[$0]) }
        }
        let permutation = copy(L.Perm, m)
        var inverse = [Int](repeating: 0, count: m)
        for k in 0..<m { inverse[permutation[k]] = k }
        let firstColumn = copy(L.super, superCount + 1)
        let rowStart = copy(L.pi, superCount + 1)
        let valueStart = copy(L.px, superCount + 1)
        let rowPointer = L.s.assumingMemoryBound(to: Int32.self)
        let rows = Array(UnsafeBufferPointer(start: rowPointer, count: rowStart[superCount]))
        var supernodeOf = [Int32](repeating: 0, count: m)
        for s in 0..<superCount {
            for k in firstColumn[s]..<firstColumn[s + 1] { supernodeOf[k] = Int32(s) }
        }
        var largestUpdate = 1                                  // max over (d, s) of rows left × rows in s
        for d in 0..<superCount {
            var r = rowStart[d] + firstColumn[d + 1] - firstColumn[d]
            while r < rowStart[d + 1] {
                let target = Int(supernodeOf[Int(rows[r])]), end = firstColumn[target + 1]
                var r2 = r
                while r2 < rowStart[d + 1] && Int(rows[r2]) < end { r2 += 1 }
                largestUpdate = max(largestUpdate, (rowStart[d + 1] - r) * (r2 - r))
                r = r2
            }
        }
        return SupernodalStructure(dimension: m, permutation: permutation, inversePermutation: inverse,
                                   firstColumn: firstColumn, rowStart: rowStart, rows: rows, valueStart: valueStart,
                                   supernodeOf: supernodeOf, largestUpdate: largestUpdate,
                                   factorNonzeros: nonzeros, factorFlops: flops)
    }
}
