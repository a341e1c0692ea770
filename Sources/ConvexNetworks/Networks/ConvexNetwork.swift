import LinearAlgebra

/// A network in standardised units: its architecture and the flat vector of
/// effective parameters (the stacked W block, then V and b per layer; see ``LayerShape``). Batches are column-major
/// `d × B` (one sample per column); forward and backward run over BLAS on a
/// ``NetworkWorkspace``, with no allocation per batch.
public struct ConvexNetwork: Sendable, Equatable {
    public let architecture: Architecture
    public var parameters: [Double]
    let shapes: [LayerShape]

    public init(architecture: Architecture, parameters: [Double]) throws {
        try architecture.validate()
        guard parameters.count == architecture.parameterCount else {
            throw ConvexNetworksError.dimensionMismatch(what: "parameters of \(architecture.family.rawValue)",
                                                        expected: architecture.parameterCount, actual: parameters.count)
        }
        self.architecture = architecture
        self.parameters = parameters
        self.shapes = architecture.layers
    }

    public var inputDimension: Int { architecture.inputDimension }

    /// Computes f for the `batch` samples at `x` (d × batch) into the workspace; returns the outputs.
    @discardableResult
    public func forward(_ x: UnsafePointer<Double>, batch: Int, workspace: NetworkWorkspace) -> UnsafeMutableBufferPointer<Double> {
        precondition(batch > 0 && batch <= workspace.batchCapacity, "batch \(batch) exceeds the workspace capacity")
        let d = inputDimension, ld = workspace.batchCapacity
        let skipRows = shapes[0].wLeading
        parameters.withUnsafeBufferPointer { p in
            let theta = p.baseAddress!
            for (l, shape) in shapes.enumerated() {                                     // pre = 1 bᵀ
                let pre = workspace.pre(l)
                for r in 0..<shape.rows { (pre + r * ld).update(repeating: theta[shape.bOffset + r], count: batch) }
            }
            // pre += xᵀ Wᵀ for every layer at once: (B × d)(d × skipRows).
            BLAS.gemm(transposeA: true, transposeB: true, m: batch, n: skipRows, k: d,
                      a: x, lda: d, b: theta, ldb: skipRows, beta: 1, c: workspace.stackedPre, ldc: ld)
            if quadraticFactors > 0 { addQuadraticTerm(x, batch: batch, theta: theta, workspace: workspace) }   // pre₁ += Σᵨ (aᵀx)²
            for (l, shape) in shapes.enumerated() {
                let pre = workspace.pre(l)
                if shape.fanIn > 0 {                                                     // pre += z_prev Vᵀ
                    BLAS.gemm(transposeB: true, m: batch, n: shape.rows, k: shape.fanIn,
                              a: workspace.z(l - 1), lda: ld, b: theta + shape.vOffset, ldb: shape.rows, beta: 1, c: pre, ldc: ld)
                }
                if l < shapes.count - 1 {
                    architecture.nonlinearity.forward(pre: pre, z: workspace.z(l), ld: ld, lanes: shape.lanes, width: shape.width, batch: batch)
                }
            }
        }
        return UnsafeMutableBufferPointer(start: workspace.pre(shapes.count - 1), count: batch)   // f: the output's one column
    }

    /// Back-propagates `outputGradient` (∂L/∂f per sample) through the last forward pass.
    /// Writes ∂L/∂θ into `parameterGradient` (overwritten; pass nil to skip it) and adds
    /// ∂L/∂x (d × batch) into `inputGradient` when given.
    public func backward(_ x: UnsafePointer<Double>, batch: Int, outputGradient: UnsafePointer<Double>,
                         workspace: NetworkWorkspace, parameterGradient: UnsafeMutablePointer<Double>?,
                         inputGradient: UnsafeMutablePointer<Double>? = nil) {
        let d = inputDimension, ld = workspace.batchCapacity
        let skipRows = shapes[0].wLeading
        parameters.withUnsafeBufferPointer { p in
            let theta = p.baseAddress!
            for l in stride(from: shapes.count - 1, through: 0, by: -1) {
                let shape = shapes[l]
                let dPre = workspace.dPre(l)
                if l == shapes.count - 1 {
                    dPre.update(from: outputGradient, count: batch)                         // one column: dPre = ∂L/∂f
                } else {
                    architecture.nonlinearity.backward(pre: workspace.pre(l), z: workspace.z(l), dZ: workspace.dZ(l), dPre: dPre,
                                                       ld: ld, lanes: shape.lanes, width: shape.width, batch: batch)
                }
                if let g = parameterGradient {
                    if shape.fanIn > 0 {                                                  // dV = dPreᵀ z_prev
                        BLAS.gemm(transposeA: true, m: shape.rows, n: shape.fanIn, k: batch,
                                  a: dPre, lda: ld, b: workspace.z(l - 1), ldb: ld, beta: 0, c: g + shape.vOffset, ldc: shape.rows)
                    }
                    for r in 0..<shape.rows {                                             // db = dPreᵀ 1
                        let column = dPre + r * ld
                        var sum = 0.0
                        for s in 0..<batch { sum += column[s] }
                        g[shape.bOffset + r] = sum
                    }
                }
                if shape.fanIn > 0 {                                                      // dz_prev = dPre V
                    BLAS.gemm(m: batch, n: shape.fanIn, k: shape.rows,
                              a: dPre, lda: ld, b: theta + shape.vOffset, ldb: shape.rows, beta: 0, c: workspace.dZ(l - 1), ldc: ld)
                }
            }
            if quadraticFactors > 0 {
                backQuadraticTerm(x, batch: batch, theta: theta, workspace: workspace,
                                  parameterGradient: parameterGradient, inputGradient: inputGradient)
            }
            if let g = parameterGradient {                                                // dW = dPreᵀ xᵀ, every layer at once
                BLAS.gemm(transposeA: true, transposeB: true, m: skipRows, n: d, k: batch,
                          a: workspace.stackedDPre, lda: ld, b: x, ldb: d, beta: 0, c: g, ldc: skipRows)
            }
            if let dx = inputGradient {                                                  // dx += Wᵀ dPreᵀ
                BLAS.gemm(transposeA: true, transposeB: true, m: d, n: batch, k: skipRows,
                          a: theta, lda: skipRows, b: workspace.stackedDPre, ldb: ld, beta: 1, c: dx, ldc: d)
            }
        }
    }

    /// The smallest entry of every constrained V (nil for layers without one).
    public var minimumConstrainedWeights: [Double?] {
        shapes.map { shape in
            guard shape.constrained else { return nil }
            return parameters[shape.vOffset..<(shape.vOffset + shape.rows * shape.fanIn)].min()
        }
    }

    /// Sets every constrained V entry to max(V, 0).
    public mutating func projectConstrainedWeights() {
        for shape in shapes where shape.constrained {
            for k in shape.vOffset..<(shape.vOffset + shape.rows * shape.fanIn) where !(parameters[k] >= 0) {
                parameters[k] = 0
            }
        }
    }
}
