import DataFiles
import Foundation
import TransportMaps

/// Draws minimax training progress on stderr: one redrawn line on a terminal, a line every
/// tenth of the run otherwise (logs and pipes).
final class MinimaxProgressBar {
    private let interactive = isatty(2) == 1
    private var lastPrinted = 0

    func update(_ report: MinimaxProgress) {
        let fraction = Double(report.iteration) / Double(report.iterations)
        let width = 24, filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "iteration %4d/%d %@ W2² estimate %.5g  lr %.2g", report.iteration, report.iterations, bar,
                          report.dualEstimate, report.learningRate)
        let last = report.iteration == report.iterations
        if interactive {
            StandardOutput.error("\r\u{1B}[2K" + line + (last ? "\n" : ""))
        } else if last || report.iteration * 10 / report.iterations > lastPrinted {
            lastPrinted = report.iteration * 10 / report.iterations
            StandardOutput.error(line + "\n")
        }
    }
}
