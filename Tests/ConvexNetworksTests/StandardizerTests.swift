import DataFiles
import Foundation
import Testing
@testable import ConvexNetworks

@Suite("Standardizer")
struct StandardizerTests {
    @Test("fits population mean and standard deviation per coordinate")
    func fit() {
        // two coordinates, four samples: (1, 10), (2, 10), (3, 10), (4, 10)
        let values: [Double] = [1, 10, 2, 10, 3, 10, 4, 10]
        let s = Standardizer(fitting: values, dimension: 2)
        #expect(s.dimension == 2)
        #expect(s.mean == [2.5, 10])
        #expect(abs(s.scale[0] - 1.25.squareRoot()) < 1e-15)  // σ² = (2.25 + 0.25 + 0.25 + 2.25) / 4
        #expect(s.scale[1] == 1)  // constant coordinate
        let z = s.standardized(values)
        #expect(stride(from: 1, to: 8, by: 2).allSatisfy { z[$0] == 0 })  // constant maps to exactly 0
        #expect(abs(z[0] + 1.5 / 1.25.squareRoot()) < 1e-15)
    }

    @Test("standardized data have mean 0 and variance 1; restore inverts")
    func roundTrip() {
        var g = SeededGenerator(seed: 31)
        let d = 5, n = 2000
        let offsets: [Double] = [0, 100, -3, 1e6, 0.5]
        let spreads: [Double] = [1, 0.01, 40, 1e3, 2]
        var x = [Double](repeating: 0, count: d * n)
        for s in 0..<n { for k in 0..<d { x[s * d + k] = offsets[k] + spreads[k] * g.nextNormal() } }
        let st = Standardizer(fitting: x, dimension: d)
        let z = st.standardized(x)
        for k in 0..<d {
            let column = (0..<n).map { z[$0 * d + k] }
            let mean = column.reduce(0, +) / Double(n)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
            #expect(abs(mean) < 1e-10)
            #expect(abs(variance - 1) < 1e-10)
        }
        let back = st.restored(z)
        #expect(zip(back, x).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
        var inPlace = x
        st.standardize(&inPlace)
        #expect(inPlace == z)
        st.restore(&inPlace)
        #expect(inPlace == back)
    }

    @Test("identity and empty fits leave values unchanged")
    func identity() {
        let values: [Double] = [3, -2, 0.1, 7]
        let id = Standardizer.identity(dimension: 2)
        #expect(id.mean == [0, 0] && id.scale == [1, 1])
        #expect(id.standardized(values) == values)
        #expect(id.restored(values) == values)
        #expect(Standardizer(fitting: [], dimension: 2) == id)
    }

    @Test("JSON round trip is bit-exact and corrupted scales are rejected")
    func codable() throws {
        var g = SeededGenerator(seed: 4)
        let x = (0..<300).map { _ in g.nextNormal() * 3.7 + 0.1 }
        let st = Standardizer(fitting: x, dimension: 3)
        let data = try JSONEncoder().encode(st)
        let back = try JSONDecoder().decode(Standardizer.self, from: data)
        #expect(back.mean.map(\.bitPattern) == st.mean.map(\.bitPattern))
        #expect(back.scale.map(\.bitPattern) == st.scale.map(\.bitPattern))
        let zero = Data(#"{"mean":[1,2],"scale":[1,0]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Standardizer.self, from: zero) }
        let short = Data(#"{"mean":[1,2],"scale":[1]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Standardizer.self, from: short) }
    }

    @Test("the checked initializer validates its arguments")
    func checkedInit() throws {
        let s = try Standardizer(mean: [1, 2], scale: [0.5, 4])
        #expect(s.standardized([2, 6]) == [2, 1])  // z = (x − mean) / scale
        #expect(throws: ConvexNetworksError.dimensionMismatch(what: "standardizer scales (one per mean)", expected: 2, actual: 1)) {
            try Standardizer(mean: [1, 2], scale: [1])
        }
        #expect(throws: ConvexNetworksError.self) { try Standardizer(mean: [1], scale: [-1]) }
        #expect(throws: ConvexNetworksError.self) { try Standardizer(mean: [.nan], scale: [1]) }
    }

    @Test("values near the largest Double give finite scales; ordinary data the unscaled sums bit for bit")
    func scaledSums() {
        let huge = Standardizer(fitting: [1.5e308, -1.5e308, 1e308, -1e308], dimension: 1)
        #expect(huge.mean == [0])
        let expected = 1e308 * ((2.25 + 2.25 + 1 + 1) / 4).squareRoot()        // σ = 1e308·√(Σ (x/1e308)² / 4)
        #expect(abs(huge.scale[0] - expected) <= 1e-15 * expected)
        var g = SeededGenerator(seed: 5)
        let n = 999, x = (0..<n).map { _ in 3e5 + 7 * g.nextNormal() }
        let mu = x.reduce(0, +) / Double(n)                                      // the unscaled formulas
        let sigma = (x.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(n)).squareRoot()
        let st = Standardizer(fitting: x, dimension: 1)
        #expect(st.mean == [mu] && st.scale == [sigma])
    }
}
