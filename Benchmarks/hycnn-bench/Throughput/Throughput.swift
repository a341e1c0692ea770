import ArgumentParser
import ConvexNetworks
import DataFiles
import LinearAlgebra
import Foundation

/// Training throughput of HyCNN at the paper's scale: d = 50, n = 5000, batch 1000.
struct Throughput: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time training epochs of HyCNN 48×4 and 48×16 (d = 50, n = 5000, batch 1000).")

    @Option(help: "Epochs timed per model (the median is reported).")
    var epochs = 10

    @Option(help: "Hidden widths to time, e.g. 48x4,48x16.")
    var models = "48x4,48x16"

    func run() throws {
        let d = 50, n = 5000
        let sizes = try ListOption.parse(models, option: "--models", expected: "WIDTHxDEPTH with positive integers",
                                         example: "48x4,48x16") { item -> [Int]? in
            let parts = item.split(separator: "x", omittingEmptySubsequences: false).compactMap { Int($0) }
            return parts.count == 2 && parts.allSatisfy { $0 > 0 } ? parts : nil
        }
        var random = SeededGenerator(seed: 1)
        let inputs = (0..<(n * d)).map { _ in 2 * random.nextUniform() - 1 }
        let targets = (0..<n).map { s in (0..<d).reduce(0.0) { $0 + inputs[s * d + $1] * inputs[s * d + $1] } + random.nextNormal() }
        let data = try Dataset(inputNames: (1...d).map { "x\($0)" }, targetName: "y", inputs: inputs, targets: targets)
        print("model       params   epoch (median)   samples/s   GFLOP/epoch   GFLOP/s")
        for parts in sizes {
            let spec = "\(parts[0])x\(parts[1])"
            let architecture = Architecture.hycnn(inputDimension: d, widths: Array(repeating: parts[0], count: parts[1]))
            var settings = TrainingSettings()
            settings.epochs = epochs
            settings.validationFraction = 0
            let result = try Trainer(settings: settings).fit(architecture, to: data)
            let times = result.history.map(\.seconds).sorted()
            let median = times[times.count / 2]
            let flops = Self.flopsPerEpoch(architecture, samples: n)
            print(String(format: "HyCNN %-5@ %7d   %9.1f ms   %9.0f   %11.2f   %7.1f", String(spec) as NSString,
                         architecture.parameterCount, median * 1000, Double(n) / median, flops / 1e9, flops / median / 1e9))
            try Self.breakdown(result.model.network, data: data)
            if let peer = Self.numpyPeer(width: parts[0], depth: parts[1], epochs: min(epochs, 5)) {
                print(String(format: "            NumPy peer (same model, hand-written backprop): float64 %.1f ms (ours %.2f× faster), float32 %.1f ms (ours %.2f×)",
                             peer.float64, peer.float64 / (median * 1000), peer.float32, peer.float32 / (median * 1000)))
            } else {
                print("            NumPy peer skipped: python3 with numpy not found (pip install numpy)")
            }
        }
    }

    /// Runs Benchmarks/peers/hycnn_numpy.py in this invocation: milliseconds per epoch in float64 and float32.
    static func numpyPeer(width: Int, depth: Int, epochs: Int) -> (float64: Double, float32: Double)? {
        let script = BenchmarksFolder.peerScript("hycnn_numpy.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "\(width)", "\(depth)", "\(epochs)"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        var times: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let ms = Double(fields[1]) { times[String(fields[0])] = ms }
        }
        guard let float64 = times["float64"], let float32 = times["float32"] else { return nil }
        return (float64, float32)
    }

    /// Milliseconds per batch of 1000 for the forward pass, the backward pass and an Adam step.
    static func breakdown(_ network: ConvexNetwork, data: Dataset) throws {
        let batch = 1000, repeats = 20
        let workspace = NetworkWorkspace(architecture: network.architecture, batchCapacity: batch)
        let x = Array(data.inputs.prefix(batch * data.dimension))
        let dOut = [Double](repeating: 1e-3, count: batch)
        var gradient = [Double](repeating: 0, count: network.parameters.count)
        var parameters = network.parameters
        var adam = AdamOptimizer(parameterCount: parameters.count)
        func time(_ body: () -> Void) -> Double {
            let start = DispatchTime.now()
            for _ in 0..<repeats { body() }
            return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6 / Double(repeats)
        }
        BLASThreads.with(1) { x.withUnsafeBufferPointer { xs in
            let forward = time { network.forward(xs.baseAddress!, batch: batch, workspace: workspace) }
            let backward = time {
                gradient.withUnsafeMutableBufferPointer { g in
                    network.backward(xs.baseAddress!, batch: batch, outputGradient: dOut, workspace: workspace, parameterGradient: g.baseAddress!)
                }
            }
            let backwardInputsOnly = time {
                network.backward(xs.baseAddress!, batch: batch, outputGradient: dOut, workspace: workspace, parameterGradient: nil)
            }
            let step = time { adam.update(&parameters, gradient: gradient, learningRate: 1e-3) }
            print(String(format: "            per batch of 1000 on one thread: forward %.2f ms, backward %.2f ms (%.2f ms without ∂θ), Adam %.2f ms",
                         forward, backward, backwardInputsOnly, step))
        } }
    }

    /// Multiply-adds ×2 of the gemms in one epoch: forward V z and W x, backward dV, dW and Vᵀ dPre.
    static func flopsPerEpoch(_ architecture: Architecture, samples: Int) -> Double {
        var perSample = 0.0
        for shape in architecture.layers {
            let rows = Double(shape.rows), fanIn = Double(shape.fanIn)
            let d = shape.hasSkip ? Double(architecture.inputDimension) : 0
            perSample += 2 * rows * (fanIn + d)        // forward
            perSample += 2 * rows * (fanIn + d)        // dV, dW
            perSample += 2 * rows * fanIn              // dz_prev
        }
        return perSample * Double(samples)
    }
}
