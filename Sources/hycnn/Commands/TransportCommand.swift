import ArgumentParser
import DataFiles
import Foundation
import LinearProgramming
import Solvers
import Transport

extension GroundCost: ExpressibleByArgument {}

/// `hycnn transport source.csv target.csv`: exact optimal transport with its dual certificate.
struct TransportCommand: ParsableCommand {
    enum Method: String, ExpressibleByArgument, CaseIterable {
        case exact, lp, sinkhorn
    }

    /// The LP solver of `--method lp`: the transport LP's subset of ``SolverChoice``.
    enum LPSolverChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, simplex, ipm

        var solverChoice: SolverChoice {
            switch self {
            case .auto: .auto
            case .simplex: .simplex
            case .ipm: .ipm
            }
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "transport",
        abstract: "Solve a discrete optimal-transport problem between two weighted point clouds, with a certificate.",
        discussion: """
            Each CSV has a header (required) and one point per row; its coordinates are the columns \
            named by --coordinates, else every column but the weight column. Without \
            --source-weights/--target-weights every point weighs 1/n; with them the totals must agree \
            (to 1e-10 relative). A column named like masses (weight, w, mass, demand, supply, stock, \
            capacity, quantity, amount, probability, …) is refused as a coordinate unless \
            --coordinates names it. Which columns are coordinates and where the masses come from is \
            printed (stderr; "sourceInput"/"targetInput" in JSON). --cost-matrix replaces the ground cost \
            by a CSV with one row per source and one column per target (the point files may then \
            hold only weights). Methods: exact (default; our network simplex), lp (the n·m-variable \
            LP, by --solver: GLPK's primal simplex, our interior point, or auto — the interior \
            point when there are more than \(InteriorPointPreference.transportPairThreshold) source–target pairs n·m, \
            the simplex otherwise), sinkhorn (entropic, approximate; --epsilon in cost units, \
            default 0.001 × the largest cost; its status is "approximate", never optimal). Costs \
            must pass the numeric policy: |c| ≤ 1e150, and every row and column either constant or \
            spread over at least 1e-7 of the cost range (an outlying point far from the others is \
            refused: its costs would drown the others' in rounding). The exact method stops after \
            --iteration-limit pivots (default 1000·(n + m)). Before anything of size n·m is \
            allocated, the memory the method needs is estimated (16 bytes per source-target pair for \
            the costs, plus 8 for exact, 40 for sinkhorn, 256 for lp) and refused above \
            --memory-limit (default half the physical memory, or what is available now if less). The certificate is recomputed from the problem: \
            potentials u, v with u_i + v_j ≤ c_ij (max violation relative to the largest cost), \
            the plan's marginals (relative to the total mass) and the duality gap (relative); \
            all three within 1e-9 make it verified (\(TransportCommand.interiorPointToleranceText) for the \
            interior point, which is optimal only to its own 1e-8 tolerances; its LP certificate \
            must also pass the independent LP verifier). An entropic plan is only near-optimal, so its \
            certificate is reported but not expected to verify. -o writes the plan as CSV \
            (source_row, target_row: 1-based data rows of the two files; mass; cost). --svg \
            draws 2-D clouds and the plan, --potentials writes the dual potentials as CSV (side, \
            row, potential), and --plan adds the plan and the potentials to the JSON (or lists the \
            plan in text). All are written only when the run succeeds (exit 0) and may not name an \
            input file or each other. Totals that differ call for partial transport (--mass m: move \
            m units at least cost) or unbalanced transport (--unbalanced λ or λd,λc: a cost per unit \
            of source mass not shipped and of target mass not delivered); both are LPs, solved and \
            certified as --method lp.
            Exit codes: 0 solved (exact and lp: verified; sinkhorn: converged, status approximate), \
            1 error or failed certificate, 3 time or iteration limit.
            """)

