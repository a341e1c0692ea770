import ConvexNetworks
import LinearProgramming

/// How far samples are from convex: the smallest uniform perturbation of the targets after
/// which a convex function fits them,
///
///     δ* = min over convex f of maxᵢ |f(xᵢ) − yᵢ|,
///
/// the optimum of the L∞ convex regression LP (``ConvexRegressionEstimator``, `.linf`). It is
/// bracketed by two checks that do not trust the solver: `lower` is the last cutting-plane
/// LP's optimum, whose rows are a subset of the full LP's, so it is a lower bound once `verify`
/// accepts that LP's certificate (`lowerVerified`); `upper` is max |f̂(xᵢ) − yᵢ| of the fitted
/// max-affine f̂, re-evaluated at every sample — a convex function within `upper` of every
/// target. Samples fit a convex f with y ≤ f ≤ y + τ (``DataConvexity``'s question) exactly
/// when τ ≥ 2δ*.
public struct ConvexityDistance: Sendable {
    /// A certified lower bound on δ* (when `lowerVerified`), in the target's units.
    public var lower: Double
    public var lowerVerified: Bool
    /// δ* ≤ upper, by the fitted function itself.
    public var upper: Double
    /// The fitted max-affine function attaining `upper`.
    public var model: RegressionModel
    public var rounds: Int
    public var seconds: Double

    /// Solves the L∞ LP for `data` (at most ``ConvexRegressionEstimator/maximumSampleCount`` samples).
    public static func measure(_ data: Dataset, using solver: any LPSolver) throws -> ConvexityDistance {
        let result = try ConvexRegressionEstimator.solve(data, norm: .linf, using: solver)
        return ConvexityDistance(lower: max(result.objective, 0), lowerVerified: result.lpReport.verified,
                                 upper: result.maxAbsoluteError, model: result.model, rounds: result.rounds, seconds: result.seconds)
    }
}
