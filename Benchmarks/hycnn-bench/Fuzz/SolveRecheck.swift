import Foundation
import LinearProgramming
import Solvers

/// Re-checks one `hycnn solve --json` answer through the library (the fuzzer runs it in a
/// child process, `hycnn-bench fuzz-recheck --check solve`, since GLPK may abort on the data
/// the tool was given). The MPS file is
/// read again; an optimal x must be feasible (bounds, rows, integrality) by this file's own
/// check and its objective must equal cᵀx + constant; GLPK (branch-and-cut for a MIP, primal
/// simplex for an LP) and our interior point then solve the model again, and any point they
/// return that is feasible by the same check and better than the claimed optimum rejects it. An
/// infeasible or unbounded answer must carry a ray that `verify` accepts, and no reference
/// solver may find a feasible point of an "infeasible" model.
struct SolveRecheck {
    var file: String
    var free: Bool
    var answer: String

    func recheck(exitCode: Int32) -> RecheckOutcome {
        guard exitCode != 1 else { return .accepted }
        guard let json = (try? Data(contentsOf: URL(fileURLWithPath: answer))).flatMap(JSONValue.object) else {
            return .rejected("the answer is not one JSON object")
        }
        let model: LinearProgram
        do { model = Self.readingDocumentedInfinities(try LinearProgram(mpsFile: file, format: free ? .free : .fixed)) } catch {
            return .undecided("the library cannot read the MPS file the tool accepted: \(error)")
        }
        let status = json["status"] as? String ?? "?"
        let certified = (json["certificate"] as? [String: Any])?["verified"] as? Bool ?? false
        switch status {
        case "optimal", "almostOptimal":
            guard certified else { return .rejected("status \(status) with certificate.verified false") }
            return checkOptimal(model, json)
        case "infeasible", "unbounded":
            guard certified else { return .rejected("status \(status) (exit 2) with certificate.verified false") }
            return checkRay(model, json, infeasible: status == "infeasible")
        default:
            return .accepted
        }
    }

    /// The model as the README defines it: bounds and row sides of magnitude ≥ 1e20 are infinite
    /// (the numeric policy's one rule that changes what a file means; the rest refuse or warn).
    static func readingDocumentedInfinities(_ model: LinearProgram) -> LinearProgram {
        let infinite = NumericPolicy.standard.infiniteBound
        func lower(_ b: Double) -> Double { b <= -infinite ? -.infinity : b }
        func upper(_ b: Double) -> Double { b >= infinite ? .infinity : b }
        var result = model
        for j in result.variables.indices {
            result.variables[j].lower = lower(result.variables[j].lower)
            result.variables[j].upper = upper(result.variables[j].upper)
        }
        for i in result.constraints.indices {
            result.constraints[i].lower = lower(result.constraints[i].lower)
            result.constraints[i].upper = upper(result.constraints[i].upper)
        }
        return result
    }

    /// The claimed point's violation under this file's own check, or nil when it is feasible.
    static func violation(_ model: LinearProgram, _ x: [Double]) -> String? {
        for (j, v) in model.variables.enumerated() {
            let tolerance = 1e-6 * (1 + abs(x[j]))
            guard x[j].isFinite else { return "\(v.name) = \(x[j])" }
            if x[j] < v.lower - tolerance || x[j] > v.upper + tolerance { return "\(v.name) = \(x[j]) outside [\(v.lower), \(v.upper)]" }
            if v.isInteger && abs(x[j] - x[j].rounded()) > 1e-6 { return "integer column \(v.name) = \(x[j])" }
        }
        for row in model.constraints {
            // activity = Σ a_j x_j; tolerance 1e-6 (1 + Σ |a_j x_j|)
            var activity = 0.0, magnitude = 0.0
            for (j, a) in zip(row.columns, row.coefficients) {
                activity += a * x[j]
                magnitude += abs(a * x[j])
            }
            let tolerance = 1e-6 * (1 + magnitude)
            if activity < row.lower - tolerance - 1e-6 * abs(row.lower) || activity > row.upper + tolerance + 1e-6 * abs(row.upper) {
                return "row \(row.name): activity \(activity) outside [\(row.lower), \(row.upper)]"
            }
        }
        return nil
    }

