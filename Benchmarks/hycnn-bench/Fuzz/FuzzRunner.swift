import Foundation

/// Runs one fuzzed case in a worker's folder (which holds a copy of every seed file), sorts the
/// outcome into a ``FuzzCategory`` and, for anything but ok, saves the input, the command and
/// the output in a findings folder.
struct FuzzRunner: Sendable {
    var hycnn: String
    var bench: String
    var timeout: Double
    var memoryLimitMB: Int
    var findings: String
    var seedFolder: String

    func run(_ fuzzCase: FuzzCase, in folder: String) -> (verdict: FuzzVerdict, run: ChildRun) {
        let inputPath = folder + "/" + fuzzCase.inputName
        for stale in ["plan.csv", "fitted.model.json", "regression.model.json", "answer.json"] {
            try? FileManager.default.removeItem(atPath: folder + "/" + stale)
        }
        Self.put(fuzzCase.input, inputPath)
        let run = ChildRun.run(hycnn, fuzzCase.arguments, directory: folder, timeout: timeout, memoryLimitMB: memoryLimitMB)
        let verdict = classify(fuzzCase, run, folder: folder)
        if verdict.category != .ok { save(fuzzCase, run, verdict, folder: folder) }
        return (verdict, run)
    }

    func classify(_ fuzzCase: FuzzCase, _ run: ChildRun, folder: String) -> FuzzVerdict {
        let code: Int32
        switch run.ending {
        case .timedOut: return FuzzVerdict(category: .hang, reason: "no exit after \(timeout) s")
        case let .signalled(signal): return FuzzVerdict(category: .signal, reason: "killed by signal \(signal) (\(Self.signalName(signal)))")
        case let .exited(status): code = status
        }
        if FileManager.default.contents(atPath: folder + "/" + fuzzCase.inputName) != fuzzCase.input {
            return FuzzVerdict(category: .badExit, reason: "exit \(code), and the run changed its input file \(fuzzCase.inputName)")
        }
        guard fuzzCase.allowedExits.contains(code) else {
            return FuzzVerdict(category: .badExit, reason: "exit \(code); \(fuzzCase.arguments[0]) may exit \(fuzzCase.allowedExits.sorted().map(String.init).joined(separator: ", "))")
        }
        if code != 1, let schema = fuzzCase.schema, let key = schema.unknownKey(in: fuzzCase.input) {
            return FuzzVerdict(category: .badExit, reason: "exit \(code) on a file with the unknown key \(key) (must be refused, exit 1)")
        }
        let outcome = recheck(fuzzCase, run, code: code, folder: folder)
        switch outcome {
        case .accepted: return .ok
        case let .rejected(reason): return FuzzVerdict(category: .rejected, reason: reason)
        case let .undecided(reason): return FuzzVerdict(category: .undecided, reason: reason)
        }
    }

    func recheck(_ fuzzCase: FuzzCase, _ run: ChildRun, code: Int32, folder: String) -> RecheckOutcome {
        let answer = folder + "/answer.json"
        Self.put(run.stdout, answer)
        let input = folder + "/" + fuzzCase.inputName
        switch fuzzCase.check {
        case .none:
            return .accepted
        case .solve, .checkData:
            // These re-checks solve LPs with GLPK, which may abort on the input: in a child process.
            guard code != 1 else { return .accepted }
            var arguments = ["fuzz-recheck", "--input", fuzzCase.inputName, "--answer", "answer.json", "--exit-code", "\(code)"]
            if case let .solve(free) = fuzzCase.check {
                arguments += ["--check", "solve"] + (free ? ["--free"] : [])
            } else {
                arguments += ["--check", "check-data"]
            }
            let check = ChildRun.run(bench, arguments, directory: folder, timeout: 3 * timeout, memoryLimitMB: memoryLimitMB)
            guard check.ending == .exited(0), let result = JSONValue.object(check.stdout), let word = result["outcome"] as? String else {
                let last = String(decoding: check.stderr, as: UTF8.self).split(separator: "\n").last ?? ""
                return .undecided("the re-check process (GLPK or our interior point on this input) ended with \(check.ending): \(last.prefix(200))")
            }
            let reason = result["reason"] as? String ?? ""
            return word == "accepted" ? .accepted : word == "rejected" ? .rejected(reason) : .undecided(reason)
        case let .minimize(problem):
            return FuzzRecheck.recheck(.minimize, input: folder + "/" + problem, answer: answer, exitCode: code)
        case .certify:
            return FuzzRecheck.recheck(.certify, input: input, answer: answer, exitCode: code)
        case let .transport(source, target, plan, squared):
            return FuzzRecheck.recheck(.transport, input: folder + "/" + source, answer: answer, exitCode: code,
                                       target: folder + "/" + target, plan: folder + "/" + plan, squared: squared)
        }
    }

    /// findings/<kind>-<index>-<category>/: the input, the seed files it needs, `command.sh`,
    /// `stdout.txt`, `stderr.txt` and `verdict.txt`.
    func save(_ fuzzCase: FuzzCase, _ run: ChildRun, _ verdict: FuzzVerdict, folder: String) {
        let target = "\(findings)/\(fuzzCase.kind.rawValue)-\(fuzzCase.index)-\(verdict.category.rawValue)"
        let manager = FileManager.default
        try? manager.removeItem(atPath: target)
        try? manager.createDirectory(atPath: target, withIntermediateDirectories: true)
        Self.put(fuzzCase.input, target + "/" + fuzzCase.inputName)
        for name in fuzzCase.support { try? manager.copyItem(atPath: seedFolder + "/" + name, toPath: target + "/" + name) }
        let command = "hycnn " + fuzzCase.arguments.map(Self.shellQuoted).joined(separator: " ")
        let script = "#!/bin/sh\n# Run in this folder with hycnn on PATH (or set HYCNN to the binary).\ncd \"$(dirname \"$0\")\" && exec \"${HYCNN:-hycnn}\" "
            + fuzzCase.arguments.map(Self.shellQuoted).joined(separator: " ") + "\n"
        Self.put(Data(script.utf8), target + "/command.sh")
        try? manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target + "/command.sh")
        Self.put(run.stdout, target + "/stdout.txt")
        Self.put(run.stderr, target + "/stderr.txt")
        let text = """
            category   \(verdict.category.rawValue)
            reason     \(verdict.reason)
            ending     \(run.ending) after \(String(format: "%.2f", run.seconds)) s
            command    \(command)
            mutations  \(fuzzCase.mutations.joined(separator: "; "))

            """
        Self.put(Data(text.utf8), target + "/verdict.txt")
    }

    /// Writes `data` at `path`, replacing any file there (a failure leaves the run's verdict unchanged).
    static func put(_ data: Data, _ path: String) {
        try? data.write(to: URL(fileURLWithPath: path))
    }

    static func shellQuoted(_ word: String) -> String {
        word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,".contains($0) } ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGABRT: return "SIGABRT, abort"
        case SIGTRAP: return "SIGTRAP, Swift runtime trap"
        case SIGILL: return "SIGILL, Swift runtime trap"
        case SIGSEGV: return "SIGSEGV"
        case SIGBUS: return "SIGBUS"
        case SIGKILL: return "SIGKILL"
        case SIGFPE: return "SIGFPE"
        default: return "signal \(signal)"
        }
    }
}
