import DataFiles

/// Samples for regression: `count` inputs of `dimension` features each, and one target per sample.
///
/// Inputs are stored features × samples, column-major: sample `s` occupies
/// `inputs[s*dimension ..< (s+1)*dimension]`, which is the layout the network's batched BLAS
/// calls read directly.
public struct Dataset: Sendable, Equatable {
    /// Names of the input features, in storage order.
    public let inputNames: [String]
    /// Name of the target.
    public let targetName: String
    /// All inputs, `dimension` consecutive values per sample.
    public let inputs: [Double]
    /// One target per sample.
    public let targets: [Double]

    /// Number of input features.
    public var dimension: Int { inputNames.count }
    /// Number of samples.
    public var count: Int { targets.count }

    /// A data set from values in memory. Throws `.emptyDataset` when there are no input
    /// features, `.invalidSetting` for repeated names or a target that is also an input,
    /// `.dimensionMismatch` when `inputs` does not hold `dimension × targets.count` values, and
    /// `.nonFiniteValue` for NaN or infinite values. Zero samples are allowed.
    public init(inputNames: [String], targetName: String, inputs: [Double], targets: [Double]) throws {
        try Self.checkNames(inputNames: inputNames, targetName: targetName)
        let d = inputNames.count
        guard inputs.count == d * targets.count else {
            throw ConvexNetworksError.dimensionMismatch(
                what: "inputs (\(d) features × \(targets.count) samples, one sample after another)",
                expected: d * targets.count, actual: inputs.count)
        }
        if let i = inputs.firstIndex(where: { !$0.isFinite }) {
            throw ConvexNetworksError.nonFiniteValue(
                what: "input '\(inputNames[i % d])' of sample \(i / d + 1) (\(inputs[i]))")
        }
        if let s = targets.firstIndex(where: { !$0.isFinite }) {
            throw ConvexNetworksError.nonFiniteValue(what: "target '\(targetName)' of sample \(s + 1) (\(targets[s]))")
        }
        self.init(validatedInputNames: inputNames, targetName: targetName, inputs: inputs, targets: targets)
    }

    /// Samples from a CSV table: `target` names the target column, `inputs` the input columns
    /// (default: every other column, in file order). Throws `.unknownColumn` for a name the
    /// table lacks, `.invalidSetting` if the target is also listed as an input or an input is
    /// listed twice, and `.emptyDataset` if the table has no rows or no input columns.
    public init(table: CSVTable, target: String, inputs: [String]? = nil) throws {
        guard let targetColumn = table.header.firstIndex(of: target) else {
            throw ConvexNetworksError.unknownColumn(name: target, available: table.header)
        }
        let names = inputs ?? table.header.filter { $0 != target }
        try Self.checkNames(inputNames: names, targetName: target)
        var inputColumns: [Int] = []
        for name in names {
            guard let k = table.header.firstIndex(of: name) else {
                throw ConvexNetworksError.unknownColumn(name: name, available: table.header)
            }
            inputColumns.append(k)
        }
        guard table.rowCount > 0 else {
            throw ConvexNetworksError.emptyDataset(reason: "the table has a header but no data rows; add samples below the header")
        }
        let d = names.count, n = table.rowCount
        // inputs[s·d + j] = column_j[s]
        let values = [Double](unsafeUninitializedCapacity: d * n) { out, initialized in
            for (j, k) in inputColumns.enumerated() {
                table.columns[k].withUnsafeBufferPointer { column in
                    for s in 0..<n { out[s * d + j] = column[s] }
                }
            }
            initialized = d * n
        }
        // CSVTable guarantees finite values and equal column lengths
        self.init(validatedInputNames: names, targetName: target, inputs: values, targets: table.columns[targetColumn])
    }

    private init(validatedInputNames: [String], targetName: String, inputs: [Double], targets: [Double]) {
        self.inputNames = validatedInputNames
        self.targetName = targetName
        self.inputs = inputs
        self.targets = targets
    }