    @Argument(help: "Source points: CSV with a header.") var source: String
    @Argument(help: "Target points: CSV with a header.") var target: String
    @Option(help: "The source column holding the masses (default: uniform).") var sourceWeights: String?
    @Option(help: "The target column holding the masses (default: uniform).") var targetWeights: String?
    @Option(help: "The coordinate columns of both files, comma-separated (default: every column but the weights).")
    var coordinates: String?
    @Option(help: "Ground cost: sqeuclidean (default) or euclidean; not with --cost-matrix.") var cost: GroundCost?
    @Option(help: "A cost matrix CSV (one row per source, one column per target) instead of --cost.") var costMatrix: String?
    @Option(help: "exact (network simplex; the default), lp (an LP solver, see --solver; the default with --mass or --unbalanced) or sinkhorn (entropic).")
    var method: Method?
    @Option(help: "Partial transport: move exactly this much mass (at most the smaller total) at least cost; every point sends or receives at most its weight. The totals may differ. An LP (--method lp).")
    var mass: Double?
    @Option(help: ArgumentHelp("Unbalanced transport: the cost per unit of source mass left unshipped and of target mass not delivered (one value for both, or two: destroyed,created). The totals may differ. An LP (--method lp).", valueName: "penalty"))
    var unbalanced: String?
    @Option(help: "The LP solver of --method lp: auto (default; ipm above \(InteriorPointPreference.transportPairThreshold) source–target pairs n·m, else simplex), simplex (GLPK primal simplex) or ipm (our interior point).")
    var solver: LPSolverChoice?
    @Option(help: ArgumentHelp(CrossoverSwitch.help(default: .on) + " (--method lp; the plan then has at most n + m − 1 entries)."))
    var crossover: CrossoverSwitch?
    @Option(help: "Sinkhorn's regularisation ε in cost units (default 0.001 × the largest cost).") var epsilon: Double?
    @Option(help: "Stop the solver after this many seconds (exit 3).") var timeLimit: Double?
    @Option(help: "Stop the exact method after this many pivots (default 1000·(n + m)).") var iterationLimit: Int?
    @Option(help: "Refuse problems whose estimated memory exceeds this many GB (default: half the physical memory, or what is available now if less).")
    var memoryLimit: Double?
    @Option(name: [.short, .customLong("output")], help: "Write the plan as CSV.") var output: String?
    @Option(help: ArgumentHelp("Write the dual potentials as CSV (side, row, potential).", valueName: "file")) var potentials: String?
    @Flag(name: .customLong("plan"), help: "Also give the plan and the potentials: in the JSON (plan, potentials) or, in text, a table of the plan's entries.")
    var showPlan = false
    @Option(help: "Draw both clouds and the plan as SVG (2-D points only).") var svg: String?
    @Flag(help: "Print one JSON object instead of text.") var json = false

    /// The method run: --method, else lp for partial and unbalanced transport, else exact.
    var chosenMethod: Method { method ?? (mass != nil || unbalanced != nil ? .lp : .exact) }

    /// --unbalanced's penalties (destroyed, created).
    var penalties: (destroyed: Double, created: Double)? {
        get throws {
            guard let unbalanced else { return nil }
            let values = unbalanced.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(values.count), let first = values[0], let last = values[values.count - 1],
                  values.allSatisfy({ ($0 ?? -1) >= 0 && $0!.isFinite }) else {
                throw ValidationError("--unbalanced takes one penalty ≥ 0 or two (destroyed,created), e.g. --unbalanced 2 or --unbalanced 2,3; got \(unbalanced)")
            }
            return (first, last)
        }
    }

    func validate() throws {
        let method = chosenMethod
        if let epsilon, !(epsilon > 0 && epsilon.isFinite) { throw ValidationError("--epsilon must be a positive number, got \(epsilon)") }
        if mass != nil && unbalanced != nil { throw ValidationError("--mass (partial transport) and --unbalanced exclude each other; give one") }
        if let mass, !(mass > 0 && mass.isFinite) { throw ValidationError("--mass must be a positive amount of mass, got \(mass)") }
        _ = try penalties
        if (mass != nil || unbalanced != nil) && method != .lp {
            throw ValidationError("--\(mass != nil ? "mass" : "unbalanced") is solved as an LP: use --method lp (or leave --method out), not --method \(method.rawValue)")
        }
        if epsilon != nil && method != .sinkhorn { throw ValidationError("--epsilon is only used with --method sinkhorn") }
        if solver != nil && method != .lp { throw ValidationError("--solver is only used with --method lp") }
        if crossover != nil && method != .lp { throw ValidationError("--crossover is only used with --method lp") }
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if let iterationLimit, iterationLimit < 1 { throw ValidationError("--iteration-limit must be a positive number of pivots") }
        if iterationLimit != nil && method != .exact { throw ValidationError("--iteration-limit is only used with --method exact") }
        if cost != nil && costMatrix != nil { throw ValidationError("--cost and --cost-matrix exclude each other: give one ground cost") }
        if coordinates != nil && costMatrix != nil && svg == nil {
            throw ValidationError("--coordinates is not used with --cost-matrix (only to draw with --svg)")
        }
        if let memoryLimit, !(memoryLimit > 0 && memoryLimit.isFinite) { throw ValidationError("--memory-limit must be a positive number of GB") }
    }

    /// Partial transport (--mass), unbalanced transport (--unbalanced) or neither.
    var variant: TransportVariant {
        get throws {
            if let mass { return .partial(mass: mass) }
            if let penalties = try penalties { return .unbalanced(destroyed: penalties.destroyed, created: penalties.created) }
            return .balanced
        }
    }

