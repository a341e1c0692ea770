import GLPKBackend
import LinearProgramming

/// An interior-point solver followed by a crossover to a vertex: the interior optimum is
/// handed to ``GLPKBackend/GLPKCrossover``, and its basic answer replaces the interior one only
/// when `verify` accepts it as optimal. When the crossover fails (a limit, numerical trouble,
/// a certificate that does not verify) the interior answer stays, with a diagnosis saying so.
/// The answer keeps the interior solver's name and iteration count; the crossover's pivots and
/// time go to the logger.
public struct CrossoverSolver: LPSolver {
    /// The solver whose optimum the crossover starts from (it must return x and the duals).
    public var interior: any LPSolver
    /// Shared with the caller's other work (nil: none).
    public var deadline: Deadline?
    /// Seconds from the start of a solve (interior point and crossover together; nil: none).
    public var timeLimit: Double?
    /// Receives one line per crossover (with its newline) and GLPK's simplex output.
    public var logger: (@Sendable (String) -> Void)?

    public init(interior: any LPSolver, deadline: Deadline? = nil, timeLimit: Double? = nil,
                logger: (@Sendable (String) -> Void)? = nil) {
        self.interior = interior
        self.deadline = deadline
        self.timeLimit = timeLimit
        self.logger = logger
    }

    public var name: String { interior.name }

    public func solve(_ problem: LinearProgram) throws -> Solution {
        let stop = Deadline.earliest(deadline, timeLimit.map { Deadline(secondsFromNow: $0) })
        var answer = try interior.solve(problem)
        guard answer.status.hasOptimalPoint else { return answer }
        var settings = GLPKSettings(method: .primalSimplex)
        settings.deadline = stop
        settings.logger = logger
        let vertex = try GLPKCrossover(settings: settings).vertex(from: answer, of: problem)
        let why: String
        if vertex.status == .optimal {
            let report = verify(vertex, for: try problem.preparedForSolver(.linearOnly).program)
            if report.verified {
                logger?("crossover: \(vertex.iterations) simplex pivot\(vertex.iterations == 1 ? "" : "s"), \(seconds(vertex.seconds)) s\n")
                var basic = vertex
                basic.solver = answer.solver
                basic.iterations = answer.iterations
                basic.seconds = answer.seconds + vertex.seconds
                return basic
            }
            why = "its vertex did not verify (\(report.failures.first ?? "certificate failed"))"
        } else {
            why = "the simplex stopped: \(vertex.status.summary)"
        }
        logger?("crossover: failed, \(why)\n")
        let note = "crossover to a vertex failed — \(why); the interior-point answer is kept"
        answer.diagnosis = answer.diagnosis.map { $0 + "; " + note } ?? note
        answer.seconds += vertex.seconds
        return answer
    }

    private func seconds(_ value: Double) -> String {
        String(Double((value * 1000).rounded()) / 1000)
    }
}
