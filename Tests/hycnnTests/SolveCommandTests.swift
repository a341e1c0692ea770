import Foundation
import TestSupport
import Testing

/// `hycnn solve` end to end: the built tool's output and exit codes.
@Suite struct SolveCommandTests {
    static var hasNetlib: Bool { NetlibReference.directory != nil }
    /// The path of a Netlib problem (only when ``hasNetlib``).
    static func netlib(_ name: String) -> String { NetlibReference.directory!.appendingPathComponent(name + ".mps.gz").path }

    @Test(.enabled(if: hasNetlib, Comment(rawValue: NetlibReference.absence))) func afiroJSON() throws {
        let result = try ToolRunner.run(["solve", Self.netlib("afiro"), "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["status"] as? String == "optimal")
        let objective = try #require(json["objective"] as? Double)
        #expect(abs(objective - -464.7531428571) < 1e-6)
        #expect(json["solver"] as? String == "glpk-simplex")
        #expect(json["seconds"] is Double)
        let certificate = try #require(json["certificate"] as? [String: Any])
        #expect(certificate["verified"] as? Bool == true)
        for key in ["primalResidual", "dualResidual", "gap"] { #expect((certificate[key] as? Double ?? 1) < 1e-6, "\(key)") }
    }

    @Test func demoProblemText() throws {
        let result = try ToolRunner.run(["solve", "Problems/production/production.mps"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("status       optimal"))
        #expect(result.stdout.contains("objective    280"))
        #expect(result.stdout.contains("certificate  optimality: verified"))
        #expect(result.stdout.contains("DESKS"))
    }

    @Test(arguments: ["simplex", "dual-simplex", "interior"])
    func everyLPMethodSolvesTheDemo(method: String) throws {
        let result = try ToolRunner.run(["solve", "Problems/production/production.mps", "--solver", method, "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(abs((json["objective"] as? Double ?? 0) - 280) < 1e-6)
        #expect(json["solver"] as? String == "glpk-" + method)
    }

    @Test func ourInteriorPointSolvesTheDemoWithTheSameKeysAndALog() throws {
        let result = try ToolRunner.run(["solve", "Problems/production/production.mps", "--solver", "ipm", "--json", "--verbose"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(abs((json["objective"] as? Double ?? 0) - 280) < 1e-6)
        #expect(json["solver"] as? String == "ipm")
        #expect(json["status"] as? String == "optimal")
        #expect((json["certificate"] as? [String: Any])?["verified"] as? Bool == true)
        #expect(result.stderr.contains("pinf") && result.stderr.contains("interior point ended: optimal"))
    }

    @Test func ourInteriorPointProvesInfeasibility() throws {
        let path = try ToolRunner.temporaryFile(Self.infeasible)
        let result = try ToolRunner.run(["solve", path, "--solver", "ipm", "--json"])
        #expect(result.exitCode == 2)
        let json = try result.json()
        #expect(json["status"] as? String == "infeasible")
        #expect((json["certificate"] as? [String: Any])?["verified"] as? Bool == true)
    }

    static let infeasible = """
        NAME          CLASH
        ROWS
         N  COST
         L  ATMOST
         G  ATLEAST
        COLUMNS
            X         COST               1.   ATMOST             1.
            X         ATLEAST            1.
        RHS
            RHS       ATMOST             1.   ATLEAST            2.
        ENDATA
        """

    @Test func infeasibleExitsTwoWithAVerifiedFarkasRay() throws {
        let path = try ToolRunner.temporaryFile(Self.infeasible)
        let result = try ToolRunner.run(["solve", path, "--json"])
        #expect(result.exitCode == 2)
        let json = try result.json()
        #expect(json["status"] as? String == "infeasible")
        #expect(json["objective"] is NSNull)
        let certificate = try #require(json["certificate"] as? [String: Any])
        #expect(certificate["kind"] as? String == "farkasRay")
        #expect(certificate["verified"] as? Bool == true)
        let text = try ToolRunner.run(["solve", path])
        #expect(text.stdout.contains("Farkas ray (infeasibility): verified"))
    }

    @Test func unboundedExitsTwoWithAVerifiedRay() throws {
        let path = try ToolRunner.temporaryFile("""
            NAME          OPEN
            ROWS
             N  COST
             G  FLOOR
            COLUMNS
                X         COST              -1.   FLOOR              1.
            RHS
                RHS       FLOOR              1.
            ENDATA
            """)
        let result = try ToolRunner.run(["solve", path, "--json"])
        #expect(result.exitCode == 2)
        let json = try result.json()
        #expect(json["status"] as? String == "unbounded")
        #expect((json["certificate"] as? [String: Any])?["verified"] as? Bool == true)
    }

    @Test func integerMarkersSelectBranchAndCut() throws {
        let path = try ToolRunner.temporaryFile("""
            NAME          KNAP
            OBJSENSE
                MAX
            ROWS
             N  VALUE
             L  CAP
            COLUMNS
                MARKER    'MARKER'                 'INTORG'
                A         VALUE              5.   CAP                4.
                B         VALUE              4.   CAP                3.
                C         VALUE              3.   CAP                2.
                MARKER    'MARKER'                 'INTEND'
            RHS
                RHS       CAP                5.
            BOUNDS
             UP BND       A                  1.
             UP BND       B                  1.
             UP BND       C                  1.
            ENDATA
            """)
        let result = try ToolRunner.run(["solve", path, "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["solver"] as? String == "glpk-mip")
        #expect(json["objective"] as? Double == 7)   // B + C (weight 5); A + C weighs 6 > 5
    }

    /// A dense LP in free MPS with rows × columns nonzeros: min −Σx, rows Σ a_ij x_j ≤ 1.
    static func denseMPS(rows: Int, columns: Int) throws -> String {
        var text = "NAME DENSE\nROWS\n N COST\n"
        for i in 0..<rows { text += " L R\(i)\n" }
        text += "COLUMNS\n"
        for j in 0..<columns {
            text += " X\(j) COST -1\n"
            for i in 0..<rows { text += " X\(j) R\(i) \(1 + Double((7 * i + 3 * j) % 10) / 10)\n" }
        }
        text += "RHS\n"
        for i in 0..<rows { text += " RHS R\(i) 1\n" }
        return try ToolRunner.temporaryFile(text + "ENDATA\n")
    }

    @Test func autoPicksTheInteriorPointAboveTenThousandNonzeros() throws {
        let above = try ToolRunner.run(["solve", try Self.denseMPS(rows: 101, columns: 100), "--free", "--json"])   // 10,100
        let below = try ToolRunner.run(["solve", try Self.denseMPS(rows: 100, columns: 100), "--free", "--json"])   // 10,000
        #expect(above.exitCode == 0 && below.exitCode == 0, "\(above.stderr) \(below.stderr)")
        #expect(try above.json()["solver"] as? String == "ipm")
        #expect(try below.json()["solver"] as? String == "glpk-simplex")
        #expect((try above.json()["certificate"] as? [String: Any])?["verified"] as? Bool == true)
        let forced = try ToolRunner.run(["solve", try Self.denseMPS(rows: 101, columns: 100), "--free", "--json", "--solver", "simplex"])
        #expect(try forced.json()["solver"] as? String == "glpk-simplex")
        let help = try ToolRunner.run(["solve", "--help"])
        #expect(help.stdout.contains("auto") && help.stdout.contains("10000"))
    }

    @Test(.enabled(if: hasNetlib, Comment(rawValue: NetlibReference.absence))) func timeLimitExitsThree() throws {
        // dfl001 (35,632 nonzeros: --solver auto takes our interior point) takes it about five
        // seconds and GLPK's simplex about twenty; a quarter of a second cannot finish it.
        let result = try ToolRunner.run(["solve", Self.netlib("dfl001"),
                                         "--time-limit", "0.25", "--json"])
        #expect(result.exitCode == 3, "\(result.stderr)")
        let json = try result.json()
        #expect(json["status"] as? String == "timeLimit")
        #expect(json["objective"] is NSNull)
        #expect((json["certificate"] as? [String: Any])?["verified"] as? Bool == false)
    }

    @Test func missingFileIsAClearError() throws {
        let result = try ToolRunner.run(["solve", "no/such/model.mps"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("no such file") && result.stderr.contains("no/such/model.mps"))
    }

    @Test func malformedMPSNamesTheLine() throws {
        let path = try ToolRunner.temporaryFile("NAME X\nROWS\n N COST\n Q BAD\nENDATA\n")
        let result = try ToolRunner.run(["solve", path])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("line 4"))
    }

    @Test func usageErrorsExitOne() throws {
        let badSolver = try ToolRunner.run(["solve", "Problems/production/production.mps", "--solver", "magic"])
        #expect(badSolver.exitCode == 1)
        #expect(badSolver.stderr.contains("magic"))
        let interiorLimit = try ToolRunner.run(["solve", "Problems/production/production.mps", "--solver", "interior", "--time-limit", "5"])
        #expect(interiorLimit.exitCode == 1)
        #expect(interiorLimit.stderr.contains("time limit"))
    }

    @Test func helpIsClear() throws {
        let top = try ToolRunner.run(["--help"])
        #expect(top.exitCode == 0)
        #expect(top.stdout.contains("solve"))
        let solve = try ToolRunner.run(["solve", "--help"])
        #expect(solve.exitCode == 0)
        #expect(solve.stdout.contains("--time-limit") && solve.stdout.contains("Exit codes"))
    }
}
