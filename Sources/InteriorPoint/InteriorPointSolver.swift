import Foundation
import LinearAlgebra
import LinearProgramming

/// Our primal-dual interior-point LP solver (Mehrotra predictor–corrector over a sparse or
/// dense Cholesky of the normal equations, BLAS inside) behind the ``LPSolver`` protocol.
///
/// A solve validates the model and settings, presolves, builds the internal standard form,
/// equilibrates it (Ruiz), iterates, and maps the point back to the caller's units and
/// indexing with GLPK's dual sign convention (d = c − Aᵀy). The answer is called optimal only
/// when the independent `verify` accepts it; when the iteration stalls or diverges, the
/// problem is classified with ``RayFinder`` — whose elastic and recession problems are
/// feasible and bounded by construction, so this solver solves them reliably — and an
/// infeasible or unbounded answer carries the verified Farkas or improving ray.
public struct InteriorPointSolver: LPSolver {
    public var settings: InteriorPointSettings
    /// True for the auxiliary solves of a classification (which must not classify again).
    private var classifying = false

    public init(settings: InteriorPointSettings = InteriorPointSettings()) { self.settings = settings }

    public var name: String { "ipm" }

    /// Solves `problem` after ``LinearProgram/preparedForSolver(_:policy:)``: integer columns are
    /// refused (an LP solver), and the model is solved with the ``NumericPolicy`` applied.
    /// The solve holds the BLAS thread count (``BLASThreads/holdingCount(_:)``): the same LP on
    /// the same count gives the same answer, whatever other threads of the process do with it.
    /// The iterations of an LP whose factorizations are predicted below ``singleThreadFlops`` run
    /// BLAS on one thread.
    public func solve(_ problem: LinearProgram) throws -> Solution {
        try BLASThreads.holdingCount { try solveHoldingThreads(problem) }
    }

    /// Below this many flops a factorization (forming included, as predicted), OpenBLAS's second
    /// thread costs more than it gives, measured with one and two threads on this machine kind:
    /// the surrogate LPs up to 7.5e7 (64×8 at d = 50: 73 against 83 ms; 16×4 at d = 50: 2.7
    /// against 3.9 ms), Netlib's pilot87 (1.6e8: 0.43 against 0.65 s), d2q06c, greenbea; above,
    /// the dense 4.8e8–4.9e8 ones (128×8 at d = 50: 0.39 against 0.30 s) and dfl001 (5.7e8: 1.98
    /// against 1.65 s) gain from it (maros-r7, 4.9e8, still does not: 0.32 against 0.44 s).
    static let singleThreadFlops = 2e8

    private func solveHoldingThreads(_ problem: LinearProgram) throws -> Solution {
        try settings.validate()
        let start = Self.now()
        let problem = try problem.preparedForSolver(.linearOnly).program
        log(String(format: "validation and numeric policy: %.4f s", Self.now() - start))
        let stop = Deadline.earliest(settings.deadline, settings.timeLimit.map { Deadline(secondsFromNow: $0) })
        let deadline = stop.map { Double($0.uptimeNanoseconds) / 1e9 }              // uptime seconds, as now()
        if stop?.hasPassed == true { return Solution(status: .timeLimit, solver: name) }
        var solution = settings.presolve ? try presolveAndSolve(problem, deadline: deadline)
                                         : try solveValidated(problem, deadline: deadline)
        solution.seconds = Self.now() - start
        return solution
    }

    /// Presolves, solves the reduced program and postsolves; a verdict of infeasible or
    /// unbounded (from presolve or the reduced solve) is re-derived on the original model,
    /// so that its ray refers to the caller's rows and columns.
    private func presolveAndSolve(_ model: LinearProgram, deadline: Double?) throws -> Solution {
        let start = Self.now()
        let outcome = try Presolve().reduce(model)
        let presolveSeconds = Self.now() - start
        switch outcome {
        case let .infeasible(reason), let .unbounded(reason):
            log("presolve: \(reason)")
            return try classify(model, deadline: deadline, otherwise: .numericalError, iterations: 0)
        case let .reduced(presolved):
            if let deadline, Self.now() >= deadline { return Solution(status: .timeLimit, solver: name) }
            let statistics = presolved.statistics
            log("presolve: \(statistics.rowsBefore) rows, \(statistics.columnsBefore) columns, \(statistics.nonzerosBefore) nonzeros → \(statistics.rowsAfter), \(statistics.columnsAfter), \(statistics.nonzerosAfter)"
                + String(format: " in %.4f s", presolveSeconds))
            if presolved.program.variableCount == 0 {                   // presolve decided every column
                let mapped = presolved.postsolve(x: [], rowDuals: [])
                return finish(model, x: mapped.x, y: mapped.rowDuals, iterations: 0, status: .optimal)
            }
            let reduced = try solveValidated(presolved.program, deadline: deadline, verifiedByCaller: true)
            switch reduced.status {
            case .primalInfeasible, .dualInfeasible:
                return try classify(model, deadline: deadline, otherwise: .numericalError, iterations: reduced.iterations)
            default:
                let mapped = presolved.postsolve(reduced)
                guard mapped.x.count == model.variableCount, mapped.rowDuals.count == model.constraintCount else { return mapped }
                return finish(model, x: mapped.x, y: mapped.rowDuals, iterations: reduced.iterations, status: reduced.status)
            }
        }
    }

