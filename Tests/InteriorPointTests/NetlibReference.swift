import Foundation
import LinearProgramming

/// The Netlib LP set in ../shared/netlib (beside the package) and its reference optima
/// (reference.csv: name, rows, cols, nonzeros, objective). Tests that use it skip when the
/// folder is absent; HYCNN_NETLIB_DIR points elsewhere.
enum NetlibReference {
    struct Entry: Sendable {
        var name: String
        var rows: Int
        var columns: Int
        var nonzeros: Int
        var objective: Double
    }

    static var directory: URL? {
        if let path = ProcessInfo.processInfo.environment["HYCNN_NETLIB_DIR"] { return URL(fileURLWithPath: path) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/netlib")
        return FileManager.default.fileExists(atPath: shared.appendingPathComponent("reference.csv").path) ? shared : nil
    }

    static func entries() throws -> [Entry] {
        guard let directory else { return [] }
        let text = try String(contentsOf: directory.appendingPathComponent("reference.csv"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let f = line.split(separator: ",")
            guard f.count == 5, let rows = Int(f[1]), let columns = Int(f[2]), let nonzeros = Int(f[3]),
                  let objective = Double(f[4]) else { return nil }
            return Entry(name: String(f[0]), rows: rows, columns: columns, nonzeros: nonzeros, objective: objective)
        }
    }

    static func program(_ entry: Entry) throws -> LinearProgram {
        guard let directory else { throw CocoaError(.fileNoSuchFile) }
        return try LinearProgram(mpsFile: directory.appendingPathComponent(entry.name + ".mps.gz").path)
    }

    /// |objective − reference| / max(1, |reference|).
    static func relativeError(_ objective: Double, _ entry: Entry) -> Double {
        abs(objective - entry.objective) / max(1, abs(entry.objective))
    }
}
