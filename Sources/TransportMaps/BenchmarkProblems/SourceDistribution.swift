import DataFiles

/// The source distributions of the test problems.
public enum SourceDistribution: String, Sendable, CaseIterable, Codable {
    /// N(0, I).
    case standardNormal = "normal"
    /// Unif[−1, 1]ᵈ.
    case uniformCube = "uniform"

    /// `count` points in dimension d, row by row.
    public func sample(count: Int, dimension d: Int, using generator: inout SeededGenerator) -> [Double] {
        (0..<(count * d)).map { _ in
            switch self {
            case .standardNormal: generator.nextNormal()
            case .uniformCube: 2 * generator.nextUniform() - 1                     // u ~ Unif[−1, 1)
            }
        }
    }
}