    /// The coordinate columns named by --coordinates.
    var coordinateNames: [String]? {
        coordinates?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    var memoryMethod: TransportMemory.Method {
        switch chosenMethod {
        case .exact: return .networkSimplex
        case .lp: return .linearProgram
        case .sinkhorn: return .sinkhorn
        }
    }

    func run() throws {
        let input: TransportInput, outcome: TransportOutcome
        let plan: OutputFile?, drawing: OutputFile?, potentialFile: OutputFile?
        do {
            // Checked before solving: no output may replace an input or the other output.
            let inputs = [source, target] + (costMatrix.map { [$0] } ?? [])
            plan = try output.map { try OutputFile(path: $0, role: "-o", inputs: inputs) }
            drawing = try svg.map { try OutputFile(path: $0, role: "--svg", inputs: inputs, otherOutputs: plan.map { [$0] } ?? []) }
            potentialFile = try potentials.map {
                try OutputFile(path: $0, role: "--potentials", inputs: inputs, otherOutputs: [plan, drawing].compactMap { $0 })
            }
            let variant = try variant
            input = try TransportInput(source: source, target: target, sourceWeights: sourceWeights, targetWeights: targetWeights,
                                       coordinates: coordinateNames, cost: cost ?? .squaredEuclidean, costMatrix: costMatrix,
                                       needsPlanePoints: svg != nil, method: memoryMethod,
                                       memoryLimit: memoryLimit.map { $0 * 1e9 } ?? TransportMemory.defaultLimit, announce: !json,
                                       balanced: variant == .balanced)
            if !json {
                printError("source \(input.source.file): \(input.source.summary)")
                printError("target \(input.target.file): \(input.target.summary)")
            }
            if let problem = input.problem {
                outcome = try solve(problem)
            } else {
                outcome = try solve(variant, input: input)
            }
        } catch {
            printError("error: \(error)")
            if case .tooLarge? = error as? TransportError { printError("(--memory-limit GB sets the limit)") }
            if case .unbalancedMass? = error as? TransportError {
                printError("(hycnn transport --mass m moves m units at least cost; --unbalanced penalty charges for mass left unmatched)")
            }
            throw ExitCode.failure
        }
        // An entropic plan is only near-optimal: converged is its success.
        let exitCode = ExitCode(status: outcome.plan.status, verified: outcome.certificate.verified || outcome.entropic != nil)
        // Outputs only after success: a failed or limited run leaves earlier files as they were.
        var written: String?, drawn: String?
        do {
            if exitCode == .success {
                if let plan {
                    try plan.write(TransportReport.planCSV(outcome.plan, cost: input.cost))
                    written = plan.path
                }
                if let potentialFile { try potentialFile.write(TransportReport.potentialsCSV(outcome.plan)) }
                if let drawing, let points = input.planePoints {
                    let axes = input.source.coordinates.count == 2 ? input.source.coordinates : coordinateNames ?? ["x", "y"]
                    try drawing.write(TransportPlot.svg(source: points.source, target: points.target, sourceWeights: input.sourceWeights,
                                                       targetWeights: input.targetWeights, plan: outcome.plan,
                                                       title: "\(outcome.methodTitle): cost \(TransportReport.format(outcome.plan.cost))",
                                                       xLabel: axes.first ?? "x", yLabel: axes.count > 1 ? axes[1] : "y"))
                    drawn = drawing.path
                }
            } else {
                for file in [plan, drawing, potentialFile].compactMap({ $0 }) { printError("note: the run did not succeed, so \(file.role) \(file.path) was not written") }
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        if json {
            var object = TransportReport.json(outcome, input: input, output: written, svg: drawn)
            object["method"] = chosenMethod.rawValue
            object["potentialsFile"] = exitCode == .success ? potentialFile?.path ?? NSNull() : NSNull()
            if showPlan { object.merge(TransportReport.planJSON(outcome.plan, cost: input.cost)) { $1 } }
            try JSONOutput.print(object, command: "transport")
        } else {
            try StandardOutput.line(TransportReport.text(outcome, input: input, output: written, svg: drawn))
            if showPlan { try StandardOutput.write(TransportReport.planTable(outcome.plan, cost: input.cost)) }
        }
        throw exitCode
    }

    /// Partial or unbalanced transport: an LP by --solver, certified like the balanced LP route.
    func solve(_ variant: TransportVariant, input: TransportInput) throws -> TransportOutcome {
        let requested = solver ?? .auto
        let choice = requested.solverChoice.resolved(transportSources: input.sourceCount, targets: input.targetCount)
        let lpSolver = choice.makeSolver(timeLimit: timeLimit, crossover: (crossover ?? .on).isOn)
        let tolerances = choice.transportTolerance.map(Self.tolerances) ?? TransportTolerances()
        let solverName = choice == .ipm ? "our interior point" : "GLPK primal simplex"
        let result: CertifiedTransportPlan, title: String
        switch variant {
        case .partial(let mass):
            result = try PartialTransport(sourceWeights: input.sourceWeights, targetWeights: input.targetWeights, cost: input.cost,
                                          mass: mass).solve(using: lpSolver, tolerances: tolerances)
            title = "partial transport of mass \(TransportReport.format(mass)) (LP, \(solverName))"
        case .unbalanced(let destroyed, let created):
            result = try UnbalancedTransport(sourceWeights: input.sourceWeights, targetWeights: input.targetWeights, cost: input.cost,
                                             destructionPenalty: destroyed, creationPenalty: created).solve(using: lpSolver, tolerances: tolerances)
            title = "unbalanced transport, penalties \(TransportReport.format(destroyed)) per unit destroyed and "
                + "\(TransportReport.format(created)) per unit created (LP, \(solverName))"
        case .balanced:
            preconditionFailure("a balanced problem is solved by solve(_:)")
        }
        return TransportOutcome(plan: result.plan, certificate: result.certificate, methodTitle: title,
                                tolerance: choice.transportTolerance ?? 1e-9, variant: variant)
    }

    func solve(_ problem: TransportProblem) throws -> TransportOutcome {
        switch chosenMethod {
        case .exact:
            var settings = NetworkSimplexSettings()
            settings.timeLimit = timeLimit
            settings.iterationLimit = iterationLimit
            let plan = try NetworkSimplex(settings: settings).solve(problem)
            return TransportOutcome(plan: plan, certificate: TransportCertificate.check(plan, for: problem),
                                    methodTitle: "exact network simplex")
        case .lp:
            let requested = solver ?? .auto
            let choice = requested.solverChoice.resolved(transportSources: problem.sourceCount, targets: problem.targetCount)
            let why = requested == .auto ? " (--solver auto: \(problem.sourceCount * problem.targetCount) pairs)" : ""
            let lpSolver = choice.makeSolver(timeLimit: timeLimit, crossover: (crossover ?? .on).isOn)
            if let tolerance = choice.transportTolerance {
                let result = try problem.solve(using: lpSolver, tolerances: Self.tolerances(tolerance))
                return TransportOutcome(plan: result.plan, certificate: result.certificate,
                                        methodTitle: "LP, our interior point" + why, tolerance: tolerance)
            }
            let result = try problem.solve(using: lpSolver)
            return TransportOutcome(plan: result.plan, certificate: result.certificate, methodTitle: "LP, GLPK primal simplex" + why)
        case .sinkhorn:
            let e = epsilon ?? 1e-3 * max(problem.cost.maxAbsoluteValue, .leastNormalMagnitude)
            var settings = SinkhornSettings(epsilon: e)
            settings.timeLimit = timeLimit
            let entropic = try Sinkhorn.solve(sourceWeights: problem.sourceWeights, targetWeights: problem.targetWeights,
                                              cost: problem.cost, settings: settings)
            var entries: [TransportPlan.Entry] = []
            for i in 0..<entropic.sourceCount {
                for j in 0..<entropic.targetCount where entropic[i, j] > 0 {
                    entries.append(TransportPlan.Entry(source: i, target: j, mass: entropic[i, j]))
                }
            }
            let plan = TransportPlan(entries: entries, cost: entropic.cost, sourcePotentials: entropic.sourcePotential,
                                     targetPotentials: entropic.targetPotential, status: entropic.status,
                                     iterations: entropic.iterations, seconds: entropic.seconds, method: "sinkhorn")
            return TransportOutcome(plan: plan, certificate: TransportCertificate.check(plan, for: problem),
                                    methodTitle: "entropic (Sinkhorn, ε = \(TransportReport.format(e)))", entropic: entropic)
        }
    }
}

extension TransportCommand {
    /// The transport certificate's tolerances with dual feasibility, marginals and gap at
    /// `tolerance` (the solver's, ``SolverChoice/transportTolerance``), the rest as for exact plans.
    static func tolerances(_ tolerance: Double) -> TransportTolerances {
        var tolerances = TransportTolerances()
        tolerances.dualFeasibility = tolerance
        tolerances.marginal = tolerance
        tolerances.gap = tolerance
        return tolerances
    }

    static var interiorPointToleranceText: String { TransportReport.power(SolverChoice.interiorPointTransportTolerance) }
}

/// Balanced, partial (a given mass) or unbalanced (penalties for unmatched mass) transport.
enum TransportVariant: Equatable {
    case balanced
    case partial(mass: Double)
    case unbalanced(destroyed: Double, created: Double)
}

/// What a `hycnn transport` run produced.
struct TransportOutcome {
    var plan: TransportPlan
    var certificate: TransportCertificate
    var methodTitle: String
    var entropic: EntropicPlan?
    /// The tolerance of the certificate's checks (dual violation, marginals, gap; relative).
    var tolerance = 1e-9
    var variant = TransportVariant.balanced
}
