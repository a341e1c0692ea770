import Testing
@testable import DataFiles

@Suite("SeededGenerator")
struct SeededGeneratorTests {
    @Test("first outputs match the xoshiro256** reference with SplitMix64 seeding")
    func referenceOutputs() {
        // Computed independently from the published algorithms (Vigna's reference C code).
        var zero = SeededGenerator(seed: 0)
        #expect([zero.next(), zero.next(), zero.next()] == [0x99ec_5f36_cb75_f2b4, 0xbf6e_1f78_4956_452a, 0x1a5f_849d_4933_e6e0])
        var answer = SeededGenerator(seed: 42)
        #expect([answer.next(), answer.next(), answer.next()] == [0x1578_0b2e_0c2e_c716, 0x6104_d986_6d11_3a7e, 0xae17_5332_39e4_99a1])
    }

    @Test("the same seed gives the same sequence; different seeds differ")
    func reproducible() {
        var a = SeededGenerator(seed: 2024), b = SeededGenerator(seed: 2024), c = SeededGenerator(seed: 2025)
        let sa = (0..<1000).map { _ in a.next() }
        let sb = (0..<1000).map { _ in b.next() }
        let sc = (0..<1000).map { _ in c.next() }
        #expect(sa == sb)
        #expect(zip(sa, sc).filter { $0 == $1 }.count == 0)

        var n1 = SeededGenerator(seed: 9), n2 = SeededGenerator(seed: 9)
        let normals1 = (0..<500).map { _ in n1.nextNormal() }
        let normals2 = (0..<500).map { _ in n2.nextNormal() }
        #expect(normals1.map(\.bitPattern) == normals2.map(\.bitPattern))
    }

    @Test("uniforms are the top 53 bits scaled into [0, 1)")
    func uniform() {
        var g = SeededGenerator(seed: 7)
        var raw = g
        for _ in 0..<10_000 {
            let u = g.nextUniform()
            #expect(u == Double(raw.next() >> 11) * 0x1.0p-53)
            #expect(u >= 0 && u < 1)
        }
        var h = SeededGenerator(seed: 8)
        let mean = (0..<100_000).reduce(0.0) { sum, _ in sum + h.nextUniform() } / 100_000
        #expect(abs(mean - 0.5) < 0.005)  // standard error ≈ 0.0009
    }

    @Test("normal draws have mean ≈ 0, variance ≈ 1, kurtosis ≈ 3 over 100k samples")
    func normalMoments() {
        var g = SeededGenerator(seed: 12345)
        let n = 100_000
        let z = (0..<n).map { _ in g.nextNormal() }
        #expect(z.allSatisfy { $0.isFinite })
        let mean = z.reduce(0, +) / Double(n)
        let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        let fourth = z.reduce(0) { $0 + pow4($1 - mean) } / Double(n) / (variance * variance)
        // deterministic for this seed; bands are ~4 standard errors wide
        #expect(abs(mean) < 0.013)          // se = 0.0032
        #expect(abs(variance - 1) < 0.018)  // se = 0.0045
        #expect(abs(fourth - 3) < 0.06)     // se ≈ 0.015
        let tail = z.filter { abs($0) > 1.959964 }.count
        #expect(abs(Double(tail) / Double(n) - 0.05) < 0.003)  // P(|Z| > 1.96) = 0.05
    }

    @Test("a copy continues with the same normals: nothing is cached")
    func noHiddenCache() {
        var g = SeededGenerator(seed: 3)
        _ = g.nextNormal()
        var copy = g
        #expect(g.nextNormal() == copy.nextNormal())
        // each normal consumes exactly two 64-bit outputs
        var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3)
        _ = a.nextNormal()
        _ = b.next(); _ = b.next()
        #expect(a.next() == b.next())
    }

    @Test("nextIndex stays in range and is roughly uniform")
    func boundedIndex() {
        var g = SeededGenerator(seed: 11)
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<100_000 { counts[g.nextIndex(below: 10)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })  // se ≈ 95
        #expect((0..<1000).allSatisfy { _ in g.nextIndex(below: 1) == 0 })
        #expect((0..<1000).allSatisfy { _ in (0..<7).contains(g.nextIndex(below: 7)) })
    }

    @Test("shuffle is a seeded permutation")
    func shuffle() {
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5), c = SeededGenerator(seed: 6)
        var x = Array(0..<100), y = Array(0..<100), w = Array(0..<100)
        a.shuffle(&x); b.shuffle(&y); c.shuffle(&w)
        #expect(x == y)
        #expect(x != w)
        #expect(x != Array(0..<100))
        #expect(x.sorted() == Array(0..<100))

        var empty: [Int] = [], single = [4]
        a.shuffle(&empty); a.shuffle(&single)
        #expect(empty.isEmpty && single == [4])

        // each of 3! orders appears about equally often
        var g = SeededGenerator(seed: 1)
        var seen: [[Int]: Int] = [:]
        for _ in 0..<60_000 {
            var p = [0, 1, 2]
            g.shuffle(&p)
            seen[p, default: 0] += 1
        }
        #expect(seen.count == 6)
        #expect(seen.values.allSatisfy { abs($0 - 10_000) < 500 })  // se ≈ 91
    }
}

private func pow4(_ x: Double) -> Double { let s = x * x; return s * s }
