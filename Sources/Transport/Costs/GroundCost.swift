/// The ground cost c(x, y) between a source point x and a target point y.
public enum GroundCost: String, Sendable, CaseIterable, Codable {
    /// c(x, y) = ‖x − y‖², the W₂ cost (Brenier maps).
    case squaredEuclidean = "sqeuclidean"
    /// c(x, y) = ‖x − y‖, the W₁ (earth mover's) cost.
    case euclidean
}
