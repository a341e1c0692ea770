import Foundation

/// One trained model of the regression benchmark: a (target, d, model, seed) and its errors.
struct RegressionRun: Sendable {
    let target: RegressionTarget
    let dimension: Int
    let model: ModelSpec
    let parameterCount: Int
    let seed: UInt64
    /// MSE on the noiseless test points, in the target's units.
    let testMSE: Double
    /// MSE of the final model on its (noisy) training samples.
    let trainMSE: Double
    /// Wall-clock time of the fit.
    let seconds: Double
    /// Variance of f over the test points: the test MSE of the best constant prediction.
    let testVariance: Double

    /// A run whose errors are NaN or infinite, or whose test MSE exceeds ``divergenceFactor``
    /// times that of a constant prediction (training blew up without overflowing).
    var diverged: Bool { !testMSE.isFinite || !trainMSE.isFinite || testMSE > Self.divergenceFactor * testVariance }

    static let divergenceFactor = 100.0

    static let csvHeader = "target,d,model,params,seed,test_mse,train_mse,seconds"

    /// One CSV row in the order of ``csvHeader`` (non-finite errors are written as nan/inf).
    var csvRow: String {
        [target.rawValue, String(dimension), ResultTable.csvField(model.key), String(parameterCount), String(seed),
         Self.full(testMSE), Self.full(trainMSE), String(format: "%.3f", seconds)].joined(separator: ",")
    }

    /// Shortest round-tripping text of x ("nan", "inf", "-inf" for the non-finite).
    private static func full(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return "\(x)"
    }
}
