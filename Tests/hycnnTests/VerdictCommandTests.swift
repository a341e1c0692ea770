import Foundation
import Testing

/// The words and exit codes of `solve` and `minimize` come from one verdict: optimal only with a
/// verified certificate, exit 2 only with a verified ray, every residual printed with its tolerance.
@Suite struct VerdictCommandTests {
    static let cover = """
        NAME          COVER
        ROWS
         N  COST
         G  COVER
        COLUMNS
            X         COST               1.   COVER              1.
            Y         COST               2.   COVER              1.
        RHS
            RHS       COVER              1.
        ENDATA
        """

    @Test func mipOnAModelWithoutIntegersGivesAVerifiedLPAnswer() throws {
        let path = try ToolRunner.temporaryFile(Self.cover)
        let result = try ToolRunner.run(["solve", path, "--solver", "mip", "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["status"] as? String == "optimal")
        #expect(json["solver"] as? String == "glpk-simplex")
        let certificate = try #require(json["certificate"] as? [String: Any])
        #expect(certificate["kind"] as? String == "optimality" && certificate["verified"] as? Bool == true)
        let tolerances = try #require(certificate["tolerances"] as? [String: Double])
        #expect(tolerances["dualResidual"] == 1e-6 && tolerances["rayResidual"] == 1e-8)
    }

    @Test func theCertificateLinePrintsEachResidualWithItsTolerance() throws {
        let path = try ToolRunner.temporaryFile(Self.cover)
        let result = try ToolRunner.run(["solve", path])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("status       optimal (certificate verified)"))
        #expect(result.stdout.contains("dual residual 0.0e+00 (≤ 1e-06)"), "\(result.stdout)")
    }

    /// x + y = 1.5 with x, y integer: infeasible, but its LP relaxation is feasible, so no
    /// Farkas ray exists: the solver's word, exit 1 (not 2), said so.
    static let parity = """
        NAME          PARITY
        ROWS
         N  COST
         E  HALF
        COLUMNS
            MARKER                 'MARKER'                 'INTORG'
            X         COST               1.   HALF               1.
            Y         COST               1.   HALF               1.
            MARKER                 'MARKER'                 'INTEND'
        RHS
            RHS       HALF             1.5
        BOUNDS
         UP BND       X                  1.
         UP BND       Y                  1.
        ENDATA
        """

    @Test func integerInfeasibilityWithoutARayIsNotExitTwo() throws {
        let path = try ToolRunner.temporaryFile(Self.parity)
        let result = try ToolRunner.run(["solve", path, "--json"])
        #expect(result.exitCode == 1, "\(result.stdout)")
        let json = try result.json()
        #expect(json["status"] as? String == "unverified")
        #expect(json["solverStatus"] as? String == "infeasible")
        #expect((json["diagnosis"] as? String)?.contains("no Farkas ray") == true)
        let text = try ToolRunner.run(["solve", path])
        #expect(text.exitCode == 1)
        #expect(text.stdout.contains("status       NOT verified — the solver said infeasible"))
        #expect(text.stdout.contains("note         "))
    }

    @Test func aMIPOptimumSaysOptimalityIsTheSolversWord() throws {
        let path = try ToolRunner.temporaryFile("""
            NAME          KNAP
            ROWS
             N  COST
             L  CAP
            COLUMNS
                MARKER                 'MARKER'                 'INTORG'
                X         COST              -5.   CAP                3.
                Y         COST              -4.   CAP                2.
                MARKER                 'MARKER'                 'INTEND'
            RHS
                RHS       CAP                7.
            BOUNDS
             UP BND       X                  5.
             UP BND       Y                  5.
            ENDATA
            """)
        let result = try ToolRunner.run(["solve", path])
        #expect(result.exitCode == 0, "\(result.stdout)")
        #expect(result.stdout.contains("optimal — the solver's word for optimality; feasibility and integrality verified"))
        #expect(result.stdout.contains("optimality   the solver's word: its relative MIP gap"))
    }

    /// min −x − y with x − y ≤ 3 and y − 2x ≤ 1 continuous … plus one integer column n ∈ [0, 1000]
    /// in no row except through y ≥ n: its relaxation is unbounded, and so is the MIP.
    @Test func anUnboundedMIPIsNeverOptimal() throws {
        let path = try ToolRunner.temporaryFile("""
            NAME          MIPUNB
            ROWS
             N  COST
             G  LINK
            COLUMNS
                MARKER                 'MARKER'                 'INTORG'
                N         COST               1.   LINK              -1.
                MARKER                 'MARKER'                 'INTEND'
                Y         COST              -1.   LINK               1.
            RHS
                RHS       LINK               0.
            BOUNDS
             UP BND       N               1000.
            ENDATA
            """)
        let result = try ToolRunner.run(["solve", path, "--json"])
        #expect(result.exitCode == 2, "\(result.stdout)")
        let json = try result.json()
        #expect(json["status"] as? String == "unbounded")
        #expect((json["certificate"] as? [String: Any])?["verified"] as? Bool == true)
    }

    /// One objective coefficient of 1e10 beside small ones: whatever the solver answers, an
    /// exit 0 must carry the true optimum (2, at Y = 2).
    @Test func aHugeCostNeverLetsAWrongOptimumThrough() throws {
        let path = try ToolRunner.temporaryFile("""
            NAME          BIGCOST
            ROWS
             N  COST
             G  COVER
            COLUMNS
                Z         COST           1e+10   COVER              1.
                Y         COST               1.   COVER              1.
                W         COST            5001.   COVER              1.
            RHS
                RHS       COVER              2.
            ENDATA
            """)
        for solver in ["simplex", "dual-simplex", "ipm"] {
            let result = try ToolRunner.run(["solve", path, "--solver", solver, "--json"])
            let json = try result.json()
            if result.exitCode == 0 {
                #expect(abs((json["objective"] as? Double ?? .nan) - 2) < 1e-6, "\(solver): \(result.stdout)")
            } else {
                #expect(json["status"] as? String != "optimal", "\(solver)")
            }
        }
    }

    @Test func minimizeRefusesASurrogateItDoesNotUse() throws {
        let problem = try MinimizeCommandTests.problem("""
            {"variables": [{"name": "P1", "lower": 0, "upper": 80}],
             "surrogates": [{"name": "cost1", "model": "g1.model.json", "inputs": ["P1"]}],
             "objective": {"sense": "minimize", "linear": {"P1": 1}}}
            """)
        let result = try ToolRunner.run(["minimize", problem])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("cost1") && result.stderr.contains("neither in the objective"), "\(result.stderr)")
    }

