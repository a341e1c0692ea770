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

    /// A usage error of `command` as ArgumentParser prints one found while parsing: the message,
    /// the subcommand's usage (not the root's) and where its help is.
    static func usageError(_ message: String, command: ParsableCommand.Type) -> String {
        let text = usageString(for: command)
        let usage = text.hasPrefix("Usage:") ? text : "Usage: " + text
        let path = usage.replacingOccurrences(of: "Usage: ", with: "").split(separator: " ")
            .prefix { !$0.hasPrefix("[") && !$0.hasPrefix("<") }.joined(separator: " ")
        return "Error: \(message)\n\(usage)\n  See '\(path) --help' for more information."
    }

    /// Like ParsableCommand.main(), but every failure that is not a help request exits with 1.
    static func main() {
        // A closed stdout pipe then arrives as the write error EPIPE (exit 1), not as a signal.
        signal(SIGPIPE, SIG_IGN)
        ProcessMemory.keepFreedPages()
        var parsed: ParsableCommand?
        do {
            var command = try parseAsRoot()
            parsed = command
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            if let parsed, error is ValidationError {
                printError(usageError(message(for: error), command: type(of: parsed)))   // a misuse found while running
            } else {
                printError(fullMessage(for: error))
            }
            Foundation.exit(ExitCode.failure.rawValue)
        }
    }
}