    /// `verifiedByCaller`: an optimum reached by the iteration is returned without `verify`,
    /// which the caller runs on the postsolved answer (the one it reports).
    private func solveValidated(_ model: LinearProgram, deadline: Double?, verifiedByCaller: Bool = false) throws -> Solution {
        let start = Self.now()
        switch try StandardForm.build(from: model) {
        case let .infeasibleRow(row):
            log("row \(model.constraints[row].name) has no free variables and its bounds exclude its activity")
            return try classify(model, deadline: deadline, otherwise: .numericalError, iterations: 0)
        case var .form(form):
            if form.columnCount == 0 { return finish(model, x: fixedPoint(model), y: [], iterations: 0, status: .optimal) }
            let scaling = settings.scaling ? RuizScaling.equilibrate(&form)
                                           : RuizScaling(rows: form.rowCount, columns: form.columnCount)
            let scaled = Self.now()
            // Sparse Cholesky unless its fill makes it nearly as costly as the dense one (m³/3 flops), or as set.
            let backend = NormalEquationsBackend(for: form, settings: settings, deadline: deadline)
            log(String(format: "set-up: %.4f s (standard form and scaling %.4f s, normal-equations analysis %.4f s)",
                       Self.now() - start, scaled - start, Self.now() - scaled))
            if let deadline, Self.now() >= deadline { return Solution(status: .timeLimit, solver: name) }   // the analysis took the time
            let threads = backend.predictedFlops < Self.singleThreadFlops ? 1 : BLASThreads.count
            let (termination, x, y, iterations) = BLASThreads.with(threads) {
                switch backend {
                case let .rowSpace(gram): iterate(model, form: form, scaling: scaling, deadline: deadline, normal: gram,
                                                  backend: backend.description, correctors: gram.isSparse)
                case let .split(split): iterate(model, form: form, scaling: scaling, deadline: deadline, normal: split,
                                                backend: backend.description, correctors: false)
                case let .columnSpace(column): iterate(model, form: form, scaling: scaling, deadline: deadline, normal: column,
                                                       backend: backend.description, correctors: false)
                }
            }
            switch termination {
            case .optimal:
                return finish(model, x: x, y: y, iterations: iterations, status: .optimal, verifying: !verifiedByCaller)
            case .timeLimit, .iterationLimit:
                let status: SolutionStatus = termination == .timeLimit ? .timeLimit : .iterationLimit
                return finish(model, x: x, y: y, iterations: iterations, status: status)
            case .stalled, .diverging, .factorizationFailed:
                // The best iterate is optimal when the certificate verifies, almost optimal at 100× looser tolerances.
                let nearly = finish(model, x: x, y: y, iterations: iterations, status: .optimal)
                if nearly.status.hasOptimalPoint { return nearly }
                var classified = try classify(model, deadline: deadline, otherwise: .numericalError, iterations: iterations)
                if classified.status == .numericalError { classified.x = x; classified.rowDuals = y }
                return classified
            }
        }
    }

    /// Runs the interior point with one linear-algebra backend; returns the model's x and y.
    private func iterate<Normal: NormalEquations>(_ model: LinearProgram, form: StandardForm, scaling: RuizScaling,
                                                  deadline: Double?, normal: Normal, backend: String, correctors: Bool)
        -> (MehrotraTermination, [Double], [Double], Int) {
        log("normal equations: \(backend), \(form.rowCount) rows")
        var method = MehrotraMethod(form: form, scaling: scaling, settings: settings, deadline: deadline, normal: normal,
                                    centralityCorrectors: correctors ? settings.centralityCorrectors : 0)
        let start = Self.now()
        let termination = method.run()
        let clock = method.clock, seconds = Self.now() - start
        log(String(format: "iterations: %.4f s (factorizations %.4f s, solves %.4f s, the rest %.4f s)", seconds,
                   clock.factorSeconds, clock.solveSeconds, seconds - clock.factorSeconds - clock.solveSeconds))
        let last = method.measures
        if let column = method.normal as? ColumnSpaceNormalEquations {
            log("column space: \(column.columnSpaceFactorizations) factorizations"
                + (column.regularizedFactorizations > 0 ? " (\(column.regularizedFactorizations) of them with K regularised)" : "")
                + (column.rowSpaceFromNowOn ? ", then the row space" : ", all of them"))
        }
        log("interior point ended: \(termination) after \(method.iterations) iterations; relative primal infeasibility "
            + "\(last.primalInfeasibility), dual infeasibility \(last.dualInfeasibility), gap \(last.gap)")
        let (x, y) = recover(model, form: form, scaling: scaling, method: method)
        return (termination, x, y, method.iterations)
    }

