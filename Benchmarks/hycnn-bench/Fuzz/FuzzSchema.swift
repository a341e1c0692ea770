import Foundation

/// The keys each object of a problem file or model file may hold (from the README's formats).
/// A file the tool accepted (exit other than 1) that holds any other key was misread: the
/// contract is that unknown keys are refused with their path.
enum FuzzSchema: Sendable {
    case problem, model

    /// The first key outside the schema, as a path such as `objective.surogates`; nil if none.
    func unknownKey(in data: Data) -> String? {
        guard let root = try? JSONSerialization.jsonObject(with: data) else { return nil }
        switch self {
        case .problem: return Self.problemUnknownKey(root)
        case .model: return Self.modelUnknownKey(root)
        }
    }

    /// The first key of `object` (when it is an object) not in `allowed`, with its path.
    static func stray(_ object: Any?, _ allowed: Set<String>, _ path: String) -> String? {
        guard let dictionary = object as? [String: Any] else { return nil }
        return dictionary.keys.sorted().first { !allowed.contains($0) }.map { path.isEmpty ? $0 : "\(path).\($0)" }
    }

    static func elements(_ value: Any?) -> [Any] { value as? [Any] ?? [] }

    static func problemUnknownKey(_ root: Any) -> String? {
        let top = root as? [String: Any] ?? [:]
        var found = stray(root, ["variables", "surrogates", "objective", "constraints", "reference"], "")
        for (k, v) in elements(top["variables"]).enumerated() where found == nil {
            found = stray(v, ["name", "lower", "upper"], "variables[\(k)]")
        }
        for (k, s) in elements(top["surrogates"]).enumerated() where found == nil {
            found = stray(s, ["name", "model", "inputs", "data"], "surrogates[\(k)]")
            for (i, input) in elements((s as? [String: Any])?["inputs"]).enumerated() where found == nil {
                found = stray(input, ["linear", "constant"], "surrogates[\(k)].inputs[\(i)]")
            }
        }
        if found == nil, let objective = top["objective"] {
            found = stray(objective, ["sense", "surrogates", "linear", "constant"], "objective")
            for (k, term) in elements((objective as? [String: Any])?["surrogates"]).enumerated() where found == nil {
                found = stray(term, ["name", "weight"], "objective.surrogates[\(k)]")
            }
        }
        for (k, c) in elements(top["constraints"]).enumerated() where found == nil {
            found = stray(c, ["name", "linear", "constant", "lower", "upper", "equals", "surrogate"], "constraints[\(k)]")
        }
        if found == nil { found = stray(top["reference"], ["objective", "variables", "source", "truth"], "reference") }
        return found
    }

    static func modelUnknownKey(_ root: Any) -> String? {
        let top = root as? [String: Any] ?? [:]
        var found = stray(root, ["format", "version", "family", "inputDimension", "widths", "lanes", "quadraticRank", "nonlinearity", "convex",
                                 "inputNames", "targetName", "inputScaler", "targetScaler", "layers"], "")
        if found == nil { found = stray(top["nonlinearity"], ["name", "parameter"], "nonlinearity") }
        if found == nil { found = stray(top["inputScaler"], ["mean", "scale"], "inputScaler") }
        if found == nil { found = stray(top["targetScaler"], ["mean", "scale"], "targetScaler") }
        for (k, layer) in elements(top["layers"]).enumerated() where found == nil {
            found = stray(layer, ["V", "W", "b", "A"], "layers[\(k)]")
        }
        return found
    }
}
