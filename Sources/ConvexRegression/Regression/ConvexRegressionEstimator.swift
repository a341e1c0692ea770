import ConvexNetworks
import Foundation
import LinearProgramming

/// The L1 and L∞ convex regression estimators: over fitted values ŷᵢ and
/// subgradients gᵢ,
///
///     minimise  Σ |ŷᵢ − yᵢ|   (L1)   or   max |ŷᵢ − yᵢ|   (L∞)
///     s.t.      ŷⱼ ≥ ŷᵢ + gᵢᵀ(xⱼ − xᵢ)   for every ordered pair i ≠ j,
///
/// with |·| and max by epigraph columns (eᵢ ≥ ±(ŷᵢ − yᵢ), or t ≥ ±(ŷᵢ − yᵢ)). The fitted
/// function f(x) = maxᵢ ŷᵢ + gᵢᵀ(x − xᵢ) is exported as a max-affine ``RegressionModel`` with
/// one piece per sample; the rows make f(xᵢ) = ŷᵢ.
///
/// The n(n − 1) rows are generated lazily (cutting planes): the first LP holds each sample's
/// rows to its ``initialNeighbours`` nearest neighbours; after each solve every pair is checked and, per
/// sample, the (up to ``cutsPerSample``) most violated missing rows are added, until none is
/// violated by more than ``violationTolerance``. Each LP relaxes the full one, so the last
/// solution — feasible for every row — is optimal for the full LP. The rounds run in one
/// ``RowSession`` of the solver: each adds its rows to the loaded LP, which a warm-starting
/// solver (GLPK's simplex) re-optimises from the previous basis. Everything runs in
/// standardised units (the model stores the scalers), so its predictions are in original units.
public enum ConvexRegressionEstimator {
    public enum Norm: String, Sendable, CaseIterable {
        /// Least absolute deviations: minimise Σ |ŷᵢ − yᵢ|.
        case l1
        /// Chebyshev: minimise max |ŷᵢ − yᵢ|.
        case linf
    }

    /// The largest number of samples ``fit(_:norm:using:)`` accepts.
    public static let maximumSampleCount = 500
    /// A missing row counts as violated when ŷᵢ + gᵢᵀ(xⱼ − xᵢ) − ŷⱼ exceeds this, in standardised units.
    public static let violationTolerance = 1e-9
    /// Rows per sample in the first LP, to its nearest neighbours (at least 2d + 2).
    public static let initialNeighbours = 20
    /// Most rows added per sample and round.
    public static let cutsPerSample = 3
    /// Cutting-plane rounds before giving up (never reached in practice: each round adds rows).
    public static let maximumRounds = 500

    /// A fitted estimator and how well it fits.
    public struct Result: Sendable {
        /// The max-affine model in original units (K = n pieces).
        public var model: RegressionModel
        public var norm: Norm
        /// The model's predictions f(xᵢ) at the samples, original units.
        public var fittedValues: [Double]
        /// Σ |f(xᵢ) − yᵢ| / n and max |f(xᵢ) − yᵢ| from the model's own predictions.
        public var meanAbsoluteError: Double
        public var maxAbsoluteError: Double
        /// The LP optimum in the target's units: Σ |ŷᵢ − yᵢ| (L1) or max |ŷᵢ − yᵢ| (L∞).
        public var objective: Double
        /// max |f(xᵢ) − ŷᵢ|, target units: how far the rows' solver tolerance moves the model off the LP's values.
        public var interpolationGap: Double
        /// `verify` of the last LP's optimal solution (its rows are a subset of the full LP's,
        /// and the solution satisfies all the others to ``violationTolerance``).
        public var lpReport: CertificateReport
        /// Cutting-plane rounds (LP solves) and the pair rows of the last LP.
        public var rounds: Int
        public var pairRows: Int
        public var solver: String
        public var seconds: Double
    }

    /// Fits the estimator and returns its max-affine model (see ``solve(_:norm:using:)``).
    public static func fit(_ data: Dataset, norm: Norm, using solver: any LPSolver) throws -> RegressionModel {
        try solve(data, norm: norm, using: solver).model
    }

