import GLPKBackend
import InteriorPoint
import LinearProgramming

/// The solvers the Netlib benchmark knows by name, each built with a time limit where the
/// solver supports one. Everything else in the benchmark works on `any LPSolver`.
enum NetlibSolvers {
    /// Names in the default order of `--solvers`.
    static let names = ["ipm", "glpk-simplex", "glpk-interior"]

    /// Whether the solver stops itself at `--time-limit` (the others are stopped by the benchmark).
    static func honoursTimeLimit(_ name: String) -> Bool { name != "glpk-interior" }

    /// The solver called `name`, or nil for an unknown name.
    static func solver(named name: String, timeLimit: Double?) -> (any LPSolver)? {
        switch name {
        case "ipm":
            var settings = InteriorPointSettings()
            settings.timeLimit = timeLimit
            return InteriorPointSolver(settings: settings)
        case "glpk-simplex":
            var settings = GLPKSettings(method: .primalSimplex)
            settings.timeLimit = timeLimit
            return GLPKSolver(settings: settings)
        case "glpk-interior":
            // GLPK's interior point has no time limit; the benchmark kills its process instead.
            return GLPKSolver(settings: GLPKSettings(method: .interiorPoint))
        default:
            return nil
        }
    }
}
