import ArgumentParser
import DataFiles
import Foundation
import LinearProgramming
import Solvers

/// `hycnn solve FILE.mps`: solve an LP or MIP and check its certificate independently.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
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
            names the solver used. The LP solvers (simplex, dual-simplex, interior, ipm) refuse a \
            model with integer columns; --relax solves its LP relaxation instead and says so. \
            Before any solver runs, the numeric policy (README) reads bounds of magnitude 1e20 or \
            more as infinite, drops matrix entries of magnitude 1e-9 or less (with a warning on \
            stderr and in the JSON key "warnings") and refuses numbers no solver can take. When an LP answer is not verified (and no limit was hit), the \
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

    @Option(help: ArgumentHelp(CrossoverSwitch.help(default: .on) + "."))
    var crossover: CrossoverSwitch = .on

    @Option(help: "Stop after this many seconds (simplex, mip and ipm).")
    var timeLimit: Double?

    @Flag(help: "Use GLPK's LP presolver (GLPK methods; ipm always presolves).")
    var presolve = false

    @Flag(help: "Solve the LP relaxation of a model with integer columns (with an LP solver; the answer says \"LP relaxation\").")
    var relax = false

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "List every variable, not only the first nonzero ones.")
    var allVariables = false

    @Flag(help: "Show the solver's log on stderr (for ipm: one line per iteration, then the time of each phase).")
    var verbose = false

    func validate() throws {
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
    }

    func run() throws {
        let deadline = timeLimit.map { Deadline(secondsFromNow: $0) }     // the whole command, certificate search included
        let loaded: LinearProgram
        do {
            loaded = try LinearProgram(mpsFile: file, format: free ? .free : .fixed)
        } catch let error as LinearProgrammingError {
            printError("error: \(error)")
            // A free-format file (what `minimize --write-mps` writes) misread as fixed format: say so.
            if case .malformedMPS = error, !free, (try? LinearProgram(mpsFile: file, format: .free)) != nil {
                printError("note: the file reads without error as free-format MPS; add --free")
            }
            throw ExitCode.failure
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let relaxedColumns = relax ? loaded.integerVariableCount : 0
        if relax && solver == .mip {
            printError("error: --relax solves the LP relaxation with an LP solver and --solver mip solves the MIP; choose one")
            throw ExitCode.failure
        }
        if relax && relaxedColumns == 0 { printError("note: the model has no integer columns; --relax changes nothing") }
        let model = relax ? loaded.linearRelaxation() : loaded
        let choice = solver.resolved(for: model)
        // The model every solver sees and the answer is verified against: the numeric policy applied once.
        let prepared: PreparedProgram
        var solution: Solution
        var report: CertificateReport
        do {
            prepared = try model.preparedForSolver(choice == .mip ? .mixedInteger : .linearOnly)
            for warning in prepared.warnings { printError("warning: \(warning)") }
            let program = prepared.program
            solution = try choice.makeSolver(deadline: deadline, presolve: presolve, crossover: crossover.isOn,
                                             logger: SolverChoice.logger(verbose: verbose)).solve(program)
            report = verify(solution, for: program)
            if SecondOpinion.wanted(Verdict(solution, report: report)), !program.hasIntegerVariables,
               let other = choice.alternative, deadline?.hasPassed != true {
                var second = try other.makeSolver(deadline: deadline, presolve: presolve, crossover: crossover.isOn,
                                                  logger: SolverChoice.logger(verbose: verbose)).solve(program)
                let secondReport = verify(second, for: program)
                if secondReport.verified {
                    second.diagnosis = SecondOpinion.note(first: solution, report: report, second: second)
                    (solution, report) = (second, secondReport)
                }
            }
        } catch LinearProgrammingError.integerColumnsInLPSolver(let count) {
            printError("error: the model has \(count) integer column\(count == 1 ? "" : "s"); an LP solver solves only its "
                       + "relaxation: use --solver mip (or auto) for the MIP, or --relax for the LP relaxation")
            throw ExitCode.failure
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let program = prepared.program
        let relaxation = relaxedColumns > 0 ? "LP relaxation: \(relaxedColumns) integer column\(relaxedColumns == 1 ? "" : "s") made continuous" : nil
        if json {
            var object = SolveReport.json(model: program, solution: solution, report: report)
            object["warnings"] = prepared.warnings.map(\.description)
            if relaxedColumns > 0 {
                object["solved"] = "LP relaxation"
                object["relaxedIntegerColumns"] = relaxedColumns
            }
            try JSONOutput.print(object)
        } else {
            try StandardOutput.line(SolveReport.text(model: program, solution: solution, report: report, allVariables: allVariables, statusNote: relaxation))
        }
        throw ExitCode(Verdict(solution, report: report))
    }
}
