import ArgumentParser

/// `hycnn ot-map …`: neural optimal-transport maps between two samples.
struct OTMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ot-map",
        abstract: "Learn a Brenier (W2-optimal) map between two samples as the gradient of a convex network.",
        subcommands: [OTMapTrainCommand.self])
}
