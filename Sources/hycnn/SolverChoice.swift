import ArgumentParser
import Foundation
import GLPKBackend
import InteriorPoint
import LinearProgramming

/// The `--solver` option of `solve` and `minimize`: one of GLPK's methods or our interior point.
enum SolverChoice: String, CaseIterable, ExpressibleByArgument {
    case simplex
    case dualSimplex = "dual-simplex"
    case interior
    case mip
    case ipm

    static let help = "simplex, dual-simplex, interior (GLPK's interior point), mip (GLPK branch-and-cut) or ipm (our interior point)"

    /// The solver, with a time limit and, when `verbose`, its log on stderr.
    func makeSolver(timeLimit: Double?, presolve: Bool = false, verbose: Bool) -> any LPSolver {
        let logger: @Sendable (String) -> Void = { line in
            FileHandle.standardError.write(Data((line.hasSuffix("\n") ? line : line + "\n").utf8))
        }
        switch self {
        case .ipm:
            var settings = InteriorPointSettings()
            settings.timeLimit = timeLimit
            settings.verbose = verbose
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
            settings.timeLimit = timeLimit
            settings.presolve = presolve
            if verbose { settings.logger = { FileHandle.standardError.write(Data($0.utf8)) } }
            return GLPKSolver(settings: settings)
        }
    }
}
