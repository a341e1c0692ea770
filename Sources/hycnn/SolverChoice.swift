import ArgumentParser
import DataFiles
import Foundation
import GLPKBackend
import InteriorPoint
import LinearProgramming

/// The `--solver` option of `solve` and `minimize`: by size (`auto`), one of GLPK's methods or
/// our interior point.
enum SolverChoice: String, CaseIterable, ExpressibleByArgument {
    case auto
    case simplex
    case dualSimplex = "dual-simplex"
    case interior
    case mip
    case ipm

    static let help = "auto (by size: mip for a MIP, ipm for an LP with more than "
        + "\(InteriorPointPreference.nonzeroThreshold(for: .general)) nonzeros, simplex for a smaller LP), simplex, "
        + "dual-simplex, interior (GLPK's interior point), mip (GLPK branch-and-cut) or ipm (our interior point)"

    /// The concrete choice for `program`: `auto` becomes mip for a MIP, ipm for an LP above
    /// `family`'s nonzero threshold (``InteriorPointPreference``) and simplex otherwise; every
    /// other choice stays itself.
    func resolved(for program: LinearProgram, family: InteriorPointPreference.Family = .general) -> SolverChoice {
        guard self == .auto else { return self }
        if program.hasIntegerVariables { return .mip }
        return InteriorPointPreference.prefersInteriorPoint(for: program, family: family) ? .ipm : .simplex
    }

    /// The solver, stopping at the command's `deadline` (certificate search included) and, when
    /// `verbose`, with its log on stderr. `auto` must have been resolved (``resolved(for:)``) first.
    func makeSolver(deadline: Deadline?, presolve: Bool = false, verbose: Bool) -> any LPSolver {
        let logger: @Sendable (String) -> Void = { line in
            StandardOutput.error(line.hasSuffix("\n") ? line : line + "\n")
        }
        switch self {
        case .auto:
            preconditionFailure("resolve --solver auto for the program before making a solver")
        case .ipm:
            var settings = InteriorPointSettings()
            settings.deadline = deadline
            if verbose { settings.logger = logger }
            return InteriorPointSolver(settings: settings)
        case .simplex, .dualSimplex, .interior, .mip:
            let method: GLPKSettings.Method = switch self {
                case .simplex: .primalSimplex
                case .dualSimplex: .dualSimplex
                case .interior: .interiorPoint
                default: .branchAndCut
            }
            var settings = GLPKSettings(method: method)
            settings.deadline = deadline
            settings.presolve = presolve
            if verbose { settings.logger = { StandardOutput.error($0) } }
            return GLPKSolver(settings: settings)
        }
    }
}
