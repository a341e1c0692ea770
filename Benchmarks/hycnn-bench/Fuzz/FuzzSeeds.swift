import ConvexNetworks
import DataFiles
import Foundation
import LinearProgramming

/// The valid base inputs the fuzzer mutates, made here from fixed numbers (so a seed gives
/// the same inputs everywhere) and written once into a folder: small LPs and MIPs as fixed and
/// free MPS, CSV samples and point clouds, small models of every family in the model-file
/// format, and problem files over those models.
struct FuzzSeeds {
    struct File {
        var name: String
        var data: Data
    }

    var mps: [(file: File, free: Bool)] = []
    /// Samples with inputs x1, x2 and target y (for fit, check-data and predict).
    var samples: [File] = []
    /// Point clouds with columns x, y (for transport).
    var clouds: [File] = []
    var models: [File] = []
    var problems: [File] = []

    /// Every file, for copying into a working folder.
    var allFiles: [File] { mps.map(\.file) + samples + clouds + models + problems }

    init() throws {
        for (name, program) in Self.programs() {
            mps.append((File(name: name + ".mps", data: Data(try program.mpsText(format: .fixed).utf8)), false))
            mps.append((File(name: name + ".free.mps", data: Data(try program.mpsText(format: .free).utf8)), true))
        }
        samples = [
            Self.sampleFile("convex.csv") { x1, x2 in x1 * x1 + abs(x2) + 0.5 * x1 },
            Self.sampleFile("concave.csv") { x1, x2 in -(x1 * x1) - 0.3 * x2 * x2 },
            Self.sampleFile("flat.csv") { _, _ in 1 },
            // Row 4 is the average of rows 1–3 with a target 2.5 above theirs: no convex fit.
            File(name: "hull.csv", data: Data("x1,x2,y\n0,0,0\n3,0,0\n0,3,0\n1,1,2.5\n3,3,5\n".utf8)),
        ]
        clouds = [Self.cloudFile("source.csv", shift: 0), Self.cloudFile("target.csv", shift: 0.7),
                  Self.cloudFile("source40.csv", shift: 0, count: 40), Self.cloudFile("target40.csv", shift: 0.35, count: 40)]
        for (name, architecture) in Self.architectures {
            let compact = try Self.model(architecture, seed: UInt64(models.count + 1)).jsonData()
            // One value per line, so that line edits hit single entries.
            let pretty = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: compact), options: [.prettyPrinted, .sortedKeys])
            models.append(File(name: name + ".model.json", data: pretty))
        }
        problems = Self.problemFiles()
    }

    /// Writes every seed file into `folder` (created if needed).
    func write(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in allFiles {
            try file.data.write(to: URL(fileURLWithPath: folder).appendingPathComponent(file.name))
        }
    }

    // MARK: LPs and MIPs

    static func programs() -> [(String, LinearProgram)] {
        var wyndor = LinearProgram(name: "wyndor", sense: .maximize)
        let w1 = wyndor.addVariable("x1", cost: 3), w2 = wyndor.addVariable("x2", cost: 5)
        wyndor.addConstraint("plant1", [(w1, 1)], .lessOrEqual, 4)
        wyndor.addConstraint("plant2", [(w2, 2)], .lessOrEqual, 12)
        wyndor.addConstraint("plant3", [(w1, 3), (w2, 2)], .lessOrEqual, 18)

        // min −x − y, 2x + 2y ≤ 13, x − y ≤ 2, x, y ∈ {0…10} integer: LP optimum −6.5, MIP −6.
        var mip = LinearProgram(name: "smallmip")
        let m1 = mip.addVariable("x", upper: 10, kind: .integer, cost: -1), m2 = mip.addVariable("y", upper: 10, kind: .integer, cost: -1)
        mip.addConstraint("cap", [(m1, 2), (m2, 2)], .lessOrEqual, 13)
        mip.addConstraint("diff", [(m1, 1), (m2, -1)], .lessOrEqual, 2)

        var knapsack = LinearProgram(name: "knap", sense: .maximize)
        let values = [10.0, 13, 7, 8, 4], weights = [5.0, 6, 3, 4, 2]
        let items = values.indices.map { knapsack.addVariable("b\($0)", upper: 1, kind: .binary, cost: values[$0]) }
        let z = knapsack.addVariable("z", lower: -2, upper: 3, cost: 0.5)
        knapsack.addConstraint("weight", items.map { ($0, weights[$0]) } + [(z, 1)], .lessOrEqual, 11)

        var infeasible = LinearProgram(name: "infeas")
        let i1 = infeasible.addVariable("x", cost: 1), i2 = infeasible.addVariable("y", cost: 2)
        infeasible.addConstraint("atleast", [(i1, 1), (i2, 1)], .greaterOrEqual, 5)
        infeasible.addConstraint("atmost", [(i1, 1), (i2, 1)], .lessOrEqual, 3)

        var unbounded = LinearProgram(name: "unbnd")
        let u1 = unbounded.addVariable("x", cost: -1), u2 = unbounded.addVariable("y", cost: 0)
        unbounded.addConstraint("r1", [(u1, 1), (u2, -1)], .lessOrEqual, 1)
        unbounded.addConstraint("r2", [(u1, -1), (u2, 1)], .lessOrEqual, 4)
        unbounded.addConstraint("r3", [(u2, 1)], .greaterOrEqual, 0.5)

        // Free and negative-bounded columns, a ranged row, an equality and an objective constant.
        var mixed = LinearProgram(name: "mixed", objectiveConstant: 2.5)
        let f = mixed.addVariable("f", lower: -.infinity, upper: .infinity, cost: 1)
        let g = mixed.addVariable("g", lower: -3, upper: 7, cost: -2)
        let h = mixed.addVariable("h", lower: 1, upper: 1, cost: 4)
        let k = mixed.addVariable("k", lower: -.infinity, upper: 5, cost: -0.5)
        mixed.addConstraint("range", [(f, 1), (g, 1)], lower: -2, upper: 6)
        mixed.addConstraint("equal", [(f, 1), (k, -1), (h, 2)], .equal, 1.5)
        mixed.addConstraint("floor", [(f, 1), (g, -0.5)], .greaterOrEqual, -4)
        mixed.addConstraint("ceil", [(k, 1), (g, 1)], .lessOrEqual, 9)

        // A 3 × 3 transport LP (degenerate: equal supplies and demands).
        var transport = LinearProgram(name: "trans")
        let cost = [[4.0, 6, 9], [5, 3, 8], [7, 4, 2]]
        var x: [[Int]] = []
        for i in 0..<3 { x.append((0..<3).map { j in transport.addVariable("x\(i)\(j)", cost: cost[i][j]) }) }
        for i in 0..<3 { transport.addConstraint("s\(i)", (0..<3).map { (x[i][$0], 1.0) }, .equal, 10) }
        for j in 0..<3 { transport.addConstraint("d\(j)", (0..<3).map { (x[$0][j], 1.0) }, .equal, 10) }
        return [("wyndor", wyndor), ("smallmip", mip), ("knap", knapsack), ("infeas", infeasible),
                ("unbnd", unbounded), ("mixed", mixed), ("trans", transport)]
    }

    // MARK: CSV

    /// 24 samples on a 6 × 4 grid of x1 ∈ [−2, 2], x2 ∈ [−1, 1] with y = f(x1, x2).
    static func sampleFile(_ name: String, _ f: (Double, Double) -> Double) -> File {
        var text = "x1,x2,y\n"
        for a in 0..<6 {
            for b in 0..<4 {
                let x1 = -2 + 0.8 * Double(a), x2 = -1 + Double(b) * 2 / 3
                text += "\(x1),\(x2),\(f(x1, x2))\n"
            }
        }
        return File(name: name, data: Data(text.utf8))
    }

    /// `count` points on a bent line, shifted.
    static func cloudFile(_ name: String, shift: Double, count: Int = 6) -> File {
        var text = "x,y\n"
        for k in 0..<count {
            let t = Double(k) * 5 / Double(count - 1)
            text += "\(t + shift),\(0.3 * t * t - shift)\n"
        }
        return File(name: name, data: Data(text.utf8))
    }

    // MARK: models

    static let architectures: [(String, Architecture)] = [
        ("hycnn", .hycnn(inputDimension: 2, widths: [3, 3])),
        ("groupmax", .groupMax(inputDimension: 1, widths: [3])),
        ("maxaffine", .maxAffine(inputDimension: 1, pieces: 4)),
        ("icnn", .icnn(inputDimension: 2, widths: [4, 3])),
        ("leaky", .icnn(inputDimension: 2, widths: [3], activation: .leakyRelu(slope: 0.1))),
        ("mlp", .mlp(inputDimension: 2, widths: [4])),
        ("quadratic", .icnnQuadratic(inputDimension: 2, widths: [3, 2], activation: .softplus(temperature: 1), rank: 2)),
        ("smooth", .hycnn(inputDimension: 2, widths: [2], gate: .smoothMaxGate(temperature: 0.5))),
    ]

    /// A model with seeded parameters in [−1, 1] (|·| for the constrained V's) and fixed scalers.
    static func model(_ architecture: Architecture, seed: UInt64) throws -> RegressionModel {
        var generator = SeededGenerator(seed: seed)
        var theta = (0..<architecture.parameterCount).map { _ in 2 * generator.nextUniform() - 1 }
        for shape in architecture.layers where shape.constrained {
            for k in shape.vOffset..<(shape.vOffset + shape.rows * shape.fanIn) { theta[k] = abs(theta[k]) }
        }
        let d = architecture.inputDimension
        let network = try ConvexNetwork(architecture: architecture, parameters: theta)
        return try RegressionModel(network: network,
                                   inputScaler: try Standardizer(mean: (0..<d).map { 0.5 * Double($0) }, scale: (0..<d).map { 1 + Double($0) }),
                                   targetScaler: try Standardizer(mean: [3], scale: [2]),
                                   inputNames: d == 2 ? ["x1", "x2"] : ["t"], targetName: "y")
    }

    // MARK: problems

    static func problemFiles() -> [File] {
        let files: [(String, String)] = [
            ("lp2d.json", """
            {"variables": [{"name": "x1", "lower": 0, "upper": 4}, {"name": "x2", "lower": -1, "upper": 3}],
             "surrogates": [{"name": "f", "model": "hycnn.model.json", "inputs": ["x1", "x2"], "data": "convex.csv"}],
             "objective": {"sense": "minimize", "surrogates": ["f"], "linear": {"x2": 0.5}},
             "constraints": [{"name": "sum", "linear": {"x1": 1, "x2": 1}, "lower": 1},
                             {"name": "cap", "surrogate": "f", "upper": 100}]}
            """),
            ("lp1d.json", """
            {"variables": [{"name": "t", "lower": -2, "upper": 5}],
             "surrogates": [{"name": "g", "model": "maxaffine.model.json", "inputs": ["t"]},
                            {"name": "h", "model": "groupmax.model.json", "inputs": [{"linear": {"t": 0.5}, "constant": 1}]}],
             "objective": {"sense": "minimize", "surrogates": ["g", {"name": "h", "weight": 2}], "constant": 1.5},
             "constraints": [{"name": "hcap", "surrogate": "h", "upper": 50}]}
            """),
            ("icnn.json", """
            {"variables": [{"name": "a", "lower": -1, "upper": 2}, {"name": "b", "lower": -1, "upper": 1}],
             "surrogates": [{"name": "q", "model": "icnn.model.json", "inputs": ["a", "b"]},
                            {"name": "r", "model": "leaky.model.json", "inputs": ["b", "a"]}],
             "objective": {"sense": "minimize", "surrogates": ["q", "r"], "linear": {"a": -0.25}},
             "constraints": [{"name": "tie", "linear": {"a": 1, "b": -1}, "equals": 0.5}],
             "reference": {"objective": 1.0, "variables": {"a": 0.5, "b": 0}}}
            """),
            ("mlp.json", """
            {"variables": [{"name": "x1", "lower": -1, "upper": 1}, {"name": "x2", "lower": -1, "upper": 1}],
             "surrogates": [{"name": "m", "model": "mlp.model.json", "inputs": ["x1", "x2"]}],
             "objective": {"sense": "minimize", "surrogates": ["m"]},
             "constraints": [{"name": "slope", "linear": {"x1": 1, "x2": -1}, "upper": 0.5}]}
            """),
            ("maximize.json", """
            {"variables": [{"name": "x1", "lower": -1, "upper": 1}, {"name": "x2", "lower": 0, "upper": 2}],
             "surrogates": [{"name": "f", "model": "hycnn.model.json", "inputs": ["x1", "x2"]}],
             "objective": {"sense": "maximize", "surrogates": ["f"], "linear": {"x1": 1}}}
            """),
            ("infeasible.json", """
            {"variables": [{"name": "x1", "lower": 0, "upper": 1}, {"name": "x2", "lower": 0, "upper": 1}],
             "surrogates": [{"name": "f", "model": "hycnn.model.json", "inputs": ["x1", "x2"]}],
             "objective": {"sense": "minimize", "surrogates": ["f"]},
             "constraints": [{"name": "far", "linear": {"x1": 1, "x2": 1}, "lower": 10}]}
            """),
        ]
        return files.map { File(name: $0.0, data: Data($0.1.utf8)) }
    }
}
