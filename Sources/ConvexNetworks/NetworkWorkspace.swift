/// Preallocated buffers for one batch size: pre-activations, activations and their gradients
/// for every layer, in one allocation. Reused across batches; never shared between threads.
public final class NetworkWorkspace {
    public let batchCapacity: Int
    let storage: UnsafeMutablePointer<Double>
    /// Offsets into `storage`, per layer: pre (rows × B), z (width × B, hidden layers),
    /// dPre (rows × B) and dZ (width × B).
    let preOffsets: [Int], zOffsets: [Int], dPreOffsets: [Int], dZOffsets: [Int]
    let totalCount: Int

    public init(architecture: Architecture, batchCapacity: Int) {
        precondition(batchCapacity > 0, "a workspace needs a positive batch capacity")
        self.batchCapacity = batchCapacity
        var offset = 0
        var pre: [Int] = [], z: [Int] = [], dPre: [Int] = [], dZ: [Int] = []
        for shape in architecture.layers {
            pre.append(offset); offset += shape.rows * batchCapacity
            z.append(offset); offset += shape.width * batchCapacity
            dPre.append(offset); offset += shape.rows * batchCapacity
            dZ.append(offset); offset += shape.width * batchCapacity
        }
        preOffsets = pre; zOffsets = z; dPreOffsets = dPre; dZOffsets = dZ
        totalCount = offset
        storage = .allocate(capacity: offset)
        storage.initialize(repeating: 0, count: offset)
    }

    deinit { storage.deallocate() }

    func pre(_ layer: Int) -> UnsafeMutablePointer<Double> { storage + preOffsets[layer] }
    func z(_ layer: Int) -> UnsafeMutablePointer<Double> { storage + zOffsets[layer] }
    func dPre(_ layer: Int) -> UnsafeMutablePointer<Double> { storage + dPreOffsets[layer] }
    func dZ(_ layer: Int) -> UnsafeMutablePointer<Double> { storage + dZOffsets[layer] }

    /// The network outputs f(x) of the last forward pass (the output layer's pre-activation).
    func output(layerCount: Int) -> UnsafeMutablePointer<Double> { pre(layerCount - 1) }
}
