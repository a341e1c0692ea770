import Foundation
import Testing

/// `hycnn-bench otmap` (Benchmarks/README.md, "Neural OT maps") on tiny configurations: every
/// mode runs, every row of its table is there with finite numbers, every run is logged.
@Suite(.serialized) struct OTMapBenchTests {
    /// The cells of the Markdown table in `stdout` (header and rule dropped), row by row.
    static func tableRows(_ stdout: String) -> [[String]] {
        stdout.split(separator: "\n").filter { $0.hasPrefix("|") }.dropFirst(2).map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// The number before any "±" in a cell.
    static func leadingNumber(_ cell: String) -> Double? {
        cell.split(separator: " ").first.flatMap { Double($0) }
    }

    static func runBench(_ arguments: [String]) throws -> (rows: [[String]], logLines: [String], exitCode: Int32) {
        let folder = try FuzzTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("otmap.jsonl")
        let result = try FuzzTests.run(FuzzTests.bench, ["otmap"] + arguments + ["--threads", "1", "--results", log.path], folder: folder)
        let lines = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        return (tableRows(result.stdout), lines, result.exitCode)
    }

    /// The φ1–φ4 grid at d = 2, one seed, a few iterations, every model: 20 rows whose error,
    /// UVP and seconds are finite, the neural ones with a finite dual estimate.
    @Test func gridHasEveryRowWithFiniteValues() throws {
        let (rows, lines, exitCode) = try Self.runBench([
            "--dimensions", "2", "--seeds", "1", "--iterations", "3", "--pool", "200", "--test-points", "50",
            "--entropic-epsilon", "0.1", "--sinkhorn-tolerance", "1e-4",
        ])
        #expect(exitCode == 0)
        let models = ["HyCNN 48×4 smooth", "ICNN-quadratic 64×4 softplus", "ICNN 64×4 ReLU", "linear (Gaussian)", "entropic (Sinkhorn)"]
        #expect(rows.map { "\($0[0]) \($0[1]) \($0[2])" } == ["phi1", "phi2", "phi3", "phi4"].flatMap { p in models.map { "\(p) 2 \($0)" } })
        for row in rows {
            // columns: problem, d, model, seeds, error, UVP, dual estimate, exact W2², s/run, paper, PyTorch port
            for k in [4, 5, 7, 8] { #expect(Self.leadingNumber(row[k])?.isFinite == true, "\(row[0]) \(row[2]): column \(k) is \(row[k])") }
            let neural = !row[2].hasPrefix("linear") && !row[2].hasPrefix("entropic")
            #expect(neural ? Self.leadingNumber(row[6])?.isFinite == true : row[6] == "–", "\(row[0]) \(row[2]): dual \(row[6])")
        }
        #expect(lines.count == 21 && lines.first?.contains("\"kind\":\"setup\"") == true)
    }

    /// --gaussian and --speed: one row per (d, model) and per thread count.
    @Test func gaussianAndSpeedModesRun() throws {
        let gaussian = try Self.runBench(["--gaussian", "--gaussian-dimensions", "2", "--seeds", "1", "--iterations", "3",
                                          "--pool", "200", "--test-points", "50"])
        #expect(gaussian.exitCode == 0)
        #expect(gaussian.rows.map { "\($0[0]) \($0[1]) \($0[2])" } == ["gaussian 2 HyCNN 48×4 smooth", "gaussian 2 linear (Gaussian)"])
        for row in gaussian.rows { #expect(Self.leadingNumber(row[5])?.isFinite == true) }
        #expect(gaussian.rows.last.flatMap { Self.leadingNumber($0[5]) }.map { $0 < 5 } == true, "the linear map is exact between Gaussians")

        let speed = try Self.runBench(["--speed", "--iterations", "2", "--pool", "300", "--test-points", "50"])
        #expect(speed.exitCode == 0)
        #expect(speed.rows.count == 1 && speed.rows.first.flatMap { Double($0[2]) }?.isFinite == true)
        #expect(speed.logLines.count == 2)
    }

    /// Unusable options are refused with the option's name.
    @Test func badOptionsAreRefused() throws {
        let result = try Self.runBench(["--potentials", "5"])
        #expect(result.exitCode != 0 && result.rows.isEmpty)
    }
}
