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

    /// A seeded LP (10 columns, 7 rows of every kind) with one 1e10 cost: GLPK's simplex stops
    /// at a vertex with objective 10.467 and a reduced cost of −0.13 on a small column — which
    /// the old verifier, scaling by 1 + max|c|, called verified. Now that answer fails and the
    /// interior point's verified optimum 10.3446 is reported with a note.
    static let hugeCostLP = """
        NAME          R19
        ROWS
         N  COST
         G  ge0
         L  le1
         G  rg2
         E  eq3
         G  ge4
         L  le5
         G  rg6
        COLUMNS
            huge      COST  10000000000
            huge      rg2  -1.299944989370287
            huge      eq3  -1.2974565089504568
            huge      rg6  -1.7201511437631449
            p1        COST  2.7608991751307044
            p1        le1  1.8152213500578753
            p1        eq3  0.21095310944819845
            p1        ge4  -1.4917400230549802
            p1        le5  1.2910392122035619
            p1        rg6  -1.9601331870128851
            b2        COST  2.5566434871565491
            b2        ge0  0.16411432864068942
            b2        le1  1.1774715439183807
            b2        rg2  0.78080987271716573
            b2        le5  -1.4221338553156575
            b2        rg6  1.7244590695850275
            p3        COST  2.5323088977229307
            p3        ge0  0.36158725227057031
            p3        le1  -0.82867708256795103
            p3        eq3  0.2032489804371278
            p3        ge4  -0.80719844472856028
            p3        rg6  -0.25673726405697783
            b4        COST  2.237524163750944
            b4        ge0  -1.5073758601514236
            b4        le1  0.074941886022927839
            b4        rg2  -0.034366496735373619
            b4        ge4  1.3976583310230346
            b4        le5  -1.2539131815981372
            p5        COST  2.4483126978771006
            p5        ge0  0.83642623693713292
            p5        le1  1.5589483380983857
            p5        rg2  1.5690048174174316
            p5        eq3  -0.15599800343105752
            b6        COST  1.4835895446202363
            b6        ge0  -0.30240297117538972
            b6        rg2  -0.40291249217012171
            b6        eq3  -1.5355779960173934
            b6        le5  -1.3652789698809773
            b6        rg6  0.608231179144886
            p7        COST  1.8771537032483259
            p7        ge4  -1.3973862366544987
            p7        le5  0.67062161810848187
            p7        rg6  -0.60953147347279124
            b8        COST  0.39938897515275329
            b8        ge0  0.98472922896069059
            b8        rg2  0.82670677428224781
            b8        eq3  -0.40212018134775063
            b8        le5  -0.50098466048941948
            b8        rg6  -1.6526256756228865
            p9        COST  1.5991604967252586
            p9        ge0  -0.4236391073101764
            p9        rg2  -1.7719464936152889
            p9        ge4  1.1264255856981893
            p9        le5  0.35796166267852758
            p9        rg6  -0.85348874018238297
        RHS
            RHS  ge0  -2.4832132108748204
            RHS  le1  8.5378289314156426
            RHS  rg2  3.0862244877611671
            RHS  eq3  -3.7609387810894073
            RHS  ge4  2.2798450842629912
            RHS  le5  -6.1173502329349745
            RHS  rg6  -2.5454098658623536
        RANGES
            RNG  rg2  1.1263074829934423
            RNG  rg6  0.54221838172928383
        BOUNDS
         UP BND  huge  5
         UP BND  b2  10
         UP BND  b4  10
         UP BND  b6  10
         UP BND  b8  10
        ENDATA
        """

    @Test func glpksWrongVertexBesideAHugeCostIsCaughtAndReplaced() throws {
        let path = try ToolRunner.temporaryFile(Self.hugeCostLP)
        let result = try ToolRunner.run(["solve", path, "--free", "--solver", "simplex", "--json"])
        #expect(result.exitCode == 0, "\(result.stdout)")
        let json = try result.json()
        #expect(json["status"] as? String == "optimal")
        #expect(abs((json["objective"] as? Double ?? .nan) - 10.34456346820701) < 1e-6, "\(result.stdout)")
        #expect(json["solver"] as? String == "ipm")
        #expect((json["diagnosis"] as? String)?.contains("glpk-simplex said optimal without a verified certificate") == true)
    }
}