    /// Fits the estimator by cutting planes. Throws ``ConvexRegressionError/emptyDataset``,
    /// ``ConvexRegressionError/tooManySamples(count:limit:)`` above ``maximumSampleCount``, and
    /// ``ConvexRegressionError/solverFailed(solver:sample:reason:)`` when an LP has no optimum.
    public static func solve(_ data: Dataset, norm: Norm, using solver: any LPSolver) throws -> Result {
        let start = DispatchTime.now()
        let n = data.count, d = data.dimension
        guard n > 0 else { throw ConvexRegressionError.emptyDataset }
        guard n <= maximumSampleCount else { throw ConvexRegressionError.tooManySamples(count: n, limit: maximumSampleCount) }
        let samples = StandardizedSamples(data)
        var active = [Bool](repeating: false, count: n * n)    // active[i·n + j]: row (i, j) is in the LP
        let k = min(n - 1, max(initialNeighbours, 2 * d + 2))
        var pairs = (0..<n).flatMap { i in samples.nearestNeighbours(of: i, count: k).map { (i, $0) } }
        for (i, j) in pairs { active[i * n + j] = true }

        var lp = program(samples, norm: norm, pairs: pairs)
        return try solver.withRowSession(for: lp) { (session: any RowSession) throws -> Result in
            var rounds = 0
            while true {
                rounds += 1
                let solution = try session.solve()
                guard solution.status.hasOptimalPoint, solution.x.count == lp.variableCount else {
                    throw ConvexRegressionError.solverFailed(solver: solver.name, sample: nil, reason: "it ended with status '\(solution.status.summary)'")
                }
                let cuts = violatedPairs(samples, solution: solution.x, active: active)
                if cuts.isEmpty {
                    let result = try export(samples, data: data, norm: norm, solution: solution, lp: lp)
                    return Result(model: result.model, norm: norm, fittedValues: result.fitted,
                                  meanAbsoluteError: result.meanError, maxAbsoluteError: result.maxError,
                                  objective: solution.objective * samples.targetScaler.scale[0],   // back to target units
                                  interpolationGap: result.gap, lpReport: verify(solution, for: lp),
                                  rounds: rounds, pairRows: pairs.count, solver: solver.name,
                                  seconds: Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
                }
                guard rounds < maximumRounds else {
                    throw ConvexRegressionError.solverFailed(solver: solver.name, sample: nil,
                                                          reason: "\(cuts.count) rows were still violated after \(rounds) cutting-plane rounds")
                }
                let rows = cuts.map { pairRow(samples, i: $0.0, j: $0.1) }
                try session.addRows(rows)                                   // the LP of pairs + cuts, rows in that order
                lp.constraints += rows
                for (i, j) in cuts { active[i * n + j] = true }
                pairs += cuts
            }
        }
    }

    /// Columns: ŷ̃ᵢ at i, g̃ᵢ at n + i·d + k, then eᵢ (L1) or t (L∞). Rows: the 2n residual rows,
    /// then ŷ̃ⱼ − ŷ̃ᵢ − g̃ᵢᵀ(x̃ⱼ − x̃ᵢ) ≥ 0 for each pair.
    static func program(_ samples: StandardizedSamples, norm: Norm, pairs: [(Int, Int)]) -> LinearProgram {
        let n = samples.count, d = samples.dimension
        var lp = LinearProgram(name: "convex-regression-\(norm.rawValue)")
        for i in 0..<n { lp.addVariable("yhat\(i + 1)", lower: -.infinity) }
        for i in 0..<n { for k in 0..<d { lp.addVariable("g\(i + 1)_\(k + 1)", lower: -.infinity) } }
        let errorColumn = lp.variableCount
        switch norm {
        case .l1: for i in 0..<n { lp.addVariable("e\(i + 1)", lower: 0, cost: 1) }   // min Σ eᵢ
        case .linf: lp.addVariable("t", lower: 0, cost: 1)                            // min t
        }
        lp.constraints.reserveCapacity(2 * n + pairs.count)
        for i in 0..<n {
            let e = norm == .l1 ? errorColumn + i : errorColumn
            lp.addConstraint("above\(i + 1)", [(e, 1), (i, -1)], .greaterOrEqual, -samples.targets[i])   // e ≥ ŷᵢ − yᵢ
            lp.addConstraint("below\(i + 1)", [(e, 1), (i, 1)], .greaterOrEqual, samples.targets[i])     // e ≥ yᵢ − ŷᵢ
        }
        for (i, j) in pairs { lp.constraints.append(pairRow(samples, i: i, j: j)) }
        return lp
    }

    /// The row ŷ̃ⱼ − ŷ̃ᵢ − g̃ᵢᵀ(x̃ⱼ − x̃ᵢ) ≥ 0 of the pair (i, j).
    static func pairRow(_ samples: StandardizedSamples, i: Int, j: Int) -> Constraint {
        let n = samples.count, d = samples.dimension
        var columns = [j, i], coefficients = [1.0, -1.0]
        for k in 0..<d {
            let a = samples.inputs[j * d + k] - samples.inputs[i * d + k]              // x̃ⱼₖ − x̃ᵢₖ
            if a != 0 { columns.append(n + i * d + k); coefficients.append(-a) }
        }
        return Constraint(name: "c\(i + 1)_\(j + 1)", columns: columns, coefficients: coefficients, lower: 0)
    }

    /// Missing pairs with ŷ̃ᵢ + g̃ᵢᵀ(x̃ⱼ − x̃ᵢ) − ŷ̃ⱼ > tolerance, at most ``cutsPerSample`` per i, worst first.
    static func violatedPairs(_ samples: StandardizedSamples, solution x: [Double], active: [Bool]) -> [(Int, Int)] {
        let n = samples.count, d = samples.dimension
        var cuts: [(Int, Int)] = []
        var violations: [(Double, Int)] = []
        for i in 0..<n {
            violations.removeAll(keepingCapacity: true)
            for j in 0..<n where j != i && !active[i * n + j] {
                var value = x[i] - x[j]
                for k in 0..<d { value += x[n + i * d + k] * (samples.inputs[j * d + k] - samples.inputs[i * d + k]) }
                if value > violationTolerance { violations.append((value, j)) }            // ŷᵢ + gᵢᵀ(xⱼ − xᵢ) − ŷⱼ
            }
            violations.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            for (_, j) in violations.prefix(cutsPerSample) { cuts.append((i, j)) }
        }
        return cuts
    }

    /// The max-affine model f̃(x̃) = maxᵢ g̃ᵢᵀx̃ + (ŷ̃ᵢ − g̃ᵢᵀx̃ᵢ) with the samples' scalers, and its errors.
    private static func export(_ samples: StandardizedSamples, data: Dataset, norm: Norm, solution: Solution, lp: LinearProgram)
        throws -> (model: RegressionModel, fitted: [Double], meanError: Double, maxError: Double, gap: Double) {
        let n = samples.count, d = samples.dimension, x = solution.x
        let architecture = Architecture.maxAffine(inputDimension: d, pieces: n)
        let layers = architecture.layers
        var theta = [Double](repeating: 0, count: architecture.parameterCount)
        for i in 0..<n {
            var intercept = x[i]
            for k in 0..<d {
                let g = x[n + i * d + k]
                theta[layers[0].wIndex(row: i, column: k)] = g
                intercept -= g * samples.inputs[i * d + k]                                 // bᵢ = ŷᵢ − gᵢᵀxᵢ
            }
            theta[layers[0].bOffset + i] = intercept
        }
        theta[layers[1].vOffset] = 1                                                       // f = 1 · max + 0
        theta[layers[1].bOffset] = 0
        let network = try ConvexNetwork(architecture: architecture, parameters: theta)
        var model = try RegressionModel(network: network, inputScaler: samples.inputScaler, targetScaler: samples.targetScaler,
                                        inputNames: data.inputNames, targetName: data.targetName)
        model.inputRange = InputRange(inputs: data.inputs, dimension: data.dimension)
        let fitted = try model.predict(data.inputs)
        let lpValues = samples.targetScaler.restored(Array(x[0..<n]))                        // ŷ in target units
        var sum = 0.0, worst = 0.0, gap = 0.0
        for i in 0..<n {
            let error = abs(fitted[i] - data.targets[i])
            sum += error
            worst = max(worst, error)
            gap = max(gap, abs(fitted[i] - lpValues[i]))
        }
        return (model, fitted, sum / Double(n), worst, gap)
    }
}