    @Test func minimizeSaysWhichCheckEachSurrogatePassed() throws {
        let problem = try MinimizeCommandTests.problem("""
            {"variables": [{"name": "P1", "lower": 0, "upper": 80}, {"name": "P2", "lower": 0, "upper": 50}],
             "surrogates": [{"name": "cost1", "model": "g1.model.json", "inputs": ["P1"]},
                            {"name": "cost2", "model": "g2.model.json", "inputs": ["P2"]}],
             "objective": {"sense": "minimize", "surrogates": ["cost1"], "linear": {"P2": 1}},
             "constraints": [{"name": "demand", "linear": {"P1": 1, "P2": 1}, "equals": 60},
                             {"name": "cap", "surrogate": "cost2", "upper": 40}]}
            """)
        let result = try ToolRunner.run(["minimize", problem, "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        let surrogates = try #require(json["surrogates"] as? [String: [String: Any]])
        #expect(surrogates["cost1"]?["check"] as? String == "exactness" && surrogates["cost1"]?["exact"] as? Bool == true)
        #expect(surrogates["cost2"]?["check"] as? String == "upperBound" && surrogates["cost2"]?["exact"] as? Bool == false)
        #expect(surrogates["cost2"]?["verified"] as? Bool == true)
        let text = try ToolRunner.run(["minimize", problem])
        #expect(text.stdout.contains("bounds       verified"), "\(text.stdout)")
        #expect(text.stdout.contains("within its upper bound 40"))
    }
}
