import ConvexNetworks
import Foundation

/// Re-checks a `hycnn certify --json` verdict against the model file, read here as plain JSON:
/// "convex" needs a convex non-decreasing nonlinearity (max, relu, leaky-relu with slope in
/// [0, 1], smooth-max or softplus with a positive finite temperature) and every entry of every
/// V ≥ 0 (then any family, an MLP too, is convex); a counterexample to convexity must satisfy
/// f((a+b)/2) > (f(a)+f(b))/2 when evaluated with `RegressionModel.predict`.
enum CertifyRecheck {
    static func check(modelPath: String, answer json: [String: Any], exitCode: Int32) -> RecheckOutcome {
        guard let data = FileManager.default.contents(atPath: modelPath), let file = JSONValue.object(data) else {
            return exitCode == 1 ? .accepted : .rejected("a verdict on a file that is not one JSON object")
        }
        let convex = json["convex"] as? Bool
        if exitCode == 0 {
            guard convex == true else { return .rejected("exit 0 without \"convex\": true") }
            if let reason = nonConvexity(file) { return .rejected("certified convex, but \(reason)") }
        }
        if exitCode == 4 {
            guard convex == false else { return .rejected("exit 4 with \"convex\": true") }
            if let counterexample = json["counterexample"] as? [String: Any] {
                return checkCounterexample(counterexample, modelPath: modelPath)
            }
        }
        return .accepted
    }

    /// Why the file's own numbers do not satisfy the sufficient condition, or nil.
    static func nonConvexity(_ file: [String: Any]) -> String? {
        let nonlinearity = file["nonlinearity"] as? [String: Any] ?? [:]
        let name = nonlinearity["name"] as? String ?? "?"
        let parameter = JSONValue.number(nonlinearity["parameter"])
        switch name {
        case "max", "relu": break
        case "leaky-relu":
            guard let slope = parameter, slope >= 0, slope <= 1 else { return "leaky-relu slope \(parameter.map { "\($0)" } ?? "missing")" }
        case "smooth-max", "softplus":
            guard let tau = parameter, tau > 0, tau.isFinite else { return "\(name) temperature \(parameter.map { "\($0)" } ?? "missing")" }
        default:
            return "the nonlinearity \(name) is not known to be convex and non-decreasing"
        }
        for (l, layer) in (file["layers"] as? [Any] ?? []).enumerated() {
            for (r, row) in ((layer as? [String: Any])?["V"] as? [Any] ?? []).enumerated() {
                for (c, entry) in (row as? [Any] ?? []).enumerated() {
                    guard let value = JSONValue.number(entry), value >= 0 else { return "layer \(l + 1) V[\(r)][\(c)] = \(entry)" }
                }
            }
        }
        return nil
    }

    static func checkCounterexample(_ c: [String: Any], modelPath: String) -> RecheckOutcome {
        guard let a = JSONValue.numbers(c["a"]), let b = JSONValue.numbers(c["b"]), a.count == b.count else {
            return .rejected("a counterexample without points a and b")
        }
        let model: RegressionModel
        do { model = try RegressionModel(contentsOfFile: modelPath) } catch { return .undecided("the library cannot load the model: \(error)") }
        guard a.count == model.inputDimension, let values = try? model.predict(a + b + zip(a, b).map { ($0 + $1) / 2 }) else {
            return .rejected("counterexample points of the wrong dimension")
        }
        let chord = (values[0] + values[1]) / 2, midpoint = values[2]
        // Convexity fails at (a, b) when f((a+b)/2) exceeds the chord beyond rounding.
        guard midpoint > chord + 1e-9 * (1 + abs(values[0]) + abs(values[1])) else {
            return .rejected("counterexample does not re-check: f((a+b)/2) = \(midpoint), (f(a)+f(b))/2 = \(chord)")
        }
        return .accepted
    }
}
