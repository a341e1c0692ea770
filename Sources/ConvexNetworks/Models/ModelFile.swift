import DataFiles
import Foundation

/// The versioned JSON form of a ``RegressionModel`` (`"format": "hycnn-model", "version": 1`):
/// architecture, nonlinearity, scalers, names and every layer's V, W, b as row-major nested
/// arrays; an icnn-quadratic model adds `quadraticRank` r and its first layer's factors `A`
/// ((m₁·r) × d, row j·r + ρ the factor aⱼᵨ of unit j). Both keys are optional and absent for
/// the other families, so their files are unchanged and every earlier file still loads at
/// version 1. `inputRange` (`{"lower": […], "upper": […]}`, the training inputs' box) is
/// optional in the same way. Numbers are written in shortest round-trip form, so save → load is bit-exact.
struct ModelFile: Codable {
    static let formatName = "hycnn-model"
    static let currentVersion = 1

    struct NonlinearityEntry: Codable {
        var name: String
        var parameter: Double?
    }

    struct LayerEntry: Codable {
        /// rows × fanIn, row-major; nil for the first layer.
        var V: [[Double]]?
        /// rows × d, row-major; nil without input skip.
        var W: [[Double]]?
        var b: [Double]
        /// The quadratic factors, (rows·r) × d row-major; only in an icnn-quadratic model's first layer.
        var A: [[Double]]?
    }

    /// The keys of a model file, for strict reading: anything else is an error.
    static let keys: KeySchema = {
        let scaler = KeySchema.object(["mean": .value, "scale": .value])
        return .object([
            "format": .value, "version": .value, "family": .value, "inputDimension": .value, "widths": .value, "lanes": .value, "quadraticRank": .value,
            "nonlinearity": .object(["name": .value, "parameter": .value]), "convex": .value,
            "inputNames": .value, "targetName": .value, "inputScaler": scaler, "targetScaler": scaler,
            "inputRange": .object(["lower": .value, "upper": .value]),
            "layers": .list(.object(["V": .value, "W": .value, "b": .value, "A": .value])),
        ])
    }()

    var format: String
    var version: Int
    var family: String
    var inputDimension: Int
    var widths: [Int]
    var lanes: Int
    /// The quadratic first layer's rank (icnn-quadratic only; absent otherwise).
    var quadraticRank: Int?
    var nonlinearity: NonlinearityEntry
    /// The writer's verdict of the sufficient convexity condition (re-checked on load).
    var convex: Bool
    var inputNames: [String]
    var targetName: String
    var inputScaler: Standardizer
    var targetScaler: Standardizer
    /// The training inputs' box (optional: absent in files written before it was recorded).
    var inputRange: InputRange?
    var layers: [LayerEntry]

    init(_ model: RegressionModel) {
        let network = model.network, architecture = network.architecture
        format = Self.formatName
        version = Self.currentVersion
        family = architecture.family.rawValue
        inputDimension = architecture.inputDimension
        widths = architecture.widths
        lanes = architecture.lanes
        quadraticRank = architecture.quadraticRank > 0 ? architecture.quadraticRank : nil
        nonlinearity = NonlinearityEntry(name: architecture.nonlinearity.name, parameter: architecture.nonlinearity.parameter)
        convex = architecture.hasConstrainedWeights && architecture.nonlinearity.isConvexNondecreasing
        inputNames = model.inputNames
        targetName = model.targetName
        inputScaler = model.inputScaler
        targetScaler = model.targetScaler
        inputRange = model.inputRange
        let theta = network.parameters, d = architecture.inputDimension
        // The rows of a column-major rows × columns block at `offset` with leading dimension `leading`.
        func rowMajor(_ offset: Int, rows: Int, columns: Int, leading: Int) -> [[Double]] {
            (0..<rows).map { r in (0..<columns).map { c in theta[offset + c * leading + r] } }
        }
        let factors = architecture.quadraticFactorCount
        layers = architecture.layers.enumerated().map { l, shape in
            LayerEntry(V: shape.fanIn > 0 ? rowMajor(shape.vOffset, rows: shape.rows, columns: shape.fanIn, leading: shape.rows) : nil,
                       W: shape.hasSkip ? rowMajor(shape.wOffset, rows: shape.rows, columns: d, leading: shape.wLeading) : nil,
                       b: Array(theta[shape.bOffset..<(shape.bOffset + shape.rows)]),
                       A: l == 0 && factors > 0 ? rowMajor(architecture.quadraticOffset, rows: factors, columns: d, leading: factors) : nil)
        }
    }

