/// Settings of the exact semi-discrete solve (``SemiDiscreteTransport/solveExact(samples:dimension:sites:weights:using:settings:)``).
public struct SemiDiscreteSettings: Sendable, Equatable {
    /// After the semi-dual LP, solve a second LP that moves ψ inside the optimal face to the
    /// point with the largest margin between each sample's site and its runner-up (default true).
    /// A simplex vertex ψ has ties at m − 1 samples by construction; the centred ψ has none
    /// unless the weights force a sample to be split.
    public var centerPotentials: Bool = true
    /// Two scores count as tied when they differ by at most this × (1 + |score|) (default 1e-7,
    /// above an LP solver's feasibility tolerance).
    public var tieTolerance: Double = 1e-7
    /// Plan entries (row duals) below this × (1/n) are treated as zero (default 1e-9).
    public var supportTolerance: Double = 1e-9

    public init(centerPotentials: Bool = true, tieTolerance: Double = 1e-7) {
        self.centerPotentials = centerPotentials
        self.tieTolerance = tieTolerance
    }

    /// Throws ``TransportError/invalidSetting(name:reason:)`` for a tolerance that is not positive and finite.
    public func validate() throws {
        for (name, value) in [("tieTolerance", tieTolerance), ("supportTolerance", supportTolerance)] where !(value > 0 && value.isFinite) {
            throw TransportError.invalidSetting(name: name, reason: "must be positive and finite, got \(value)")
        }
    }
}
