import DataFiles

/// A test problem of the neural-OT benchmark: P (N(0, I), or Unif[−1, 1]ᵈ for φ₄) and
/// Q = (∇φ)#P, with the exact map ∇φ.
public struct PotentialProblem: Sendable, Equatable {
    public let potential: ConvexPotential
    public let dimension: Int

    /// - Throws: `invalidSetting` for a dimension below 1.
    public init(potential: ConvexPotential, dimension: Int) throws {
        guard dimension > 0 else { throw TransportMapsError.invalidSetting(name: "dimension", reason: "must be at least 1, got \(dimension)") }
        self.potential = potential
        self.dimension = dimension
    }

    /// The exact map ∇φ for points row by row.
    public func map(_ points: [Double]) -> [Double] { potential.gradient(points, dimension: dimension) }

    /// Seeded samples: `sourceCount` points from P, `targetCount` independent points from P
    /// pushed through ∇φ, `testCount` fresh points from P with ∇φ of each (the paper: 5000,
    /// 5000, 1000).
    public func samples(sourceCount: Int = 5000, targetCount: Int = 5000, testCount: Int = 1000, seed: UInt64) -> MapSamples {
        var streams = MapSamples.streams(seed: seed)
        let d = dimension, p = potential.source
        let source = p.sample(count: sourceCount, dimension: d, using: &streams.source)
        let target = map(p.sample(count: targetCount, dimension: d, using: &streams.target))
        let test = p.sample(count: testCount, dimension: d, using: &streams.test)
        return MapSamples(dimension: d, source: source, target: target, testInputs: test, testOutputs: map(test))
    }
}
