import Foundation

/// A peer script of Benchmarks/peers/ run by a Python interpreter in a child process, in the
/// same invocation as our solver (the peers' packages — POT, highspy — are not dependencies of
/// the project: a missing one makes the script fail, and the benchmark says so).
struct PythonPeer {
    /// The Python interpreter: the option's, else Benchmarks/.venv/bin/python if present, else python3.
    let python: String

    init(python: String?) {
        let venv = BenchmarksFolder.url.appendingPathComponent(".venv/bin/python").path
        self.python = python ?? (FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3")
    }

    /// Runs Benchmarks/peers/`script` with `arguments` and hands each line of its standard
    /// output to `line` as it arrives. Returns nil when the script exited with status 0, else
    /// why it failed (the last line of its standard error, or how it ended).
    func run(_ script: String, arguments: [String], line: (String) -> Void) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, BenchmarksFolder.peerScript(script)] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        // Read standard error while the script runs, so that a chatty script cannot block on a full pipe.
        let errorText = TextBox()
        let reader = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorText.text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            reader.signal()
        }
        do {
            try process.run()
        } catch {
            try? errors.fileHandleForWriting.close()
            reader.wait()
            return "cannot run \(python): \(error.localizedDescription)"
        }
        var pending = Data()
        while case let chunk = output.fileHandleForReading.availableData, !chunk.isEmpty {
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                line(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                pending.removeSubrange(pending.startIndex...newline)
            }
        }
        if !pending.isEmpty { line(String(decoding: pending, as: UTF8.self)) }
        process.waitUntilExit()
        reader.wait()
        guard process.terminationReason != .exit || process.terminationStatus != 0 else { return nil }
        let last = errorText.text.split(separator: "\n").last.map(String.init)
        let ending = process.terminationReason == .uncaughtSignal ? "signal \(process.terminationStatus)" : "exit \(process.terminationStatus)"
        return last.map { "\($0) (\(ending))" } ?? ending
    }

    /// The script's standard error, written by the reader thread before it signals.
    private final class TextBox: @unchecked Sendable {
        var text = ""
    }
}
