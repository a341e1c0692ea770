import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of an executable in a child process with a wall-clock limit: the child runs under
/// `/bin/sh -c 'ulimit -v …; exec …'` (so an input that asks for absurd memory fails inside
/// the child instead of exhausting the machine), with one BLAS thread, and is killed with
/// SIGKILL when the limit passes. Output beyond `outputLimit` bytes per stream is dropped.
struct ChildRun {
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    var ending: Ending
    var stdout: Data
    var stderr: Data
    var seconds: Double

    static let outputLimit = 1 << 20

    /// Runs `executable arguments` in `directory`; `memoryLimitMB` caps the child's address space.
    static func run(_ executable: String, _ arguments: [String], directory: String, timeout: Double,
                    memoryLimitMB: Int) -> ChildRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(memoryLimitMB * 1024) 2>/dev/null; exec \"$0\" \"$@\"", executable] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let outBox = Collected(), errBox = Collected()
        let readers = DispatchGroup()
        for (pipe, box) in [(out, outBox), (err, errBox)] {
            readers.enter()
            DispatchQueue.global().async {
                box.read(pipe.fileHandleForReading, limit: outputLimit)
                readers.leave()
            }
        }
        let start = DispatchTime.now()
        do {
            try process.run()
        } catch {
            try? out.fileHandleForWriting.close()
            try? err.fileHandleForWriting.close()
            readers.wait()
            return ChildRun(ending: .exited(127), stdout: Data(), stderr: Data("cannot start \(executable): \(error)".utf8), seconds: 0)
        }
        var timedOut = false
        if finished.wait(timeout: start + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        readers.wait()
        // Foundation keeps the Pipe objects alive after the run: close their descriptors here,
        // or a long run exhausts the descriptor table (FileHandle.close is idempotent).
        for pipe in [out, err] {
            try? pipe.fileHandleForReading.close()
            try? pipe.fileHandleForWriting.close()
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let ending: Ending
        if timedOut {
            ending = .timedOut
        } else if process.terminationReason == .uncaughtSignal {
            ending = .signalled(process.terminationStatus)
        } else {
            ending = .exited(process.terminationStatus)
        }
        return ChildRun(ending: ending, stdout: outBox.data, stderr: errBox.data, seconds: seconds)
    }

    /// A pipe's bytes, read to the end on a reader thread (keeping the first `limit`) so that a
    /// chatty child never blocks on a full pipe. Plain read(2), retried on EINTR (Foundation's
    /// FileHandle traps on an interrupted read).
    private final class Collected: @unchecked Sendable {
        var data = Data()

        func read(_ handle: FileHandle, limit: Int) {
            let descriptor = handle.fileDescriptor
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return }
                if data.count < limit { data.append(contentsOf: buffer[0..<min(count, limit - data.count)]) }
            }
        }
    }
}
