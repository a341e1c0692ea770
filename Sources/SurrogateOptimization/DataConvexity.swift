import ConvexNetworks
import Foundation
import LinearProgramming

/// Is there a convex function through the samples (xᵢ, yᵢ)? (HYCNN.md §3, "Convexity of data".)
///
/// The points are interpolable by a convex f iff there are subgradients gᵢ ∈ Rᵈ with
///
///     yⱼ ≥ yᵢ + gᵢᵀ(xⱼ − xᵢ)   for every ordered pair i ≠ j          (the interpolation LP)
///
/// — n(n−1) rows over n·d free variables. The variable gᵢ appears only in the rows (i, ·), so
/// the LP is block diagonal: it is feasible iff each *point LP* "gᵢ with
/// gᵢᵀ(xᵢ − xⱼ) ≥ yᵢ − yⱼ for all j ≠ i" (n − 1 rows, d variables) is, and a Farkas ray of one
/// point LP, padded with zeros, is a Farkas ray of the whole LP. ``check(_:using:)`` therefore
/// solves the point LPs one after another and stops at the first infeasible one. Each point LP
/// is itself solved by cutting planes: first with the rows of the ``initialNeighbours``
/// nearest samples, then adding the worst violated rows (``cutsPerRound``) until its gᵢ satisfies
/// every row to ``violationTolerance``. A restricted LP that is infeasible proves the full one
/// infeasible (it has a subset of the rows), so its ray, padded with zeros, is a certificate.
///
/// An infeasible point LP comes with multipliers λᵢⱼ ≥ 0, one per row, with
/// Σⱼ λᵢⱼ (xⱼ − xᵢ) = 0 and Σⱼ λᵢⱼ (yⱼ − yᵢ) < 0. With μⱼ = λᵢⱼ / Σλ this reads
/// xᵢ = Σ μⱼ xⱼ but yᵢ > Σ μⱼ yⱼ, while Jensen's inequality gives f(xᵢ) ≤ Σ μⱼ f(xⱼ) for any
/// convex f: the sample lies strictly above the lower convex hull of the others. When the
/// solver's ray names more than d + 1 neighbours, a second LP over those neighbours
/// (min Σλ s.t. Σ λⱼ(xⱼ − xᵢ) = 0, Σ λⱼ(yⱼ − yᵢ) = −1, λ ≥ 0) reduces it to a vertex, which
/// has at most d + 1 (Carathéodory). Samples with equal inputs and different targets are
/// caught before any LP: the pair itself is the certificate (λ = 1, xⱼ − xᵢ = 0, yⱼ < yᵢ).
///
/// The LPs are solved in standardised units (x̃ = (x − mean)/scale per coordinate,
/// ỹ = (y − mean)/scale): positive affine maps preserve convex interpolability and leave the
/// multipliers λ unchanged, so every answer in the report is about the original data.
public enum DataConvexity {
    /// The largest number of samples ``check(_:using:)`` accepts: up to n point LPs, each checked
    /// against all n − 1 rows after every round (O(n²·d) work per round over all points).
    public static let maximumSampleCount = 20_000
    /// The largest number of samples ``interpolationProgram(for:)`` builds the whole
    /// n(n − 1)-row LP for (about 250 000 rows at the limit).
    public static let maximumProgramSampleCount = 500
    /// Rows of a point LP's first solve, to the sample's nearest neighbours (at least 2d + 2).
    public static let initialNeighbours = 20
    /// A missing row of a point LP counts as violated when ỹᵢ − ỹⱼ − g̃ᵢᵀ(x̃ᵢ − x̃ⱼ) exceeds this
    /// (standardised units); at most ``cutsPerRound`` of the worst are added per round.
    public static let violationTolerance = 1e-9
    public static let cutsPerRound = 10
    /// Relative tolerance of the plain re-check (see ``checkPlainly(_:data:tolerance:)``).
    public static let plainCheckTolerance = 1e-9

