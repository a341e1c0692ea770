import Foundation

/// The mean-squared-error gradient of a minibatch, split across worker threads (each with its
/// own workspace and buffers, allocated once) and summed in a fixed order, so the result does
/// not depend on timing. BLAS runs single-threaded inside: the matrices are small.
final class ParallelGradient: @unchecked Sendable {
    final class Worker: @unchecked Sendable {
        let workspace: NetworkWorkspace
        var x: [Double]
        var residual: [Double]
        var gradient: [Double]
        var squaredError = 0.0

        init(architecture: Architecture, capacity: Int) {
            workspace = NetworkWorkspace(architecture: architecture, batchCapacity: capacity)
            x = [Double](repeating: 0, count: capacity * architecture.inputDimension)
            residual = [Double](repeating: 0, count: capacity)
            gradient = [Double](repeating: 0, count: architecture.parameterCount)
        }

        /// ∂/∂θ of (1/total) Σ (f − y)² over `samples`, and Σ (f − y)².
        func run(_ network: ConvexNetwork, inputs: UnsafePointer<Double>, targets: UnsafePointer<Double>,
                 samples: ArraySlice<Int>, total: Int) {
            let d = network.inputDimension, count = samples.count
            squaredError = 0
            guard count > 0 else {
                for k in gradient.indices { gradient[k] = 0 }
                return
            }
            for (s, sample) in samples.enumerated() {                       // gather the batch
                for j in 0..<d { x[s * d + j] = inputs[sample * d + j] }
            }
            x.withUnsafeBufferPointer { xs in
                let f = network.forward(xs.baseAddress!, batch: count, workspace: workspace)
                for (s, sample) in samples.enumerated() {
                    let r = f[s] - targets[sample]
                    squaredError += r * r
                    residual[s] = 2 * r / Double(total)                     // ∂/∂f of (1/B) Σ (f − y)²
                }
                gradient.withUnsafeMutableBufferPointer { g in
                    network.backward(xs.baseAddress!, batch: count, outputGradient: residual, workspace: workspace,
                                     parameterGradient: g.baseAddress!)
                }
            }
        }
    }

    let workers: [Worker]

    init(architecture: Architecture, batchSize: Int, threads: Int) {
        let count = max(1, min(threads, batchSize))
        let capacity = (batchSize + count - 1) / count
        workers = (0..<count).map { _ in Worker(architecture: architecture, capacity: capacity) }
    }

    /// Computes the batch gradient into `gradient` and returns Σ (f − y)² over the batch.
    func compute(_ network: ConvexNetwork, inputs: [Double], targets: [Double], batch: ArraySlice<Int>,
                 into gradient: inout [Double]) -> Double {
        let share = (batch.count + workers.count - 1) / workers.count
        inputs.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { y in
                // Each worker reads the shared inputs and writes only its own buffers.
                nonisolated(unsafe) let xBase = x.baseAddress!, yBase = y.baseAddress!
                let run: @Sendable (Int) -> Void = { w in
                    let start = batch.startIndex + min(w * share, batch.count)
                    let end = batch.startIndex + min((w + 1) * share, batch.count)
                    self.workers[w].run(network, inputs: xBase, targets: yBase, samples: batch[start..<end], total: batch.count)
                }
                if workers.count == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: workers.count, execute: run) }
            }
        }
        gradient.withUnsafeMutableBufferPointer { g in
            for k in 0..<g.count { g[k] = workers[0].gradient[k] }
            for worker in workers.dropFirst() {
                worker.gradient.withUnsafeBufferPointer { h in for k in 0..<g.count { g[k] += h[k] } }
            }
        }
        return workers.reduce(0) { $0 + $1.squaredError }
    }
}
