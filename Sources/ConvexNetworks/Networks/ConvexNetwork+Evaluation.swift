extension ConvexNetwork {
    /// f at every sample of `inputs` (d × n, column-major), in chunks of `chunk` samples.
    public func evaluate(_ inputs: [Double], chunk: Int = 1024) -> [Double] {
        let n = inputs.count / inputDimension
        var outputs = [Double](repeating: 0, count: n)
        guard n > 0 else { return outputs }
        let workspace = NetworkWorkspace(architecture: architecture, batchCapacity: min(chunk, n))
        inputs.withUnsafeBufferPointer { x in
            for start in stride(from: 0, to: n, by: workspace.batchCapacity) {
                let count = min(workspace.batchCapacity, n - start)
                let f = forward(x.baseAddress! + start * inputDimension, batch: count, workspace: workspace)
                for s in 0..<count { outputs[start + s] = f[s] }
            }
        }
        return outputs
    }

    /// ∇ₓf at every sample of `inputs` (d × n in, d × n out).
    public func inputGradients(_ inputs: [Double], chunk: Int = 1024) -> [Double] {
        let n = inputs.count / inputDimension
        var gradients = [Double](repeating: 0, count: inputs.count)
        guard n > 0 else { return gradients }
        let workspace = NetworkWorkspace(architecture: architecture, batchCapacity: min(chunk, n))
        let ones = [Double](repeating: 1, count: workspace.batchCapacity)
        inputs.withUnsafeBufferPointer { x in
            gradients.withUnsafeMutableBufferPointer { g in
                for start in stride(from: 0, to: n, by: workspace.batchCapacity) {
                    let count = min(workspace.batchCapacity, n - start)
                    let xs = x.baseAddress! + start * inputDimension
                    forward(xs, batch: count, workspace: workspace)
                    backward(xs, batch: count, outputGradient: ones, workspace: workspace, parameterGradient: nil,
                             inputGradient: g.baseAddress! + start * inputDimension)
                }
            }
        }
        return gradients
    }
}