    /// Decides whether a convex function interpolates `data`, with a certificate either way:
    /// interpolating subgradients (and their recomputed worst violation) when one does, a
    /// verified Farkas ray naming a few samples when none does.
    ///
    /// Throws ``SurrogateOptimizationError/emptyDataset`` without samples,
    /// ``SurrogateOptimizationError/tooManySamples(count:limit:)`` above ``maximumSampleCount``, and
    /// ``SurrogateOptimizationError/solverFailed(solver:sample:reason:)`` when a point LP ends without
    /// an answer (limit, numerical trouble) or infeasible without any certificate.
    public static func check(_ data: Dataset, using solver: any LPSolver) throws -> DataConvexityReport {
        let start = DispatchTime.now()
        let n = data.count, d = data.dimension
        guard n > 0 else { throw SurrogateOptimizationError.emptyDataset }
        guard n <= maximumSampleCount else { throw SurrogateOptimizationError.tooManySamples(count: n, limit: maximumSampleCount) }
        let samples = StandardizedSamples(data)
        var report = DataConvexityReport(convex: true, sampleCount: n, dimension: d, solver: solver.name)
        func finish() -> DataConvexityReport {
            report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return report
        }

        if let (high, low) = repeatedInputWithDifferentTargets(data) {      // λ = 1 on the row (high, low)
            let multipliers = [PairMultiplier(point: high, neighbour: low, weight: 1)]
            report.convex = false
            report.certificate = certificate(multipliers, reason: .repeatedInput, samples: samples, data: data, solver: solver.name)
            return finish()
        }

        var subgradients = [Double](repeating: 0, count: n * d)   // g̃ᵢ, standardised units
        var included = [Bool](repeating: false, count: n)
        for i in 0..<n {
            var neighbours = samples.nearestNeighbours(of: i, count: min(n - 1, max(initialNeighbours, 2 * d + 2)))
            for j in 0..<n { included[j] = false }
            for j in neighbours { included[j] = true }
            while true {                                                   // cutting planes on point i's rows
                let solution = try solver.solve(pointProgram(samples, point: i, neighbours: neighbours))
                report.lpCount += 1
                switch solution.status {
                case .optimal, .almostOptimal:
                    guard solution.x.count == d else {
                        throw SurrogateOptimizationError.solverFailed(solver: solver.name, sample: i, reason: "it returned \(solution.x.count) values for \(d) subgradient entries")
                    }
                case .primalInfeasible:
                    var ray: [Double]? = nil                               // padded to the rows of every j ≠ i
                    if let farkas = solution.farkasRay, farkas.count == neighbours.count {
                        var full = [Double](repeating: 0, count: n - 1)
                        for (r, j) in neighbours.enumerated() { full[pointRow(point: i, neighbour: j)] = farkas[r] }
                        ray = full
                    }
                    let multipliers = try pointCertificate(samples, point: i, ray: ray, using: solver, lpCount: &report.lpCount)
                    report.convex = false
                    report.certificate = certificate(multipliers, reason: .aboveLowerHull, samples: samples, data: data, solver: solver.name)
                    return finish()
                default:
                    throw SurrogateOptimizationError.solverFailed(solver: solver.name, sample: i, reason: "it ended with status '\(solution.status.summary)'")
                }
                let cuts = violatedRows(samples, point: i, subgradient: solution.x, included: included)
                if cuts.isEmpty {
                    for k in 0..<d { subgradients[i * d + k] = solution.x[k] }
                    break
                }
                for j in cuts { included[j] = true }
                neighbours += cuts
            }
        }
        let ys = samples.targetScaler.scale[0]
        for i in 0..<n {
            for k in 0..<d { subgradients[i * d + k] *= ys / samples.inputScaler.scale[k] }   // g = s_y · g̃ / s_x
        }
        report.subgradients = subgradients
        report.interpolationViolation = interpolationViolation(data, subgradients: subgradients)
        return finish()
    }

