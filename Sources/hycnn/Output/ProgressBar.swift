import DataFiles
import Foundation

/// Draws training progress on stderr: one redrawn line on a terminal, a line every tenth of
/// the run otherwise (logs and pipes).
final class ProgressBar {
    private let interactive = isatty(2) == 1
    private var lastPrinted = 0

    func update(_ report: EpochReportLine) {
        let fraction = Double(report.epoch) / Double(report.epochs)
        let width = 24, filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        var line = String(format: "epoch %3d/%d %@ train MSE %.5g", report.epoch, report.epochs, bar, report.trainingMSE)
        if let validation = report.validationMSE { line += String(format: "  validation MSE %.5g", validation) }
        line += String(format: "  %.0f samples/s", report.samplesPerSecond)
        if interactive {
            StandardOutput.error("\r\u{1B}[2K" + line + (report.epoch == report.epochs ? "\n" : ""))
        } else if report.epoch == report.epochs || report.epoch * 10 / report.epochs > lastPrinted {
            lastPrinted = report.epoch * 10 / report.epochs
            StandardOutput.error(line + "\n")
        }
    }
}

/// The figures of one epoch that the bar shows.
struct EpochReportLine {
    var epoch: Int
    var epochs: Int
    var trainingMSE: Double
    var validationMSE: Double?
    var samplesPerSecond: Double
}
