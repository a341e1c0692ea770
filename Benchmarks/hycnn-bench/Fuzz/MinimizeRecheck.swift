import ConvexNetworks
import DataFiles
import Foundation

/// Re-checks a `hycnn minimize --json` answer from the problem file alone, read here by its own
/// reader: the reported x must lie in the variable bounds and satisfy every linear and
/// surrogate constraint, each surrogate's reported value must equal the model's prediction at
/// its inputs (`RegressionModel.predict`), the objective must equal Σ w·f + cᵀx + constant,
/// and no sampled point of the box that satisfies every constraint may beat the claimed optimum.
/// An exit 2 answer must say its certificate is verified.
struct MinimizeRecheck {
    /// An affine input `constant + Σ a_j x_j` over the problem's variables.
    struct Affine {
        var constant = 0.0
        var terms: [(Int, Double)] = []

        func value(_ x: [Double]) -> Double { terms.reduce(constant) { $0 + $1.1 * x[$1.0] } }
        func magnitude(_ x: [Double]) -> Double { terms.reduce(abs(constant)) { $0 + abs($1.1 * x[$1.0]) } }
    }

    struct Surrogate {
        var name: String
        var model: RegressionModel
        var inputs: [Affine]
    }

    struct Row {
        var name: String
        var surrogate: Int?
        var expression: Affine
        var lower: Double, upper: Double
    }

    var names: [String] = []
    var lower: [Double] = [], upper: [Double] = []
    var surrogates: [Surrogate] = []
    var maximize = false
    var objectiveTerms: [(Int, Double)] = []
    var objectiveLinear = Affine()
    var rows: [Row] = []

    enum ReadError: Error { case bad(String) }