    /// Rebuilds and checks the model: format, version, shapes, finite numbers, and for a model
    /// declared convex every constrained V ≥ 0.
    func model(path: String) throws -> RegressionModel {
        func bad(_ reason: String) -> ConvexNetworksError { .invalidModelFile(path: path, reason: reason) }
        guard format == Self.formatName else { throw bad("\"format\" is \"\(format)\", expected \"\(Self.formatName)\"") }
        guard version == Self.currentVersion else { throw ConvexNetworksError.unsupportedVersion(found: version, supported: Self.currentVersion) }
        guard let family = ModelFamily(rawValue: family) else {
            throw bad("unknown family \"\(self.family)\" (expected \(ModelFamily.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if family == .icnnQuadratic && quadraticRank == nil { throw bad("an icnn-quadratic model needs \"quadraticRank\"") }
        if family != .icnnQuadratic && quadraticRank != nil {
            throw bad("\"quadraticRank\" is given but a \(family.rawValue) model has no quadratic term; remove it")
        }
        let architecture = Architecture(family: family, inputDimension: inputDimension, widths: widths,
                                        nonlinearity: try Nonlinearity(name: nonlinearity.name, parameter: nonlinearity.parameter),
                                        lanes: lanes, quadraticRank: quadraticRank ?? 0)
        do { try architecture.validate() } catch { throw bad("\(error)") }
        if nonlinearity.parameter != nil && architecture.nonlinearity.parameter == nil {
            throw bad("nonlinearity.parameter is given but \"\(nonlinearity.name)\" takes none; remove it")
        }
        if convex && !(architecture.hasConstrainedWeights && architecture.nonlinearity.isConvexNondecreasing) {
            throw bad("\"convex\" is true but a \(family.rawValue) model with \(nonlinearity.name) is not convex by construction")
        }
        let shapes = architecture.layers
        guard layers.count == shapes.count else { throw bad("\(layers.count) layers, the architecture has \(shapes.count)") }
        // Every array against its declared shape before the parameter vector is allocated.
        func check(_ matrix: [[Double]]?, rows: Int, columns: Int, name: String, layer: Int) throws {
            guard columns > 0 else {
                guard matrix == nil else { throw bad("layer \(layer) has \(name) but its architecture has none") }
                return
            }
            guard let matrix, matrix.count == rows, matrix.allSatisfy({ $0.count == columns }) else {
                throw bad("layer \(layer): \(name) must be \(rows) × \(columns)")
            }
            for (r, row) in matrix.enumerated() {
                if let c = row.firstIndex(where: { !$0.isFinite }) { throw bad("layer \(layer): \(name)[\(r)][\(c)] is not finite") }
            }
        }
        for (l, (shape, entry)) in zip(shapes, layers).enumerated() {
            try check(entry.V, rows: shape.rows, columns: shape.fanIn, name: "V", layer: l + 1)
            try check(entry.W, rows: shape.rows, columns: shape.hasSkip ? inputDimension : 0, name: "W", layer: l + 1)
            try check([entry.b], rows: 1, columns: shape.rows, name: "b", layer: l + 1)
            let factors = l == 0 ? architecture.quadraticFactorCount : 0
            try check(entry.A, rows: factors, columns: factors > 0 ? inputDimension : 0, name: "A", layer: l + 1)
        }
        var theta = [Double](repeating: 0, count: architecture.parameterCount)
        // Row-major matrix[r][c] into the column-major block at `offset` with leading dimension `leading`.
        func fill(_ matrix: [[Double]]?, offset: Int, leading: Int) {
            for (r, row) in (matrix ?? []).enumerated() {
                for (c, value) in row.enumerated() { theta[offset + c * leading + r] = value }
            }
        }
        for (shape, entry) in zip(shapes, layers) {
            fill(entry.V, offset: shape.vOffset, leading: shape.rows)
            fill(entry.W, offset: shape.wOffset, leading: shape.wLeading)
            fill([entry.b], offset: shape.bOffset, leading: 1)
        }
        fill(layers.first?.A, offset: architecture.quadraticOffset, leading: architecture.quadraticFactorCount)
        let network = try ConvexNetwork(architecture: architecture, parameters: theta)
        if convex {
            for (l, minimum) in network.minimumConstrainedWeights.enumerated() {
                if let minimum, minimum < 0 { throw ConvexNetworksError.notConvex(layer: l + 1, minimumWeight: minimum) }
            }
        }
        do {
            var model = try RegressionModel(network: network, inputScaler: inputScaler, targetScaler: targetScaler,
                                            inputNames: inputNames, targetName: targetName)
            model.inputRange = try inputRange.map { try InputRange(lower: $0.lower, upper: $0.upper, dimension: inputDimension) }
            return model
        } catch { throw bad("\(error)") }
    }
}

extension RegressionModel {
    /// The model as versioned JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(ModelFile(self))
    }

    /// Writes the model file (see ``OutputFile``: a temporary file renamed over `path` once
    /// complete); loading it gives back identical predictions bit for bit.
    public func save(to path: String) throws {
        do { try OutputFile(path: path).write(jsonData()) } catch let error as FileError {
            throw ConvexNetworksError(error, path: path, writing: true)
        }
    }

    /// Reads and checks a model file (at most ``InputFile/defaultLimit`` bytes, a regular file).
    public init(contentsOfFile path: String) throws {
        try self.init(jsonData: Data(ConvexNetworksError.reading(path)), path: path)
    }

    /// Reads and checks a model from JSON (`path` names it in errors): the format and version
    /// first, then every key against ``ModelFile/keys`` (an unknown key is an error naming its
    /// path and the nearest valid key), then sizes and shapes before any parameter is stored.
    public init(jsonData data: Data, path: String = "<data>") throws {
        func bad(_ reason: String) -> ConvexNetworksError { .invalidModelFile(path: path, reason: reason) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw bad("not valid JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else { throw bad("the top level must be an object") }
        // A newer version's keys are not "unknown": say that the version is not supported.
        try ModelFileEntry.checkHeader(root, path: path)
        do { try ModelFile.keys.check(root, source: data, file: path) } catch let error as FileError { throw ConvexNetworksError(error, path: path) }
        let file: ModelFile
        do { file = try JSONDecoder().decode(ModelFile.self, from: data) } catch let error as DecodingError {
            throw ConvexNetworksError.invalidModelFile(path: path, reason: Self.describe(error))
        }
        self = try file.model(path: path)
    }

    private static func describe(_ error: DecodingError) -> String {
        func where_(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case let .keyNotFound(key, context): return "missing key \"\(key.stringValue)\" at \(where_(context).isEmpty ? "top level" : where_(context))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context): return "\(where_(context)): \(context.debugDescription)"
        case let .dataCorrupted(context): return "not valid JSON or a bad value at \(where_(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
