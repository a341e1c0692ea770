import DataFiles

/// The samples of a test problem with a known map T: a source pool drawn from P, a target pool
/// that pushes an *independent* draw from P through T (so no source point is paired with its
/// image), and a test set of fresh points from P with their exact images. All row by row.
public struct MapSamples: Sendable {
    public let dimension: Int
    /// n points from P.
    public let source: [Double]
    /// m points T(x') for x' from P, independent of ``source``.
    public let target: [Double]
    /// Fresh points from P and T of each.
    public let testInputs: [Double]
    public let testOutputs: [Double]

    public init(dimension: Int, source: [Double], target: [Double], testInputs: [Double], testOutputs: [Double]) {
        self.dimension = dimension
        self.source = source
        self.target = target
        self.testInputs = testInputs
        self.testOutputs = testOutputs
    }

    /// Three independent generators for the source pool, the target pool and the test set,
    /// seeded from three successive draws of `SeededGenerator(seed:)`: changing one pool's size
    /// leaves the others' points unchanged.
    static func streams(seed: UInt64) -> (source: SeededGenerator, target: SeededGenerator, test: SeededGenerator) {
        var master = SeededGenerator(seed: seed)
        return (SeededGenerator(seed: master.next()), SeededGenerator(seed: master.next()), SeededGenerator(seed: master.next()))
    }
}
