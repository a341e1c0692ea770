import ArgumentParser
import Foundation
import LinearAlgebra

/// The `hycnn` command-line tool. Results go to stdout, progress and errors to stderr.
/// Exit codes: 0 success/optimal, 1 error, 2 infeasible or unbounded (with a verified ray),
/// 3 limit reached (or check-data undecided at its tolerance), 4 not convex (certify and ot-map
/// certify: not certified convex).
@main
struct HyCNN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hycnn",
        abstract: "Shape-constrained learning and exact optimisation with convex neural networks.",
        discussion: """
            Exit codes: 0 success (optimal and verified), 1 error or an answer that does not \
            verify, 2 infeasible or unbounded (with a verified ray), 3 time or iteration limit \
            reached (check-data: also undecided at its tolerance), 4 not convex (check-data: with a \
            verified certificate; certify and ot-map certify: a potential not certified convex). \
            ot-map apply --inverse exact exits 2 for points outside dom f* (verified rays).
            """,
        version: Version.description,
        subcommands: [SolveCommand.self, FitCommand.self, PredictCommand.self, CertifyCommand.self, MinimizeCommand.self,
                      CheckDataCommand.self, TransportCommand.self, OTMapCommand.self])

    /// Like ParsableCommand.main(), but every failure that is not a help request exits with 1.
    static func main() {
        // A closed stdout pipe then arrives as the write error EPIPE (exit 1), not as a signal.
        signal(SIGPIPE, SIG_IGN)
        ProcessMemory.keepFreedPages()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            printError(fullMessage(for: error))
            Foundation.exit(ExitCode.failure.rawValue)
        }
    }
}
