import ConvexNetworks
@testable import ConvexRegression
import DataFiles
import Foundation
import GLPKBackend
import LinearProgramming
import Testing

/// Convexity of data where inputs differ by tiny amounts: a seeded family of near-degenerate
/// cases (a sample inside the others' hull to 1e-30, 1e-17, 1e-12; just outside it; repeated
/// inputs; collinear samples; huge and tiny coordinates). Whatever the verdict, its proof must
/// re-check on the data, and a verdict that contradicts the construction must never appear.
@Suite struct DataConvexityEdgeTests {
    static let solver = GLPKSolver(method: .primalSimplex)

    /// What the construction guarantees about a data set.
    enum Truth { case notConvex, convexOrUndecided, unknown }

    static func dataset(_ inputs: [[Double]], _ targets: [Double]) throws -> Dataset {
        try Dataset(inputNames: (1...inputs[0].count).map { "x\($0)" }, targetName: "y", inputs: inputs.flatMap { $0 }, targets: targets)
    }

    /// Checks the report's proof independently of the LPs and against what is known.
    static func expectSound(_ report: DataConvexityReport, data: Dataset, truth: Truth, _ label: String) throws {
        switch report.verdict {
        case .convex:
            #expect(truth != .notConvex, "\(label): called convex")
            let g = try #require(report.subgradients)
            for i in 0..<data.count {                     // every row re-checked (rounding bound or exactly) at τ
                let row = Array(g[i * data.dimension ..< (i + 1) * data.dimension])
                #expect(DataConvexity.verifiedViolation(of: row, at: i, data: data, tolerance: report.tolerance) != nil, "\(label): sample \(i)")
            }
            #expect(try #require(report.interpolationViolation) <= report.tolerance)
        case .notConvex:
            #expect(truth != .convexOrUndecided, "\(label): called not convex")
            let certificate = try #require(report.certificate)
            #expect(certificate.verified, "\(label): \(certificate.plainCheck.failures)")
            let check = DataConvexity.checkPlainly(certificate.multipliers, data: data, tolerance: report.tolerance)
            #expect(check.passed, "\(label): \(check.failures)")
            #expect(check.provedExcess > report.tolerance)
            #expect(certificate.points.allSatisfy { $0 >= 0 && $0 < data.count })
        case .undecided:
            #expect(truth != .notConvex, "\(label): undecided, but the sample lies inside the hull with margin")
            #expect(!report.undecidedSamples.isEmpty && report.undecidedReason != nil)
            #expect(report.certificate == nil && report.subgradients == nil)
        case .timeLimit:
            Issue.record("\(label): time limit without a deadline")
        }
    }

    /// d + 1 random vertices in [−1, 1]^d plus a few convex (‖x‖²) samples far away, and one
    /// sample at a convex combination of the vertices (one weight `small`) moved by `offset` along
    /// a random direction, whose target exceeds the combination's by half the targets' range.
    static func hullCase(dimension d: Int, small: Double, offset: Double, outward: Bool, seed: UInt64) throws -> (Dataset, Truth) {
        var random = SeededGenerator(seed: seed)
        var points = (0...d).map { _ in (0..<d).map { _ in 2 * random.nextUniform() - 1 } }
        var weights = (0...d).map { _ in 0.2 + random.nextUniform() }
        weights[0] = 0
        let rest = weights.reduce(0, +)
        weights = weights.map { (1 - small) * $0 / rest }
        weights[0] = small                                            // vertex 0 nearly unused: the point is near a face
        var x = (0..<d).map { k in zip(weights, points).reduce(0) { $0 + $1.0 * $1.1[k] } }
        if offset != 0 {                                              // outward: away from vertex 0, across the face
            let direction = (0..<d).map { k in x[k] - points[0][k] }
            let norm = sqrt(direction.reduce(0) { $0 + $1 * $1 })
            for k in 0..<d { x[k] += (outward ? 1 : -1) * offset * direction[k] / norm }
        }
        var targets = points.map { p in p.reduce(0) { $0 + $1 * $1 } }
        for _ in 0..<4 {                                              // convex samples around, outside [−1, 1]^d
            let p = (0..<d).map { _ in (random.nextUniform() < 0.5 ? -1.0 : 1.0) * (3 + random.nextUniform()) }
            points.append(p)
            targets.append(p.reduce(0) { $0 + $1 * $1 })
        }
        let range = (targets.max()! - targets.min()!)
        let combined = zip(weights, targets).reduce(0) { $0 + $1.0 * $1.1 }
        points.append(x)
        targets.append(combined + range / 2)
        // Inside the simplex by far more than rounding (every weight ≥ 1e-12, moved by ≤ 1e-12 of a
        // 0.3 weight): provably not convex. Otherwise the far samples decide, and the truth is unknown.
        let truth: Truth = small >= 1e-12 && offset <= 1e-12 ? .notConvex : .unknown
        return (try dataset(points, targets), truth)
    }

