import ArgumentParser
import Foundation
import GLPKBackend
import InteriorPoint
import LinearProgramming

/// `hycnn solve FILE.mps`: solve an LP or MIP and check its certificate independently.
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve an LP or MIP from an MPS file and verify the answer's certificate.",
        discussion: """
            Reads fixed MPS (or free MPS with --free); gzipped files (.mps.gz) are read directly. \
            An RHS on the objective row is read as minus an objective constant, and an OBJSENSE \
            section sets maximisation. After solving, the certificate is re-checked from the \
            model alone: primal and dual residuals and the duality gap for an optimal LP, \
            feasibility and integrality for a MIP, a Farkas ray for an infeasible problem, an \
            improving ray for an unbounded one. \
            The default --solver auto picks by size: GLPK's branch-and-cut for a model with integer \
            variables, our interior point (ipm) for an LP with more than \
            \(InteriorPointPreference.nonzeroThreshold(for: .general)) constraint-matrix nonzeros, \
            GLPK's primal simplex for a smaller LP; the output's solver line (JSON key "solver") \
            names the solver used. When an LP answer is not verified (and no limit was hit), the \
            other solver family (GLPK ↔ ipm) solves it again and its verified answer is reported \
            with a note.
            The status says optimal only when the certificate verifies (for a MIP: feasibility \
            and integrality, optimality being the solver's word, shown with its gap), infeasible \
            or unbounded only with a verified ray; otherwise it says NOT verified (JSON status \
            "unverified", the solver's own word in "solverStatus"). --solver mip on a model \
            without integer variables solves it as an LP.
            Exit codes: 0 optimal and verified, 1 error or failed certificate, \
            2 infeasible or unbounded with a verified ray, 3 time or iteration limit.
            """)

    @Argument(help: "The model: an MPS file, possibly gzipped.")
    var file: String

    @Flag(help: "Read free-format MPS (whitespace-separated fields) instead of fixed format.")
    var free = false

    @Option(help: ArgumentHelp(SolverChoice.help + "."))
    var solver: SolverChoice = .auto

    @Option(help: "Stop after this many seconds (simplex, mip and ipm).")
    var timeLimit: Double?

    @Flag(help: "Use GLPK's LP presolver (GLPK methods; ipm always presolves).")
    var presolve = false

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "List every variable, not only the first nonzero ones.")
    var allVariables = false

    @Flag(help: "Show the solver's log on stderr (for ipm: one line per iteration).")
    var verbose = false

    func run() throws {
        let model: LinearProgram
        do {
            model = try LinearProgram(mpsFile: file, format: free ? .free : .fixed)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let choice = solver.resolved(for: model)
        let start = Date()
        var solution: Solution
        var report: CertificateReport
        do {
            solution = try choice.makeSolver(timeLimit: timeLimit, presolve: presolve, verbose: verbose).solve(model)
            report = verify(solution, for: model)
            let left = SecondOpinion.remaining(of: timeLimit, since: start)
            if SecondOpinion.wanted(Verdict(solution, report: report)), !model.hasIntegerVariables,
               let other = SecondOpinion.alternative(to: choice), left.map({ $0 > 0 }) ?? true {
                var second = try other.makeSolver(timeLimit: left, presolve: presolve, verbose: verbose).solve(model)
                let secondReport = verify(second, for: model)
                if secondReport.verified {
                    second.diagnosis = SecondOpinion.note(first: solution, report: report, second: second)
                    (solution, report) = (second, secondReport)
                }
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if json {
            try JSONOutput.print(SolveReport.json(model: model, solution: solution, report: report))
        } else {
            print(SolveReport.text(model: model, solution: solution, report: report, allVariables: allVariables))
        }
        throw ExitCode(ExitStatus.code(for: Verdict(solution, report: report)))
    }
}
