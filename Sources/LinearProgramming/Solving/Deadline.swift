import Dispatch

/// An absolute point in time (the monotonic uptime clock) by which a piece of work should stop.
///
/// A command creates one deadline when it starts (`Deadline(secondsFromNow: timeLimit)`) and
/// passes the same value to everything it runs — encoding, bound tightening, each solve and the
/// certificate search after it — so that the whole command, not each step, honours the limit.
/// Solvers take it in their settings (``timeLimit``-style settings start their clock when a
/// solve starts; a deadline does not move).
public struct Deadline: Sendable, Comparable, CustomStringConvertible {
    /// `DispatchTime` uptime in nanoseconds at which the time is up.
    public let uptimeNanoseconds: UInt64

    /// The deadline `seconds` from now (capped at about 30 years; `seconds` ≤ 0 is now).
    public init(secondsFromNow seconds: Double) {
        let now = DispatchTime.now().uptimeNanoseconds
        let nanoseconds = seconds.isNaN ? 0 : min(max(seconds, 0), 1e9) * 1e9
        uptimeNanoseconds = now &+ UInt64(nanoseconds)
    }

    public init(uptimeNanoseconds: UInt64) { self.uptimeNanoseconds = uptimeNanoseconds }

    /// Seconds left, 0 once the deadline has passed.
    public var remainingSeconds: Double {
        let now = DispatchTime.now().uptimeNanoseconds
        return now >= uptimeNanoseconds ? 0 : Double(uptimeNanoseconds - now) / 1e9
    }

    public var hasPassed: Bool { DispatchTime.now().uptimeNanoseconds >= uptimeNanoseconds }

    /// The earlier of two optional deadlines (nil: no deadline).
    public static func earliest(_ a: Deadline?, _ b: Deadline?) -> Deadline? {
        switch (a, b) {
        case let (a?, b?): return min(a, b)
        case let (a?, nil): return a
        case let (nil, b): return b
        }
    }

    public static func < (a: Deadline, b: Deadline) -> Bool { a.uptimeNanoseconds < b.uptimeNanoseconds }

    public var description: String { "deadline in \(remainingSeconds) s" }
}
