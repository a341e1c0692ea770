import ArgumentParser

/// `hycnn ot-map`: optimal-transport maps as two convex potentials in one map file.
struct OTMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ot-map",
        abstract: "Learn, apply and certify optimal-transport maps held as two convex potentials (f: the map is ∇f; g: ∇g maps back).",
        discussion: """
            A map file ("format": "hycnn-ot-map") holds the two potentials f and g, each a complete \
            model file, over the same named columns. Point files are CSV with a header whose \
            columns are exactly the map's (by name, in any order), one point per row.
            """,
        subcommands: [OTMapTrainCommand.self, OTMapApplyCommand.self, OTMapCertifyCommand.self])
}