    private static func checkNames(inputNames: [String], targetName: String) throws {
        guard !inputNames.isEmpty else {
            throw ConvexNetworksError.emptyDataset(reason: "no input columns; name at least one input besides the target '\(targetName)'")
        }
        if inputNames.contains(targetName) {
            throw ConvexNetworksError.invalidSetting(
                name: "inputs", value: "'\(targetName)'",
                reason: "the target column cannot also be an input; remove it from the input list")
        }
        var seen = Set<String>()
        for name in inputNames where !seen.insert(name).inserted {
            throw ConvexNetworksError.invalidSetting(name: "inputs", value: "'\(name)'", reason: "an input is listed twice; list each column once")
        }
    }

    /// Throws `.valueTooLarge` naming the first input or target (column and 1-based sample)
    /// whose magnitude exceeds `limit`, e.g. ``Standardizer/largestTrainableMagnitude``.
    public func checkMagnitudes(atMost limit: Double) throws {
        if let i = inputs.firstIndex(where: { abs($0) > limit }) {
            throw ConvexNetworksError.valueTooLarge(what: "input '\(inputNames[i % dimension])' of sample \(i / dimension + 1)",
                                                    value: inputs[i], limit: limit)
        }
        if let s = targets.firstIndex(where: { abs($0) > limit }) {
            throw ConvexNetworksError.valueTooLarge(what: "target '\(targetName)' of sample \(s + 1)", value: targets[s], limit: limit)
        }
    }

    /// The `dimension` input values of sample `s`.
    public func input(ofSample s: Int) -> ArraySlice<Double> {
        inputs[s * dimension ..< (s + 1) * dimension]
    }

    /// The samples at `indices`, in that order (repeats allowed). Every index must lie in
    /// `0 ..< count`.
    public func subset(_ indices: [Int]) -> Dataset {
        let d = dimension
        var newInputs = [Double]()
        newInputs.reserveCapacity(indices.count * d)
        var newTargets = [Double]()
        newTargets.reserveCapacity(indices.count)
        for s in indices {
            precondition(s >= 0 && s < count, "Dataset.subset: sample index \(s) is outside 0..<\(count)")
            newInputs.append(contentsOf: inputs[s * d ..< (s + 1) * d])
            newTargets.append(targets[s])
        }
        return Dataset(validatedInputNames: inputNames, targetName: targetName, inputs: newInputs, targets: newTargets)
    }

    /// Splits the samples at random into training and validation parts.
    ///
    /// The validation part gets `round(validationFraction × count)` samples, capped at
    /// `count − 1` so that training keeps at least one; it is empty when the fraction is 0.
    /// Samples are drawn by a Fisher–Yates shuffle seeded with `seed` (same seed, same split);
    /// each part keeps the original sample order. Throws `.invalidSetting` for a fraction
    /// outside [0, 1) and `.emptyDataset` when there are no samples.
    public func split(validationFraction: Double, seed: UInt64) throws -> (training: Dataset, validation: Dataset) {
        guard validationFraction.isFinite, validationFraction >= 0, validationFraction < 1 else {
            throw ConvexNetworksError.invalidSetting(
                name: "validationFraction", value: "\(validationFraction)",
                reason: "must lie in [0, 1): 0 for no validation set, e.g. 0.2 to hold out a fifth")
        }
        guard count > 0 else {
            throw ConvexNetworksError.emptyDataset(reason: "there are no samples to split")
        }
        // n_val = min(round(f·n), n − 1)
        let validationCount = min(Int((validationFraction * Double(count)).rounded()), count - 1)
        var order = Array(0..<count)
        var generator = SeededGenerator(seed: seed)
        generator.shuffle(&order)
        let validation = order[..<validationCount].sorted()
        let training = order[validationCount...].sorted()
        return (subset(training), subset(validation))
    }
}