    @Test(arguments: [2, 3])
    func samplesInsideTheHullToTinyAmounts(dimension d: Int) throws {
        for seed in UInt64(1)...12 {
            for (small, offset, outward) in [(0.3, 0.0, false), (0.3, 1e-30, true), (0.3, 1e-17, true), (0.3, 1e-12, false),
                                             (1e-12, 0.0, false), (1e-17, 0.0, false), (1e-30, 0.0, false),
                                             (0.0, 1e-30, true), (0.0, 1e-17, true), (0.0, 1e-12, true), (0.0, 1e-17, false)] {
                let (data, truth) = try Self.hullCase(dimension: d, small: small, offset: offset, outward: outward, seed: seed)
                let report = try DataConvexity.check(data, using: Self.solver)
                try Self.expectSound(report, data: data, truth: truth, "d=\(d) seed=\(seed) small=\(small) offset=\(offset) outward=\(outward)")
            }
        }
    }

    /// The issue's example: the fifth sample is 0.25·s₂ + 0.25·s₃ + 0.5·s₁ (+1e-30, lost in
    /// rounding) or 0.5·s₁ + 0.5·s₃ + 2.5e-31·s₂ (+1e-30 across an edge), 2.5 above the average.
    @Test func theIssuesExamplesAreProvedNotConvex() throws {
        for fifth: [Double] in [[1 + 1e-30, 2], [1e-30, 2], [1e-17, 2], [1e-12, 2]] {
            let data = try Self.dataset([[0, 0], [4, 0], [0, 4], [4, 4], fifth], [0, 0, 5, 0, 5])
            let report = try DataConvexity.check(data, using: Self.solver)
            #expect(report.verdict == .notConvex, "\(fifth): \(report.undecidedReason ?? "")")
            try Self.expectSound(report, data: data, truth: .notConvex, "\(fifth)")
        }
        for fifth: [Double] in [[-1e-30, 2], [-1e-17, 2]] {                     // just outside the square: a (very steep) convex fit exists
            let data = try Self.dataset([[0, 0], [4, 0], [0, 4], [4, 4], fifth], [0, 0, 5, 0, 5])
            let report = try DataConvexity.check(data, using: Self.solver)
            #expect(report.verdict != .notConvex)
            try Self.expectSound(report, data: data, truth: .convexOrUndecided, "\(fifth)")
        }
    }

    @Test func repeatedInputsAreJudgedAgainstTheTolerance() throws {
        let apart = try Self.dataset([[0, 0], [1, 0], [0, 1], [1, 0]], [0, 1, 1, 1 + 1e-3])
        let report = try DataConvexity.check(apart, using: Self.solver)
        #expect(report.verdict == .notConvex && report.certificate?.reason == .repeatedInput)
        try Self.expectSound(report, data: apart, truth: .notConvex, "apart")
        let close = try Self.dataset([[0, 0], [1, 0], [0, 1], [1, 0]], [0, 1, 1, 1 + 1e-9])   // within τ = 1e-6 · 1
        let near = try DataConvexity.check(close, using: Self.solver)
        #expect(near.verdict == .convex)
        try Self.expectSound(near, data: close, truth: .convexOrUndecided, "close")
        let strict = try DataConvexity.check(close, using: Self.solver, relativeTolerance: 0)    // τ = 0: they differ
        #expect(strict.verdict == .notConvex)
        try Self.expectSound(strict, data: close, truth: .notConvex, "strict")
    }

