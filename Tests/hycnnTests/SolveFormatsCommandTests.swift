import Foundation
import TestSupport
import Testing

/// `hycnn solve` as `highs` and `glpsol` users expect it: LP files, standard input, writing the
/// model, a solution file, reduced costs and activities, `--version`.
@Suite struct SolveFormatsCommandTests {
    static let production = "Problems/production/production.mps"

    @Test func theShippedLPFileSolvesLikeItsMPSTwin() throws {
        let lp = try ToolRunner.run(["solve", "Problems/production/production.lp", "--json"])
        let mps = try ToolRunner.run(["solve", Self.production, "--json"])
        #expect(lp.exitCode == 0 && mps.exitCode == 0, "\(lp.stderr)\(mps.stderr)")
        let (a, b) = (try lp.json(), try mps.json())
        #expect(a["objective"] as? Double == 280 && b["objective"] as? Double == 280)
        #expect(a["variables"] as? [String: Double] == b["variables"] as? [String: Double])
        #expect(a["duals"] as? [String: Double] == b["duals"] as? [String: Double])
        #expect((a["problem"] as? [String: Any])?["name"] as? String == "DAKOTA")
    }

    @Test func standardInputIsReadAsLPOrMPSByItsContent() throws {
        let lpText = try String(contentsOf: ToolRunner.packageRoot.appendingPathComponent("Problems/production/production.lp"), encoding: .utf8)
        let mpsText = try String(contentsOf: ToolRunner.packageRoot.appendingPathComponent(Self.production), encoding: .utf8)
        for text in [lpText, mpsText] {
            let result = try ToolRunner.run(["solve", "-", "--json"], standardInput: text)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(try result.json()["objective"] as? Double == 280)
        }
        // --format overrides the content: MPS text read as LP fails with the LP reader's line.
        let forced = try ToolRunner.run(["solve", "-", "--format", "lp"], standardInput: mpsText)
        #expect(forced.exitCode == 1 && forced.stderr.contains("standard input: LP line"), "\(forced.stderr)")
    }