    /// cᵀx + constant and Σ |c_j x_j| + |constant| (the magnitude that entered it).
    static func objective(_ model: LinearProgram, _ x: [Double]) -> (value: Double, magnitude: Double) {
        var value = model.objectiveConstant, magnitude = abs(model.objectiveConstant)
        for (v, xj) in zip(model.variables, x) {
            value += v.cost * xj
            magnitude += abs(v.cost * xj)
        }
        return (value, magnitude)
    }

    func checkOptimal(_ model: LinearProgram, _ json: [String: Any]) -> RecheckOutcome {
        guard let values = json["variables"] as? [String: Any] else { return .rejected("an optimal answer without variables") }
        var x: [Double] = []
        for v in model.variables {
            guard let value = JSONValue.number(values[v.name]) else { return .rejected("no value for variable \(v.name)") }
            x.append(value)
        }
        if let problem = Self.violation(model, x) { return .rejected("the claimed optimum is infeasible: \(problem)") }
        guard let claimed = JSONValue.number(json["objective"]), claimed.isFinite else { return .rejected("optimal without a finite objective") }
        let (computed, magnitude) = Self.objective(model, x)
        guard JSONValue.close(claimed, computed, scale: magnitude) else {
            return .rejected("objective \(claimed) but cᵀx + constant = \(computed)")
        }
        let sign: Double = model.sense == .maximize ? -1 : 1
        for (name, solver) in referenceSolvers(model) {
            guard let solution = try? solver.solve(model), solution.x.count == model.variableCount,
                  solution.status.hasOptimalPoint || solution.status == .dualInfeasible,
                  Self.violation(model, solution.x) == nil else { continue }
            let (reference, referenceMagnitude) = Self.objective(model, solution.x)
            if sign * (reference - claimed) < 0, !JSONValue.close(reference, claimed, scale: max(magnitude, referenceMagnitude)) {
                return .rejected("\(name) finds a feasible point with objective \(reference), better than the claimed optimum \(claimed)")
            }
        }
        return .accepted
    }

    func checkRay(_ model: LinearProgram, _ json: [String: Any], infeasible: Bool) -> RecheckOutcome {
        var solution = Solution(status: infeasible ? .primalInfeasible : .dualInfeasible, solver: "claimed")
        // Rays are keyed by name: the Farkas ray by row, the improving ray by column; a name missing is a rejection.
        func keyed(_ value: Any?, _ names: [String]) -> [Double]? {
            guard let object = value as? [String: Any] else { return nil }
            let values = names.map { JSONValue.number(object[$0]) }
            return values.contains(where: { $0 == nil }) ? nil : values.map { $0! }
        }
        if infeasible {
            guard let ray = keyed(json["farkasRay"], model.constraints.map(\.name)) else {
                return .rejected("exit 2 (infeasible) without a farkasRay keyed by every row name")
            }
            solution.farkasRay = ray
        } else {
            guard let ray = keyed(json["improvingRay"], model.variables.map(\.name)) else {
                return .rejected("exit 2 (unbounded) without an improvingRay keyed by every column name")
            }
            solution.improvingRay = ray
            let values = json["variables"] as? [String: Any] ?? [:]
            solution.x = model.variables.map { JSONValue.number(values[$0.name]) ?? .nan }
        }
        let report = verify(solution, for: model)
        guard report.verified else {
            return .rejected("verify rejects the \(infeasible ? "Farkas" : "improving") ray: \(report.failures.joined(separator: "; "))")
        }
        if infeasible {
            for (name, solver) in referenceSolvers(model) {
                if let solution = try? solver.solve(model), solution.x.count == model.variableCount,
                   solution.status.hasOptimalPoint, Self.violation(model, solution.x) == nil {
                    return .rejected("claimed infeasible, but \(name) finds a point feasible by the independent check")
                }
            }
        }
        return .accepted
    }

    func referenceSolvers(_ model: LinearProgram) -> [(String, any LPSolver)] {
        if model.hasIntegerVariables { return [("GLPK branch-and-cut", SolverChoice.mip.makeSolver(timeLimit: 5))] }
        return [("GLPK simplex", SolverChoice.simplex.makeSolver(timeLimit: 5)), ("our interior point", SolverChoice.ipm.makeSolver(timeLimit: 5))]
    }
}
