import Foundation

/// What one fuzzed run showed.
enum FuzzCategory: String, CaseIterable, Sendable {
    case ok
    /// The process ended by a signal (trap, abort, segfault, or killed for memory).
    case signal
    /// Still running at the wall-clock limit (killed).
    case hang
    /// An exit code outside the command's contract, or an accepted input the contract refuses.
    case badExit = "bad-exit"
    /// An optimal / verified / convex claim that the independent re-check rejects.
    case rejected = "rejected-claim"
    /// A claim the re-check could not decide (it could not read the input or its reference solve failed).
    case undecided
}

struct FuzzVerdict: Sendable {
    var category: FuzzCategory
    var reason: String

    static let ok = FuzzVerdict(category: .ok, reason: "")
}

/// A re-check's answer about one claim.
enum RecheckOutcome: Equatable {
    case accepted
    case rejected(String)
    case undecided(String)
}

/// Reading the tool's JSON numbers, which are null when not finite.
enum JSONValue {
    static func number(_ value: Any?) -> Double? {
        if value is NSNull { return .nan }
        if let number = value as? NSNumber { return number.doubleValue }
        return nil
    }

    static func numbers(_ value: Any?) -> [Double]? {
        guard let array = value as? [Any] else { return nil }
        let values = array.compactMap(number)
        return values.count == array.count ? values : nil
    }

    static func object(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// `1e-6`-relative closeness with the magnitudes that entered the value.
    static func close(_ a: Double, _ b: Double, scale: Double, tolerance: Double = 1e-6) -> Bool {
        abs(a - b) <= tolerance * (1 + abs(a) + abs(b) + scale)
    }
}
