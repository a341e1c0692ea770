import ArgumentParser

/// The `--crossover` option of `solve`, `minimize` and `transport --method lp`: whether our
/// interior point's answer is carried to a basic optimal solution (a vertex).
enum CrossoverSwitch: String, ExpressibleByArgument, CaseIterable {
    case on, off

    /// The option's help, naming the command's default.
    static func help(default value: CrossoverSwitch) -> String {
        "on or off (default \(value.rawValue)): after our interior point (ipm, also when auto picks it), a crossover "
            + "to a basic optimal solution (a vertex; few nonzeros); off keeps the interior point's answer. "
            + "If the crossover fails, the interior answer stays, with a note"
    }

    var isOn: Bool { self == .on }
}