    /// The multipliers of a claimed certificate, checked in plain terms on the original data and
    /// independently of any LP: every λᵢⱼ is finite and ≥ 0 with i ≠ j in range, at least one is
    /// positive, for every sample i and coordinate k the balance Σⱼ λᵢⱼ (xⱼₖ − xᵢₖ) vanishes
    /// (relative to Σⱼ λᵢⱼ |xⱼₖ − xᵢₖ|, within `tolerance`; then the gᵢ cancel from the weighted
    /// sum of the rows), and Σ λᵢⱼ (yⱼ − yᵢ) < −tolerance · Σ λᵢⱼ |yⱼ − yᵢ|. Adding the rows
    /// yⱼ − yᵢ − gᵢᵀ(xⱼ − xᵢ) ≥ 0 with these weights then gives 0 ≤ Σ λᵢⱼ (yⱼ − yᵢ) < 0:
    /// no convex function fits. λ is normalised to Σ λ = 1 before the sums are reported.
    public static func checkPlainly(_ multipliers: [PairMultiplier], data: Dataset,
                                    tolerance: Double = plainCheckTolerance) -> PlainCertificateCheck {
        var check = PlainCertificateCheck()
        let n = data.count, d = data.dimension
        for m in multipliers where !(m.point >= 0 && m.point < n && m.neighbour >= 0 && m.neighbour < n && m.point != m.neighbour) {
            check.failures.append("the pair (\(m.point), \(m.neighbour)) is not two different samples of 0..<\(n)")
            return check
        }
        if let m = multipliers.first(where: { !($0.weight.isFinite && $0.weight >= 0) }) {
            check.failures.append("the multiplier of (\(m.point), \(m.neighbour)) is \(m.weight); multipliers must be finite and ≥ 0")
            return check
        }
        let total = multipliers.reduce(0) { $0 + $1.weight }
        guard total > 0, total.isFinite else {
            check.failures.append("every multiplier is zero, so the sum proves nothing")
            return check
        }
        var balance = [Int: [Double]](), magnitude = [Int: [Double]]()
        var sum = 0.0, scale = 0.0
        for m in multipliers where m.weight > 0 {
            let w = m.weight / total                                      // λ normalised to Σλ = 1
            var row = balance[m.point] ?? [Double](repeating: 0, count: d)
            var size = magnitude[m.point] ?? [Double](repeating: 0, count: d)
            for k in 0..<d {
                let difference = data.inputs[m.neighbour * d + k] - data.inputs[m.point * d + k]
                row[k] += w * difference                                  // Σⱼ λᵢⱼ (xⱼₖ − xᵢₖ)
                size[k] += w * abs(difference)
            }
            balance[m.point] = row
            magnitude[m.point] = size
            let difference = data.targets[m.neighbour] - data.targets[m.point]
            sum += w * difference                                         // Σ λᵢⱼ (yⱼ − yᵢ)
            scale += w * abs(difference)
        }
        for (i, row) in balance.sorted(by: { $0.key < $1.key }) {
            for k in 0..<d where row[k] != 0 {
                let relative = abs(row[k]) / magnitude[i]![k]
                if relative > check.balanceResidual {
                    check.balanceResidual = relative
                    check.worstBalance = (sample: i, coordinate: k)
                }
            }
        }
        check.targetSum = sum
        check.targetScale = scale
        if !(check.balanceResidual <= tolerance), let worst = check.worstBalance {
            check.failures.append("the inputs do not balance at sample \(worst.sample), coordinate \(worst.coordinate): relative residual \(check.balanceResidual) > \(tolerance), so the subgradients do not cancel")
        }
        if !(sum < -tolerance * scale) {
            check.failures.append("Σ λᵢⱼ (yⱼ − yᵢ) = \(sum) is not negative (scale \(scale)), so the rows add up to no contradiction")
        }
        return check
    }

