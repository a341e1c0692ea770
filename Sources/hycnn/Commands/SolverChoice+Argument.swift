import ArgumentParser
import DataFiles
import Solvers

/// The `--solver` option of `solve` and `minimize`: by size (`auto`), one of GLPK's methods or
/// our interior point.
extension SolverChoice: ExpressibleByArgument {
    static let help = "auto (by size: mip for a MIP, ipm for an LP with more than "
        + "\(InteriorPointPreference.nonzeroThreshold(for: .general)) nonzeros, simplex for a smaller LP), simplex, "
        + "dual-simplex, interior (GLPK's interior point), mip (GLPK branch-and-cut) or ipm (our interior point)"

    /// `--verbose`'s logger: the solver's log on stderr; nil (a silent solver) otherwise.
    static func logger(verbose: Bool) -> (@Sendable (String) -> Void)? {
        guard verbose else { return nil }
        return { @Sendable text in StandardOutput.error(text) }
    }
}
