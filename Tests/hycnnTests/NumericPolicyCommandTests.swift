import Foundation
import TestSupport
import Testing

/// The numeric policy at the command line: `hycnn solve` applies it right after reading,
/// prints its warnings, and verifies against the model the solver saw; extreme models never
/// end the process by a signal, whatever the solver.
@Suite struct NumericPolicyCommandTests {
    /// min x − y, x + y = 5, x ∈ [−10, 10] integer, y ∈ [−1e20, 1e20]: optimum −25 (GLPK said 5).
    static let bigBound = """
        NAME bigbound
        ROWS
         N obj
         E c1
        COLUMNS
         M1 'MARKER' 'INTORG'
         x obj 1 c1 1
         M2 'MARKER' 'INTEND'
         y obj -1 c1 1
        RHS
         rhs c1 5
        BOUNDS
         LO bnd x -10
         UP bnd x 10
         LO bnd y -1e20
         UP bnd y 1e20
        ENDATA
        """

    @Test func boundsOf1e20AreInfiniteAndSaidSo() throws {
        let path = try ToolRunner.temporaryFile(Self.bigBound)
        let result = try ToolRunner.run(["solve", "--free", path, "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["objective"] as? Double == -25)
        let warnings = try #require(json["warnings"] as? [String])
        #expect(warnings.count == 1 && warnings[0].contains("read as infinite"), "\(warnings)")
        #expect(result.stderr.contains("warning: 2 bound(s) of magnitude 1e20 or more read as infinite"), "\(result.stderr)")
        let relaxed = try ToolRunner.run(["solve", "--free", path, "--relax", "--solver", "ipm", "--json"])
        #expect(relaxed.exitCode == 0, "\(relaxed.stderr)")
        #expect(abs((try relaxed.json()["objective"] as? Double ?? 0) - -25) < 1e-6)
    }

    @Test func refusedNumbersAreErrorsNamingTheirPlace() throws {
        let huge = Self.bigBound.replacingOccurrences(of: " y obj -1 c1 1", with: " y obj -1 c1 1e300")
        let result = try ToolRunner.run(["solve", "--free", try ToolRunner.temporaryFile(huge)])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("constraint 'c1': coefficient of 'y' is 1e+300: matrix entries of magnitude 1e15 or more are refused"),
                "\(result.stderr)")
        let overflow = Self.bigBound.replacingOccurrences(of: " y obj -1 c1 1", with: " y obj -1 c1 1e400")
        let read = try ToolRunner.run(["solve", "--free", try ToolRunner.temporaryFile(overflow)])
        #expect(read.exitCode == 1)
        #expect(read.stderr.contains("MPS line 9: coefficient '1e400'"), "\(read.stderr)")
    }

    @Test func tinyEntriesAreDroppedWithAWarning() throws {
        let tiny = Self.bigBound.replacingOccurrences(of: " x obj 1 c1 1", with: " x obj 1 c1 1\n x c2 1e-12")
            .replacingOccurrences(of: " E c1", with: " E c1\n L c2")
        let result = try ToolRunner.run(["solve", "--free", try ToolRunner.temporaryFile(tiny), "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect((json["problem"] as? [String: Any])?["nonzeros"] as? Int == 2)     // the model the solver saw
        #expect((json["warnings"] as? [String])?.contains { $0.contains("1 matrix entry of magnitude at most 1e-9 dropped") } == true)
    }

    /// `minimize` applies the policy to the compiled program: a bound of ±1e20 is no bound on the
    /// LP route (with a warning), and on the MILP route, whose big-M constants come from the
    /// bounds, the refusal says so.
    @Test func minimizeAppliesThePolicyToItsProgram() throws {
        let open = MinimizeCommandTests.dispatch.replacingOccurrences(
            of: #"{"name": "P1", "lower": 0, "upper": 80}"#, with: #"{"name": "P1", "lower": -1e20, "upper": 1e20}"#)
        #expect(open != MinimizeCommandTests.dispatch)
        let path = try MinimizeCommandTests.problem(open)
        let lp = try ToolRunner.run(["minimize", path, "--json"])
        #expect(lp.exitCode == 0, "\(lp.stderr)")
        let json = try lp.json()
        #expect((json["warnings"] as? [String])?.first?.contains("read as infinite") == true, "\(json["warnings"] ?? "none")")
        #expect(lp.stderr.contains("warning: 2 bound(s) of magnitude 1e20 or more read as infinite"))
        let milp = try ToolRunner.run(["minimize", path, "--milp"])
        #expect(milp.exitCode == 1)
        #expect(milp.stderr.contains("refused") && milp.stderr.contains("big-M"), "\(milp.stderr)")
    }

    /// A seeded family of MPS files with extreme numbers through every solver, each in its own
    /// process: no run ends by a signal (GLPK used to abort on several), every exit code is one
    /// of the README's, and every exit 0 carries a verified certificate.
    @Test func extremeModelsNeverEndTheProcessBySignal() throws {
        var random = SplitMix64(seed: 2026)
        var exits: [Int32: Int] = [:]
        for seed in 0..<24 {
            let path = try ToolRunner.temporaryFile(Self.extremeModel(&random, seed: seed))
            for solver in ["simplex", "dual-simplex", "interior", "mip", "ipm"] {
                let arguments = ["solve", "--free", path, "--json", "--solver", solver]
                    + (solver == "interior" ? ["--relax"] : ["--time-limit", "10"] + (solver == "mip" ? [] : ["--relax"]))
                let result = try ToolRunner.run(arguments)
                #expect([0, 1, 2, 3].contains(result.exitCode), "seed \(seed), \(solver): exit \(result.exitCode), \(result.stderr)")
                exits[result.exitCode, default: 0] += 1
                if result.exitCode == 0 {
                    #expect((try result.json()["certificate"] as? [String: Any])?["verified"] as? Bool == true, "seed \(seed), \(solver)")
                }
            }
        }
        #expect(exits[0, default: 0] > 20 && exits[1, default: 0] > 5, "\(exits)")
    }

    static let extremes = ["4.9e-324", "1e-310", "1e-300", "1e-12", "1e-9", "1e12", "1e16", "1e19", "1e20", "-1e20", "1e25",
                           "1e250", "1e300", "-1e300", "1.7e308"]

    /// 3 columns (the first integer), 2 rows, each number extreme with probability 1/10.
    static func extremeModel(_ random: inout SplitMix64, seed: Int) -> String {
        func number(_ ordinary: String) -> String {
            random.next() % 10 == 0 ? extremes[Int(random.next() % UInt64(extremes.count))] : ordinary
        }
        return """
            NAME extreme\(seed)
            ROWS
             N obj
             L r1
             E r2
            COLUMNS
             M1 'MARKER' 'INTORG'
             x obj \(number("1")) r1 \(number("2"))
             x r2 \(number("1"))
             M2 'MARKER' 'INTEND'
             y obj \(number("-1")) r1 \(number("1"))
             y r2 \(number("1"))
             z obj \(number("2")) r1 \(number("-3"))
            RHS
             rhs r1 \(number("8")) r2 \(number("5"))
            BOUNDS
             LO bnd x \(number("-10"))
             UP bnd x \(number("10"))
             LO bnd y \(number("-100"))
             UP bnd y \(number("100"))
             UP bnd z \(number("4"))
            ENDATA
            """
    }
}
