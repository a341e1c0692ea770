import Foundation

/// The six regression functions of the paper's experiment, on inputs x ∈ [−1, 1]^d.
///
/// f3 is the only non-convex one and, as in the paper, is always fitted without noise.
/// f6 needs a shift μ ~ N(0, I/d), drawn per seed by ``RegressionProblem``; the others ignore it.
enum RegressionTarget: String, CaseIterable, Sendable {
    case f1, f2, f3, f4, f5, f6

    /// The formula, for tables and help texts.
    var formula: String {
        switch self {
        case .f1: return "‖x‖²"
        case .f2: return "‖x‖₄⁴"
        case .f3: return "‖x‖² + 0.25 sin(20‖x‖)"
        case .f4: return "‖x‖₁"
        case .f5: return "exp(‖x‖₁/√d)"
        case .f6: return "max(‖x−μ‖², ‖x+μ‖²)"
        }
    }

    /// Whether the function is convex (all but f3).
    var isConvex: Bool { self != .f3 }

    /// f3 is noiseless in the paper's setup whatever σ the others get.
    var isAlwaysNoiseless: Bool { self == .f3 }

    /// Whether the function uses the random shift μ.
    var needsShift: Bool { self == .f6 }

    /// f(x) for one sample `x` (d values); `shift` is μ for f6 and ignored otherwise.
    func value(_ x: ArraySlice<Double>, shift: [Double]) -> Double {
        let d = Double(x.count)
        switch self {
        case .f1:
            return x.reduce(0) { $0 + $1 * $1 }                                   // Σ xᵢ²
        case .f2:
            return x.reduce(0) { $0 + $1 * $1 * $1 * $1 }                         // Σ xᵢ⁴
        case .f3:
            let squared = x.reduce(0) { $0 + $1 * $1 }
            return squared + 0.25 * sin(20 * squared.squareRoot())              // ‖x‖² + ¼ sin(20‖x‖)
        case .f4:
            return x.reduce(0) { $0 + abs($1) }                                   // Σ |xᵢ|
        case .f5:
            return exp(x.reduce(0) { $0 + abs($1) } / d.squareRoot())             // exp(‖x‖₁/√d)
        case .f6:
            precondition(shift.count == x.count, "f6 needs a shift μ of the input's dimension")
            // max(‖x−μ‖², ‖x+μ‖²) = ‖x‖² + ‖μ‖² + 2|⟨x, μ⟩|
            var squared = 0.0, shiftSquared = 0.0, inner = 0.0
            for (xi, mi) in zip(x, shift) {
                squared += xi * xi
                shiftSquared += mi * mi
                inner += xi * mi
            }
            return squared + shiftSquared + 2 * abs(inner)
        }
    }

    /// Parses a comma-separated list such as "f1,f2" (case-insensitive, order kept, repeats dropped).
    static func parseList(_ text: String) throws -> [RegressionTarget] {
        try ListOption.parse(text, option: "--targets", expected: "one of " + allCases.map(\.rawValue).joined(separator: ", "),
                             example: "f1,f2") { RegressionTarget(rawValue: $0.lowercased()) }
    }
}
