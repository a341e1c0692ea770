import TransportMaps

/// The published figures `hycnn-bench otmap` prints beside its own (mean ‖T̂ − ∇φ‖² on the test
/// points): the paper's table, and a PyTorch port of the paper's code measured on this machine
/// kind (float32, 2 CPU threads, d = 50, seed 0, 107 s a run).
enum OTMapReference {
    /// Seconds of one PyTorch-port run at d = 50 (1000 outer × 5 inner steps, 2 threads).
    static let pytorchSeconds = 107.0

    /// The paper's figure for (φ, d, model), where it gives one.
    static func paper(_ potential: ConvexPotential, dimension d: Int, model: OTMapModel) -> Double? {
        switch (model, d) {
        case (.hycnn, 50): return [0.386, 0.406, 19.77, 19.81][index(potential)]
        case (.icnnQuadratic, 50): return [2.046, 2.019, 24.78, 21.85][index(potential)]
        case (.icnnRelu, 50): return potential == .quadratic ? 9.81 : nil
        case (.entropic, 50): return potential == .quadratic ? 32.79 : nil
        case (.hycnn, 10): return potential == .quartic ? 0.822 : nil
        case (.icnnQuadratic, 10): return potential == .quartic ? 0.360 : nil
        default: return nil
        }
    }

    /// The PyTorch port's figure (HyCNN, d = 50, seed 0).
    static func pytorchPort(_ potential: ConvexPotential, dimension d: Int, model: OTMapModel) -> Double? {
        guard model == .hycnn, d == 50 else { return nil }
        return [0.528, 0.567, 20.27, 19.85][index(potential)]
    }

    private static func index(_ potential: ConvexPotential) -> Int { ConvexPotential.allCases.firstIndex(of: potential)! }
}
