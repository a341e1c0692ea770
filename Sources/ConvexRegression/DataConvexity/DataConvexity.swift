import ConvexNetworks
import Foundation
import LinearProgramming

/// Does a convex function fit the samples (xᵢ, yᵢ)?
///
/// Numerically the question is asked at a stated tolerance τ = ε·(max y − min y) on the
/// targets (ε = ``defaultRelativeTolerance`` unless given): *is there a convex f with
/// yⱼ ≤ f(xⱼ) ≤ yⱼ + τ at every sample?* Both answers come with a proof re-checked on the
/// original data without trusting any LP or rounding:
///
/// - **convex**: subgradients gᵢ with yⱼ ≥ yᵢ + gᵢᵀ(xⱼ − xᵢ) − τ for every ordered pair, each row
///   re-evaluated with its rounding-error bound and, where that cannot decide, exactly
///   (``ExactSum``); f(x) = maxᵢ yᵢ + gᵢᵀ(x − xᵢ) then fits to within τ.
/// - **not convex**: a sample i and weights μ* ≥ 0, Σ μ* = 1, with xᵢ = Σ μ*ⱼ xⱼ exactly and
///   yᵢ − Σ μ*ⱼ yⱼ > τ (``checkPlainly(_:data:tolerance:)``); Jensen's inequality then rules out
///   every convex f within τ.
/// - **undecided**: at some sample neither proof verifies — typically a sample within rounding
///   of the boundary of the others' hull, where the answer turns on digits the data do not have.
///
/// The interpolation LP (gᵢ with yⱼ ≥ yᵢ + gᵢᵀ(xⱼ − xᵢ), n(n−1) rows over n·d free columns) is
/// block diagonal: it is feasible iff each *point LP* "gᵢ with gᵢᵀ(xᵢ − xⱼ) ≥ yᵢ − yⱼ − s for
/// all j ≠ i" is, and a Farkas ray of one point LP is a certificate. ``check(_:using:relativeTolerance:deadline:)``
/// solves the point LPs one after another (cutting planes: the rows of the ``initialNeighbours``
/// nearest samples first, then the worst violated rows, ``cutsPerRound`` per round, until no
/// missing row is violated by more than (τ − s)/2) and stops at the first verified non-convexity.
/// The slack s = max(τ/2, τ − ``slackMargin``) (in the LPs' standardised units) leaves room for
/// the LP's rounding in the re-check at τ, and only a band of width τ − s below the boundary
/// — rounding's, for any τ above 2·``slackMargin`` — can end `undecided`. An infeasible point LP
/// gives multipliers λᵢⱼ ≥ 0 with Σⱼ λᵢⱼ (xⱼ − xᵢ) = 0 and Σⱼ λᵢⱼ (yⱼ − yᵢ) < 0, reduced to a
/// vertex with at most d + 1 neighbours (Carathéodory) by a second LP when needed. Samples with
/// equal inputs and targets further apart than τ are caught before any LP.
///
/// The LPs are scaled: they are solved on inputs and targets mapped to [−1, 1] per coordinate
/// (``StandardizedSamples``), which positive affine maps allow (they preserve convex
/// interpolability and leave λ unchanged); every answer is re-checked in the original units.
public enum DataConvexity {
    /// The largest number of samples ``check(_:using:relativeTolerance:deadline:)`` accepts: up to n point LPs, each checked
    /// against all n − 1 rows after every round (O(n²·d) work per round over all points).
    public static let maximumSampleCount = 20_000
    /// The largest number of samples ``interpolationProgram(for:)`` builds the whole
    /// n(n − 1)-row LP for (about 250 000 rows at the limit).
    public static let maximumProgramSampleCount = 500
    /// Rows of a point LP's first solve, to the sample's nearest neighbours (at least 2d + 2).
    public static let initialNeighbours = 20
    /// Most missing rows added to a point LP per round.
    public static let cutsPerRound = 10
    /// How far below τ the point LPs' slack sits, in standardised target units (``StandardizedSamples``):
    /// ten times GLPK's feasibility tolerance, so that the LP's subgradients pass the re-check at τ.
    public static let slackMargin = 1e-6
    /// ε: the default tolerance on the targets relative to their range, τ = ε·(max y − min y).
    /// 1e-6 leaves the point LPs' slack (then τ/2) above GLPK's default feasibility tolerance
    /// (1e-7, relative), so that an LP's subgradients pass the re-check at τ.
    public static let defaultRelativeTolerance = 1e-6

