import Foundation

/// The memory a dense transport solve needs, estimated before anything of size n·m is
/// allocated, and the rule that refuses a solve above a limit.
///
/// Bytes per (source, target) pair: 16 for the cost matrix (the matrix and the product it is
/// computed from, or the CSV table it is read from) plus the method's own: 8 for the network
/// simplex (a copy of the costs when some weights are zero), 40 for Sinkhorn (the transposed
/// costs, the dense plan and the plan's entries) and 256 for an LP solver (n·m columns with two
/// nonzeros each, the solver's own copies and iterates; an estimate). The default limit is half
/// the machine's physical memory, or the memory available now if that is less.
public enum TransportMemory {
    public enum Method: String, Sendable {
        case networkSimplex = "the network simplex", linearProgram = "an LP solver", sinkhorn = "Sinkhorn"
    }

    static let costBytesPerPair = 16.0

    /// The method's bytes per pair on top of the cost matrix.
    public static func methodBytesPerPair(_ method: Method) -> Double {
        switch method {
        case .networkSimplex: return 8
        case .sinkhorn: return 40
        case .linearProgram: return 256
        }
    }

    /// Bytes for `n` sources and `m` targets (n·m checked for overflow: +∞ when it does not fit an Int).
    public static func estimate(sources n: Int, targets m: Int, method: Method) -> Double {
        let (pairs, overflow) = n.multipliedReportingOverflow(by: m)
        guard !overflow else { return .infinity }
        return Double(pairs) * (costBytesPerPair + methodBytesPerPair(method)) + 64 * Double(n + m)   // + O(n + m) vectors
    }

    /// Half the physical memory, or the memory available now (Linux: MemAvailable in
    /// /proc/meminfo) if that is less.
    public static var defaultLimit: Double {
        let half = Double(ProcessInfo.processInfo.physicalMemory) / 2
        return min(half, availableMemory ?? half)
    }

    /// MemAvailable of /proc/meminfo in bytes, or nil where there is none.
    static var availableMemory: Double? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return nil }
        return kilobytes * 1024
    }

    /// Throws `TransportError.tooLarge` when the estimate exceeds `limit` bytes.
    public static func check(sources n: Int, targets m: Int, method: Method, limit: Double = defaultLimit) throws {
        let bytes = estimate(sources: n, targets: m, method: method)
        guard bytes <= limit else {
            throw TransportError.tooLarge(what: "a transport problem of \(n) sources × \(m) targets solved by \(method.rawValue)", bytes: bytes, limit: limit)
        }
    }
}
