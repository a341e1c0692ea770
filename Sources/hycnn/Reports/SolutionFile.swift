import DataFiles
import Foundation
import LinearProgramming

/// `hycnn solve --solution FILE`: the whole answer as CSV, one line per column and per row.
///
/// Header `kind,name,value,dual,lower,upper`, then:
/// - `status,WORD,,,,` — the verified status (`optimal`, `unverified`, `infeasible`, …), as in
///   the JSON key `status`;
/// - `objective,,VALUE,,,` — empty when there is no optimal point;
/// - `column,NAME,x,reduced cost,lower,upper` for every column;
/// - `row,NAME,activity aᵀx,dual,lower,upper` for every row.
/// Values are shortest round-trip decimals; infinite bounds are `inf`/`-inf`; a value the
/// solver did not give (no point, or no duals for a MIP) is empty. Names are quoted when they
/// hold a comma, quote or line break.
enum SolutionFile {
    static func csv(model: LinearProgram, solution: Solution, verdict: Verdict) -> String {
        var out = "kind,name,value,dual,lower,upper\n"
        let hasPoint = solution.x.count == model.variableCount && solution.status.hasOptimalPoint
        out += "status,\(verdict.word),,,,\n"
        out += "objective,,\(hasPoint ? number(solution.objective) : ""),,,\n"
        guard hasPoint else { return out }
        let reducedCosts = solution.reducedCosts.count == model.variableCount ? solution.reducedCosts : nil
        let duals = solution.rowDuals.count == model.constraintCount ? solution.rowDuals : nil
        for (j, v) in model.variables.enumerated() {
            out += "column,\(field(v.name)),\(number(solution.x[j])),\(reducedCosts.map { number($0[j]) } ?? ""),\(number(v.lower)),\(number(v.upper))\n"
        }
        for (i, row) in model.constraints.enumerated() {
            out += "row,\(field(row.name)),\(number(row.activity(solution.x))),\(duals.map { number($0[i]) } ?? ""),\(number(row.lower)),\(number(row.upper))\n"
        }
        return out
    }

    static func number(_ x: Double) -> String {
        x == .infinity ? "inf" : x == -.infinity ? "-inf" : "\(x)"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
