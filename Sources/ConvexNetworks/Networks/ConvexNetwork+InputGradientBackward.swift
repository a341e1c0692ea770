import LinearAlgebra

/// The parameter gradient of a loss that depends on the input gradient G = ∇ₓf (the g-step of
/// neural optimal transport), in two calls like ``ConvexNetwork/forward(_:batch:workspace:)``
/// and ``ConvexNetwork/backward(_:batch:outputGradient:workspace:parameterGradient:inputGradient:)``:
/// the forward call computes G and keeps the primal pass; the caller forms U = ∂L/∂G from G;
/// the backward call adds ∂L/∂θ = Σₛ ∂⟨Uₛ, ∇ₓf(xₛ; θ)⟩/∂θ. Since ⟨U, ∇ₓf⟩ is the directional
/// derivative of f along U, the backward call pushes the tangent U forward through the network
/// (ṗre = V ż_prev + W u, plus 2 Σᵨ (aᵀx)(aᵀu) in a quadratic first layer; ż = σ'(pre) ṗre) and reverses over the primal and tangent passes
/// together, with the nonlinearity's curvature. Gradients are with respect to the effective
/// parameters, as ``ConvexNetwork/backward(_:batch:outputGradient:workspace:parameterGradient:inputGradient:)``
/// gives them (under the softplus reparametrisation V = softplus(R), multiply the V entries by
/// sigmoid(R) as a training step does). Whole minibatches through BLAS gemm; no allocation.
extension ConvexNetwork {
    /// Computes f and G = ∇ₓf (d × batch, overwritten into `inputGradient`) for the `batch`
    /// samples at `x` (d × batch), keeping the primal pass in `workspace`; returns f.
    @discardableResult
    public func inputGradientForward(_ x: UnsafePointer<Double>, batch: Int, workspace: InputGradientWorkspace,
                                     inputGradient: UnsafeMutablePointer<Double>) -> UnsafeMutableBufferPointer<Double> {
        precondition(batch > 0 && batch <= workspace.batchCapacity, "batch \(batch) exceeds the workspace capacity")
        let f = forward(x, batch: batch, workspace: workspace.passes)
        inputGradient.update(repeating: 0, count: inputDimension * batch)
        backward(x, batch: batch, outputGradient: workspace.ones, workspace: workspace.passes, parameterGradient: nil,
                 inputGradient: inputGradient)
        workspace.batch = batch
        return f
    }

    /// Adds ∂/∂θ Σₛ ⟨Uₛ, ∇ₓf(xₛ; θ)⟩ into `parameterGradient` for the cotangent U = ∂L/∂G
    /// (`cotangent`, d × batch), after ``inputGradientForward(_:batch:workspace:inputGradient:)``
    /// on the same `x`, `batch` and workspace.
    public func inputGradientBackward(_ x: UnsafePointer<Double>, batch: Int, cotangent u: UnsafePointer<Double>,
                                      workspace: InputGradientWorkspace, parameterGradient g: UnsafeMutablePointer<Double>) {
        precondition(batch > 0 && batch == workspace.batch, "the backward call needs the batch of the last forward call")
        let d = inputDimension, b = batch, both = 2 * batch
        let w = workspace.passes, ld = w.batchCapacity
        let skipRows = shapes[0].wLeading, last = shapes.count - 1
        let nonlinearity = architecture.nonlinearity
        parameters.withUnsafeBufferPointer { p in
            let theta = p.baseAddress!
            // Tangent rows: ṗre = uᵀ Wᵀ for every layer that reads x at once, then + ż_prev Vᵀ.
            BLAS.gemm(transposeA: true, transposeB: true, m: b, n: skipRows, k: d,
                      a: u, lda: d, b: theta, ldb: skipRows, beta: 0, c: w.stackedPre + b, ldc: ld)
            if quadraticFactors > 0 { addQuadraticTangent(u, batch: b, theta: theta, workspace: w) }  // ṗre₁ += 2 Σᵨ (aᵀx)(aᵀu)
            for (l, shape) in shapes.enumerated() {
                let preTangent = w.pre(l) + b
                if shape.fanIn > 0 {
                    BLAS.gemm(transposeB: true, m: b, n: shape.rows, k: shape.fanIn, a: w.z(l - 1) + b, lda: ld,
                              b: theta + shape.vOffset, ldb: shape.rows, beta: shape.hasSkip ? 1 : 0, c: preTangent, ldc: ld)
                }
                if l < last {
                    nonlinearity.tangent(pre: w.pre(l), z: w.z(l), preTangent: preTangent, zTangent: w.z(l) + b,
                                         slopes: w.dPre(l) + b, ld: ld, lanes: shape.lanes, width: shape.width, batch: b)
                }
            }
            // Reverse over both passes: adjoints p̄ (rows 0 ..< b) and t̄ (rows b ..< 2b) of pre and ṗre.
            for l in stride(from: last, through: 0, by: -1) {
                let shape = shapes[l], dPre = w.dPre(l)
                if l == last {
                    dPre.update(repeating: 0, count: b)                                      // p̄ = ∂ḟ/∂f = 0
                    (dPre + b).update(repeating: 1, count: b)                                // t̄ = ∂ḟ/∂ḟ = 1
                } else {
                    nonlinearity.secondOrderBackward(pre: w.pre(l), preTangent: w.pre(l) + b, zTangent: w.z(l) + b,
                                                     dZ: w.dZ(l), dZTangent: w.dZ(l) + b, dPre: dPre, dPreTangent: dPre + b,
                                                     ld: ld, lanes: shape.lanes, width: shape.width, batch: b)
                }
                if shape.fanIn > 0 {
                    // dV += p̄ᵀ z_prev + t̄ᵀ ż_prev: one gemm over both passes.
                    BLAS.gemm(transposeA: true, m: shape.rows, n: shape.fanIn, k: both,
                              a: dPre, lda: ld, b: w.z(l - 1), ldb: ld, beta: 1, c: g + shape.vOffset, ldc: shape.rows)
                    // (z̄, ż̄)_prev = (p̄, t̄) V: one gemm over both passes.
                    BLAS.gemm(m: both, n: shape.fanIn, k: shape.rows,
                              a: dPre, lda: ld, b: theta + shape.vOffset, ldb: shape.rows, beta: 0, c: w.dZ(l - 1), ldc: ld)
                }
                for r in 0..<shape.rows {                                                    // db += p̄ᵀ 1
                    let column = dPre + r * ld
                    var sum = 0.0
                    for s in 0..<b { sum += column[s] }
                    g[shape.bOffset + r] += sum
                }
            }
            if quadraticFactors > 0 {
                backQuadraticSecondOrder(x, cotangent: u, batch: b, theta: theta, workspace: w, parameterGradient: g)
            }
            // dW += p̄ᵀ xᵀ + t̄ᵀ uᵀ, every layer at once.
            BLAS.gemm(transposeA: true, transposeB: true, m: skipRows, n: d, k: b,
                      a: w.stackedDPre, lda: ld, b: x, ldb: d, beta: 1, c: g, ldc: skipRows)
            BLAS.gemm(transposeA: true, transposeB: true, m: skipRows, n: d, k: b,
                      a: w.stackedDPre + b, lda: ld, b: u, ldb: d, beta: 1, c: g, ldc: skipRows)
        }
    }
}