    /// The model's point and duals from the scaled internal iterate: x = C x', y = ±R y'.
    private func recover<Normal: NormalEquations>(_ model: LinearProgram, form: StandardForm, scaling: RuizScaling,
                                                  method: MehrotraMethod<Normal>) -> (x: [Double], y: [Double]) {
        var x = fixedPoint(model)
        for (j, origin) in form.columnOrigin.enumerated() where origin >= 0 {
            x[origin] = scaling.columnScale[j] * method.x[j]
        }
        var y = [Double](repeating: 0, count: model.constraintCount)
        for (r, origin) in form.rowOrigin.enumerated() {
            y[origin] = form.objectiveSign * scaling.rowScale[r] * method.y[r]
        }
        return (x, y)
    }

    /// Fixed variables at their value, all others at 0.
    private func fixedPoint(_ model: LinearProgram) -> [Double] {
        model.variables.map { $0.lower == $0.upper ? $0.lower : 0 }
    }

    /// The solution with reduced costs d = c − Aᵀy. A claimed optimum must pass `verify`
    /// (an almost-optimal one `verify` with tolerances 100× looser), else it is downgraded —
    /// unless `verifying` is false (the caller verifies what it makes of it).
    private func finish(_ model: LinearProgram, x: [Double], y: [Double], iterations: Int,
                        status: SolutionStatus, verifying: Bool = true) -> Solution {
        let start = Self.now()
        defer {
            log("reduced costs\(verifying ? " and verification" : "") of the \(model.constraintCount) × \(model.variableCount) program"
                + String(format: ": %.4f s", Self.now() - start))
        }
        let rowDuals = y.isEmpty ? [Double](repeating: 0, count: model.constraintCount) : y
        let costs = model.costs, aty = model.transposeProduct(rowDuals)
        var solution = Solution(status: status, objective: model.objectiveValue(x), x: x, rowDuals: rowDuals,
                                reducedCosts: zip(costs, aty).map { $0 - $1 }, iterations: iterations, solver: name)
        switch status {
        case .optimal where !verifying:
            break
        case .optimal:
            if !verify(solution, for: model).verified { solution.status = nearlyOptimal(solution, model) ? .almostOptimal : .numericalError }
        case .almostOptimal:
            if !nearlyOptimal(solution, model) { solution.status = .numericalError }
        default:
            break
        }
        if !solution.status.hasOptimalPoint { solution.objective = .nan }
        return solution
    }

    private func nearlyOptimal(_ solution: Solution, _ model: LinearProgram) -> Bool {
        var loose = VerificationTolerances()
        loose.primalFeasibility *= 100
        loose.dualFeasibility *= 100
        loose.gap *= 100
        return verify(solution, for: model, tolerances: loose).verified
    }

    /// Decides infeasible / unbounded with verified rays by solving RayFinder's auxiliary
    /// problems with this solver; `otherwise` is the status when neither is proved (`timeLimit`
    /// when the deadline passed first).
    private func classify(_ model: LinearProgram, deadline: Double?, otherwise: SolutionStatus,
                          iterations: Int) throws -> Solution {
        guard !classifying else { return Solution(status: otherwise, iterations: iterations, solver: name) }
        var auxiliary = self
        auxiliary.classifying = true
        if let deadline {
            let remaining = deadline - Self.now()
            guard remaining > 0 else { return Solution(status: .timeLimit, iterations: iterations, solver: name) }
            auxiliary.settings.timeLimit = remaining
        }
        // The one rule for infeasible / unbounded verdicts: only with a verified ray, else `otherwise`
        // (or timeLimit when the deadline passed before a certificate was found).
        let stop = deadline.map { Deadline(uptimeNanoseconds: UInt64($0 * 1e9)) }
        let claim = Solution(status: .primalInfeasible, iterations: iterations, solver: name)
        var settled = try RayFinder.settle(claim, for: model, using: auxiliary, deadline: stop)
        guard settled.farkasRay != nil || settled.improvingRay != nil else {
            let timeUp = deadline.map { Self.now() >= $0 } ?? false
            return Solution(status: timeUp ? .timeLimit : otherwise, iterations: iterations, solver: name, diagnosis: settled.diagnosis)
        }
        settled.diagnosis = nil
        return settled
    }

    /// Passes `line` to the logger; the line is not even formatted without one.
    private func log(_ line: @autoclosure () -> String) {
        settings.logger?(line())
    }

    private static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
