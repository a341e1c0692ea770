import LinearProgramming

/// Repeated solves of one LP under a label for the comparison table: the solver's own seconds
/// (`Solution.seconds`), the wall-clock seconds of `solve` (what a caller waits; it also counts
/// the crossover's check of its vertex), and the first answer's objective.
struct SurrogateLPTimings {
    let label: String
    private(set) var seconds: [Double] = []
    private(set) var wallSeconds: [Double] = []
    private(set) var objective = ""

    init(label: String) { self.label = label }

    mutating func append(_ solution: Solution, wallSeconds wall: Double) {
        if seconds.isEmpty { objective = "\(solution.objective) (\(solution.status.summary))" }
        seconds.append(solution.seconds)
        wallSeconds.append(wall)
    }

    var min: Double { seconds.min() ?? .nan }
    var median: Double { Self.median(seconds) }
    var wallMin: Double { wallSeconds.min() ?? .nan }
    var wallMedian: Double { Self.median(wallSeconds) }

    /// The middle of the sorted times (the upper one of the two middle times for an even count).
    static func median(_ times: [Double]) -> Double { times.isEmpty ? .nan : times.sorted()[times.count / 2] }
}