    /// Decides whether a convex function fits `data` to within τ = `relativeTolerance`·(range of
    /// the targets), with a proof either way or an honest `undecided` (see ``DataConvexity``).
    /// Stops with verdict `timeLimit` once `deadline` has passed (give the solver the same one).
    ///
    /// Throws ``ConvexRegressionError/emptyDataset`` without samples,
    /// ``ConvexRegressionError/tooManySamples(count:limit:)`` above ``maximumSampleCount``, and
    /// ``ConvexRegressionError/invalidTolerance(_:)`` for ε outside [0, 1).
    public static func check(_ data: Dataset, using solver: any LPSolver, relativeTolerance: Double = defaultRelativeTolerance,
                             deadline: Deadline? = nil) throws -> DataConvexityReport {
        let start = DispatchTime.now()
        let n = data.count, d = data.dimension
        guard n > 0 else { throw ConvexRegressionError.emptyDataset }
        guard n <= maximumSampleCount else { throw ConvexRegressionError.tooManySamples(count: n, limit: maximumSampleCount) }
        guard relativeTolerance >= 0, relativeTolerance < 1 else { throw ConvexRegressionError.invalidTolerance(relativeTolerance) }
        let samples = StandardizedSamples(data)
        let range = (data.targets.max() ?? 0) - (data.targets.min() ?? 0)
        let tolerance = relativeTolerance * range                          // τ = ε (max y − min y)
        let scaledTolerance = tolerance / samples.targetScaler.scale[0]   // τ̃ = τ / s_y
        let slack = max(scaledTolerance / 2, scaledTolerance - slackMargin)  // s = max(τ̃/2, τ̃ − margin)
        var report = DataConvexityReport(verdict: .convex, sampleCount: n, dimension: d, solver: solver.name)
        report.tolerance = tolerance
        report.relativeTolerance = relativeTolerance
        func finish(_ verdict: DataConvexityReport.Verdict) -> DataConvexityReport {
            report.verdict = verdict
            report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return report
        }
        func undecided(_ i: Int, _ reason: String) {
            report.undecidedSamples.append(i)
            if report.undecidedReason == nil { report.undecidedReason = "sample \(i): \(reason)" }
        }

        if let (high, low) = repeatedInputWithDifferentTargets(data, tolerance: tolerance) {   // λ = 1 on the row (high, low)
            let multipliers = [PairMultiplier(point: high, neighbour: low, weight: 1)]
            report.certificate = certificate(multipliers, reason: .repeatedInput, samples: samples, data: data,
                                             tolerance: tolerance, solver: solver.name)
            return finish(.notConvex)
        }

        var subgradients = [Double](repeating: 0, count: n * d)          // original units
        var worstViolation = 0.0
        var included = [Bool](repeating: false, count: n)
        points: for i in 0..<n {
            if deadline?.hasPassed == true { return finish(.timeLimit) }
            var neighbours = samples.nearestNeighbours(of: i, count: min(n - 1, max(initialNeighbours, 2 * d + 2)))
            for j in 0..<n { included[j] = false }
            for j in neighbours { included[j] = true }
            while true {                                                   // cutting planes on point i's rows
                let lp = pointProgram(samples, point: i, neighbours: neighbours, slack: slack)
                var solution = try solver.solve(lp)
                report.lpCount += 1
                if solution.status == .primalInfeasible, solution.farkasRay == nil,          // an unproved verdict: ask RayFinder
                   case let .feasibleAndBounded(point) = try RayFinder.classify(lp, using: solver, deadline: deadline) {
                    solution = Solution(status: .optimal, x: point, solver: solver.name)
                }
                switch solution.status {
                case .optimal where solution.x.count == d, .almostOptimal where solution.x.count == d:
                    break
                case .primalInfeasible:
                    var ray: [Double]? = nil                               // padded to the rows of every j ≠ i
                    if let farkas = solution.farkasRay, farkas.count == neighbours.count {
                        var full = [Double](repeating: 0, count: n - 1)
                        for (r, j) in neighbours.enumerated() { full[pointRow(point: i, neighbour: j)] = farkas[r] }
                        ray = full
                    }
                    let proof = try pointCertificate(samples, point: i, ray: ray, using: solver, lpCount: &report.lpCount) {
                        certificate($0, reason: .aboveLowerHull, samples: samples, data: data, tolerance: tolerance, solver: solver.name)
                    }
                    guard let proof else {
                        undecided(i, "the LP called its rows infeasible but gave no usable multipliers")
                        continue points
                    }
                    if proof.verified {
                        report.certificate = proof
                        return finish(.notConvex)
                    }
                    undecided(i, "the LP called its rows infeasible, but the certificate does not verify exactly: "
                                 + proof.plainCheck.failures.joined(separator: "; "))
                    continue points
                case .timeLimit where deadline?.hasPassed == true:
                    return finish(.timeLimit)
                default:
                    undecided(i, "the LP ended with status '\(solution.status.summary)'")
                    continue points
                }
                let cuts = violatedRows(samples, point: i, subgradient: solution.x, included: included, threshold: (scaledTolerance - slack) / 2)
                if cuts.isEmpty {
                    var g = [Double](repeating: 0, count: d)
                    for k in 0..<d { g[k] = solution.x[k] * samples.targetScaler.scale[0] / samples.inputScaler.scale[k] }   // g = s_y · g̃ / s_x
                    guard let violation = verifiedViolation(of: g, at: i, data: data, tolerance: tolerance) else {
                        undecided(i, "the LP's subgradient violates an interpolation row by more than the tolerance \(tolerance) when re-checked exactly")
                        continue points
                    }
                    worstViolation = max(worstViolation, violation)
                    for k in 0..<d { subgradients[i * d + k] = g[k] }
                    break
                }
                for j in cuts { included[j] = true }
                neighbours += cuts
            }
        }
        if !report.undecidedSamples.isEmpty { return finish(.undecided) }
        report.subgradients = subgradients
        report.interpolationViolation = worstViolation
        return finish(.convex)
    }

