import Foundation

/// Seconds an interior-point run spends factoring the normal equations and solving with the
/// factors, for the log's time breakdown (a reference, so the non-mutating solves can add to it).
final class IterationClock {
    private(set) var factorSeconds = 0.0
    private(set) var solveSeconds = 0.0

    /// Runs `body`, adding its wall-clock time to the factorizations'.
    func factoring<T>(_ body: () -> T) -> T {
        let start = Self.now()
        defer { factorSeconds += Self.now() - start }
        return body()
    }

    /// Runs `body`, adding its wall-clock time to the solves'.
    func solving<T>(_ body: () -> T) -> T {
        let start = Self.now()
        defer { solveSeconds += Self.now() - start }
        return body()
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
