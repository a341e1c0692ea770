import ArgumentParser
import Foundation

/// `hycnn-bench fuzz-recheck`: one independent re-check of one `hycnn` answer, as the fuzzer
/// does it, for the fuzzer's child processes (solve: GLPK may abort) and for tests of the
/// re-checks themselves. Prints one JSON line `{"outcome": "accepted"|"rejected"|"undecided",
/// "reason": …}`.
struct FuzzRecheck: ParsableCommand {
    enum Check: String, ExpressibleByArgument, CaseIterable {
        case solve, minimize, certify, checkData = "check-data", transport
    }

    static let configuration = CommandConfiguration(
        commandName: "fuzz-recheck", abstract: "Re-check one hycnn answer independently (used by fuzz).", shouldDisplay: false)

    @Option(help: "solve, minimize, certify, check-data or transport.") var check: Check
    @Option(help: "The input the tool read (MPS, problem, model or CSV file; transport: the source CSV).") var input: String
    @Option(help: "The tool's stdout (one JSON object).") var answer: String
    @Option(help: "The tool's exit code.") var exitCode: Int32 = 0
    @Flag(help: "solve: the MPS file is free format.") var free = false
    @Option(help: "transport: the target CSV.") var target: String?
    @Option(help: "transport: the plan CSV written with -o.") var plan: String?
    @Flag(help: "transport: the cost is euclidean (default squared euclidean).") var euclidean = false

    func run() throws {
        let outcome = Self.recheck(check, input: input, answer: answer, exitCode: exitCode, free: free,
                                   target: target, plan: plan, squared: !euclidean)
        let (word, reason): (String, String)
        switch outcome {
        case .accepted: (word, reason) = ("accepted", "")
        case let .rejected(text): (word, reason) = ("rejected", text)
        case let .undecided(text): (word, reason) = ("undecided", text)
        }
        let data = try JSONSerialization.data(withJSONObject: ["outcome": word, "reason": reason], options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    static func recheck(_ check: Check, input: String, answer: String, exitCode: Int32, free: Bool = false,
                        target: String? = nil, plan: String? = nil, squared: Bool = true) -> RecheckOutcome {
        if check == .solve { return SolveRecheck(file: input, free: free, answer: answer).recheck(exitCode: exitCode) }
        guard exitCode != 1 else { return .accepted }
        guard let json = FileManager.default.contents(atPath: answer).flatMap(JSONValue.object) else {
            return .rejected("exit \(exitCode) without one JSON object on stdout")
        }
        switch check {
        case .solve: return .accepted
        case .minimize: return MinimizeRecheck.check(problemPath: input, answer: json, exitCode: exitCode)
        case .certify: return CertifyRecheck.check(modelPath: input, answer: json, exitCode: exitCode)
        case .checkData: return CSVRecheck.checkData(csv: input, answer: json, exitCode: exitCode)
        case .transport:
            guard let target, let plan else { return .undecided("transport needs --target and --plan") }
            return CSVRecheck.transport(source: input, target: target, plan: plan, squared: squared, answer: json, exitCode: exitCode)
        }
    }
}
