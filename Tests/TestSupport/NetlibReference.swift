import Foundation
import LinearProgramming

/// The Netlib LP set (`*.mps.gz` and `reference.csv`: name, rows, cols, nonzeros, objective)
/// and its reference optima, shipped in `Problems/netlib`; `$HYCNN_NETLIB_DIR` names another
/// copy. The tests that use it skip when neither holds a reference.csv.
public enum NetlibReference {
    /// One line of reference.csv.
    public struct Entry: Sendable {
        public var name: String
        public var rows: Int
        public var columns: Int
        public var nonzeros: Int
        /// The reference optimum.
        public var objective: Double

        /// The problem's file in `directory`.
        public func path(in directory: String) -> String { (directory as NSString).appendingPathComponent(name + ".mps.gz") }

        /// |objective − reference| / max(1, |reference|).
        public func relativeError(_ objective: Double) -> Double {
            abs(objective - self.objective) / max(1, abs(self.objective))
        }
    }

    /// Why the tests that need the set are skipped.
    public static let absence = "the Netlib set is absent (set HYCNN_NETLIB_DIR)"

    /// `$HYCNN_NETLIB_DIR`, else the checkout's `Problems/netlib` when it holds a reference.csv.
    public static var directory: URL? {
        if let path = ProcessInfo.processInfo.environment["HYCNN_NETLIB_DIR"] { return URL(fileURLWithPath: path) }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = checkout.appendingPathComponent("Problems/netlib")
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("reference.csv").path) ? folder : nil
    }

    /// The entries of the set's reference.csv in file order (none when the set is absent).
    public static func entries() throws -> [Entry] {
        guard let directory else { return [] }
        return try entries(in: directory.path)
    }

    /// The entries of `directory/reference.csv` in file order.
    public static func entries(in directory: String) throws -> [Entry] {
        let file = (directory as NSString).appendingPathComponent("reference.csv")
        return entries(csv: try String(contentsOfFile: file, encoding: .utf8))
    }

    /// The entries of reference.csv's text (its lines may end in CRLF, so split at any newline).
    public static func entries(csv text: String) -> [Entry] {
        text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let f = line.split(separator: ",")
            guard f.count == 5, let rows = Int(f[1]), let columns = Int(f[2]), let nonzeros = Int(f[3]),
                  let objective = Double(f[4]) else { return nil }
            return Entry(name: String(f[0]), rows: rows, columns: columns, nonzeros: nonzeros, objective: objective)
        }
    }

    /// The problem's LP, read from the set's folder.
    public static func program(_ entry: Entry) throws -> LinearProgram {
        guard let directory else { throw CocoaError(.fileNoSuchFile) }
        return try LinearProgram(mpsFile: entry.path(in: directory.path))
    }
}
