import Foundation
import Testing

/// One rule for integer columns and LP solvers: `hycnn solve` refuses them with advice, solves
/// the relaxation only with `--relax` and then says "LP relaxation"; `minimize` never hands a
/// MILP to an LP solver.
@Suite struct IntegerRuleCommandTests {
    /// min −x − y, x + y ≤ 6.4, 5x − y ≤ 20, x, y ∈ [0, 10] integer: the MIP optimum is −6 and
    /// the LP relaxation's −6.4.
    static let mip = """
        NAME small
        ROWS
         N obj
         L c1
         L c2
        COLUMNS
         M1 'MARKER' 'INTORG'
         x obj -1 c1 1
         x c2 5
         y obj -1 c1 1
         y c2 -1
         M2 'MARKER' 'INTEND'
        RHS
         rhs c1 6.4 c2 20
        BOUNDS
         UP bnd x 10
         UP bnd y 10
        ENDATA
        """

    @Test(arguments: ["simplex", "dual-simplex", "interior", "ipm"])
    func lpSolversRefuseIntegerColumnsWithAdvice(solver: String) throws {
        let result = try ToolRunner.run(["solve", "--free", try ToolRunner.temporaryFile(Self.mip), "--solver", solver])
        #expect(result.exitCode == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("the model has 2 integer columns; an LP solver solves only its relaxation"), "\(result.stderr)")
        #expect(result.stderr.contains("--solver mip") && result.stderr.contains("--relax"))
    }

    @Test func autoAndMipSolveTheMIP() throws {
        for arguments in [[], ["--solver", "mip"]] {
            let result = try ToolRunner.run(["solve", "--free", try ToolRunner.temporaryFile(Self.mip), "--json"] + arguments)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let json = try result.json()
            #expect(json["objective"] as? Double == -6)
            #expect(json["solved"] == nil)
        }
    }

    @Test(arguments: ["simplex", "dual-simplex", "interior", "ipm", "auto"])
    func relaxSolvesTheRelaxationAndSaysSo(solver: String) throws {
        let path = try ToolRunner.temporaryFile(Self.mip)
        let text = try ToolRunner.run(["solve", "--free", path, "--relax", "--solver", solver])
        #expect(text.exitCode == 0, "\(text.stderr)")
        let status = text.stdout.split(separator: "\n").first { $0.hasPrefix("status") } ?? ""
        #expect(status.contains("optimal (certificate verified) (LP relaxation: 2 integer columns made continuous)"), "\(text.stdout)")
        let json = try ToolRunner.run(["solve", "--free", path, "--relax", "--solver", solver, "--json"]).json()
        #expect(json["solved"] as? String == "LP relaxation")
        #expect(json["relaxedIntegerColumns"] as? Int == 2)
        #expect(abs((json["objective"] as? Double ?? 0) - -6.4) < 1e-6)
        #expect((json["certificate"] as? [String: Any])?["kind"] as? String == "optimality")
        #expect((json["certificate"] as? [String: Any])?["verified"] as? Bool == true)
    }

    @Test func relaxWithBranchAndCutIsAContradiction() throws {
        let result = try ToolRunner.run(["solve", "--free", try ToolRunner.temporaryFile(Self.mip), "--relax", "--solver", "mip"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("--relax") && result.stderr.contains("choose one"))
    }

    @Test func minimizeNeverSolvesAMILPWithAnLPSolver() throws {
        let path = try MinimizeCommandTests.problem(MinimizeCommandTests.dispatch)
        for solver in ["simplex", "ipm"] {
            let result = try ToolRunner.run(["minimize", path, "--milp", "--solver", solver, "--json"])
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stderr.contains("--solver \(solver) is ignored"), "\(result.stderr)")
            let json = try result.json()
            #expect(json["solver"] as? String == "glpk-mip" && json["route"] as? String == "milp")
        }
    }
}
