import ArgumentParser
import DataFiles
import Foundation
import LinearProgramming
import Solvers
import SurrogateOptimization

/// `hycnn minimize problem.json`: optimise over learned surrogates exactly and certify.
struct MinimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minimize",
        abstract: "Solve an optimisation problem over learned surrogates exactly, with certificates.",
        discussion: """
            The problem file names variables, saved models (surrogates) applied to the variables, \
            an objective and constraints (see the README). Each surrogate is encoded exactly: as \
            an LP when it is certified convex, piecewise linear and only minimised or bounded \
            above, otherwise as a MILP (binaries, big-M from interval bounds). Smooth models are \
            refused. Prints x*, the objective, each surrogate's forward value against its value \
            in the program (exactness), the LP/MILP certificate re-checked independently, and \
            the gap to the file's reference answer when it has one. The solver line (JSON key \
            "solver") names the solver used. --svg may not name the problem, a model or a data \
            file, and is written only for a verified optimum.
            A surrogate neither in the objective nor bounded by a constraint is refused. \
            The MILP route shows branch-and-cut's progress on stderr (nodes, incumbent, bound, \
            gap) once it runs more than a second, stops after \(Int(defaultMILPTimeLimit)) s unless --time-limit \
            says otherwise, and at a limit reports the incumbent and the bound. \
            Exit codes: 0 optimal and verified, 1 error or failed certificate, 2 infeasible or \
            unbounded with a verified ray, 3 limit reached.
            """)

    @Argument(help: "The problem file (JSON).") var problem: String
    @Option(help: "The LP route's solver: auto (default; ipm when the compiled LP has more than \(InteriorPointPreference.nonzeroThreshold(for: .surrogate)) nonzeros, else simplex), simplex, dual-simplex, interior (GLPK) or ipm (ours); the MILP route always uses GLPK's branch-and-cut.")
    var solver: SolverChoice = .auto
    @Option(help: ArgumentHelp(CrossoverSwitch.help(default: .off)
                               + " (LP route; x* is the answer here, not a basis, and the crossover can take longer than the solve itself)."))
    var crossover: CrossoverSwitch = .off
    @Flag(name: .customLong("milp"), help: "Encode every surrogate with binaries (to cross-check the LP route).") var forceMILP = false
    @Flag(help: "Tighten the MILP's big-M bounds by solving LPs (optimisation-based bound tightening).") var tighten = false
    @Option(help: "Stop after this many seconds from the start (bound tightening, solve and certificate search included). The MILP route's solve stops after \(Int(Self.defaultMILPTimeLimit)) s unless this says otherwise.") var timeLimit: Double?
    @Option(help: "Write an SVG of every one-input surrogate with its samples and the chosen point.") var svg: String?
    @Option(help: "Write the compiled LP/MILP as free MPS (gzip for .gz) before solving it, with the problem's variable and constraint names, for another solver (hycnn solve FILE --free, glpsol --freemps FILE, highs FILE).") var writeMPS: String?
    @Flag(help: "Print one JSON object instead of text.") var json = false

    /// Seconds branch-and-cut may take when --time-limit is not given.
    static let defaultMILPTimeLimit = 300.0

    func validate() throws {
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
    }

    func run() throws {
        let deadline = timeLimit.map { Deadline(secondsFromNow: $0) }     // one deadline for the whole command
        let file: ProblemFile
        let compiled: CompiledSurrogateProblem
        let solution: SurrogateSolution
        let plot: OutputFile?
        let start = Date()
        var warnings: [NumericWarning] = []
        do {
            file = try ProblemFile(contentsOfFile: problem)
            // Checked before solving: the plot may not replace the problem, a model or a data file.
            let inputs = [problem] + file.modelFiles.values + file.dataFiles.values
            plot = try svg.map { try OutputFile(path: $0, role: "--svg", inputs: inputs) }
            let modelFile = try writeMPS.map { try OutputFile(path: $0, role: "--write-mps", inputs: inputs, otherOutputs: plot.map { [$0] } ?? []) }
            let tightening = tighten ? SolverChoice.simplex.makeSolver(deadline: deadline) : nil
            var program = try file.problem.compile(forceMixedInteger: forceMILP, tightening: tightening,
                                                   deadline: deadline)
            // The numeric policy, once: the solver solves and the certificate checks this program.
            let prepared: PreparedProgram
            do {
                prepared = try program.program.preparedForSolver(program.route == .milp ? .mixedInteger : .linearOnly)
            } catch let error as LinearProgrammingError where program.route == .milp {
                throw ValidationError("\(error) (the MILP encoding's big-M constants come from the variables' bounds: give every surrogate input finite, tighter bounds)")
            }
            warnings = prepared.warnings
            for warning in warnings { printError("warning: \(warning)") }
            program.program = prepared.program
            compiled = program
            if let modelFile {
                let exported = compiled.program.objectiveConstantAsFixedColumn()
                try exported.writeMPS(to: modelFile)
                let constant = exported.variableCount > compiled.program.variableCount
                    ? "; its objective constant \(compiled.program.objectiveConstant) is the cost of column \(exported.variables.last!.name), fixed at 1, so every MPS reader reads the same objective" : ""
                printError("wrote the \(compiled.route == .milp ? "MILP" : "LP") (\(counted(exported.constraintCount, "row")), \(counted(exported.variableCount, "column"))) to \(modelFile.path)\(constant)")
            }
            if compiled.route == .milp && solver != .auto && solver != .mip {
                printError("note: the problem compiles to a MILP, which needs branch-and-cut; --solver \(solver.rawValue) is ignored (an LP solver would solve only its relaxation)")
            }
            let choice: SolverChoice = compiled.route == .milp ? .mip : solver.resolved(for: compiled.program, family: .surrogate)
            let progress = compiled.route == .milp ? MIPProgressLine() : nil
            let solveDeadline = deadline ?? (compiled.route == .milp ? Deadline(secondsFromNow: Self.defaultMILPTimeLimit) : nil)
            var answer = try compiled.solve(using: choice.makeSolver(deadline: solveDeadline, crossover: crossover.isOn,
                                                                     mipProgress: progress?.report))
            progress?.finish()
            if compiled.route == .milp && timeLimit == nil && answer.status == .timeLimit {
                printError("note: branch-and-cut stopped at the MILP route's default limit of \(Int(Self.defaultMILPTimeLimit)) s; give --time-limit to allow more")
            }
            if SecondOpinion.wanted(MinimizeReport.verdict(answer)), compiled.route == .lp,
               let other = choice.alternative, deadline?.hasPassed != true {
                var second = try compiled.solve(using: other.makeSolver(deadline: deadline, crossover: crossover.isOn))
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
        } catch {
            printError("error: \(error)")
            if case .smoothModel? = error as? SurrogateOptimizationError { printError("(hycnn fit --gate max trains the max gate)") }
            if case .quadraticModel? = error as? SurrogateOptimizationError {
                printError("(hycnn fit --model icnn trains an ICNN without the quadratic term)")
            }
            throw ExitCode.failure
        }
        if json { for warning in MinimizeReport.extrapolationWarnings(solution) { printError("warning: \(warning)") } }
        let exitCode = ExitCode(MinimizeReport.verdict(solution))
        // The plot is written only for a verified answer, so a failed run leaves an earlier plot as it was.
        var drawn: String?
        if let plot, !solution.x.isEmpty {
            if exitCode == .success {
                do {
                    let panels = try SurrogatePlot.panels(file: file, solution: solution)
                    try plot.write(SurrogatePlot.svg(panels, title: "\(file.problem.name): surrogates and the exact optimum"))
                    drawn = plot.path
                } catch {
                    printError("error: \(error)")
                    throw ExitCode.failure
                }
            } else {
                printError("note: no verified optimum, so --svg \(plot.path) was not written")
            }
        }
        let seconds = Date().timeIntervalSince(start)
        if json {
            var object = MinimizeReport.json(file: file, compiled: compiled, solution: solution, seconds: seconds)
            object["warnings"] = warnings.map(\.description)
            try JSONOutput.print(object, command: "minimize")
        } else {
            try StandardOutput.line(MinimizeReport.text(file: file, compiled: compiled, solution: solution, seconds: seconds, svg: drawn))
        }
        throw exitCode
    }
}
