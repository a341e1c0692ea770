import Foundation
import Testing
import GLPKBackend
import LinearProgramming
import TestSupport

/// The Netlib LP set (``NetlibReference``), solved with GLPK's primal simplex: each optimum
/// must match reference.csv to 1e-6 relative and pass `verify`. All 91 take about 20 s on two
/// cores in a debug build.
@Suite struct NetlibConformanceTests {
    struct Outcome: Sendable {
        var name: String
        var problem: String?
        var seconds: Double
    }

    @Test(.enabled(if: NetlibReference.directory != nil, Comment(rawValue: NetlibReference.absence)))
    func glpkSimplexMatchesReferenceOptima() throws {
        let entries = try NetlibReference.entries().sorted { $0.nonzeros > $1.nonzeros }
        try #require(!entries.isEmpty)
        let directory = try #require(NetlibReference.directory)
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
    @Test(.enabled(if: NetlibReference.directory != nil, Comment(rawValue: NetlibReference.absence)))
    func glpkInteriorPointAgreesWhereItConverges() throws {
        let directory = try #require(NetlibReference.directory)
        let entries = try NetlibReference.entries().filter { $0.nonzeros <= 3_000 }
        var optimal = 0, verified = 0
        for entry in entries {
            let model = try LinearProgram(mpsFile: entry.path(in: directory.path))
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

    static func check(_ entry: NetlibReference.Entry, in directory: URL) -> Outcome {
        let start = Date()
        do {
            let model = try LinearProgram(mpsFile: entry.path(in: directory.path))
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
