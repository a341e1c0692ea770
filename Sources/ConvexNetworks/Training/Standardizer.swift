/// Per-coordinate affine scaling `z = (x − mean) / scale`, fitted to data so that each
/// coordinate has mean 0 and population standard deviation 1. Models store one for the inputs
/// and one (dimension 1) for the target, so predictions come back in original units.
///
/// Data are features × samples, column-major as in ``Dataset``: sample `s` is
/// `values[s*dimension ..< (s+1)*dimension]`.
public struct Standardizer: Codable, Sendable, Equatable {
    /// Per-coordinate mean of the fitted data.
    public let mean: [Double]
    /// Per-coordinate population standard deviation, or 1 where the coordinate is constant
    /// (so a constant coordinate maps to 0). Always positive and finite.
    public let scale: [Double]

    /// Number of coordinates.
    public var dimension: Int { mean.count }

    /// A standardizer with the given means and scales. Throws `.dimensionMismatch` when the
    /// counts differ, `.nonFiniteValue` for a non-finite mean and `.invalidSetting` for a scale
    /// that is not positive and finite.
    public init(mean: [Double], scale: [Double]) throws {
        guard mean.count == scale.count else {
            throw ConvexNetworksError.dimensionMismatch(what: "standardizer scales (one per mean)", expected: mean.count, actual: scale.count)
        }
        if let k = mean.firstIndex(where: { !$0.isFinite }) {
            throw ConvexNetworksError.nonFiniteValue(what: "standardizer mean of coordinate \(k + 1) (\(mean[k]))")
        }
        if let k = scale.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw ConvexNetworksError.invalidSetting(name: "scale[\(k + 1)]", value: "\(scale[k])",
                                                     reason: "scales must be positive and finite")
        }
        self.mean = mean
        self.scale = scale
    }

    /// The map that leaves `dimension` coordinates unchanged (mean 0, scale 1).
    public static func identity(dimension: Int) -> Standardizer {
        Standardizer(unchecked: [Double](repeating: 0, count: dimension), [Double](repeating: 1, count: dimension))
    }

    private init(unchecked mean: [Double], _ scale: [Double]) {
        self.mean = mean
        self.scale = scale
    }

    /// The largest magnitude a value may have for training (``Dataset/checkMagnitudes(atMost:)``):
    /// squares of values up to 1e150 stay below 1e300, so scales, errors in the data's units and
    /// their squares are finite Doubles (the largest is about 1.8e308).
    public static let largestTrainableMagnitude = 1e150

    /// Fits means and population standard deviations to `values` (features × samples, so
    /// `values.count` must be a multiple of `dimension`, which must be positive). With no
    /// samples this is the identity. Values are expected finite, as ``Dataset`` guarantees.
    /// Sums run on values divided by a power of two near each coordinate's largest magnitude, so
    /// they cannot overflow (and ordinary data give bit-for-bit the unscaled sums); a spread
    /// that is still not a positive finite number (values near ±1.8e308) becomes 1.
    public init(fitting values: [Double], dimension d: Int) {
        precondition(d > 0, "Standardizer(fitting:dimension:) needs a positive dimension, got \(d)")
        precondition(values.count % d == 0,
                     "Standardizer(fitting:dimension:): \(values.count) values is not a whole number of samples of dimension \(d)")
        let n = values.count / d
        guard n > 0 else {
            self.init(unchecked: [Double](repeating: 0, count: d), [Double](repeating: 1, count: d))
            return
        }
        var mean = [Double](repeating: 0, count: d)
        var scale = [Double](repeating: 0, count: d)
        var low = [Double](repeating: .infinity, count: d)
        var high = [Double](repeating: -.infinity, count: d)
        values.withUnsafeBufferPointer { x in
            for s in 0..<n {
                for k in 0..<d {
                    low[k] = Swift.min(low[k], x[s * d + k])
                    high[k] = Swift.max(high[k], x[s * d + k])
                }
            }
            // p = 2^⌊log₂ max|x|⌋: dividing by it is exact for normal values and keeps sums finite
            let power = (0..<d).map { k in
                let largest = Swift.max(abs(low[k]), abs(high[k]))
                return largest > 0 ? Double(sign: .plus, exponent: largest.exponent, significand: 1) : 1
            }
            for s in 0..<n {
                for k in 0..<d { mean[k] += x[s * d + k] / power[k] }
            }
            for k in 0..<d { mean[k] /= Double(n) }  // μ/p = Σ (x/p) / n
            for s in 0..<n {
                for k in 0..<d {
                    let r = x[s * d + k] / power[k] - mean[k]
                    scale[k] += r * r
                }
            }
            for k in 0..<d {
                scale[k] = power[k] * (scale[k] / Double(n)).squareRoot()  // σ = p·√(Σ ((x − μ)/p)² / n)
                mean[k] *= power[k]
            }
        }
        for k in 0..<d {
            if low[k] == high[k] {  // constant: μ = x exactly, σ := 1, so z = 0
                mean[k] = low[k]
                scale[k] = 1
            } else if !(scale[k] > 0 && scale[k].isFinite) {
                scale[k] = 1
            }
        }
        self.init(unchecked: mean, scale)
    }

    /// Standardizes `values` (features × samples) in place.
    public func standardize(_ values: inout [Double]) {
        let d = dimension
        precondition(d > 0 && values.count % d == 0,
                     "Standardizer.standardize: \(values.count) values is not a whole number of samples of dimension \(d)")
        mean.withUnsafeBufferPointer { mu in
            scale.withUnsafeBufferPointer { sigma in
                values.withUnsafeMutableBufferPointer { x in
                    for s in 0..<(x.count / d) {
                        for k in 0..<d { x[s * d + k] = (x[s * d + k] - mu[k]) / sigma[k] }  // z = (x − mean) / scale
                    }
                }
            }
        }
    }

    /// A standardized copy of `values` (features × samples).
    public func standardized(_ values: [Double]) -> [Double] {
        var copy = values
        standardize(&copy)
        return copy
    }

    /// Maps standardized `values` (features × samples) back to original units, in place.
    public func restore(_ values: inout [Double]) {
        let d = dimension
        precondition(d > 0 && values.count % d == 0,
                     "Standardizer.restore: \(values.count) values is not a whole number of samples of dimension \(d)")
        mean.withUnsafeBufferPointer { mu in
            scale.withUnsafeBufferPointer { sigma in
                values.withUnsafeMutableBufferPointer { z in
                    for s in 0..<(z.count / d) {
                        for k in 0..<d { z[s * d + k] = z[s * d + k] * sigma[k] + mu[k] }  // x = z · scale + mean
                    }
                }
            }
        }
    }

    /// A copy of standardized `values` mapped back to original units.
    public func restored(_ values: [Double]) -> [Double] {
        var copy = values
        restore(&copy)
        return copy
    }

    private enum CodingKeys: String, CodingKey { case mean, scale }

    /// Decodes and validates as `init(mean:scale:)` does (a corrupted file cannot yield a zero scale).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let mean = try container.decode([Double].self, forKey: .mean)
        let scale = try container.decode([Double].self, forKey: .scale)
        do {
            try self.init(mean: mean, scale: scale)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .scale, in: container, debugDescription: "\(error)")
        }
    }
}