    /// The whole interpolation LP in standardised units, for checking a certificate against it:
    /// variable i·d + k is the k-th entry of g̃ᵢ (free), row i·(n − 1) + (j < i ? j : j − 1) is
    /// g̃ᵢᵀ(x̃ᵢ − x̃ⱼ) ≥ ỹᵢ − ỹⱼ (see ``NonConvexityCertificate/farkasRay(sampleCount:)``).
    /// Throws above ``maximumProgramSampleCount`` samples or without samples.
    public static func interpolationProgram(for data: Dataset) throws -> LinearProgram {
        let n = data.count, d = data.dimension
        guard n > 0 else { throw ConvexRegressionError.emptyDataset }
        guard n <= maximumProgramSampleCount else {
            throw ConvexRegressionError.tooManySamples(count: n, limit: maximumProgramSampleCount)
        }
        let samples = StandardizedSamples(data)
        var lp = LinearProgram(name: "convex-interpolation")
        for i in 0..<n { for k in 0..<d { lp.addVariable("g\(i + 1)_\(k + 1)", lower: -.infinity) } }
        for i in 0..<n {
            appendPointRows(samples, point: i, neighbours: (0..<n).filter { $0 != i }, firstColumn: i * d, to: &lp)
        }
        return lp
    }

    /// The point LP of sample i in standardised units: d free columns g̃ᵢ, zero objective, and for
    /// each j in `neighbours` (default: every j ≠ i, in order) the row g̃ᵢᵀ(x̃ᵢ − x̃ⱼ) ≥ ỹᵢ − ỹⱼ − slack.
    static func pointProgram(_ samples: StandardizedSamples, point i: Int, neighbours: [Int]? = nil, slack: Double = 0) -> LinearProgram {
        var lp = LinearProgram(name: "convex-interpolation-\(i + 1)")
        for k in 0..<samples.dimension { lp.addVariable("g\(k + 1)", lower: -.infinity) }
        appendPointRows(samples, point: i, neighbours: neighbours ?? (0..<samples.count).filter { $0 != i }, firstColumn: 0,
                        slack: slack, to: &lp)
        return lp
    }

    /// Samples j not yet `included` whose row ỹᵢ − ỹⱼ − g̃ᵢᵀ(x̃ᵢ − x̃ⱼ) ≤ 0 fails by more than
    /// `threshold` (standardised units), worst first, at most ``cutsPerRound``.
    static func violatedRows(_ samples: StandardizedSamples, point i: Int, subgradient g: [Double], included: [Bool],
                             threshold: Double) -> [Int] {
        let d = samples.dimension
        var violations: [(Double, Int)] = []
        for j in 0..<samples.count where j != i && !included[j] {
            var value = samples.targets[i] - samples.targets[j]
            for k in 0..<d { value -= g[k] * (samples.inputs[i * d + k] - samples.inputs[j * d + k]) }   // ỹᵢ − ỹⱼ − g̃ᵀ(x̃ᵢ − x̃ⱼ)
            if value > threshold { violations.append((value, j)) }
        }
        violations.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        return violations.prefix(cutsPerRound).map(\.1)
    }

