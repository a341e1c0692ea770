import CGLPK
import LinearProgramming

/// Row and column scale factors for the crossover's GLPK problem, computed from the model's
/// own arrays and handed to GLPK (`glp_set_rii`, `glp_set_sjj`) instead of `glp_scale_prob`,
/// which walks GLPK's linked rows and columns: on the 48×4 surrogate LP (33,458 nonzeros) it
/// took 5.6 ms of a 17.7 ms crossover, whose simplex then made no pivot.
///
/// The factors are those of GLPK's automatic choice in kind: geometric-mean passes (each row,
/// then each column, divided by √(min·max) of its scaled magnitudes) while a pass shrinks the
/// ratio of the largest to the smallest scaled magnitude by at least ``passGain``, at most
/// ``maximumPasses``; then equilibration (each row, then each column, to largest magnitude 1);
/// each factor rounded to the nearest power of two, so that scaling loses no bits.
enum CrossoverScaling {
    /// A geometric-mean pass must leave the ratio at most this fraction of what it was.
    static let passGain = 0.9
    static let maximumPasses = 15

    /// The factors (r for the rows, s for the columns; the scaled entry is rᵢ aᵢⱼ sⱼ), 1 for
    /// an empty row or column.
    static func factors(of model: LinearProgram) -> (rows: [Double], columns: [Double]) {
        let m = model.constraintCount, n = model.variableCount
        var r = [Double](repeating: 1, count: m), s = [Double](repeating: 1, count: n)
        var ratio = magnitudeRatio(model, r, s)
        for _ in 0..<maximumPasses {
            guard ratio > 1 else { break }
            var nextR = r, nextS = s
            geometricMeanPass(model, &nextR, &nextS)
            let next = magnitudeRatio(model, nextR, nextS)
            guard next <= passGain * ratio else { break }
            (r, s, ratio) = (nextR, nextS, next)
        }
        equilibrate(model, &r, &s)
        return (r.map(nearestPowerOfTwo), s.map(nearestPowerOfTwo))
    }

    /// Gives `problem` (loaded from `model`) the factors.
    static func apply(to problem: GLPKProblem, model: LinearProgram) {
        let (r, s) = factors(of: model)
        for (i, factor) in r.enumerated() { glp_set_rii(problem.pointer, Int32(i + 1), factor) }
        for (j, factor) in s.enumerated() { glp_set_sjj(problem.pointer, Int32(j + 1), factor) }
    }

    /// max / min over the nonzero entries of |rᵢ aᵢⱼ sⱼ| (1 without nonzeros).
    private static func magnitudeRatio(_ model: LinearProgram, _ r: [Double], _ s: [Double]) -> Double {
        var smallest = Double.infinity, largest = 0.0
        for (i, row) in model.constraints.enumerated() {
            for (k, j) in row.columns.enumerated() where row.coefficients[k] != 0 {
                let magnitude = abs(r[i] * row.coefficients[k] * s[j])
                smallest = min(smallest, magnitude)
                largest = max(largest, magnitude)
            }
        }
        return largest > 0 ? largest / smallest : 1
    }

    /// rᵢ ← rᵢ / √(min·max of |rᵢ aᵢⱼ sⱼ| over row i), then the same for each column with the new r.
    private static func geometricMeanPass(_ model: LinearProgram, _ r: inout [Double], _ s: inout [Double]) {
        var columnMin = [Double](repeating: .infinity, count: s.count), columnMax = [Double](repeating: 0, count: s.count)
        for (i, row) in model.constraints.enumerated() {
            var rowMin = Double.infinity, rowMax = 0.0
            for (k, j) in row.columns.enumerated() where row.coefficients[k] != 0 {
                let magnitude = abs(r[i] * row.coefficients[k] * s[j])
                rowMin = min(rowMin, magnitude)
                rowMax = max(rowMax, magnitude)
            }
            if rowMax > 0 { r[i] /= (rowMin * rowMax).squareRoot() }
            for (k, j) in row.columns.enumerated() where row.coefficients[k] != 0 {
                let magnitude = abs(r[i] * row.coefficients[k] * s[j])
                columnMin[j] = min(columnMin[j], magnitude)
                columnMax[j] = max(columnMax[j], magnitude)
            }
        }
        for j in s.indices where columnMax[j] > 0 { s[j] /= (columnMin[j] * columnMax[j]).squareRoot() }
    }

    /// Each row, then each column, scaled to largest magnitude 1.
    private static func equilibrate(_ model: LinearProgram, _ r: inout [Double], _ s: inout [Double]) {
        for (i, row) in model.constraints.enumerated() {
            var largest = 0.0
            for (k, j) in row.columns.enumerated() { largest = max(largest, abs(r[i] * row.coefficients[k] * s[j])) }
            if largest > 0 { r[i] /= largest }
        }
        var columnMax = [Double](repeating: 0, count: s.count)
        for (i, row) in model.constraints.enumerated() {
            for (k, j) in row.columns.enumerated() { columnMax[j] = max(columnMax[j], abs(r[i] * row.coefficients[k] * s[j])) }
        }
        for j in s.indices where columnMax[j] > 0 { s[j] /= columnMax[j] }
    }

    /// 2^round(log₂ x) for a positive finite x.
    static func nearestPowerOfTwo(_ x: Double) -> Double {
        guard x.isFinite, x > 0 else { return 1 }
        return Double(sign: .plus, exponent: Int((x.significand >= 2.0.squareRoot() ? 1 : 0) + x.exponent), significand: 1)
    }
}
