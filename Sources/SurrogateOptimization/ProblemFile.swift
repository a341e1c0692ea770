import ConvexNetworks
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
///                     "truth": {"cost1": [c0, c1, c2]}}}
///
/// An input is a variable name or an affine map `{"linear": {"p1": 0.5}, "constant": 1}`.
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
    public var path: String

    public init(contentsOfFile path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw SurrogateOptimizationError.missingFile(path: path, entry: "problem") }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw SurrogateOptimizationError.invalidProblem(entry: path, reason: "not valid JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else { throw SurrogateOptimizationError.invalidProblem(entry: path, reason: "the top level must be an object") }
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        var problem = SurrogateProblem(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        var variableIndex: [String: Int] = [:]
        for (k, entry) in try Self.list(root["variables"], "variables").enumerated() {
            let here = "variables[\(k)]"
            let name = try Self.string(entry["name"], "\(here).name")
            guard variableIndex[name] == nil else { throw SurrogateOptimizationError.duplicateName(kind: "variable", name: name) }
            let lower = try Self.number(entry["lower"], "\(here).lower", default: 0)
            let upper = try Self.number(entry["upper"], "\(here).upper", default: .infinity)
            guard lower <= upper, !lower.isNaN, !upper.isNaN else {
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
        var dataFiles: [String: String] = [:]
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
            if let data = entry["data"] as? String { dataFiles[name] = directory.appendingPathComponent(data).path }
        }
        func surrogate(_ name: String, _ entry: String) throws -> Int {
            guard let k = surrogateIndex[name] else { throw SurrogateOptimizationError.unknownName(kind: "surrogate", name: name, entry: entry) }
            return k
        }
        if let objective = root["objective"] as? [String: Any] {
            switch objective["sense"] as? String ?? "minimize" {
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
            for (k, term) in (objective["surrogates"] as? [Any] ?? []).enumerated() {
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
            let name = (entry["name"] as? String) ?? "c\(k + 1)"
            let here = "constraint '\(name)'"
            var lower = try Self.number(entry["lower"], "\(here).lower", default: -.infinity)
            var upper = try Self.number(entry["upper"], "\(here).upper", default: .infinity)
            if entry["equals"] != nil {
                let value = try Self.number(entry["equals"], "\(here).equals", default: 0)
                lower = value; upper = value
            }
            guard lower <= upper else { throw SurrogateOptimizationError.invalidProblem(entry: here, reason: "lower \(lower) exceeds upper \(upper)") }
            guard lower.isFinite || upper.isFinite else {
                throw SurrogateOptimizationError.invalidProblem(entry: here, reason: "give \"upper\", \"lower\" or \"equals\"")
            }
            if let surrogateName = entry["surrogate"] as? String {
                problem.addConstraint(name, surrogate: try surrogate(surrogateName, here), lower: lower, upper: upper)
            } else {
                problem.addConstraint(name, try expression(["linear": entry["linear"] ?? [String: Any](), "constant": entry["constant"] ?? 0], here),
                                      lower: lower, upper: upper)
            }
        }
        if let reference = root["reference"] as? [String: Any] {
            let variables = try Self.coefficients(reference["variables"], "reference.variables")
            for name in variables.keys where variableIndex[name] == nil {
                throw SurrogateOptimizationError.unknownName(kind: "variable", name: name, entry: "reference.variables")
            }
            var truth: [String: [Double]] = [:]
            for (name, value) in reference["truth"] as? [String: Any] ?? [:] {
                guard let k = surrogateIndex[name], problem.surrogates[k].inputs.count == 1 else {
                    throw SurrogateOptimizationError.unknownName(kind: "one-input surrogate", name: name, entry: "reference.truth")
                }
                guard let list = value as? [Any] else { throw SurrogateOptimizationError.invalidProblem(entry: "reference.truth.\(name)", reason: "expected a list of polynomial coefficients") }
                truth[name] = try list.enumerated().map { try Self.number($1, "reference.truth.\(name)[\($0)]", default: 0) }
            }
            self.reference = Reference(objective: reference["objective"] as? Double, variables: variables,
                                       source: reference["source"] as? String, truth: truth)
        }
        self.problem = problem
        self.dataFiles = dataFiles
    }

    private static func list(_ value: Any?, _ entry: String) throws -> [[String: Any]] {
        guard let items = value as? [Any] else { throw SurrogateOptimizationError.invalidProblem(entry: entry, reason: "expected a list") }
        return try items.enumerated().map { k, item in
            guard let object = item as? [String: Any] else { throw SurrogateOptimizationError.invalidProblem(entry: "\(entry)[\(k)]", reason: "expected an object") }
            return object
        }
    }

    private static func string(_ value: Any?, _ entry: String) throws -> String {
        guard let text = value as? String, !text.isEmpty else { throw SurrogateOptimizationError.invalidProblem(entry: entry, reason: "expected a non-empty string") }
        return text
    }

    private static func number(_ value: Any?, _ entry: String, default fallback: Double) throws -> Double {
        guard let value, !(value is NSNull) else { return fallback }
        // JSON true/false arrive as __NSCFBoolean, which `is Bool` cannot tell from 1 and 0 on Linux.
        guard !String(describing: type(of: value)).contains("Boolean"), let number = value as? NSNumber, number.doubleValue.isFinite else {
            throw SurrogateOptimizationError.invalidProblem(entry: entry, reason: "expected a finite number")
        }
        return number.doubleValue
    }

    private static func coefficients(_ value: Any?, _ entry: String) throws -> [String: Double] {
        guard let value else { return [:] }
        guard let object = value as? [String: Any] else { throw SurrogateOptimizationError.invalidProblem(entry: entry, reason: "expected {\"name\": number, …}") }
        var result: [String: Double] = [:]
        for (name, coefficient) in object { result[name] = try number(coefficient, "\(entry).\(name)", default: 0) }
        return result
    }
}