    private static func appendPointRows(_ samples: StandardizedSamples, point i: Int, neighbours: [Int],
                                        firstColumn: Int, slack: Double = 0, to lp: inout LinearProgram) {
        let d = samples.dimension
        lp.constraints.reserveCapacity(lp.constraintCount + neighbours.count)
        for j in neighbours {
            var columns: [Int] = [], coefficients: [Double] = []
            columns.reserveCapacity(d)
            coefficients.reserveCapacity(d)
            for k in 0..<d {
                let a = samples.inputs[i * d + k] - samples.inputs[j * d + k]          // x̃ᵢₖ − x̃ⱼₖ
                if a != 0 { columns.append(firstColumn + k); coefficients.append(a) }
            }
            lp.constraints.append(Constraint(name: "r\(i + 1)_\(j + 1)", columns: columns, coefficients: coefficients,
                                             lower: samples.targets[i] - samples.targets[j] - slack))   // ≥ ỹᵢ − ỹⱼ − slack
        }
    }

    /// Row index of the pair (i, j) inside point i's LP.
    static func pointRow(point i: Int, neighbour j: Int) -> Int { j < i ? j : j - 1 }

    /// The certificate `make` builds from the multipliers of point i's infeasible LP: the
    /// solver's ray when it names at most d + 1 neighbours, else (or when that one does not
    /// verify) the reduction LP's vertex. The first verified one, else the last built; nil when
    /// there are no multipliers.
    private static func pointCertificate(_ samples: StandardizedSamples, point i: Int, ray: [Double]?,
                                         using solver: any LPSolver, lpCount: inout Int,
                                         make: ([PairMultiplier]) -> NonConvexityCertificate) throws -> NonConvexityCertificate? {
        let n = samples.count, d = samples.dimension
        var raw: [PairMultiplier] = []
        if let ray, ray.count == n - 1 {
            let largest = ray.map(abs).max() ?? 0
            for j in 0..<n where j != i {
                let weight = ray[pointRow(point: i, neighbour: j)]
                if weight > 1e-12 * largest { raw.append(PairMultiplier(point: i, neighbour: j, weight: weight)) }
            }
        }
        var built: NonConvexityCertificate? = nil
        if !raw.isEmpty && raw.count <= d + 1 {
            built = make(raw)
            if built!.verified { return built }
        }
        let candidates = raw.isEmpty ? (0..<n).filter { $0 != i } : raw.map(\.neighbour)
        lpCount += 1
        if let reduced = try reducedCertificate(samples, point: i, neighbours: candidates, using: solver) {
            built = make(reduced)
        } else if built == nil, !raw.isEmpty {
            built = make(raw)
        }
        return built
    }

    /// min Σλⱼ s.t. Σ λⱼ(x̃ⱼ − x̃ᵢ) = 0, Σ λⱼ(ỹⱼ − ỹᵢ) = −1, λ ≥ 0 over `neighbours`; its vertex
    /// optimum uses at most d + 1 of them. Nil when that LP has no optimum.
    private static func reducedCertificate(_ samples: StandardizedSamples, point i: Int, neighbours: [Int],
                                           using solver: any LPSolver) throws -> [PairMultiplier]? {
        let d = samples.dimension
        var lp = LinearProgram(name: "hull-certificate-\(i + 1)")
        for j in neighbours { lp.addVariable("l\(j + 1)", lower: 0, cost: 1) }
        for k in 0..<d {                                                            // Σ λⱼ (x̃ⱼₖ − x̃ᵢₖ) = 0
            let terms = neighbours.enumerated().compactMap { c, j -> (variable: Int, coefficient: Double)? in
                let a = samples.inputs[j * d + k] - samples.inputs[i * d + k]
                return a == 0 ? nil : (c, a)
            }
            lp.addConstraint("x\(k + 1)", terms, .equal, 0)
        }
        let terms = neighbours.enumerated().compactMap { c, j -> (variable: Int, coefficient: Double)? in
            let a = samples.targets[j] - samples.targets[i]
            return a == 0 ? nil : (c, a)
        }
        lp.addConstraint("y", terms, .equal, -1)                                     // Σ λⱼ (ỹⱼ − ỹᵢ) = −1
        let solution = try solver.solve(lp)
        guard solution.status.hasOptimalPoint, solution.x.count == neighbours.count else { return nil }
        let largest = solution.x.max() ?? 0
        let multipliers = zip(neighbours, solution.x).compactMap { j, weight in
            weight > 1e-12 * largest ? PairMultiplier(point: i, neighbour: j, weight: weight) : nil
        }
        return multipliers.isEmpty ? nil : multipliers
    }

