import ConvexNetworks
import Foundation

/// The four kinds of input the fuzzer mutates.
enum FuzzKind: String, CaseIterable, Sendable {
    case mps, csv, problem, model
}

/// How a run's answer is re-checked beyond its exit code.
enum FuzzCheck: Sendable {
    case none
    /// `solve --json`: the answer against the MPS file, read and solved again through the library.
    case solve(free: Bool)
    /// `minimize --json`: x*, the objective and the surrogate values re-evaluated from the files.
    case minimize(problem: String)
    /// `certify --json`: the verdict against the model file's own V and nonlinearity.
    case certify
    /// `check-data --json`: a non-convexity certificate against the CSV.
    case checkData
    /// `transport --json -o plan.csv`: the plan against the two CSV files.
    case transport(source: String, target: String, plan: String, squared: Bool)
}

/// One fuzzed input: the mutated file, the `hycnn` arguments that read it, and the exit codes
/// the README allows that command.
struct FuzzCase: Sendable {
    var kind: FuzzKind
    var index: Int
    var inputName: String
    var input: Data
    var mutations: [String]
    var arguments: [String]
    var allowedExits: Set<Int32>
    var check: FuzzCheck
    /// Seed files the command reads besides the input (copied beside a finding).
    var support: [String]
    /// The strict key schema the input must satisfy when the tool accepts it.
    var schema: FuzzSchema?

    /// The case `index` of `kind` for `seed`: the same triple always gives the same case.
    static func make(kind: FuzzKind, index: Int, seed: UInt64, seeds: FuzzSeeds) -> FuzzCase {
        let salt: UInt64 = [FuzzKind.mps: 0x6d70_7300, .csv: 0x6373_7600, .problem: 0x7072_6f62, .model: 0x6d6f_6465][kind]!
        var mutator = Mutator(seed: seed &* 0x9e37_79b9_7f4a_7c15 ^ salt ^ UInt64(index) &* 0xbf58_476d_1ce4_e5b9)
        switch kind {
        case .mps:
            let (file, free) = mutator.pick(seeds.mps)
            let (data, mutations) = mutator.mutate(file.data, style: .mps)
            let name = free ? "input.free.mps" : "input.mps"
            let solver = mutator.pick(["auto", "simplex", "dual-simplex", "interior", "ipm", "mip"])
            var arguments = ["solve", name, "--json", "--solver", solver, "--time-limit", "5"]
            if free { arguments.append("--free") }
            return FuzzCase(kind: kind, index: index, inputName: name, input: data, mutations: [file.name] + mutations,
                            arguments: arguments, allowedExits: [0, 1, 2, 3], check: .solve(free: free), support: [], schema: nil)
        case .csv:
            return csvCase(index: index, mutator: &mutator, seeds: seeds)
        case .problem:
            let file = mutator.pick(seeds.problems)
            let (data, mutations) = mutator.mutate(file.data, style: .json)
            var arguments = ["minimize", "input.json", "--json", "--time-limit", "5"]
            switch mutator.index(8) {
            case 0: arguments += ["--solver", "ipm"]
            case 1: arguments += ["--solver", "dual-simplex"]
            case 2: arguments += ["--milp"]
            case 3: arguments += ["--milp", "--tighten"]
            default: break
            }
            return FuzzCase(kind: kind, index: index, inputName: "input.json", input: data, mutations: [file.name] + mutations,
                            arguments: arguments, allowedExits: [0, 1, 2, 3], check: .minimize(problem: "input.json"),
                            support: (seeds.models + seeds.samples).map(\.name), schema: .problem)
        case .model:
            let file = mutator.pick(seeds.models)
            let (data, mutations) = mutator.mutate(file.data, style: .json)
            let name = "input.model.json"
            switch mutator.index(3) {
            case 0:
                var fuzzCase = FuzzCase(kind: kind, index: index, inputName: name, input: data, mutations: [file.name] + mutations,
                                        arguments: ["predict", name, "convex.csv"], allowedExits: [0, 1], check: .none,
                                        support: ["convex.csv"], schema: .model)
                if mutator.chance(0.06) { fuzzCase.aimOutputAtInput() }
                return fuzzCase
            default:
                return FuzzCase(kind: kind, index: index, inputName: name, input: data, mutations: [file.name] + mutations,
                                arguments: ["certify", name, "--json", "--trials", "300"], allowedExits: [0, 1, 4], check: .certify,
                                support: [], schema: .model)
            }
        }
    }

