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
        #expect((json["diagnosis"] as? String)?.contains("glpk-simplex said optimal, not verified") == true)
    }

    /// A fitted ReLU ICNN (2 inputs, widths 8, 8) with one output weight set to 1e12: GLPK's
    /// simplex stops at f = 1.759, which the old verifier called verified; f = 1.4138 is the
    /// minimum (our interior point, verified). Any exit 0 must carry the minimum.
    static let hugeWeightModel = #"""
{"convex": true, "family": "icnn", "format": "hycnn-model", "inputDimension": 2, "inputNames": ["x1", "x2"], "inputScaler": {"mean": [0.0975818669443107, -0.0012485706499355], "scale": [1.114056721974151, 1.1453358065641857]}, "lanes": 1, "layers": [{"W": [[-0.2894400137990736, 0.4234812494698257], [-0.567573009365316, 0.9160668537319419], [1.5681001368751226, -0.7242538424988023], [-1.1154665795997285, -0.17730059303549878], [1.6392538129820495, -0.798425185004833], [0.041278442889847625, 0.8111208411785847], [-0.42873730854216874, 1.5937387425695726], [-0.5713244761998434, 0.127154052967767]], "b": [-0.12789786255826033, -0.09392666232696471, 0.15677446812035603, 0.07366903865204577, -0.2377641036049028, -0.13454671943579186, -0.1932083142187946, 0.020772099035705045]}, {"V": [[0.40334638245726046, 0.4060386516965274, 0.4534306438232581, 0.18669519037645763, 0.08438461382483674, 0.1666692730635902, 0.0617616216799267, 0.25389097181555015], [2.0283843624993656, 0.07700184279055255, 0.04487188039196813, 0.07310755102084407, 0.22813129547835706, 0.1811056980565456, 0.02053237191247214, 0.2394947267967703], [0.45278522147766315, 0.24251066527744553, 0.03924660674014811, 0.06759201745584373, 0.17670096208511404, 0.025012252788531298, 0.008191397291813682, 1.260680007254465], [0.07327866294328193, 0.2884890649874566, 0.12650221149109575, 0.04585882700986952, 0.5387242460762784, 0.35058242686140106, 0.6497570066325659, 0.14887572122585765], [0.424001216905307, 0.03094330391325544, 0.0899280489615933, 0.25798375798924456, 0.05766463580335866, 0.07672465392537316, 0.21651430656299153, 0.19461784837067392], [0.1785022626011607, 0.05271296213761573, 0.08517241137864745, 0.04140573053303754, 0.34734061584882736, 0.7840362903962196, 0.05607849938163564, 0.07044420541901118], [0.3101019419558936, 0.17366256741319386, 0.028171400998746852, 0.0813070601884605, 0.05150700161156978, 0.19199736877090254, 0.3018623340610597, 0.2378342927508726], [0.2842088027456837, 0.5587044894027372, 0.05901561535294353, 0.4769751149843082, 1.5470835390394282, 0.1260640625607653, 0.023029053589716977, 0.3242772612551191]], "W": [[-0.428268334222695, 0.21224699059608368], [0.12013133532659352, 0.1638952352322431], [-0.17580586396747352, -0.42054597610352495], [-0.5131796041725398, -0.3242449279951772], [1.0502311732416678, -0.24078254800413298], [-0.6738824606814712, -0.31851851297853767], [-0.2805101124227519, 0.626550843294012], [0.20412730837705603, 0.25415690870628604]], "b": [-0.5667835342048998, -0.5004578451469375, -0.5983834522417806, -0.6403377978046445, -0.6478087524286997, -0.6430691967042537, -0.7222661134993639, -0.9077303910326642]}, {"V": [[0.09968368438737583, 0.4433626034506954, 0.12392106998576022, 0.20684452901352876, 0.6050233156582757, 1000000000000.0, 0.06711967502567491, 0.19391005911857762]], "W": [[0.12016335393044447, -0.1881751196208717]], "b": [-0.8414186619556357]}], "nonlinearity": {"name": "relu"}, "targetName": "y", "targetScaler": {"mean": [3.195543241868867], "scale": [1.8731983824450387]}, "version": 1, "widths": [8, 8]}
"""#

    @Test func aHugeOutputWeightNeverLetsAWrongMinimumThrough() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-verdict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.hugeWeightModel.write(to: directory.appendingPathComponent("f.model.json"), atomically: true, encoding: .utf8)
        let problem = directory.appendingPathComponent("problem.json").path
        try """
            {"variables": [{"name": "a", "lower": -2, "upper": 2}, {"name": "b", "lower": -2, "upper": 2}],
             "surrogates": [{"name": "f", "model": "f.model.json", "inputs": ["a", "b"]}],
             "objective": {"sense": "minimize", "surrogates": ["f"]}}
            """.write(toFile: problem, atomically: true, encoding: .utf8)
        for solver in ["simplex", "dual-simplex", "ipm"] {
            let result = try ToolRunner.run(["minimize", problem, "--solver", solver, "--json"])
            let json = try result.json()
            if result.exitCode == 0 {
                #expect(abs((json["objective"] as? Double ?? .nan) - 1.4138038351) < 1e-6, "\(solver): \(result.stdout)")
            } else {
                #expect(json["status"] as? String != "optimal", "\(solver)")
            }
        }
    }
}