    /// Reads the problem file at `path`; models are read with the library (the tool read them first).
    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let root = JSONValue.object(data) else { throw ReadError.bad("not a JSON object") }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func number(_ value: Any?, _ absent: Double, _ what: String) throws -> Double {
            if value == nil || value is NSNull { return absent }
            guard let number = JSONValue.number(value), !number.isNaN else { throw ReadError.bad("\(what) is not a number") }
            return number
        }
        var index: [String: Int] = [:]
        for (k, item) in (root["variables"] as? [Any] ?? []).enumerated() {
            guard let v = item as? [String: Any], let name = v["name"] as? String, index[name] == nil else { throw ReadError.bad("variables[\(k)]") }
            index[name] = names.count
            names.append(name)
            lower.append(try number(v["lower"], -.infinity, "variables[\(k)].lower"))   // omitted or null: no bound
            upper.append(try number(v["upper"], .infinity, "variables[\(k)].upper"))
        }
        func affine(_ value: Any?, _ what: String) throws -> Affine {
            if let name = value as? String {
                guard let j = index[name] else { throw ReadError.bad("\(what): unknown variable \(name)") }
                return Affine(constant: 0, terms: [(j, 1)])
            }
            guard let object = value as? [String: Any] else { throw ReadError.bad(what) }
            var result = Affine(constant: try number(object["constant"], 0, "\(what).constant"))
            for (name, a) in object["linear"] as? [String: Any] ?? [:] {
                guard let j = index[name] else { throw ReadError.bad("\(what): unknown variable \(name)") }
                result.terms.append((j, try number(a, 0, "\(what).linear.\(name)")))
            }
            return result
        }
        var surrogateIndex: [String: Int] = [:]
        for (k, item) in (root["surrogates"] as? [Any] ?? []).enumerated() {
            guard let s = item as? [String: Any], let name = s["name"] as? String, let file = s["model"] as? String,
                  let inputs = s["inputs"] as? [Any] else { throw ReadError.bad("surrogates[\(k)]") }
            let model = try RegressionModel(contentsOfFile: folder.appendingPathComponent(file).path)
            surrogateIndex[name] = surrogates.count
            surrogates.append(Surrogate(name: name, model: model, inputs: try inputs.enumerated().map { try affine($1, "surrogates[\(k)].inputs[\($0)]") }))
        }
        if let objective = root["objective"] as? [String: Any] {
            maximize = (objective["sense"] as? String) == "maximize"
            objectiveLinear = try affine(["linear": objective["linear"] ?? [String: Any](), "constant": objective["constant"] ?? 0], "objective")
            for (k, term) in (objective["surrogates"] as? [Any] ?? []).enumerated() {
                let name = (term as? String) ?? ((term as? [String: Any])?["name"] as? String)
                guard let name, let s = surrogateIndex[name] else { throw ReadError.bad("objective.surrogates[\(k)]") }
                objectiveTerms.append((s, try number((term as? [String: Any])?["weight"], 1, "objective.surrogates[\(k)].weight")))
            }
        }
        for (k, item) in (root["constraints"] as? [Any] ?? []).enumerated() {
            guard let c = item as? [String: Any] else { throw ReadError.bad("constraints[\(k)]") }
            var low = try number(c["lower"], -.infinity, "constraints[\(k)].lower"), high = try number(c["upper"], .infinity, "constraints[\(k)].upper")
            if c["equals"] != nil { low = try number(c["equals"], 0, "constraints[\(k)].equals"); high = low }
            var surrogate: Int?
            if let name = c["surrogate"] as? String {
                guard let s = surrogateIndex[name] else { throw ReadError.bad("constraints[\(k)].surrogate") }
                surrogate = s
            }
            rows.append(Row(name: c["name"] as? String ?? "c\(k + 1)", surrogate: surrogate,
                            expression: try affine(["linear": c["linear"] ?? [String: Any](), "constant": c["constant"] ?? 0], "constraints[\(k)]"),
                            lower: low, upper: high))
        }
    }

    /// Each surrogate's prediction at x.
    func surrogateValues(_ x: [Double]) throws -> [Double] {
        try surrogates.map { s in try s.model.predict(s.inputs.map { $0.value(x) })[0] }
    }

    /// The objective at x and the magnitude of its terms.
    func objective(_ x: [Double], _ f: [Double]) -> (Double, Double) {
        var value = objectiveLinear.value(x), magnitude = objectiveLinear.magnitude(x)
        for (s, w) in objectiveTerms {
            value += w * f[s]
            magnitude += abs(w * f[s])
        }
        return (value, magnitude)
    }

    /// The first bound or constraint x violates beyond `tolerance` (relative), or nil.
    func violation(_ x: [Double], _ f: [Double], tolerance: Double) -> String? {
        for j in names.indices where !(x[j] >= lower[j] - tolerance * (1 + abs(lower[j])) && x[j] <= upper[j] + tolerance * (1 + abs(upper[j]))) {
            return "\(names[j]) = \(x[j]) outside [\(lower[j]), \(upper[j])]"
        }
        for row in rows {
            let value = row.surrogate.map { f[$0] } ?? row.expression.value(x)
            let slack = tolerance * (1 + (row.surrogate.map { abs(f[$0]) } ?? row.expression.magnitude(x)))
            if !(value >= row.lower - slack - tolerance * abs(row.lower) && value <= row.upper + slack + tolerance * abs(row.upper)) {
                return "constraint \(row.name): \(value) outside [\(row.lower), \(row.upper)]"
            }
        }
        return nil
    }

    static func check(problemPath: String, answer json: [String: Any], exitCode: Int32) -> RecheckOutcome {
        let status = json["status"] as? String ?? "?"
        let verified = json["verified"] as? Bool ?? false
        if exitCode == 2 {
            return verified ? .accepted : .rejected("exit 2 (\(status)) whose certificate is not verified")
        }
        guard exitCode == 0 else { return .accepted }
        guard verified else { return .rejected("exit 0 with \"verified\": false") }
        let problem: MinimizeRecheck
        do { problem = try MinimizeRecheck(path: problemPath) } catch {
            return .rejected("the tool solved a problem file the independent reader refuses: \(error)")
        }
        guard let values = json["variables"] as? [String: Any] else { return .rejected("optimal without variables") }
        var x: [Double] = []
        for name in problem.names {
            guard let value = JSONValue.number(values[name]) else { return .rejected("no value for variable \(name)") }
            x.append(value)
        }
        let f: [Double]
        do { f = try problem.surrogateValues(x) } catch { return .undecided("prediction at x* failed: \(error)") }
        if let problem = problem.violation(x, f, tolerance: 1e-6) { return .rejected("x* is infeasible: \(problem)") }
        let reported = json["surrogates"] as? [String: Any] ?? [:]
        // A surrogate in neither the objective nor a constraint may be refused or reported as
        // unconstrained; only the ones that enter the program must match their prediction.
        let used = Set(problem.objectiveTerms.map(\.0) + problem.rows.compactMap(\.surrogate))
        for (s, surrogate) in problem.surrogates.enumerated() where used.contains(s) {
            guard let value = JSONValue.number((reported[surrogate.name] as? [String: Any])?["value"]) else {
                return .rejected("no value for surrogate \(surrogate.name)")
            }
            if !JSONValue.close(value, f[s], scale: 0) { return .rejected("surrogate \(surrogate.name) reported \(value), predict gives \(f[s])") }
        }
        let (computed, magnitude) = problem.objective(x, f)
        guard let claimed = JSONValue.number(json["objective"]), JSONValue.close(claimed, computed, scale: magnitude) else {
            return .rejected("objective \(json["objective"] ?? "null") but Σ w·f(x*) + cᵀx* + constant = \(computed)")
        }
        if let better = problem.sampledImprovement(on: claimed, magnitude: magnitude) {
            return .rejected("claimed optimum \(claimed), but the feasible point \(better.x) has objective \(better.value)")
        }
        return .accepted
    }

    /// A feasible sampled point better than `claimed`, among 400 seeded points of a finite box.
    func sampledImprovement(on claimed: Double, magnitude: Double) -> (x: [Double], value: Double)? {
        guard names.indices.allSatisfy({ lower[$0].isFinite && upper[$0].isFinite && upper[$0] - lower[$0] < 1e6 }) else { return nil }
        var generator = SeededGenerator(seed: 17)
        for _ in 0..<400 {
            let x = names.indices.map { lower[$0] + generator.nextUniform() * (upper[$0] - lower[$0]) }
            guard let f = try? surrogateValues(x), violation(x, f, tolerance: 0) == nil else { continue }
            let (value, size) = objective(x, f)
            let improvement = maximize ? value - claimed : claimed - value
            if improvement > 1e-6 * (1 + abs(claimed) + max(magnitude, size)) { return (x, value) }
        }
        return nil
    }
}
