import ArgumentParser
import DataFiles
import Foundation
import LinearProgramming
import Solvers

/// `hycnn solve FILE.mps`: solve an LP or MIP and check its certificate independently.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve an LP or MIP from an MPS or CPLEX LP file and verify the answer's certificate.",
        discussion: """
            Reads fixed MPS, free MPS (--free or --format free-mps) or CPLEX LP format (files \
            ending in .lp or .lp.gz, or --format lp); gzipped files are read directly and - reads \
            standard input (LP when it starts with Minimize/Maximize, else MPS, unless --format \
            says). In MPS, an RHS on the objective row is read as minus an objective constant, and an OBJSENSE \
            section sets maximisation. --write-model writes the model as read (LP for .lp, free \
            MPS for .mps, gzipped for .gz) and --solution a CSV of every column's value and \
            reduced cost and every row's activity and dual (README: "Solution files"). \
            Sensitivity ranging is not offered. After solving, the certificate is re-checked from the \
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
            without integer variables solves it as an LP. Branch-and-cut shows its progress on \
            stderr (nodes, incumbent, bound, gap) once it runs more than a second, and at a limit \
            reports the incumbent and the best bound.
            Exit codes: 0 optimal and verified, 1 error or failed certificate, \
            2 infeasible or unbounded with a verified ray, 3 time or iteration limit.
            """)

    @Argument(help: "The model: an MPS or LP file, possibly gzipped, or - for standard input.")
    var file: String

    @Option(help: "The model's format: mps (fixed), free-mps or lp (default: lp for .lp and .lp.gz, else mps).")
    var format: ModelFormat?

    @Flag(help: "Read free-format MPS (whitespace-separated fields) instead of fixed format (as --format free-mps).")
    var free = false

    @Option(help: ArgumentHelp("Write the model as read (after --relax) to this file before solving: CPLEX LP for .lp, free MPS for .mps (gzipped when it ends in .gz).", valueName: "file"))
    var writeModel: String?

    @Option(help: ArgumentHelp("Write the answer as CSV: status, objective, every column's value and reduced cost, every row's activity and dual.", valueName: "file"))
    var solution: String?

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

    @Flag(help: "List every variable and every row, not only the first nonzero values and duals.")
    var allVariables = false

    @Flag(help: "Show the solver's log on stderr (for ipm: one line per iteration, then the time of each phase).")
    var verbose = false

    func validate() throws {
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if free, let format, format != .freeMPS { throw ValidationError("--free reads free MPS and --format \(format.rawValue) says otherwise; give one") }
        if let writeModel, ModelFormat.byExtension(writeModel) == nil {
            throw ValidationError("--write-model \(writeModel): give a file ending in .lp or .mps (optionally .gz) to say the format")
        }
    }

    func run() throws {
        let deadline = timeLimit.map { Deadline(secondsFromNow: $0) }     // the whole command, certificate search included
        let (loaded, input) = try ModelInput.read(file, format: free ? .freeMPS : format)
        let outputs = try outputFiles(input: input)
        let relaxedColumns = relax ? loaded.integerVariableCount : 0
        if relax && solver == .mip {
            printError("error: --relax solves the LP relaxation with an LP solver and --solver mip solves the MIP; choose one")
            throw ExitCode.failure
        }
        if relax && relaxedColumns == 0 { printError("note: the model has no integer columns; --relax changes nothing") }
        let model = relax ? loaded.linearRelaxation() : loaded
        if let file = outputs.model { try write(model, to: file) }
        let choice = solver.resolved(for: model)
        // The model every solver sees and the answer is verified against: the numeric policy applied once.
        let prepared: PreparedProgram
        var solution: Solution
        var report: CertificateReport
        do {
            prepared = try model.preparedForSolver(choice == .mip ? .mixedInteger : .linearOnly)
            for warning in prepared.warnings { printError("warning: \(warning)") }
            let program = prepared.program
            let progress = choice == .mip && !verbose ? MIPProgressLine() : nil
            solution = try choice.makeSolver(deadline: deadline, presolve: presolve, crossover: crossover.isOn,
                                             logger: SolverChoice.logger(verbose: verbose), mipProgress: progress?.report).solve(program)
            progress?.finish()
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
            try JSONOutput.print(object, command: "solve")
        } else {
            try StandardOutput.line(SolveReport.text(model: program, solution: solution, report: report, allVariables: allVariables, statusNote: relaxation))
        }
        if let file = outputs.solution {
            do { try file.write(SolutionFile.csv(model: program, solution: solution, verdict: Verdict(solution, report: report))) } catch {
                printError("error: \(error)")
                throw ExitCode.failure
            }
        }
        throw ExitCode(Verdict(solution, report: report))
    }

    /// --write-model and --solution, checked before anything is solved (neither may name the input nor each other).
    private func outputFiles(input: ModelInput) throws -> (model: OutputFile?, solution: OutputFile?) {
        do {
            let inputs = input.isStandardInput ? [] : [input.path]
            let model = try writeModel.map { try OutputFile(path: $0, role: "--write-model", inputs: inputs) }
            let solution = try self.solution.map { try OutputFile(path: $0, role: "--solution", inputs: inputs, otherOutputs: model.map { [$0] } ?? []) }
            return (model, solution)
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }

    /// Writes the model for another solver: an objective constant becomes a column fixed at 1
    /// (readers disagree on constants) and, in LP format, names it cannot hold are changed;
    /// both are said on stderr.
    private func write(_ model: LinearProgram, to file: OutputFile) throws {
        let format: ModelFormat = ModelFormat.byExtension(file.path) == .lp ? .lp : .freeMPS
        var exported = model.objectiveConstantAsFixedColumn()
        if format == .lp {
            let (program, renamed) = exported.withLPNames()
            exported = program
            if let first = renamed.first {
                printError("note: --write-model changed \(renamed.count) name\(renamed.count == 1 ? "" : "s") that LP format cannot hold "
                           + "(e.g. '\(first.old)' → '\(first.new)'); MPS keeps every name")
            }
        }
        do {
            try exported.write(to: file, format: format)
        } catch {
            printError("error: --write-model: \(error)")
            throw ExitCode.failure
        }
        if exported.variableCount > model.variableCount {
            printError("note: --write-model wrote the objective constant \(model.objectiveConstant) as column '\(exported.variables.last!.name)' fixed at 1 (solvers read constants differently)")
        }
    }
}
