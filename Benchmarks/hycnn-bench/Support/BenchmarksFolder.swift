import Foundation

/// The Benchmarks/ folder of the checkout this benchmark was built from: where the peer scripts
/// (`peers/`) and the peers' virtual environment (`.venv/`) live.
enum BenchmarksFolder {
    /// Benchmarks/, two folders above this file (Benchmarks/hycnn-bench/Support/).
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The path of the peer script `name` in Benchmarks/peers/.
    static func peerScript(_ name: String) -> String {
        url.appendingPathComponent("peers").appendingPathComponent(name).path
    }
}
