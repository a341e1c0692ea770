import ArgumentParser
import LinearAlgebra

/// `hycnn-bench`: release-built experiments whose figures go in Benchmarks/README.md.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hycnn-bench",
        abstract: "Benchmarks of HyCNN (build with -c release).",
        subcommands: [Throughput.self, Regression.self, ConvexRegressionBench.self, Encoding.self, Netlib.self, NetlibSolve.self, CrossoverBench.self, SurrogateLPBench.self,
                      TransportBench.self, OTMapBench.self, ConjugatesBench.self, Fuzz.self, FuzzRecheck.self])

    /// ParsableCommand's main, with the allocator tuned as in `hycnn` (``ProcessMemory``).
    static func main() {
        ProcessMemory.keepFreedPages()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
