import DataFiles
import Foundation

/// Progress through a count of items on stderr ("conjugate LPs 120/500 ██░░ 35/s"): one
/// redrawn line on a terminal, a line every tenth of the run otherwise (logs and pipes).
final class CountProgress {
    private let interactive = isatty(2) == 1
    private let label: String, total: Int
    private let start = Date()
    private var lastPrinted = 0

    init(label: String, total: Int) {
        self.label = label
        self.total = total
    }

    /// Ends a terminal's redrawn line when the run stopped before the last item.
    func stop(done: Int) {
        if interactive && done < total { StandardOutput.error("\n") }
    }

    func update(done: Int) {
        let width = 24, filled = done * width / max(total, 1)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let rate = Double(done) / max(Date().timeIntervalSince(start), 1e-9)
        let line = String(format: "%@ %d/%d %@ %.0f/s", label, done, total, bar, rate)
        if interactive {
            StandardOutput.error("\r\u{1B}[2K" + line + (done == total ? "\n" : ""))
        } else if done == total || done * 10 / max(total, 1) > lastPrinted {
            lastPrinted = done * 10 / max(total, 1)
            StandardOutput.error(line + "\n")
        }
    }
}