    /// Points the command's output (`-o`) at its own input: the run must refuse and leave the
    /// input as it was (checked after every run).
    mutating func aimOutputAtInput() {
        if let o = arguments.firstIndex(of: "-o"), o + 1 < arguments.count {
            arguments[o + 1] = inputName
        } else {
            arguments += ["-o", inputName]
        }
        check = .none
        mutations.append("-o at the input")
    }

    static func csvCase(index: Int, mutator: inout Mutator, seeds: FuzzSeeds) -> FuzzCase {
        let name = "input.csv"
        func make(_ base: FuzzSeeds.File, _ arguments: [String], _ exits: Set<Int32>, _ check: FuzzCheck, _ support: [String]) -> FuzzCase {
            let (data, mutations) = mutator.mutate(base.data, style: .csv)
            var fuzzCase = FuzzCase(kind: .csv, index: index, inputName: name, input: data, mutations: [base.name] + mutations,
                                    arguments: arguments, allowedExits: exits, check: check, support: support, schema: nil)
            if mutator.chance(0.06) { fuzzCase.aimOutputAtInput() }
            return fuzzCase
        }
        switch mutator.index(8) {
        case 0, 1:
            var arguments = ["fit", name, "--target", "y", "--epochs", "3", "--batch", "16", "--quiet", "-o", "fitted.model.json"]
            switch mutator.index(6) {
            case 0: arguments += ["--model", "maxaffine", "--pieces", "3"]
            case 1: arguments += ["--model", "icnn", "--widths", "4,3"]
            case 2: arguments += mutator.pick([["--lr", "1e308"], ["--widths", "1000000000x2"], ["--pieces", "4611686018427387904", "--model", "maxaffine"],
                                              ["--widths", "3x100000000"], ["--lr", "1e200"], ["--batch", "0"]])
            default: arguments += ["--widths", "3x2"]
            }
            return make(mutator.pick(seeds.samples), arguments, [0, 1], .none, [])
        case 2, 3:
            var arguments = ["check-data", name, "--target", "y", "--json"]
            if mutator.chance(0.25) { arguments += ["--fit", mutator.pick(["l1", "linf"]), "-o", "regression.model.json"] }
            return make(mutator.pick(seeds.samples), arguments, [0, 1, 3, 4], .checkData, [])   // 3: undecided at the tolerance, or the time limit
        case 4:
            return make(mutator.pick(seeds.samples), ["predict", "hycnn.model.json", name], [0, 1], .none, ["hycnn.model.json"])
        default:
            let method = mutator.pick(["exact", "exact", "lp", "sinkhorn"])
            let sourceIsInput = mutator.chance(0.5), large = mutator.chance(0.4)
            let pair = large ? ["source40.csv", "target40.csv"] : ["source.csv", "target.csv"]
            let source = sourceIsInput ? name : pair[0], target = sourceIsInput ? pair[1] : name
            var arguments = ["transport", source, target, "--json", "-o", "plan.csv", "--method", method, "--time-limit", "5"]
            let euclidean = mutator.chance(0.3)
            if euclidean { arguments += ["--cost", "euclidean"] }
            let base = seeds.clouds[(large ? 2 : 0) + (sourceIsInput ? 0 : 1)]
            let check: FuzzCheck = method == "sinkhorn" ? .none : .transport(source: source, target: target, plan: "plan.csv", squared: !euclidean)
            return make(base, arguments, [0, 1, 2, 3], check, pair)
        }
    }
}