    /// The whole interpolation LP in standardised units, for checking a certificate against it:
    /// variable i·d + k is the k-th entry of g̃ᵢ (free), row i·(n − 1) + (j < i ? j : j − 1) is
    /// g̃ᵢᵀ(x̃ᵢ − x̃ⱼ) ≥ ỹᵢ − ỹⱼ (see ``NonConvexityCertificate/farkasRay(sampleCount:)``).
    /// Throws above ``maximumProgramSampleCount`` samples or without samples.
    public static func interpolationProgram(for data: Dataset) throws -> LinearProgram {
        let n = data.count, d = data.dimension
        guard n > 0 else { throw SurrogateOptimizationError.emptyDataset }
        guard n <= maximumProgramSampleCount else {
            throw SurrogateOptimizationError.tooManySamples(count: n, limit: maximumProgramSampleCount)
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
    /// each j in `neighbours` (default: every j ≠ i, in order) the row g̃ᵢᵀ(x̃ᵢ − x̃ⱼ) ≥ ỹᵢ − ỹⱼ.
    static func pointProgram(_ samples: StandardizedSamples, point i: Int, neighbours: [Int]? = nil) -> LinearProgram {
        var lp = LinearProgram(name: "convex-interpolation-\(i + 1)")
        for k in 0..<samples.dimension { lp.addVariable("g\(k + 1)", lower: -.infinity) }
        appendPointRows(samples, point: i, neighbours: neighbours ?? (0..<samples.count).filter { $0 != i }, firstColumn: 0, to: &lp)
        return lp
    }

    /// Samples j not yet `included` whose row ỹᵢ − ỹⱼ − g̃ᵢᵀ(x̃ᵢ − x̃ⱼ) ≤ 0 fails by more than
    /// ``violationTolerance``, worst first, at most ``cutsPerRound``.
    static func violatedRows(_ samples: StandardizedSamples, point i: Int, subgradient g: [Double], included: [Bool]) -> [Int] {
        let d = samples.dimension
        var violations: [(Double, Int)] = []
        for j in 0..<samples.count where j != i && !included[j] {
            var value = samples.targets[i] - samples.targets[j]
            for k in 0..<d { value -= g[k] * (samples.inputs[i * d + k] - samples.inputs[j * d + k]) }   // ỹᵢ − ỹⱼ − g̃ᵀ(x̃ᵢ − x̃ⱼ)
            if value > violationTolerance { violations.append((value, j)) }
        }
        violations.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        return violations.prefix(cutsPerRound).map(\.1)
    }

    private static func appendPointRows(_ samples: StandardizedSamples, point i: Int, neighbours: [Int],
                                        firstColumn: Int, to lp: inout LinearProgram) {
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
                                             lower: samples.targets[i] - samples.targets[j]))   // ≥ ỹᵢ − ỹⱼ
        }
    }

    /// Row index of the pair (i, j) inside point i's LP.
    static func pointRow(point i: Int, neighbour j: Int) -> Int { j < i ? j : j - 1 }

    /// Multipliers λᵢⱼ proving that point i's LP is infeasible, with at most d + 1 neighbours
    /// when the reduction LP succeeds.
    private static func pointCertificate(_ samples: StandardizedSamples, point i: Int, ray: [Double]?,
                                         using solver: any LPSolver, lpCount: inout Int) throws -> [PairMultiplier] {
        let n = samples.count, d = samples.dimension
        var raw: [PairMultiplier] = []
        if let ray, ray.count == n - 1 {
            let largest = ray.map(abs).max() ?? 0
            for j in 0..<n where j != i {
                let weight = ray[pointRow(point: i, neighbour: j)]
                if weight > 1e-12 * largest { raw.append(PairMultiplier(point: i, neighbour: j, weight: weight)) }
            }
        }
        if !raw.isEmpty && raw.count <= d + 1 { return raw }
        let candidates = raw.isEmpty ? (0..<n).filter { $0 != i } : raw.map(\.neighbour)
        lpCount += 1
        if let reduced = try reducedCertificate(samples, point: i, neighbours: candidates, using: solver) { return reduced }
        if !raw.isEmpty { return raw }
        throw SurrogateOptimizationError.solverFailed(
            solver: solver.name, sample: i,
            reason: "it called the point's LP infeasible but gave no Farkas ray, and none exists to its tolerance; the data are convex to within rounding")
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
        guard solution.status == .optimal || solution.status == .almostOptimal, solution.x.count == neighbours.count else { return nil }
        let largest = solution.x.max() ?? 0
        let multipliers = zip(neighbours, solution.x).compactMap { j, weight in
            weight > 1e-12 * largest ? PairMultiplier(point: i, neighbour: j, weight: weight) : nil
        }
        return multipliers.isEmpty ? nil : multipliers
    }

    /// A pair of samples (higher target, lower target) with identical inputs, if any.
    static func repeatedInputWithDifferentTargets(_ data: Dataset) -> (Int, Int)? {
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
            if data.targets[group.high] != data.targets[group.low] { return (group.high, group.low) }
        }
        return nil
    }

    /// Packages multipliers of point i's LP: the verified Farkas ray, the plain check, the Jensen form.
    private static func certificate(_ multipliers: [PairMultiplier], reason: NonConvexityCertificate.Reason,
                                    samples: StandardizedSamples, data: Dataset, solver: String) -> NonConvexityCertificate {
        let i = multipliers[0].point, n = data.count
        var ray = [Double](repeating: 0, count: n - 1)
        for m in multipliers { ray[pointRow(point: i, neighbour: m.neighbour)] = m.weight }
        let lp = pointProgram(samples, point: i)
        let report = verify(Solution(status: .primalInfeasible, farkasRay: ray, solver: solver), for: lp)
        let total = multipliers.reduce(0) { $0 + $1.weight }
        let weights = multipliers.map { $0.weight / total }                               // μⱼ = λᵢⱼ / Σλ
        let combined = zip(multipliers, weights).reduce(0) { $0 + $1.1 * data.targets[$1.0.neighbour] }   // Σ μⱼ yⱼ
        return NonConvexityCertificate(
            reason: reason, multipliers: multipliers,
            points: Array(Set(multipliers.flatMap { [$0.point, $0.neighbour] })).sorted(),
            point: i, neighbours: multipliers.map(\.neighbour), weights: weights,
            target: data.targets[i], combinedTarget: combined,
            lpReport: report, plainCheck: checkPlainly(multipliers, data: data))
    }

    /// max over i ≠ j of yᵢ + gᵢᵀ(xⱼ − xᵢ) − yⱼ (0 when every row holds), original units.
    static func interpolationViolation(_ data: Dataset, subgradients g: [Double]) -> Double {
        let n = data.count, d = data.dimension
        var worst = 0.0
        data.inputs.withUnsafeBufferPointer { x in
            for i in 0..<n {
                for j in 0..<n where j != i {
                    var value = data.targets[i] - data.targets[j]
                    for k in 0..<d { value += g[i * d + k] * (x[j * d + k] - x[i * d + k]) }   // yᵢ + gᵢᵀ(xⱼ − xᵢ) − yⱼ
                    worst = max(worst, value)
                }
            }
        }
        return worst
    }
}
