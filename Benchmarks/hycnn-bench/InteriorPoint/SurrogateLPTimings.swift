import LinearProgramming

/// The solver's own seconds (`Solution.seconds`) of repeated solves of one LP, and the first
/// answer's objective, under a label for the comparison table.
struct SurrogateLPTimings {
    let label: String
    private(set) var seconds: [Double] = []
    private(set) var objective = ""

    init(label: String) { self.label = label }

    mutating func append(_ solution: Solution) {
        if seconds.isEmpty { objective = "\(solution.objective) (\(solution.status.summary))" }
        seconds.append(solution.seconds)
    }

    var min: Double { seconds.min() ?? .nan }
    /// The middle of the sorted times (the upper one of the two middle times for an even count).
    var median: Double { seconds.isEmpty ? .nan : seconds.sorted()[seconds.count / 2] }
}