    /// A pair of samples (higher target, lower target) with identical inputs and targets more
    /// than `tolerance` apart, if any.
    static func repeatedInputWithDifferentTargets(_ data: Dataset, tolerance: Double = 0) -> (Int, Int)? {
        var groups: [[Double]: (low: Int, high: Int)] = [:]
        for s in 0..<data.count {
            let key = Array(data.input(ofSample: s))
            if let group = groups[key] {
                groups[key] = (data.targets[s] < data.targets[group.low] ? s : group.low,
                               data.targets[s] > data.targets[group.high] ? s : group.high)
            } else {
                groups[key] = (s, s)
            }
        }
        for s in 0..<data.count {
            let group = groups[Array(data.input(ofSample: s))]!
            if data.targets[group.high] - data.targets[group.low] > tolerance { return (group.high, group.low) }
        }
        return nil
    }

    /// Packages multipliers of point i's LP: the Farkas ray's LP check, the exact check at τ, the Jensen form.
    private static func certificate(_ multipliers: [PairMultiplier], reason: NonConvexityCertificate.Reason,
                                    samples: StandardizedSamples, data: Dataset, tolerance: Double, solver: String) -> NonConvexityCertificate {
        let i = multipliers[0].point, n = data.count
        var ray = [Double](repeating: 0, count: n - 1)
        for m in multipliers { ray[pointRow(point: i, neighbour: m.neighbour)] = m.weight }
        let lp = pointProgram(samples, point: i)
        let report = verify(Solution(status: .primalInfeasible, farkasRay: ray, solver: solver), for: lp)
        let total = multipliers.reduce(0) { $0 + $1.weight }
        let weights = multipliers.map { $0.weight / total }                               // μⱼ = λᵢⱼ / Σλ
        let combined = zip(multipliers, weights).reduce(0) { $0 + $1.1 * data.targets[$1.0.neighbour] }   // Σ μⱼ yⱼ
        let plain = checkPlainly(multipliers, data: data, tolerance: tolerance)
        if !plain.passed, multipliers.count == data.dimension, reason == .aboveLowerHull,
           let completed = completedMultipliers(multipliers, samples: samples, data: data, tolerance: tolerance) {
            return certificate(completed, reason: reason, samples: samples, data: data, tolerance: tolerance, solver: solver)
        }
        return NonConvexityCertificate(
            reason: reason, multipliers: multipliers,
            points: Array(Set(multipliers.flatMap { [$0.point, $0.neighbour] })).sorted(),
            point: i, neighbours: multipliers.map(\.neighbour), weights: weights,
            target: data.targets[i], combinedTarget: combined,
            lpReport: report, plainCheck: plain)
    }

    /// Multipliers on d samples that balance the inputs only to rounding may miss a sample whose
    /// weight the LP rounded away (a point just inside the hull, next to a face): completes them
    /// with one of the 30 nearest other samples so that the enclosure over d + 1 samples proves
    /// every weight positive, if one does.
    private static func completedMultipliers(_ multipliers: [PairMultiplier], samples: StandardizedSamples, data: Dataset,
                                             tolerance: Double) -> [PairMultiplier]? {
        let i = multipliers[0].point, total = multipliers.reduce(0) { $0 + $1.weight }
        let support = multipliers.map(\.neighbour)
        for c in samples.nearestNeighbours(of: i, count: min(data.count - 1, 30)) where !support.contains(c) {
            guard let enclosure = WeightEnclosure(point: i, neighbours: support + [c],
                                                  weights: multipliers.map { $0.weight / total } + [0], data: data, refine: true),
                  enclosure.weights.allSatisfy({ $0 > 0 }) else { continue }
            let completed = zip(support + [c], enclosure.weights).map { PairMultiplier(point: i, neighbour: $0, weight: $1) }
            if checkPlainly(completed, data: data, tolerance: tolerance).passed { return completed }
        }
        return nil
    }
}
