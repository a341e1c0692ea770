import DataFiles
import Foundation
import GLPKBackend

/// Shows branch-and-cut's progress on stderr — time, nodes, incumbent, bound and gap, the
/// solver's own figures — once the search has run a second: one redrawn line on a terminal,
/// otherwise a line at each new incumbent and every ten seconds.
final class MIPProgressLine: @unchecked Sendable {
    private let interactive = isatty(2) == 1
    private let lock = NSLock()
    private var lastPrinted = -Double.infinity
    private var drawn = false

    func update(_ progress: MIPProgress) {
        lock.lock()
        defer { lock.unlock() }
        guard progress.seconds >= 1 else { return }
        func number(_ value: Double?) -> String { value.map { String(format: "%.8g", $0) } ?? "none yet" }
        let line = String(format: "branch-and-cut %.0f s: %d nodes (%d open), incumbent %@, bound %@, gap %@",
                          progress.seconds, progress.totalNodes, progress.activeNodes, number(progress.incumbent),
                          number(progress.bound), progress.gap.map { String(format: "%.3g %%", 100 * $0) } ?? "–")
        if interactive {
            StandardOutput.error("\r\u{1B}[2K" + line)
            drawn = true
        } else if progress.newIncumbent || progress.seconds - lastPrinted >= 10 {
            lastPrinted = progress.seconds
            StandardOutput.error(line + "\n")
        }
    }

    /// ``update(_:)`` as the solver's progress callback.
    var report: @Sendable (MIPProgress) -> Void { { self.update($0) } }

    /// Ends the redrawn line (call once the search is over).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { StandardOutput.error("\n") }
        drawn = false
    }
}
