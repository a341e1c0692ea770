/// Preallocated buffers for the parameter gradient of a loss on ∇ₓf over batches of up to B
/// samples (``ConvexNetwork/inputGradientForward(_:batch:workspace:inputGradient:)`` then
/// ``ConvexNetwork/inputGradientBackward(_:batch:cotangent:workspace:parameterGradient:)``).
/// It holds a ``NetworkWorkspace`` of capacity 2B: for a batch of b samples, rows `0 ..< b` of
/// every block carry the primal pass (pre-activations, activations and their adjoints) and rows
/// `b ..< 2b` the tangent pass and its adjoints, so each gemm covers both passes at once.
/// Reused across batches; never shared between threads.
public final class InputGradientWorkspace {
    public let batchCapacity: Int
    /// Primal rows `0 ..< batch`, tangent rows `batch ..< 2·batch`, leading dimension 2B.
    let passes: NetworkWorkspace
    /// B ones: ∂f/∂f per sample, the seed of the input-gradient pass.
    let ones: UnsafeMutablePointer<Double>
    /// Samples of the last forward call (0 before the first).
    var batch = 0

    public init(architecture: Architecture, batchCapacity: Int) {
        precondition(batchCapacity > 0, "a workspace needs a positive batch capacity")
        self.batchCapacity = batchCapacity
        passes = NetworkWorkspace(architecture: architecture, batchCapacity: 2 * batchCapacity)
        ones = .allocate(capacity: batchCapacity)
        ones.initialize(repeating: 1, count: batchCapacity)
    }

    deinit { ones.deallocate() }
}