    @Test func collinearSamples() throws {
        // On a line in 2-D; the middle one above the chord: exact when the midpoint is representable.
        let exact = try Self.dataset([[0, 0], [2, 2], [1, 1], [5, -3]], [0, 0, 1, 30])
        let report = try DataConvexity.check(exact, using: Self.solver)
        #expect(report.verdict == .notConvex)
        #expect(report.certificate?.plainCheck.method == .exact)
        try Self.expectSound(report, data: exact, truth: .notConvex, "midpoint")
        // A third of the way, 1e-17 off the line: outside the segment's hull, so no proof of non-convexity.
        let third = [0.3 / 3 + 1e-17, 0.7 / 3]
        let off = try Self.dataset([[0, 0], [0.3, 0.7], third, [5, -3]], [0, 0, 1, 30])
        try Self.expectSound(try DataConvexity.check(off, using: Self.solver), data: off, truth: .unknown, "third")
        // Convex data on a line.
        let line = try Self.dataset((0..<9).map { [Double($0), 2 * Double($0)] }, (0..<9).map { Double($0 * $0) })
        let convex = try DataConvexity.check(line, using: Self.solver)
        #expect(convex.verdict == .convex)
        try Self.expectSound(convex, data: line, truth: .convexOrUndecided, "line")
    }

    @Test(arguments: [1e200, 1e-200, 0x1p600, 0x1p-600])
    func hugeAndTinyCoordinates(scale: Double) throws {
        for seed in UInt64(1)...6 {
            let (base, truth) = try Self.hullCase(dimension: 2, small: 0.3, offset: 0, outward: false, seed: seed)
            let scaled = try Dataset(inputNames: base.inputNames, targetName: "y", inputs: base.inputs.map { $0 * scale },
                                     targets: base.targets.map { $0 / scale.squareRoot() })
            let report = try DataConvexity.check(scaled, using: Self.solver)
            #expect(report.verdict == .notConvex, "scale \(scale) seed \(seed): \(report.undecidedReason ?? "")")
            try Self.expectSound(report, data: scaled, truth: truth, "scale \(scale) seed \(seed)")
        }
        var random = SeededGenerator(seed: 9)                       // convex data at the same scales
        var inputs: [Double] = [], targets: [Double] = []
        for _ in 0..<30 {
            let x = [2 * random.nextUniform() - 1, 2 * random.nextUniform() - 1]
            inputs += x.map { $0 * scale }
            targets.append((x[0] * x[0] + abs(x[1])) / scale.squareRoot())
        }
        let convex = try Dataset(inputNames: ["x1", "x2"], targetName: "y", inputs: inputs, targets: targets)
        let report = try DataConvexity.check(convex, using: Self.solver)
        #expect(report.verdict == .convex, "scale \(scale): \(report.undecidedReason ?? "")")
        try Self.expectSound(report, data: convex, truth: .convexOrUndecided, "convex at scale \(scale)")
    }

    @Test func exactSumDecidesSignsRoundingHides() {
        var sum = ExactSum()
        sum.add(1)
        sum.add(1e-30)
        sum.add(-1)
        #expect(sum.sign == 1 && sum.value == 1e-30)
        var product = ExactSum()                                      // 0.1·3 − 0.3 ≠ 0 exactly for the doubles
        product.addProduct(0.1, 3)
        product.add(-0.3)
        #expect(product.sign != 0 && product.isExact)
        var zero = ExactSum()
        zero.addProduct(0.5, 6)
        zero.add(-3)
        #expect(zero.sign == 0)
        var overflow = ExactSum()
        overflow.addProduct(1e200, 1e200)
        #expect(!overflow.isExact)
        var sumOverflow = ExactSum()
        sumOverflow.add(1.5e308)
        sumOverflow.add(1.5e308)
        #expect(!sumOverflow.isExact)
    }

    @Test func aPassedDeadlineEndsTheCheckWithTimeLimit() throws {
        let (data, _) = try Self.hullCase(dimension: 2, small: 0.3, offset: 0, outward: false, seed: 1)
        let report = try DataConvexity.check(data, using: Self.solver, deadline: Deadline(secondsFromNow: 0))
        #expect(report.verdict == .timeLimit && report.certificate == nil && report.subgradients == nil)
        #expect(throws: ConvexRegressionError.self) { try DataConvexity.check(data, using: Self.solver, relativeTolerance: -1) }
        #expect(throws: ConvexRegressionError.self) { try DataConvexity.check(data, using: Self.solver, relativeTolerance: .nan) }
    }
}
