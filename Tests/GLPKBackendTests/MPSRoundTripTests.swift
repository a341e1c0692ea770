import Foundation
import Testing
import GLPKBackend
import LinearProgramming
import TestSupport

/// write → read → solve gives the same optimum: the sense, the objective constant, ranges,
/// bounds and integrality all survive an MPS file.
@Suite struct MPSRoundTripTests {
    static func roundTrip(_ model: LinearProgram, _ format: MPSFormat) throws -> LinearProgram {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-roundtrip-\(UUID().uuidString).mps.gz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.writeMPS(to: path, format: format)
        return try LinearProgram(mpsFile: path, format: format)
    }

    static let models: [(LinearProgram, GLPKSettings.Method, Double)] = [
        (TextbookProblems.wyndor(), .primalSimplex, 36),
        (TextbookProblems.equalityAndGreater(), .primalSimplex, 10.5),
        (TextbookProblems.ranged(), .dualSimplex, -3.5),
        (TextbookProblems.freeVariables(), .primalSimplex, -1),
        (TextbookProblems.knapsack(), .branchAndCut, 15),
    ]

    @Test(arguments: MPSFormat.allCases)
    func textbookModelsKeepTheirOptimum(format: MPSFormat) throws {
        for (model, method, optimum) in Self.models {
            let reread = try Self.roundTrip(model, format)
            #expect(reread.sense == model.sense && reread.objectiveConstant == model.objectiveConstant)
            let solution = try GLPKSolver(method: method).solve(reread)
            #expect(solution.status == .optimal, "\(model.name)")
            #expect(close(solution.objective, optimum), "\(model.name): \(solution.objective)")
            #expect(verify(solution, for: reread).verified, "\(model.name)")
        }
    }

    @Test(.enabled(if: NetlibReference.directory != nil, Comment(rawValue: NetlibReference.absence)))
    func netlibObjectiveConstantSurvives() throws {
        // e226 carries an objective-row RHS: its optimum includes the constant 7.113.
        let directory = try #require(NetlibReference.directory)
        let original = try LinearProgram(mpsFile: directory.appendingPathComponent("e226.mps.gz").path)
        #expect(original.objectiveConstant == 7.113)
        var maximised = original
        maximised.sense = .maximize                       // max −f = −min f
        for j in maximised.variables.indices { maximised.variables[j].cost.negate() }
        maximised.objectiveConstant.negate()
        for format in MPSFormat.allCases {
            let reread = try Self.roundTrip(maximised, format)
            #expect(reread == maximised)
            let solution = try GLPKSolver(method: .primalSimplex).solve(reread)
            #expect(close(solution.objective, 11.638929066370546, 1e-6), "\(solution.objective)")
        }
    }
}
