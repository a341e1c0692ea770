/// Whether the objective is minimised or maximised.
public enum ObjectiveSense: String, Sendable, Codable, CaseIterable {
    case minimize
    case maximize

    /// +1 for minimise, −1 for maximise: multiplying the objective by it gives a minimisation.
    public var sign: Double { self == .minimize ? 1 : -1 }
}
