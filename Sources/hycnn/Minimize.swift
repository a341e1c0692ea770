import ArgumentParser
import Foundation
import GLPKBackend
import InteriorPoint
import LinearProgramming
import SurrogateOptimization

/// `hycnn minimize problem.json`: optimise over learned surrogates exactly and certify.
struct Minimize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve an optimisation problem over learned surrogates exactly, with certificates.",
        discussion: """
            The problem file names variables, saved models (surrogates) applied to the variables, \
            an objective and constraints (see the README). Each surrogate is encoded exactly: as \
            an LP when it is certified convex, piecewise linear and only minimised or bounded \
            above, otherwise as a MILP (binaries, big-M from interval bounds). Smooth models are \
            refused. Prints x*, the objective, each surrogate's forward value against its value \
            in the program (exactness), the LP/MILP certificate re-checked independently, and \
            the gap to the file's reference answer when it has one. The solver line (JSON key \
            "solver") names the solver used.
            A surrogate neither in the objective nor bounded by a constraint is refused. \
            Exit codes: 0 optimal and verified, 1 error or failed certificate, 2 infeasible or \
            unbounded with a verified ray, 3 limit reached.
            """)

    @Argument(help: "The problem file (JSON).") var problem: String
    @Option(help: "The LP route's solver: auto (default; ipm when the compiled LP has more than \(InteriorPointPreference.nonzeroThreshold(for: .surrogate)) nonzeros, else simplex), simplex, dual-simplex, interior (GLPK) or ipm (ours); the MILP route always uses GLPK's branch-and-cut.")
    var solver: SolverChoice = .auto
    @Flag(name: .customLong("milp"), help: "Encode every surrogate with binaries (to cross-check the LP route).") var forceMILP = false
    @Flag(help: "Tighten the MILP's big-M bounds by solving LPs (optimisation-based bound tightening).") var tighten = false
    @Option(help: "Stop after this many seconds.") var timeLimit: Double?
    @Option(help: "Write an SVG of every one-input surrogate with its samples and the chosen point.") var svg: String?
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func run() throws {
        let file: ProblemFile
        let compiled: CompiledSurrogateProblem
        let solution: SurrogateSolution
        let start = Date()
        do {
            file = try ProblemFile(contentsOfFile: problem)
            compiled = try file.problem.compile(forceMixedInteger: forceMILP, tightening: tighten ? GLPKSolver(method: .primalSimplex) : nil)
            if compiled.route == .milp && solver != .auto && solver != .simplex && solver != .mip {
                printError("note: the MILP route needs branch-and-cut; --solver \(solver.rawValue) is ignored")
            }
            let choice: SolverChoice = compiled.route == .milp ? .mip : solver.resolved(for: compiled.program, family: .surrogate)
            var answer = try compiled.solve(using: choice.makeSolver(timeLimit: timeLimit, verbose: false))
            let left = SecondOpinion.remaining(of: timeLimit, since: start)
            if SecondOpinion.wanted(MinimizeReport.verdict(answer)), compiled.route == .lp,
               let other = SecondOpinion.alternative(to: choice), left.map({ $0 > 0 }) ?? true {
                var second = try compiled.solve(using: other.makeSolver(timeLimit: left, verbose: false))
                if second.verified {
                    let failing = answer.surrogates.first { !$0.verified }
                    let reason = answer.certificate.verified
                        ? failing.map { "surrogate '\($0.name)' fails its \($0.check.rawValue) check: \($0.measure)" } : nil
                    second.programSolution.diagnosis = SecondOpinion.note(first: answer.programSolution, report: answer.certificate,
                                                                          reason: reason, second: second.programSolution)
                    answer = second
                }
            }
            solution = answer
            if let svg, !solution.x.isEmpty {
                let panels = try SurrogatePlot.panels(file: file, solution: solution)
                try SurrogatePlot.svg(panels, title: "\(file.problem.name): surrogates and the exact optimum")
                    .write(toFile: svg, atomically: true, encoding: .utf8)
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let seconds = Date().timeIntervalSince(start)
        if json {
            try JSONOutput.print(MinimizeReport.json(file: file, compiled: compiled, solution: solution, seconds: seconds))
        } else {
            print(MinimizeReport.text(file: file, compiled: compiled, solution: solution, seconds: seconds, svg: svg))
        }
        throw ExitCode(ExitStatus.code(for: MinimizeReport.verdict(solution)))
    }
}
