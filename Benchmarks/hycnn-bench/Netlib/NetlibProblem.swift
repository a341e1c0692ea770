import Foundation

/// One line of the Netlib set's reference.csv (name, rows, cols, nonzeros, objective).
struct NetlibProblem: Sendable {
    var name: String
    var rows: Int
    var columns: Int
    var nonzeros: Int
    /// The reference optimum.
    var objective: Double

    /// The file of the problem in `directory`.
    func path(in directory: String) -> String { (directory as NSString).appendingPathComponent(name + ".mps.gz") }

    /// The problems of `directory/reference.csv`, in file order.
    static func catalog(in directory: String) throws -> [NetlibProblem] {
        let path = (directory as NSString).appendingPathComponent("reference.csv")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchError.badOption(name: "--netlib", value: directory, reason: "has no readable reference.csv; point it at the Netlib folder")
        }
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let f = line.split(separator: ",")
            guard f.count == 5, let rows = Int(f[1]), let columns = Int(f[2]), let nonzeros = Int(f[3]),
                  let objective = Double(f[4]) else { return nil }
            return NetlibProblem(name: String(f[0]), rows: rows, columns: columns, nonzeros: nonzeros, objective: objective)
        }
    }

    /// |objective − reference| / max(1, |reference|).
    func relativeError(_ value: Double) -> Double { abs(value - objective) / max(1, abs(objective)) }
}
