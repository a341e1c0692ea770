import LinearProgramming

/// A seeded LP over the box [−5, 5]⁸ with four ranged rows around a point x₀ inside the box,
/// and rounds of rows aᵀx ≤ aᵀx₀ + 0.1 that cut the optimum off but keep x₀ feasible.
public struct CuttingPlaneInstance {
    public var program: LinearProgram
    public var rounds: [[Constraint]]

    public init(seed: UInt64, sense: ObjectiveSense) {
        var random = SplitMix64(seed: seed)
        let n = 8
        let x0 = (0..<n).map { _ in 4 * random.nextUniform() - 2 }
        program = LinearProgram(name: "rows-\(seed)", sense: sense)
        for j in 0..<n { program.addVariable("x\(j)", lower: -5, upper: 5, cost: 2 * random.nextUniform() - 1) }
        func row(_ name: String, slackBelow: Double, slackAbove: Double) -> Constraint {
            let columns = (0..<n).filter { _ in random.nextUniform() < 0.6 }
            let coefficients = columns.map { _ in 2 * random.nextUniform() - 1 }
            let activity = zip(columns, coefficients).reduce(0) { $0 + $1.1 * x0[$1.0] }
            return Constraint(name: name, columns: columns, coefficients: coefficients,
                              lower: activity - slackBelow, upper: activity + slackAbove)
        }
        for i in 0..<4 { program.constraints.append(row("r\(i)", slackBelow: 1, slackAbove: 1)) }
        rounds = (0..<4).map { r in (0..<3).map { k in row("cut\(r)_\(k)", slackBelow: .infinity, slackAbove: 0.1) } }
    }

    /// Solves the instance through one row session of `warmSolver` and each enlarged program
    /// cold with `coldSolver`; returns what differs: a warm answer must match its cold one
    /// (status, objective within `objectiveTolerance` relative, a dual per row) and pass
    /// `verify` against the enlarged program.
    public func mismatches(warmSolver: any LPSolver, coldSolver: any LPSolver, label: String,
                           objectiveTolerance: Double = 1e-9) throws -> [String] {
        var program = program, found: [String] = []
        try warmSolver.withRowSession(for: program) { session in
            for round in [[]] + rounds {
                try session.addRows(round)
                program.constraints += round
                let warm = try session.solve(), cold = try coldSolver.solve(program)
                let place = "\(label) after \(program.constraintCount) rows"
                if warm.status != cold.status { found.append("\(place): \(warm.status) warm, \(cold.status) cold") }
                if !verify(warm, for: program).verified { found.append("\(place): the warm answer does not verify") }
                guard cold.status == .optimal else { continue }
                if !(abs(warm.objective - cold.objective) <= objectiveTolerance * max(1, abs(cold.objective))) {
                    found.append("\(place): objective \(warm.objective) warm, \(cold.objective) cold")
                }
                if warm.rowDuals.count != program.constraintCount || warm.x.count != program.variableCount {
                    found.append("\(place): \(warm.x.count) values and \(warm.rowDuals.count) duals")
                }
            }
        }
        return found
    }
}
