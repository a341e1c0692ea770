import LinearAlgebra

/// The quadratic term of an icnn-quadratic network's first layer: pre₁ⱼ += Σᵨ qⱼᵨ² with
/// qⱼᵨ = aⱼᵨᵀx, a sum of squared linear forms, so convex in x (Hessian 2 Σᵨ aⱼᵨaⱼᵨᵀ ⪰ 0).
/// The factors A ((m₁r) × d, row j·r + ρ is aⱼᵨ) follow every layer's parameters; the
/// projections Q = XᵀAᵀ (batch × m₁r) and their adjoints live in the workspace. Each pass is
/// gemms plus loops over contiguous columns, with no allocation.
extension ConvexNetwork {
    /// m₁·r: the number of factors (0 without a quadratic term).
    var quadraticFactors: Int { architecture.quadraticFactorCount }

    /// Where A starts in the parameter vector: after the output layer's bias.
    var quadraticOffset: Int { shapes[shapes.count - 1].bOffset + shapes[shapes.count - 1].rows }

    /// Q = XᵀAᵀ into the first `batch` rows of the workspace's projections, then pre₁ⱼ += Σᵨ Qⱼᵨ².
    func addQuadraticTerm(_ x: UnsafePointer<Double>, batch: Int, theta: UnsafePointer<Double>, workspace: NetworkWorkspace) {
        let factors = quadraticFactors, ld = workspace.batchCapacity
        BLAS.gemm(transposeA: true, transposeB: true, m: batch, n: factors, k: inputDimension, a: x, lda: inputDimension,
                  b: theta + quadraticOffset, ldb: factors, beta: 0, c: workspace.quadratic, ldc: ld)
        addSquares(workspace.quadratic, times: workspace.quadratic, scale: 1, into: workspace.pre(0), ld: ld, batch: batch)
    }

    /// After the first layer's dPre is known: Q̄ⱼᵨ = 2 Qⱼᵨ p̄ⱼ, then dA = Q̄ᵀXᵀ (overwritten into
    /// `parameterGradient`) and dx += AᵀQ̄ᵀ (into `inputGradient`), each when given.
    func backQuadraticTerm(_ x: UnsafePointer<Double>, batch: Int, theta: UnsafePointer<Double>, workspace: NetworkWorkspace,
                           parameterGradient: UnsafeMutablePointer<Double>?, inputGradient: UnsafeMutablePointer<Double>?) {
        let factors = quadraticFactors, d = inputDimension, ld = workspace.batchCapacity
        let q = workspace.quadratic, dq = workspace.dQuadratic
        spread(workspace.dPre(0), times: q, scale: 2, into: dq, accumulate: false, ld: ld, batch: batch)
        if let g = parameterGradient {                                                   // dA = Q̄ᵀ Xᵀ
            BLAS.gemm(transposeA: true, transposeB: true, m: factors, n: d, k: batch,
                      a: dq, lda: ld, b: x, ldb: d, beta: 0, c: g + quadraticOffset, ldc: factors)
        }
        if let dx = inputGradient {                                                      // dx += Aᵀ Q̄ᵀ
            BLAS.gemm(transposeA: true, transposeB: true, m: d, n: batch, k: factors,
                      a: theta + quadraticOffset, lda: factors, b: dq, ldb: ld, beta: 1, c: dx, ldc: d)
        }
    }

    /// The tangent of the quadratic term along u (rows `batch ..< 2·batch`): Q̇ = UᵀAᵀ, then
    /// ṗre₁ⱼ += 2 Σᵨ Qⱼᵨ Q̇ⱼᵨ, the directional derivative of Σᵨ (aⱼᵨᵀx)² along u.
    func addQuadraticTangent(_ u: UnsafePointer<Double>, batch: Int, theta: UnsafePointer<Double>, workspace: NetworkWorkspace) {
        let factors = quadraticFactors, ld = workspace.batchCapacity
        let q = workspace.quadratic
        BLAS.gemm(transposeA: true, transposeB: true, m: batch, n: factors, k: inputDimension, a: u, lda: inputDimension,
                  b: theta + quadraticOffset, ldb: factors, beta: 0, c: q + batch, ldc: ld)
        addSquares(q, times: q + batch, scale: 2, into: workspace.pre(0) + batch, ld: ld, batch: batch)
    }

    /// Reverse over the quadratic term's primal and tangent, from the first layer's adjoints p̄
    /// (rows `0 ..< batch` of dPre) and t̄ (rows `batch ..< 2·batch`): Q̄ = 2(Q p̄ + Q̇ t̄) (the
    /// Hessian 2aaᵀ acting on the tangent) and Q̇̄ = 2 Q t̄; adds dA += Q̄ᵀXᵀ + Q̇̄ᵀUᵀ into `g`.
    func backQuadraticSecondOrder(_ x: UnsafePointer<Double>, cotangent u: UnsafePointer<Double>, batch: Int,
                                  theta: UnsafePointer<Double>, workspace: NetworkWorkspace, parameterGradient g: UnsafeMutablePointer<Double>) {
        let factors = quadraticFactors, d = inputDimension, ld = workspace.batchCapacity
        let q = workspace.quadratic, dq = workspace.dQuadratic, dPre = workspace.dPre(0)
        spread(dPre, times: q, scale: 2, into: dq, accumulate: false, ld: ld, batch: batch)              // 2 Q p̄
        spread(dPre + batch, times: q + batch, scale: 2, into: dq, accumulate: true, ld: ld, batch: batch) // + 2 Q̇ t̄
        spread(dPre + batch, times: q, scale: 2, into: dq + batch, accumulate: false, ld: ld, batch: batch) // Q̇̄ = 2 Q t̄
        BLAS.gemm(transposeA: true, transposeB: true, m: factors, n: d, k: batch,
                  a: dq, lda: ld, b: x, ldb: d, beta: 1, c: g + quadraticOffset, ldc: factors)
        BLAS.gemm(transposeA: true, transposeB: true, m: factors, n: d, k: batch,
                  a: dq + batch, lda: ld, b: u, ldb: d, beta: 1, c: g + quadraticOffset, ldc: factors)
    }

    /// out[·, j] += scale · Σᵨ a[·, j·r + ρ] ⊙ b[·, j·r + ρ] for the first `batch` rows.
    private func addSquares(_ a: UnsafePointer<Double>, times b: UnsafePointer<Double>, scale: Double,
                            into out: UnsafeMutablePointer<Double>, ld: Int, batch: Int) {
        let rank = architecture.quadraticRank
        for j in 0..<shapes[0].width {
            let column = out + j * ld
            for rho in 0..<rank {
                let p = a + (j * rank + rho) * ld, t = b + (j * rank + rho) * ld
                for s in 0..<batch { column[s] += scale * p[s] * t[s] }
            }
        }
    }

    /// out[·, j·r + ρ] (=, or += when `accumulate`) scale · unit[·, j] ⊙ q[·, j·r + ρ] for the first `batch` rows.
    private func spread(_ unit: UnsafePointer<Double>, times q: UnsafePointer<Double>, scale: Double,
                        into out: UnsafeMutablePointer<Double>, accumulate: Bool, ld: Int, batch: Int) {
        let rank = architecture.quadraticRank
        for j in 0..<shapes[0].width {
            let adjoint = unit + j * ld
            for rho in 0..<rank {
                let column = (j * rank + rho) * ld
                let source = q + column, target = out + column
                if accumulate {
                    for s in 0..<batch { target[s] += scale * adjoint[s] * source[s] }
                } else {
                    for s in 0..<batch { target[s] = scale * adjoint[s] * source[s] }
                }
            }
        }
    }
}
