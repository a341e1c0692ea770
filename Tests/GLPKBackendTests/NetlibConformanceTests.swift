import Foundation
import Testing
import GLPKBackend
import LinearProgramming

/// The Netlib LP set in ../shared/netlib (beside the package), solved with GLPK's primal
/// simplex: each optimum must match reference.csv to 1e-6 relative and pass `verify`.
/// All 91 take about 20 s on two cores in a debug build.
enum NetlibSet {
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
}

@Suite struct NetlibConformanceTests {
    struct Outcome: Sendable {
        var name: String
        var problem: String?
        var seconds: Double
    }

    @Test(.enabled(if: NetlibSet.directory != nil, "../shared/netlib is absent"))
    func glpkSimplexMatchesReferenceOptima() throws {
        let entries = try NetlibSet.entries().sorted { $0.nonzeros > $1.nonzeros }
        try #require(!entries.isEmpty)
        let directory = try #require(NetlibSet.directory)
        let start = Date()
        let outcomes = Locked([Outcome]())
        let next = Locked(0)
        // Two workers (the machine has two cores) take the problems largest first.
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            while true {
                let k = next.withLock { k in defer { k += 1 }; return k }
                guard k < entries.count else { return }
                let outcome = Self.check(entries[k], in: directory)
                outcomes.withLock { $0.append(outcome) }
            }
        }
        let failures = outcomes.withLock { $0 }.filter { $0.problem != nil }
        for failure in failures { Issue.record("\(failure.name): \(failure.problem!)") }
        let slowest = outcomes.withLock { $0 }.max { $0.seconds < $1.seconds }
        print("Netlib conformance (GLPK primal simplex): \(entries.count - failures.count)/\(entries.count) solved, verified and matching reference.csv in \(String(format: "%.1f", Date().timeIntervalSince(start))) s (slowest: \(slowest?.name ?? "-"), \(String(format: "%.1f", slowest?.seconds ?? 0)) s)")
    }

    /// Cross-check of a second solver: whenever GLPK's interior point reports optimal on the
    /// Netlib problems up to 3,000 nonzeros, its objective matches the reference to 1e-6
    /// (it stops with a numerical error on a few, e.g. capri and modszk1: a status, not a wrong answer).
    @Test(.enabled(if: NetlibSet.directory != nil, "../shared/netlib is absent"))
    func glpkInteriorPointAgreesWhereItConverges() throws {
        let directory = try #require(NetlibSet.directory)
        let entries = try NetlibSet.entries().filter { $0.nonzeros <= 3_000 }
        var optimal = 0, verified = 0
        for entry in entries {
            let model = try LinearProgram(mpsFile: directory.appendingPathComponent(entry.name + ".mps.gz").path)
            let solution = try GLPKSolver(method: .interiorPoint).solve(model)
            #expect(solution.status == .optimal || solution.status == .numericalError, "\(entry.name): \(solution.status)")
            guard solution.status == .optimal else { continue }
            optimal += 1
            let error = abs(solution.objective - entry.objective) / max(1, abs(entry.objective))
            #expect(error <= 1e-6, "\(entry.name): \(solution.objective) vs \(entry.objective)")
            if verify(solution, for: model).verified { verified += 1 }
        }
        print("Netlib cross-check (GLPK interior point, ≤ 3,000 nonzeros): \(optimal)/\(entries.count) converged and match the reference; \(verified) pass verify at 1e-6")
        #expect(optimal * 10 >= entries.count * 8)
    }

    static func check(_ entry: NetlibSet.Entry, in directory: URL) -> Outcome {
        let start = Date()
        do {
            let model = try LinearProgram(mpsFile: directory.appendingPathComponent(entry.name + ".mps.gz").path)
            guard model.constraintCount == entry.rows, model.variableCount == entry.columns else {
                return Outcome(name: entry.name, problem: "read \(model.constraintCount)×\(model.variableCount), reference \(entry.rows)×\(entry.columns)", seconds: 0)
            }
            let solution = try GLPKSolver(method: .primalSimplex).solve(model)
            let seconds = Date().timeIntervalSince(start)
            guard solution.status == .optimal else {
                return Outcome(name: entry.name, problem: "status \(solution.status.summary)", seconds: seconds)
            }
            let error = abs(solution.objective - entry.objective) / max(1, abs(entry.objective))
            guard error <= 1e-6 else {
                return Outcome(name: entry.name, problem: "objective \(solution.objective), reference \(entry.objective)", seconds: seconds)
            }
            let report = verify(solution, for: model)
            guard report.verified else {
                return Outcome(name: entry.name, problem: "certificate: \(report.failures.joined(separator: "; "))", seconds: seconds)
            }
            return Outcome(name: entry.name, problem: nil, seconds: seconds)
        } catch {
            return Outcome(name: entry.name, problem: "\(error)", seconds: Date().timeIntervalSince(start))
        }
    }
}
