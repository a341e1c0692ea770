import Foundation
import LinearProgramming
import TestSupport
import Testing
@testable import InteriorPoint

/// The Netlib set through our interior point: status optimal, objective within 1e-6 of
/// reference.csv, and a certificate the independent `verify` accepts. All 91 take about a
/// minute in a debug build on two cores (the release benchmark `hycnn-bench netlib` times them).
@Suite struct InteriorPointNetlibTests {

    @Test(.enabled(if: NetlibReference.directory != nil, Comment(rawValue: NetlibReference.absence)))
    func netlibOptimaMatchTheReferenceAndVerify() throws {
        let entries = try NetlibReference.entries()
        try #require(!entries.isEmpty)
        let start = Date()
        var failures: [String] = []
        for entry in entries.sorted(by: { $0.nonzeros < $1.nonzeros }) {
            do {
                let model = try NetlibReference.program(entry)
                let solution = try InteriorPointSolver().solve(model)
                let report = verify(solution, for: model)
                let error = entry.relativeError(solution.objective)
                if solution.status != .optimal || !(error <= 1e-6) || !report.verified {
                    failures.append("\(entry.name): \(solution.status.summary), objective \(solution.objective) (reference \(entry.objective)), \(report.failures.joined(separator: "; "))")
                }
            } catch {
                failures.append("\(entry.name): \(error)")
            }
        }
        for failure in failures { Issue.record(Comment(rawValue: failure)) }
        print("Netlib through the interior point: \(entries.count - failures.count)/\(entries.count) optimal, within 1e-6 of the reference and verified, in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    }
}
