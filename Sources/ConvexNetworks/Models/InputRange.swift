/// The box of a model's training inputs: per input, the smallest and largest value in the
/// data it was fitted to. Model files record it (`"inputRange": {"lower": […], "upper": […]}`)
/// so that a model evaluated outside it — extrapolating — can be told apart.
public struct InputRange: Sendable, Equatable, Codable {
    public var lower: [Double]
    public var upper: [Double]

    /// Checks the shape (`dimension` entries each), finiteness and lower ≤ upper.
    public init(lower: [Double], upper: [Double], dimension: Int) throws {
        guard lower.count == dimension, upper.count == dimension else {
            throw ConvexNetworksError.dimensionMismatch(what: "input range", expected: dimension, actual: min(lower.count, upper.count))
        }
        for k in 0..<dimension where !(lower[k].isFinite && upper[k].isFinite && lower[k] <= upper[k]) {
            throw ConvexNetworksError.invalidSetting(name: "inputRange[\(k)]", value: "[\(lower[k]), \(upper[k])]",
                                                     reason: "must be finite with lower ≤ upper")
        }
        self.lower = lower
        self.upper = upper
    }

    /// The box of `inputs` (d × n, column-major); nil without samples.
    public init?(inputs: [Double], dimension d: Int) {
        guard d > 0, inputs.count >= d else { return nil }
        lower = Array(inputs[0..<d])
        upper = lower
        for start in stride(from: d, to: inputs.count - d + 1, by: d) {
            for k in 0..<d {
                lower[k] = min(lower[k], inputs[start + k])
                upper[k] = max(upper[k], inputs[start + k])
            }
        }
    }

    /// The inputs of `x` outside the box, beyond a relative slack of 1e-9 of the range's scale.
    public func outside(_ x: [Double]) -> [Int] {
        x.indices.filter { k in
            let slack = 1e-9 * max(1, abs(lower[k]), abs(upper[k]))
            return x[k] < lower[k] - slack || x[k] > upper[k] + slack
        }
    }
}
