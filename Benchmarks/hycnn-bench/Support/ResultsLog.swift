import Foundation

/// A CSV file that receives one line per finished run as it happens (so an interrupted
/// benchmark keeps what it measured), and a summary CSV beside it at the end.
final class ResultsLog {
    let path: String
    /// `results.csv` → `results-summary.csv` (or `-summary.csv` appended if there is no .csv).
    let summaryPath: String
    private var handle: FileHandle?

    init(path: String) {
        self.path = path
        summaryPath = path.hasSuffix(".csv") ? String(path.dropLast(4)) + "-summary.csv" : path + "-summary.csv"
    }

    deinit { try? handle?.close() }

    /// Creates the folder if needed and starts the file with `header` (replacing an old file).
    func open(header: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        } catch {
            throw BenchError.unwritableFile(path: folder, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        guard FileManager.default.createFile(atPath: path, contents: Data((header + "\n").utf8)),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchError.unwritableFile(path: path, reason: "cannot create the file")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    /// Appends one line and flushes it to disk.
    func append(_ line: String) throws {
        guard let handle else { throw BenchError.unwritableFile(path: path, reason: "the file was not opened") }
        do {
            try handle.write(contentsOf: Data((line + "\n").utf8))
            try handle.synchronize()
        } catch {
            throw BenchError.unwritableFile(path: path, reason: error.localizedDescription)
        }
    }

    /// Writes the aggregated table to ``summaryPath``.
    func writeSummary(_ text: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: summaryPath))
        } catch {
            throw BenchError.unwritableFile(path: summaryPath, reason: error.localizedDescription)
        }
    }
}