    @Test func writeModelRoundTripsThroughBothFormats() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["model.lp", "model.lp.gz", "model.mps", "model.mps.gz"] {
            let path = folder.appendingPathComponent(name).path
            let write = try ToolRunner.run(["solve", Self.production, "--write-model", path])
            #expect(write.exitCode == 0, "\(write.stderr)")
            let reread = try ToolRunner.run(["solve", path, "--json"] + (name.contains(".mps") ? ["--free"] : []))
            #expect(reread.exitCode == 0, "\(name): \(reread.stderr)")
            #expect(try reread.json()["objective"] as? Double == 280, "\(name)")
        }
        let badSuffix = try ToolRunner.run(["solve", Self.production, "--write-model", folder.appendingPathComponent("model.txt").path])
        #expect(badSuffix.exitCode != 0 && badSuffix.stderr.contains(".lp or .mps"), "\(badSuffix.stderr)")
        let ontoInput = try ToolRunner.run(["solve", "Problems/production/production.lp", "--write-model", "Problems/production/production.lp"])
        #expect(ontoInput.exitCode == 1, "\(ontoInput.stderr)")
    }

    @Test func writeModelSaysWhatItChanged() throws {
        let model = """
            Minimize
             obj: x + 2 y + 3
            Subject To
             c: x + y >= 1
            End
            """
        let input = try ToolRunner.temporaryFile(model, suffix: ".lp")
        let output = try ToolRunner.temporaryFile("", suffix: ".lp")
        defer { for p in [input, output] { try? FileManager.default.removeItem(atPath: p) } }
        let result = try ToolRunner.run(["solve", input, "--write-model", output, "--json"])
        #expect(result.exitCode == 0 && result.stderr.contains("objective constant 3.0 as column 'objective_constant'"), "\(result.stderr)")
        let reread = try ToolRunner.run(["solve", output, "--json"])
        #expect(try reread.json()["objective"] as? Double == 4)
    }

    @Test func solutionFileHoldsEveryColumnAndRow() throws {
        let path = try ToolRunner.temporaryFile("", suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ToolRunner.run(["solve", Self.production, "--solution", path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines[0] == "kind,name,value,dual,lower,upper")
        #expect(lines[1] == "status,optimal,,,," && lines[2] == "objective,,280.0,,,")
        #expect(lines.filter { $0.hasPrefix("column,") }.count == 3 && lines.filter { $0.hasPrefix("row,") }.count == 4)
        // Dakota: desks 2, chairs 8; finishing and carpentry bind with prices 10 and 10.
        #expect(lines.contains("column,DESKS,2.0,0.0,0.0,inf") || lines.contains("column,DESKS,2.0,-0.0,0.0,inf"), "\(lines)")
        let finish = try #require(lines.first { $0.hasPrefix("row,FINISH,") }).split(separator: ",")
        #expect(Double(finish[2]) == 20 && abs(Double(finish[3])! - 10) < 1e-9 && finish[4] == "-inf" && finish[5] == "20.0")
        let tables = try #require(lines.first { $0.hasPrefix("column,TABLES,") }).split(separator: ",")
        #expect(Double(tables[2]) == 0 && abs(Double(tables[3])! + 5) < 1e-9, "TABLES' reduced cost is 30 − (6·0 + 2·10 + 1.5·10) = −5")
    }

    @Test func textAndJSONShowReducedCostsAndActivities() throws {
        let text = try ToolRunner.run(["solve", Self.production])
        #expect(text.stdout.contains("variables    (nonzero: 2 of 3; value, reduced cost)"), "\(text.stdout)")
        #expect(text.stdout.contains("constraints  (activity, dual)"))
        let json = try ToolRunner.run(["solve", Self.production, "--json"]).json()
        let reduced = try #require(json["reducedCosts"] as? [String: Double])
        #expect(abs((reduced["TABLES"] ?? 0) + 5) < 1e-9)
        #expect((json["activities"] as? [String: Double])?["LUMBER"] == 24)
    }

    @Test(.enabled(if: NetlibReference.directory != nil, Comment(rawValue: NetlibReference.absence)))
    func largeModelsListNonzeroDualsBounded() throws {
        let result = try ToolRunner.run(["solve", NetlibReference.directory!.appendingPathComponent("scagr25.mps.gz").path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("constraints  (activity, dual; nonzero duals:"), "\(result.stdout)")
        #expect(result.stdout.contains("more (use --all-variables, --json or --solution FILE)"))
    }

    @Test func versionNamesTheLibraries() throws {
        let result = try ToolRunner.run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("hycnn 0.") && result.stdout.contains("GLPK 5") && result.stdout.contains("BLAS:"), "\(result.stdout)")
        // The version is CHANGELOG.md's latest release.
        let changelog = try String(contentsOf: ToolRunner.packageRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let release = try #require(changelog.split(separator: "\n").first { $0.hasPrefix("## [") && !$0.hasPrefix("## [Unreleased]") })
        let version = release.dropFirst(4).prefix { $0 != "]" }
        #expect(result.stdout.hasPrefix("hycnn \(version)\n"), "CHANGELOG says \(version); --version says \(result.stdout)")
    }

    @Test func contradictoryFormatFlagsAreRefused() throws {
        let result = try ToolRunner.run(["solve", Self.production, "--free", "--format", "lp"])
        #expect(result.exitCode != 0 && result.stderr.contains("--free"), "\(result.stderr)")
    }

    @Test func anLPFileWithAnErrorNamesItsLine() throws {
        let path = try ToolRunner.temporaryFile("Minimize\n obj: x\nSubject To\n c: x + >= 1\nEnd\n", suffix: ".lp")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ToolRunner.run(["solve", path])
        #expect(result.exitCode == 1 && result.stderr.contains("LP line 4"), "\(result.stderr)")
    }
}
