import Foundation

/// Runs Benchmarks/peers/transport_pot.py (POT's `ot.emd`) on points written to temporary
/// files, in the same invocation as our solver.
struct TransportPeer {
    struct Result {
        var distSeconds: Double
        var emdSeconds: Double
        var cost: Double
        var warning: String
    }

    /// The Python interpreter: the option's, else Benchmarks/.venv/bin/python if present, else python3.
    let python: String

    init(python: String?) {
        self.python = PythonPeer(python: python).python
    }

    /// Writes both clouds as raw little-endian float64 and runs the peer; nil when it fails
    /// (no python, no POT), with the reason.
    func run(source: [Double], target: [Double], n: Int, m: Int, dimension d: Int, repeats: Int) -> (Result?, String) {
        let folder = FileManager.default.temporaryDirectory
        let tag = UUID().uuidString
        let x = folder.appendingPathComponent("hycnn-ot-\(tag)-x.bin"), y = folder.appendingPathComponent("hycnn-ot-\(tag)-y.bin")
        defer { try? FileManager.default.removeItem(at: x); try? FileManager.default.removeItem(at: y) }
        do {
            try source.withUnsafeBytes { try Data($0).write(to: x) }     // little-endian on every platform we run on
            try target.withUnsafeBytes { try Data($0).write(to: y) }
        } catch {
            return (nil, "cannot write the points: \(error.localizedDescription)")
        }
        let script = BenchmarksFolder.peerScript("transport_pot.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, x.path, y.path, "\(n)", "\(m)", "\(d)", "\(repeats)"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { return (nil, "cannot run \(python): \(error.localizedDescription)") }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard process.terminationStatus == 0, fields.count >= 4,
              let dist = Double(fields[0]), let emd = Double(fields[1]), let cost = Double(fields[2]) else {
            let reason = errorText.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
            return (nil, "POT peer failed (\(reason)); install it with `python3 -m venv Benchmarks/.venv && Benchmarks/.venv/bin/pip install pot numpy`")
        }
        return (Result(distSeconds: dist, emdSeconds: emd, cost: cost, warning: String(fields[3])), "")
    }
}
