/// One LP loaded into a solver, solved, enlarged by new rows and solved again: the rounds of a
/// cutting-plane method. A solver that can warm start (GLPK's simplex) keeps the model loaded and
/// re-optimises from the previous basis, which stays dual feasible when rows are added; any other
/// solver solves the enlarged program from scratch (``ColdRowSession``). Either way every answer
/// is the ``Solution`` a cold `solve` of the current program (the original rows, then the added
/// ones in the order they came) would give: status, point, one dual per row in that order,
/// reduced costs and the certificate-search rays. Open one with
/// ``LPSolver/withRowSession(for:_:)``; it lives only inside that call, on its thread.
public protocol RowSession {
    /// Appends `rows` to the program, checked as the program's own rows are (column indices in
    /// range, finite coefficients, valid sides, no column twice in a row) and with the
    /// ``NumericPolicy`` applied. Throws `LinearProgrammingError` naming the bad row; nothing is
    /// added then.
    func addRows(_ rows: [Constraint]) throws
    /// The current program solved.
    func solve() throws -> Solution
}

/// The session of a solver without warm starts: ``addRows(_:)`` checks the rows and appends them
/// to the program, and each ``solve()`` is a cold `solve` of the program built so far.
public final class ColdRowSession: RowSession {
    public let solver: any LPSolver
    /// The program with every row added so far.
    public private(set) var program: LinearProgram

    public init(solver: any LPSolver, program: LinearProgram) {
        self.solver = solver
        self.program = program
    }

    public func addRows(_ rows: [Constraint]) throws {
        program.constraints += try program.preparedRows(rows)
    }

    public func solve() throws -> Solution {
        try solver.solve(program)
    }
}

extension LPSolver {
    /// The cold fallback: ``ColdRowSession``.
    public func withRowSession<Result>(for problem: LinearProgram,
                                       _ body: (any RowSession) throws -> Result) throws -> Result {
        try body(ColdRowSession(solver: self, program: problem))
    }
}

extension LinearProgram {
    /// `rows` as this program's own rows would reach a solver: checked by ``validate()`` against
    /// these variables, then cleaned by `policy` (tiny entries dropped, huge sides made infinite,
    /// out-of-range numbers refused). Throws the `LinearProgrammingError` naming the first bad row.
    public func preparedRows(_ rows: [Constraint], policy: NumericPolicy = .standard) throws -> [Constraint] {
        var extra = LinearProgram(name: name, sense: sense, objectiveConstant: objectiveConstant)
        extra.variables = variables
        extra.constraints = rows
        try extra.validate()
        return try policy.apply(to: extra).program.constraints
    }
}
