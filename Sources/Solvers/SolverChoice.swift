import GLPKBackend
import InteriorPoint
import LinearProgramming

/// Which LP/MILP solver to use, by name: one of GLPK's methods, our interior point, or `auto`,
/// which picks by the program (``resolved(for:family:)``, ``resolved(transportSources:targets:)``).
/// The one place that builds solvers (``makeSolver(deadline:timeLimit:presolve:crossover:logger:mipProgress:)``);
/// everything else works on `any LPSolver`.
public enum SolverChoice: String, Sendable, CaseIterable {
    /// By the program: branch-and-cut for a MIP, else ``InteriorPointPreference``'s size rule.
    case auto
    /// GLPK's primal simplex.
    case simplex
    /// GLPK's dual simplex.
    case dualSimplex = "dual-simplex"
    /// GLPK's interior point (no time limit).
    case interior
    /// GLPK's branch-and-cut.
    case mip
    /// Our interior point, by default followed by a crossover to a vertex (``makeSolver(deadline:timeLimit:presolve:crossover:logger:mipProgress:)``).
    case ipm

    /// The concrete choice for `program`: `auto` becomes mip for a MIP, ipm for an LP above
    /// `family`'s nonzero threshold (``InteriorPointPreference``) and simplex otherwise; every
    /// other choice stays itself.
    public func resolved(for program: LinearProgram, family: InteriorPointPreference.Family = .general) -> SolverChoice {
        guard self == .auto else { return self }
        if program.hasIntegerVariables { return .mip }
        return InteriorPointPreference.prefersInteriorPoint(for: program, family: family) ? .ipm : .simplex
    }

    /// The concrete choice for the balanced transport LP between `sources` and `targets`
    /// points: `auto` becomes ipm above ``InteriorPointPreference/transportPairThreshold``
    /// source–target pairs n·m, simplex otherwise; every other choice stays itself.
    public func resolved(transportSources sources: Int, targets: Int) -> SolverChoice {
        guard self == .auto else { return self }
        return InteriorPointPreference.prefersInteriorPoint(transportSources: sources, targets: targets) ? .ipm : .simplex
    }

    /// Whether the solver stops itself at a time limit or deadline (GLPK's interior point has none).
    public var honoursTimeLimit: Bool { self != .interior }

    /// The solver, stopping at `deadline` (certificate search included) or `timeLimit` seconds
    /// after its solve began, whichever comes first; GLPK's methods presolve when `presolve`
    /// (our interior point always does). With a `logger` the solver's log goes there as text
    /// ready to print (GLPK's terminal output as it comes; the interior point's lines each with
    /// its newline); without one the solver is silent. Our interior point ends with a crossover
    /// to a basic optimal solution (``CrossoverSolver``) unless `crossover` is false. `mipProgress`
    /// receives branch-and-cut's progress (`mip` only). `auto` must have been resolved first.
    public func makeSolver(deadline: Deadline? = nil, timeLimit: Double? = nil, presolve: Bool = false,
                           crossover: Bool = true, logger: (@Sendable (String) -> Void)? = nil,
                           mipProgress: (@Sendable (MIPProgress) -> Void)? = nil) -> any LPSolver {
        switch self {
        case .auto:
            preconditionFailure("resolve the solver choice auto for the program before making a solver")
        case .ipm:
            var settings = InteriorPointSettings()
            settings.deadline = deadline
            settings.timeLimit = timeLimit
            if let logger { settings.logger = { line in logger(line.hasSuffix("\n") ? line : line + "\n") } }
            let interior = InteriorPointSolver(settings: settings)
            guard crossover else { return interior }
            return CrossoverSolver(interior: interior, deadline: deadline, timeLimit: timeLimit, logger: logger)
        case .simplex, .dualSimplex, .interior, .mip:
            let method: GLPKSettings.Method = switch self {
                case .simplex: .primalSimplex
                case .dualSimplex: .dualSimplex
                case .interior: .interiorPoint
                default: .branchAndCut
            }
            var settings = GLPKSettings(method: method)
            settings.deadline = deadline
            settings.timeLimit = timeLimit
            settings.presolve = presolve
            settings.logger = logger
            settings.progress = mipProgress
            return GLPKSolver(settings: settings)
        }
    }
}
