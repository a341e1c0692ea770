import ConvexNetworks
import Foundation

/// The gradients of the minimax's two steps over one batch, split by columns across worker
/// threads (each with its own workspaces and buffers, allocated once) and summed in worker
/// order, so the result does not depend on timing. BLAS runs single-threaded inside when there
/// is more than one worker.
final class MinimaxWorkers: @unchecked Sendable {
    final class Worker: @unchecked Sendable {
        let fWorkspace: NetworkWorkspace
        let gWorkspace: InputGradientWorkspace
        /// G = ∇g(Y) and the cotangent U, d × capacity.
        var mapped: [Double], cotangent: [Double]
        var fGradient: [Double], gGradient: [Double], fGradientAtMapped: [Double]
        /// Σ over the worker's columns of ‖X‖² − 2f(X) + ‖Y‖² − 2⟨Y, G⟩ + 2f(G).
        var estimate = 0.0
        let ones: [Double], plus: [Double], minus: [Double]

        init(architecture: Architecture, capacity: Int, batch: Int) {
            let d = architecture.inputDimension, p = architecture.parameterCount
            fWorkspace = NetworkWorkspace(architecture: architecture, batchCapacity: capacity)
            gWorkspace = InputGradientWorkspace(architecture: architecture, batchCapacity: capacity)
            mapped = [Double](repeating: 0, count: d * capacity)
            cotangent = mapped
            fGradient = [Double](repeating: 0, count: p)
            gGradient = fGradient
            fGradientAtMapped = fGradient
            ones = [Double](repeating: 1, count: capacity)
            plus = [Double](repeating: 1 / Double(batch), count: capacity)
            minus = [Double](repeating: -1 / Double(batch), count: capacity)
        }

        /// gGradient = ∂/∂θ_g of (1/b) Σ [f(G) − ⟨Y, G⟩] over the `count` columns at `y`.
        func innerGradient(f: ConvexNetwork, g: ConvexNetwork, y: UnsafePointer<Double>, count: Int, batch: Int) {
            let d = g.inputDimension
            mapped.withUnsafeMutableBufferPointer { gy in
                cotangent.withUnsafeMutableBufferPointer { u in
                    gGradient.withUnsafeMutableBufferPointer { gradient in
                        let gp = gy.baseAddress!, up = u.baseAddress!
                        gradient.update(repeating: 0)
                        guard count > 0 else { return }
                        g.inputGradientForward(y, batch: count, workspace: gWorkspace, inputGradient: gp)        // G = ∇g(Y)
                        f.forward(gp, batch: count, workspace: fWorkspace)
                        up.update(repeating: 0, count: d * count)
                        f.backward(gp, batch: count, outputGradient: ones, workspace: fWorkspace, parameterGradient: nil,
                                   inputGradient: up)                                                         // U = ∇f(G)
                        for k in 0..<(d * count) { up[k] = (up[k] - y[k]) / Double(batch) }                // ∂/∂G (1/b)Σ[f(G) − ⟨Y, G⟩]
                        g.inputGradientBackward(y, batch: count, cotangent: up, workspace: gWorkspace,
                                                parameterGradient: gradient.baseAddress!)
                    }
                }
            }
        }

        /// fGradient = ∂/∂θ_f of (1/b) Σ [f(X) − f(∇g(Y))] and ``estimate`` over the columns.
        func outerGradient(f: ConvexNetwork, g: ConvexNetwork, x: UnsafePointer<Double>, y: UnsafePointer<Double>, count: Int) {
            let d = g.inputDimension
            estimate = 0
            guard count > 0 else {
                for k in fGradient.indices { fGradient[k] = 0 }
                return
            }
            mapped.withUnsafeMutableBufferPointer { gy in
                let gp = gy.baseAddress!
                g.inputGradientForward(y, batch: count, workspace: gWorkspace, inputGradient: gp)               // G = ∇g(Y)
                for k in 0..<(d * count) { estimate += x[k] * x[k] + y[k] * y[k] - 2 * y[k] * gp[k] }       // ‖X‖² + ‖Y‖² − 2⟨Y, G⟩
                let fx = f.forward(x, batch: count, workspace: fWorkspace)
                for s in 0..<count { estimate -= 2 * fx[s] }                                                 // − 2f(X)
                fGradient.withUnsafeMutableBufferPointer { gradient in
                    f.backward(x, batch: count, outputGradient: plus, workspace: fWorkspace, parameterGradient: gradient.baseAddress!)
                }
                let fg = f.forward(gp, batch: count, workspace: fWorkspace)
                for s in 0..<count { estimate += 2 * fg[s] }                                                 // + 2f(G)
                fGradientAtMapped.withUnsafeMutableBufferPointer { gradient in
                    f.backward(gp, batch: count, outputGradient: minus, workspace: fWorkspace, parameterGradient: gradient.baseAddress!)
                }
            }
            for k in fGradient.indices { fGradient[k] += fGradientAtMapped[k] }                             // E f(X) − E f(G)
        }
    }

    let workers: [Worker]
    let batch: Int, share: Int, dimension: Int

    init(architecture: Architecture, batch: Int, threads: Int) {
        let count = max(1, min(threads, batch)), share = (batch + count - 1) / count
        self.share = share
        self.batch = batch
        dimension = architecture.inputDimension
        workers = (0..<count).map { _ in Worker(architecture: architecture, capacity: share, batch: batch) }
    }

    /// The columns of worker w.
    private func columns(_ w: Int) -> (start: Int, count: Int) {
        let start = min(w * share, batch)
        return (start, min(share, batch - start))
    }

    private func run(_ body: @Sendable (Int) -> Void) {
        if workers.count == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: workers.count, execute: body) }
    }

    /// The g-step gradient over the batch Y (d × b) into `gradient`.
    func innerGradient(f: ConvexNetwork, g: ConvexNetwork, y: [Double], into gradient: inout [Double]) {
        y.withUnsafeBufferPointer { ys in
            nonisolated(unsafe) let yp = ys.baseAddress!
            run { w in
                let (start, count) = self.columns(w)
                self.workers[w].innerGradient(f: f, g: g, y: yp + start * self.dimension, count: count, batch: self.batch)
            }
        }
        sum(\.gGradient, into: &gradient)
    }

    /// The f-step gradient over the batches X and Y into `gradient`; returns the batch's W₂² estimate.
    func outerGradient(f: ConvexNetwork, g: ConvexNetwork, x: [Double], y: [Double], into gradient: inout [Double]) -> Double {
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                nonisolated(unsafe) let xp = xs.baseAddress!, yp = ys.baseAddress!
                run { w in
                    let (start, count) = self.columns(w)
                    self.workers[w].outerGradient(f: f, g: g, x: xp + start * self.dimension, y: yp + start * self.dimension, count: count)
                }
            }
        }
        sum(\.fGradient, into: &gradient)
        return workers.reduce(0) { $0 + $1.estimate } / Double(batch)
    }

    private func sum(_ part: KeyPath<Worker, [Double]>, into gradient: inout [Double]) {
        gradient.withUnsafeMutableBufferPointer { g in
            workers[0][keyPath: part].withUnsafeBufferPointer { h in for k in 0..<g.count { g[k] = h[k] } }
            for worker in workers.dropFirst() {
                worker[keyPath: part].withUnsafeBufferPointer { h in for k in 0..<g.count { g[k] += h[k] } }
            }
        }
    }
}
