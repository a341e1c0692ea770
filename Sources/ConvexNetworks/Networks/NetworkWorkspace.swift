/// Preallocated buffers for one batch capacity B, in one allocation, all column-major with
/// leading dimension B (one row per sample, one column per unit): the stacked pre-activations
/// of all layers and their gradients (`B × stackedRows`, layer l in columns
/// `rowOffset ..< rowOffset + rows`), and each hidden layer's activations and their gradients
/// (`B × width`), and for a quadratic first layer the projections aⱼᵨᵀx and their gradients
/// (`B × m₁r` each). Every unit's values over the batch are contiguous, so the gates stream.
/// Reused across batches; never shared between threads.
public final class NetworkWorkspace {
    public let batchCapacity: Int
    let storage: UnsafeMutablePointer<Double>
    let rowOffsets: [Int], zOffsets: [Int], dZOffsets: [Int]
    let dPreOffset: Int
    let quadraticOffset: Int, quadraticCount: Int

    public init(architecture: Architecture, batchCapacity: Int) {
        precondition(batchCapacity > 0, "a workspace needs a positive batch capacity")
        self.batchCapacity = batchCapacity
        let shapes = architecture.layers
        rowOffsets = shapes.map(\.rowOffset)
        dPreOffset = architecture.stackedRows * batchCapacity
        var offset = 2 * dPreOffset
        var z: [Int] = [], dZ: [Int] = []
        for shape in shapes {
            z.append(offset); offset += shape.width * batchCapacity
            dZ.append(offset); offset += shape.width * batchCapacity
        }
        zOffsets = z; dZOffsets = dZ
        quadraticOffset = offset
        quadraticCount = architecture.quadraticFactorCount * batchCapacity
        offset += 2 * quadraticCount
        storage = .allocate(capacity: offset)
        storage.initialize(repeating: 0, count: offset)
    }

    deinit { storage.deallocate() }

    /// The stacked pre-activations and their gradients, and layer l's block of columns.
    var stackedPre: UnsafeMutablePointer<Double> { storage }
    var stackedDPre: UnsafeMutablePointer<Double> { storage + dPreOffset }
    func pre(_ layer: Int) -> UnsafeMutablePointer<Double> { stackedPre + rowOffsets[layer] * batchCapacity }
    func dPre(_ layer: Int) -> UnsafeMutablePointer<Double> { stackedDPre + rowOffsets[layer] * batchCapacity }
    func z(_ layer: Int) -> UnsafeMutablePointer<Double> { storage + zOffsets[layer] }
    func dZ(_ layer: Int) -> UnsafeMutablePointer<Double> { storage + dZOffsets[layer] }
    /// The projections q = aⱼᵨᵀx of the quadratic first layer (column j·r + ρ) and their gradients.
    var quadratic: UnsafeMutablePointer<Double> { storage + quadraticOffset }
    var dQuadratic: UnsafeMutablePointer<Double> { storage + quadraticOffset + quadraticCount }
}
