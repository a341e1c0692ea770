import ArgumentParser

/// `hycnn-bench`: release-built experiments whose figures go in Benchmarks/README.md.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hycnn-bench",
        abstract: "Benchmarks of HyCNN (build with -c release).",
        subcommands: [Throughput.self, Regression.self, ConvexRegressionBench.self, Encoding.self, Netlib.self, NetlibSolve.self, CrossoverBench.self, SurrogateLPBench.self,
                      TransportBench.self, OTMapBench.self, ConjugatesBench.self, Fuzz.self, FuzzRecheck.self])
}
