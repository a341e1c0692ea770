/// Preallocated buffers for one batch size, in one allocation: the stacked pre-activations of
/// all layers and their gradients (`stackedRows × B`, column-major, each layer a row block),
/// and each hidden layer's activations and their gradients (`width × B`). Reused across
/// batches; never shared between threads.
public final class NetworkWorkspace {
    public let batchCapacity: Int
    /// Leading dimension of the stacked pre-activation matrices.
    let stride: Int
    let storage: UnsafeMutablePointer<Double>
    let rowOffsets: [Int], zOffsets: [Int], dZOffsets: [Int]
    let preOffset: Int, dPreOffset: Int

    public init(architecture: Architecture, batchCapacity: Int) {
        precondition(batchCapacity > 0, "a workspace needs a positive batch capacity")
        self.batchCapacity = batchCapacity
        let shapes = architecture.layers
        stride = architecture.stackedRows
        rowOffsets = shapes.map(\.rowOffset)
        preOffset = 0
        dPreOffset = stride * batchCapacity
        var offset = 2 * stride * batchCapacity
        var z: [Int] = [], dZ: [Int] = []
        for shape in shapes {
            z.append(offset); offset += shape.width * batchCapacity
            dZ.append(offset); offset += shape.width * batchCapacity
        }
        zOffsets = z; dZOffsets = dZ
        storage = .allocate(capacity: offset)
        storage.initialize(repeating: 0, count: offset)
    }

    deinit { storage.deallocate() }

    /// The stacked pre-activations (leading dimension `stride`) and layer l's block of them.
    var stackedPre: UnsafeMutablePointer<Double> { storage + preOffset }
    var stackedDPre: UnsafeMutablePointer<Double> { storage + dPreOffset }
    func pre(_ layer: Int) -> UnsafeMutablePointer<Double> { stackedPre + rowOffsets[layer] }
    func dPre(_ layer: Int) -> UnsafeMutablePointer<Double> { stackedDPre + rowOffsets[layer] }
    func z(_ layer: Int) -> UnsafeMutablePointer<Double> { storage + zOffsets[layer] }
    func dZ(_ layer: Int) -> UnsafeMutablePointer<Double> { storage + dZOffsets[layer] }
}
