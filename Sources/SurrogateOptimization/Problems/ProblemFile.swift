import ConvexNetworks
import DataFiles
import Foundation
import LinearProgramming

/// A surrogate problem read from JSON (model and data paths relative to the file):
///
///     {"variables":  [{"name": "p1", "lower": 0, "upper": 80}, …],
///      "surrogates": [{"name": "cost1", "model": "gen1.model.json", "inputs": ["p1"], "data": "gen1.csv"}, …],
///      "objective":  {"sense": "minimize", "surrogates": ["cost1", {"name": "cost2", "weight": 2}],
///                     "linear": {"p2": 2.5}, "constant": 0},
///      "constraints":[{"name": "demand", "linear": {"p1": 1, "p2": 1}, "equals": 150},
///                     {"name": "cap", "surrogate": "emis", "upper": 40},
///                     {"name": "ramp", "linear": {"p1": 1, "p2": -1}, "lower": -20, "upper": 20}],
///      "reference":  {"objective": 123.4, "variables": {"p1": …}, "source": "…",
///                     "truth": {"cost1": [c0, c1, c2]}, "duals": {"demand": 3.79}}}
///
/// An input is a variable name or an affine map `{"linear": {"p1": 0.5}, "constant": 1}`.
/// Bounds (`lower`, `upper` of variables and constraints) that are omitted or `null` are
/// infinite: no bound on that side. Every key is checked against ``keys``.
/// `data` (optional) names the samples a surrogate was fitted to, for plots; `reference`
/// (optional) is a known answer to compare with.
public struct ProblemFile: Sendable {
    public struct Reference: Sendable {
        public var objective: Double?
        public var variables: [String: Double]
        public var source: String?
        /// Surrogate name → the true function of its single input as polynomial coefficients
        /// c₀ + c₁t + c₂t² + …, when known (to price x* at the truth).
        public var truth: [String: [Double]]
        /// Constraint name → its known dual value (a price, e.g. λ of a demand row).
        public var duals: [String: Double] = [:]

        /// cᵀx + Σ w·truth(input) at x, when every objective surrogate has a truth.
        public func trueObjective(of problem: SurrogateProblem, at x: [Double]) -> Double? {
            var total = problem.objectiveLinear.value(at: x)
            for term in problem.objectiveSurrogates {
                let surrogate = problem.surrogates[term.surrogate]
                guard surrogate.inputs.count == 1, let coefficients = truth[surrogate.name] else { return nil }
                let t = surrogate.inputs[0].value(at: x)
                total += term.weight * coefficients.reversed().reduce(0) { $0 * t + $1 }   // Horner
            }
            return total
        }
    }

    public var problem: SurrogateProblem
    public var reference: Reference?
    /// Surrogate name → absolute path of its data file.
    public var dataFiles: [String: String]
    /// Surrogate name → absolute path of its model file.
    public var modelFiles: [String: String]
    public var path: String

    /// The keys of a problem file, for strict reading: any other key, at any level, is an error
    /// naming its path and the nearest valid key. A constraint takes `equals` or `lower`/`upper`,
    /// and `surrogate` or `linear`/`constant`, not both.
    public static let keys: KeySchema = {
        let coefficients = KeySchema.map(.value)
        let affine = KeySchema.object(["linear": coefficients, "constant": .value])
        return .object([
            "variables": .list(.object(["name": .value, "lower": .value, "upper": .value])),
            "surrogates": .list(.object(["name": .value, "model": .value, "inputs": .list(affine), "data": .value])),
            "objective": .object(["sense": .value, "surrogates": .list(.object(["name": .value, "weight": .value])),
                                  "linear": coefficients, "constant": .value]),
            "constraints": .list(.object(["name": .value, "linear": coefficients, "constant": .value, "surrogate": .value,
                                          "lower": .value, "upper": .value, "equals": .value],
                                         exclusive: [.init(["equals"], ["lower", "upper"]), .init(["surrogate"], ["linear", "constant"])])),
            "reference": .object(["objective": .value, "variables": coefficients, "source": .value, "truth": .map(.value),
                                  "duals": coefficients]),
        ])
    }()

