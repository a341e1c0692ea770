import Foundation
import Testing
import GLPKBackend
import LinearProgramming
import TestSupport

/// Our LP writer against an independent reader: GLPK's own (`glpsol`, from Debian's glpk-utils,
/// which `make test` installs) reads the text we write (objective constant as a fixed column,
/// names made LP-safe), and its simplex reaches the optimum our solver reaches on the model.
@Suite struct LPFormatGLPKTests {
    static let glpsol = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The optimum glpsol prints for an LP file (nil when it refuses the file or finds no optimum).
    static func glpkOptimum(ofLPText text: String) throws -> Double? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-glpsol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.lp"), report = folder.appendingPathComponent("report.txt")
        try text.write(to: model, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(glpsol))
        process.arguments = ["--lp", model.path, "--output", report.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let output = try? String(contentsOf: report, encoding: .utf8),
              output.contains("Status:     OPTIMAL"),
              let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }) else { return nil }
        // "Objective:  obj = 23.5 (MAXimum)"
        let words = line.split(separator: " ")
        guard let equals = words.firstIndex(of: "="), equals + 1 < words.count else { return nil }
        return Double(words[equals + 1])
    }

    static func exported(_ model: LinearProgram) -> LinearProgram {
        model.objectiveConstantAsFixedColumn().withLPNames().program
    }

    @Test(.enabled(if: glpsol != nil, "glpsol (glpk-utils) is not installed; make test installs it"))
    func textbookModelsReadByGLPKKeepTheirOptimum() throws {
        for model in [TextbookProblems.wyndor(), TextbookProblems.equalityAndGreater(), TextbookProblems.ranged(),
                      TextbookProblems.freeVariables()] {
            let ours = try GLPKSolver(method: .primalSimplex).solve(model)
            let glpk = try #require(try Self.glpkOptimum(ofLPText: try Self.exported(model).lpText()), "\(model.name)")
            #expect(abs(glpk - ours.objective) <= 1e-9 * max(1, abs(ours.objective)), "\(model.name): \(glpk) vs \(ours.objective)")
        }
    }

    /// Netlib problems with ranged rows, objective constants, free and negative-upper columns
    /// and names LP cannot hold, read back by GLPK to their reference optimum.
    @Test(.enabled(if: glpsol != nil, "glpsol (glpk-utils) is not installed; make test installs it"),
          .enabled(if: NetlibReference.directory != nil, Comment(rawValue: NetlibReference.absence)))
    func netlibThroughGLPKsReader() throws {
        let directory = try #require(NetlibReference.directory).path
        let chosen: Set = ["afiro", "boeing1", "e226", "agg", "forplan", "grow7", "recipe", "sierra", "kb2", "vtpbase"]
        for entry in try NetlibReference.entries(in: directory) where chosen.contains(entry.name) {
            let model = try LinearProgram(mpsFile: entry.path(in: directory))
            let text = try Self.exported(model).lpText()
            let optimum = try #require(try Self.glpkOptimum(ofLPText: text), "\(entry.name)")
            #expect(entry.relativeError(optimum) <= 1e-6, "\(entry.name): \(optimum) vs \(entry.objective)")
        }
    }
}