    /// Reads a problem file (at most ``InputFile/defaultLimit`` bytes), checks every key against
    /// ``keys``, then loads the models it names.
    /// - Throws: ``FileError`` for an unreadable file or an unknown or conflicting key,
    ///   ``SurrogateOptimizationError`` for everything else.
    public init(contentsOfFile path: String) throws {
        let data: Data
        do { data = try InputFile.data(ofFile: path) } catch FileError.notFound {
            throw SurrogateOptimizationError.missingFile(path: path, entry: "problem")
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw SurrogateOptimizationError.invalidProblem(entry: path, reason: "not valid JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else { throw SurrogateOptimizationError.invalidProblem(entry: path, reason: "the top level must be an object") }
        try Self.keys.check(root, source: data, file: path)
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        var problem = SurrogateProblem(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        var variableIndex: [String: Int] = [:]
        for (k, entry) in try Self.list(root["variables"], "variables").enumerated() {
            let here = "variables[\(k)]"
            let name = try Self.string(entry["name"], "\(here).name")
            guard variableIndex[name] == nil else { throw SurrogateOptimizationError.duplicateName(kind: "variable", name: name) }
            let lower = try Self.bound(entry["lower"], "\(here).lower", absent: -.infinity)
            let upper = try Self.bound(entry["upper"], "\(here).upper", absent: .infinity)
            guard lower <= upper else {
                throw SurrogateOptimizationError.invalidProblem(entry: "variable '\(name)'", reason: "lower bound \(lower) exceeds upper bound \(upper)")
            }
            variableIndex[name] = problem.addVariable(name, lower: lower, upper: upper)
        }
        func expression(_ value: Any?, _ entry: String) throws -> LinearExpression {
            if let name = value as? String {
                guard let j = variableIndex[name] else { throw SurrogateOptimizationError.unknownName(kind: "variable", name: name, entry: entry) }
                return .variable(j)
            }
            guard let object = value as? [String: Any] else {
                throw SurrogateOptimizationError.invalidProblem(entry: entry, reason: "expected a variable name or {\"linear\": {…}, \"constant\": c}")
            }
            var result = LinearExpression(constant: try Self.number(object["constant"], "\(entry).constant", default: 0))
            for (name, coefficient) in try Self.coefficients(object["linear"], "\(entry).linear") {
                guard let j = variableIndex[name] else { throw SurrogateOptimizationError.unknownName(kind: "variable", name: name, entry: entry) }
                result.coefficients[j, default: 0] += coefficient
            }
            return result
        }
        var surrogateIndex: [String: Int] = [:]
        var dataFiles: [String: String] = [:], modelFiles: [String: String] = [:]
        for (k, entry) in try Self.list(root["surrogates"], "surrogates").enumerated() {
            let name = try Self.string(entry["name"], "surrogates[\(k)].name")
            let here = "surrogate '\(name)'"
            let modelPath = directory.appendingPathComponent(try Self.string(entry["model"], "\(here).model")).path
            guard FileManager.default.fileExists(atPath: modelPath) else { throw SurrogateOptimizationError.missingFile(path: modelPath, entry: here) }
            let model: RegressionModel
            do { model = try RegressionModel(contentsOfFile: modelPath) } catch {
                throw SurrogateOptimizationError.invalidProblem(entry: here, reason: "\(error)")
            }
            guard let inputs = entry["inputs"] as? [Any] else { throw SurrogateOptimizationError.invalidProblem(entry: "\(here).inputs", reason: "expected a list") }
            let maps = try inputs.enumerated().map { try expression($1, "\(here).inputs[\($0)]") }
            surrogateIndex[name] = try problem.addSurrogate(name, model: model, inputs: maps)
            modelFiles[name] = modelPath
            if entry["data"] != nil { dataFiles[name] = directory.appendingPathComponent(try Self.string(entry["data"], "\(here).data")).path }
        }
        func surrogate(_ name: String, _ entry: String) throws -> Int {
            guard let k = surrogateIndex[name] else { throw SurrogateOptimizationError.unknownName(kind: "surrogate", name: name, entry: entry) }
            return k
        }
        if let objective = root["objective"] as? [String: Any] {
            switch objective["sense"] == nil ? "minimize" : try Self.string(objective["sense"], "objective.sense") {
            case "minimize", "min": problem.sense = .minimize
            case "maximize", "max": problem.sense = .maximize
            case let other: throw SurrogateOptimizationError.invalidProblem(entry: "objective.sense", reason: "\"\(other)\" is not minimize or maximize")
            }
            var linear = LinearExpression(constant: try Self.number(objective["constant"], "objective.constant", default: 0))
            for (name, coefficient) in try Self.coefficients(objective["linear"], "objective.linear") {
                guard let j = variableIndex[name] else { throw SurrogateOptimizationError.unknownName(kind: "variable", name: name, entry: "objective.linear") }
                linear.coefficients[j, default: 0] += coefficient
            }
            problem.objectiveLinear = linear
            let terms = objective["surrogates"] == nil ? [] : try Self.items(objective["surrogates"], "objective.surrogates")
            for (k, term) in terms.enumerated() {
                if let name = term as? String {
                    problem.objectiveSurrogates.append((try surrogate(name, "objective.surrogates[\(k)]"), 1))
                } else if let object = term as? [String: Any] {
                    let name = try Self.string(object["name"], "objective.surrogates[\(k)].name")
                    problem.objectiveSurrogates.append((try surrogate(name, "objective.surrogates[\(k)]"),
                                                        try Self.number(object["weight"], "objective.surrogates[\(k)].weight", default: 1)))
                } else {
                    throw SurrogateOptimizationError.invalidProblem(entry: "objective.surrogates[\(k)]", reason: "expected a surrogate name or {\"name\", \"weight\"}")
                }
            }
        } else if root["objective"] != nil {
            throw SurrogateOptimizationError.invalidProblem(entry: "objective", reason: "expected an object")
        }
        for (k, entry) in try Self.list(root["constraints"] ?? [Any](), "constraints").enumerated() {
            let name = entry["name"] == nil ? "c\(k + 1)" : try Self.string(entry["name"], "constraints[\(k)].name")
            let here = "constraint '\(name)'"
            var lower = try Self.bound(entry["lower"], "\(here).lower", absent: -.infinity)
            var upper = try Self.bound(entry["upper"], "\(here).upper", absent: .infinity)
            if entry["equals"] != nil {
                lower = try Self.number(entry["equals"], "\(here).equals", default: .nan)
                upper = lower
            }
            guard lower <= upper else { throw SurrogateOptimizationError.invalidProblem(entry: here, reason: "lower \(lower) exceeds upper \(upper)") }
            guard lower.isFinite || upper.isFinite else {
                throw SurrogateOptimizationError.invalidProblem(entry: here, reason: "give \"upper\", \"lower\" or \"equals\"")
            }
            if entry["surrogate"] != nil {
                problem.addConstraint(name, surrogate: try surrogate(Self.string(entry["surrogate"], "\(here).surrogate"), here), lower: lower, upper: upper)
            } else {
                guard entry["linear"] != nil else {
                    throw SurrogateOptimizationError.invalidProblem(entry: here, reason: "give \"linear\": {variable: coefficient, …} or \"surrogate\": name")
                }
                problem.addConstraint(name, try expression(["linear": entry["linear"]!, "constant": entry["constant"] ?? 0], here),
                                      lower: lower, upper: upper)
            }
        }
        if let reference = root["reference"] as? [String: Any] {
            let variables = try Self.coefficients(reference["variables"], "reference.variables")
            for name in variables.keys where variableIndex[name] == nil {
                throw SurrogateOptimizationError.unknownName(kind: "variable", name: name, entry: "reference.variables")
            }
            var truth: [String: [Double]] = [:]
            if reference["truth"] != nil {
                guard let table = reference["truth"] as? [String: Any] else {
                    throw SurrogateOptimizationError.invalidProblem(entry: "reference.truth", reason: "expected {\"surrogate\": [c0, c1, …], …}")
                }
                for (name, value) in table {
                    guard let k = surrogateIndex[name], problem.surrogates[k].inputs.count == 1 else {
                        throw SurrogateOptimizationError.unknownName(kind: "one-input surrogate", name: name, entry: "reference.truth")
                    }
                    truth[name] = try Self.items(value, "reference.truth.\(name)").enumerated().map {
                        try Self.number($1, "reference.truth.\(name)[\($0)]", default: .nan)
                    }
                }
            }
            let duals = try Self.coefficients(reference["duals"], "reference.duals")
            let constraintNames = Set(problem.linearRows.map(\.name) + problem.surrogateBounds.map(\.name))
            for name in duals.keys where !constraintNames.contains(name) {
                throw SurrogateOptimizationError.unknownName(kind: "constraint", name: name, entry: "reference.duals")
            }
            self.reference = Reference(objective: reference["objective"] == nil ? nil : try Self.number(reference["objective"], "reference.objective", default: .nan),
                                       variables: variables,
                                       source: reference["source"] == nil ? nil : try Self.string(reference["source"], "reference.source"),
                                       truth: truth, duals: duals)
        } else if root["reference"] != nil {
            throw SurrogateOptimizationError.invalidProblem(entry: "reference", reason: "expected an object")
        }
        self.problem = problem
        self.dataFiles = dataFiles
        self.modelFiles = modelFiles
    }

    private static func items(_ value: Any?, _ entry: String) throws -> [Any] {
        guard let items = value as? [Any] else { throw SurrogateOptimizationError.invalidProblem(entry: entry, reason: "expected a list") }
        return items
    }

    private static func list(_ value: Any?, _ entry: String) throws -> [[String: Any]] {
        try items(value, entry).enumerated().map { k, item in
            guard let object = item as? [String: Any] else { throw SurrogateOptimizationError.invalidProblem(entry: "\(entry)[\(k)]", reason: "expected an object") }
            return object
        }
    }

    private static func string(_ value: Any?, _ entry: String) throws -> String {
        guard let text = value as? String, !text.isEmpty else { throw SurrogateOptimizationError.invalidProblem(entry: entry, reason: "expected a non-empty string") }
        return text
    }

    /// A finite number; `fallback` when the key is absent (null is not a number).
    private static func number(_ value: Any?, _ entry: String, default fallback: Double) throws -> Double {
        guard let value else { return fallback }
        // JSON true/false arrive as __NSCFBoolean, which `is Bool` cannot tell from 1 and 0 on Linux.
        guard !(value is NSNull), !String(describing: type(of: value)).contains("Boolean"), let number = value as? NSNumber,
              number.doubleValue.isFinite else {
            throw SurrogateOptimizationError.invalidProblem(entry: entry, reason: "expected a finite number")
        }
        return number.doubleValue
    }

    /// A bound: a finite number, or `infinite` (−∞ for a lower bound, +∞ for an upper one)
    /// when the key is absent or null.
    private static func bound(_ value: Any?, _ entry: String, absent infinite: Double) throws -> Double {
        if value == nil || value is NSNull { return infinite }
        return try number(value, entry + " (a finite number, or null for no bound)", default: infinite)
    }

    private static func coefficients(_ value: Any?, _ entry: String) throws -> [String: Double] {
        guard let value else { return [:] }
        guard let object = value as? [String: Any] else { throw SurrogateOptimizationError.invalidProblem(entry: entry, reason: "expected {\"name\": number, …}") }
        var result: [String: Double] = [:]
        for (name, coefficient) in object { result[name] = try number(coefficient, "\(entry).\(name)", default: 0) }
        return result
    }
}
