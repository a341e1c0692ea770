import ConvexNetworks
import DataFiles
import Foundation
import GLPKBackend
import LinearProgramming
import SurrogateOptimization
import Testing
import Transport
import TransportMaps

/// The Swift snippets of README.md compile and run: each is copied below between the markers
/// `README snippet k ↓` and `↑`, after a preamble that makes the files and values it names, and
/// `everySnippetIsTheReadmes` checks that each copy is the README's snippet (imports aside,
/// which must be among this file's), so neither can change without the other.
@Suite(.serialized) struct ReadmeSnippetTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The README's ```swift blocks, each as its lines.
    static func readmeSnippets() throws -> [[String]] {
        let lines = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [[String]] = [], current: [String]?
        for line in lines {
            if line == "```swift" { current = [] } else if line == "```", let block = current { blocks.append(block); current = nil }
            else if current != nil { current!.append(line) }
        }
        return blocks
    }

    /// The copies in this file, without their common indentation, in order.
    static func copies() throws -> [[String]] {
        let lines = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [[String]] = [], current: [String]?
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("// README snippet"), trimmed.hasSuffix("↓") { current = [] }
            else if trimmed.hasPrefix("// README snippet"), trimmed.hasSuffix("↑"), let block = current { blocks.append(block); current = nil }
            else if current != nil { current!.append(line) }
        }
        return blocks.map { block in                                   // without the indentation the lines share
            let indent = block.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
            return block.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }
        }
    }

    @Test func everySnippetIsTheReadmes() throws {
        let readme = try Self.readmeSnippets(), copies = try Self.copies()
        #expect(readme.count == copies.count && readme.count >= 6, "README has \(readme.count) snippets, this file \(copies.count)")
        let imported = Set(try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("import ") }.map { String($0.split(separator: " ")[1]) })
        for (k, (snippet, copy)) in zip(readme, copies).enumerated() {
            let imports = snippet.filter { $0.hasPrefix("import ") }.map { String($0.split(separator: " ")[1]) }
            #expect(Set(imports).isSubset(of: imported), "snippet \(k + 1) imports \(imports)")
            let body = Array(snippet.drop { $0.hasPrefix("import ") || $0.isEmpty })
            #expect(body == copy, "README snippet \(k + 1) differs from its copy:\n\(body.joined(separator: "\n"))\n---\n\(copy.joined(separator: "\n"))")
        }
    }

    /// Runs `body` in a fresh folder (the snippets name files relative to it) and removes it.
    static func inFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hycnn-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer {
            FileManager.default.changeCurrentDirectoryPath(previous)
            try? FileManager.default.removeItem(at: folder)
        }
        try body(folder)
    }

    /// A small max-gate HyCNN fitted to cost = a·p² + b·p on [0, upper], saved as `name`.
    static func saveCostModel(_ name: String, a: Double, b: Double, upper: Double) throws {
        let p = (0...40).map { upper * Double($0) / 40 }
        let data = try Dataset(inputNames: ["p"], targetName: "cost", inputs: p, targets: p.map { a * $0 * $0 + b * $0 })
        var settings = TrainingSettings()
        settings.epochs = 30
        settings.validationFraction = 0
        try Trainer(settings: settings).fit(.hycnn(inputDimension: 1, widths: [8, 8]), to: data).model.save(to: name)
    }

    @Test func linearProgram() throws {
        // README snippet 1 ↓
        var lp = LinearProgram(name: "wyndor", sense: .maximize)
        let x1 = lp.addVariable("x1", cost: 3)                 // bounds default to [0, ∞)
        let x2 = lp.addVariable("x2", cost: 5)
        lp.addConstraint("plant1", [(x1, 1)], .lessOrEqual, 4)
        lp.addConstraint("plant2", [(x2, 2)], .lessOrEqual, 12)
        lp.addConstraint("plant3", [(x1, 3), (x2, 2)], lower: -.infinity, upper: 18)

        let solution = try GLPKSolver(method: .primalSimplex).solve(lp)   // any LPSolver
        let report = verify(solution, for: lp)       // recomputed from the model, not the solver
        print(solution.status, solution.objective, report.verified, report.dualityGap!)
        // README snippet 1 ↑
        #expect(solution.objective == 36 && report.verified)
    }

    @Test func fitAConvexNetwork() throws {
        try Self.inFolder { _ in
            var text = "p,cost\n"
            for k in 0..<120 { let p = Double(k) / 119; text += "\(p),\(p * p)\n" }
            try text.write(toFile: "samples.csv", atomically: true, encoding: .utf8)
            // README snippet 2 ↓
            let data = try Dataset(table: CSVTable(contentsOfFile: "samples.csv"), target: "cost")
            var settings = TrainingSettings()            // Adam, lr 1e-2, batch 1000, 100 epochs
            settings.seed = 7
            let result = try Trainer(settings: settings).fit(.hycnn(inputDimension: data.dimension, widths: [48, 48, 48, 48]),
                                                             to: data) { print($0.epoch, $0.trainingMSE) }
            let model = result.model                      // RegressionModel: network + scalers
            let y = try model.predict(data.inputs)        // d × n column-major in, n out (data units)
            let gradients = model.inputGradients(data.inputs)   // ∇ₓ prediction, d × n
            let certificate = ConvexityCertificate.certify(model)
            try model.save(to: "cost.model.json")
            // README snippet 2 ↑
            #expect(y.count == 120 && gradients.count == 120 && certificate.convex)
            #expect(try RegressionModel(contentsOfFile: "cost.model.json") == model)
        }
    }

    @Test func optimiseOverSurrogates() throws {
        try Self.inFolder { _ in
            try Self.saveCostModel("g1.model.json", a: 0.02, b: 2, upper: 80)
            try Self.saveCostModel("g2.model.json", a: 0.05, b: 1, upper: 50)
            // README snippet 3 ↓
            var problem = SurrogateProblem(name: "dispatch")
            let p1 = problem.addVariable("p1", lower: 0, upper: 80), p2 = problem.addVariable("p2", lower: 0, upper: 50)
            let cost1 = try problem.addSurrogate("cost1", model: try RegressionModel(contentsOfFile: "g1.model.json"), variables: [p1])
            let cost2 = try problem.addSurrogate("cost2", model: try RegressionModel(contentsOfFile: "g2.model.json"), variables: [p2])
            problem.objectiveSurrogates = [(cost1, 1), (cost2, 1)]
            problem.addConstraint("demand", LinearExpression([p1: 1, p2: 1]), lower: 110, upper: 110)
            let compiled = try problem.compile()                       // route .lp: both models convex and minimised
            let result = try compiled.solve(using: GLPKSolver(method: compiled.route == .lp ? .primalSimplex : .branchAndCut))
            print(result.x, result.objective, result.verified)         // LP certificate + exactness of each surrogate
            // README snippet 3 ↑
            #expect(compiled.route == .lp && result.verified && abs(result.x[0] + result.x[1] - 110) < 1e-6)
        }
    }

    @Test func transport() throws {
        try Self.inFolder { _ in
            for name in ["warehouses.csv", "stores.csv"] {
                try FileManager.default.copyItem(atPath: Self.packageRoot.appendingPathComponent("Problems/transport/" + name).path, toPath: name)
            }
            // README snippet 4 ↓
            let source = try PointCloud(table: CSVTable(contentsOfFile: "warehouses.csv"), weightColumn: "stock", name: "source")
            let target = try PointCloud(table: CSVTable(contentsOfFile: "stores.csv"), weightColumn: "demand", name: "target")
            let problem = try TransportProblem(source: source, target: target, cost: .euclidean)   // validated, balanced
            let plan = try NetworkSimplex().solve(problem)            // entries (i, j, mass), cost, potentials u and v
            let certificate = TransportCertificate.check(plan, for: problem)   // recomputed over all n·m pairs
            let capped = try CapacitatedAllocation(capacities: [40, 40, 40, 40, 40], demands: problem.targetWeights,
                                                   cost: problem.cost, forbidden: [(source: 0, target: 3)])
                .solve(using: GLPKSolver(method: .primalSimplex))    // any LPSolver; plan + LP certificate
            // README snippet 4 ↑
            #expect(certificate.verified && abs(plan.cost - 4223.651763191041) < 1e-6 && capped.certificate.verified)
        }
    }

    @Test func exactConjugate() throws {
        try Self.inFolder { _ in
            // f(x) = max(x₁, x₂, −x₁ − x₂) + 0.1·(x₁ + x₂): a max-affine potential with slopes inside a triangle.
            let architecture = Architecture.maxAffine(inputDimension: 2, pieces: 3)
            var theta = [Double](repeating: 0, count: architecture.parameterCount)
            for (k, slope) in [[1.1, 0.1], [0.1, 1.1], [-0.9, -0.9]].enumerated() {
                for j in 0..<2 { theta[architecture.layers[0].wIndex(row: k, column: j)] = slope[j] }
            }
            theta[architecture.layers[1].vOffset] = 1
            try RegressionModel(network: ConvexNetwork(architecture: architecture, parameters: theta), inputScaler: .identity(dimension: 2),
                                targetScaler: .identity(dimension: 1), inputNames: ["a", "b"], targetName: "f").save(to: "potential.model.json")
            let y = [0.2, 0.3], x = [1.0, 0.5], mapped = [1.1, 0.1], ys = [[0.1, 0.1], [5.0, 5.0]]
            // README snippet 5 ↓
            let f = try RegressionModel(contentsOfFile: "potential.model.json")   // convex, piecewise linear (max gate, relu)
            let conjugate = try ExactConjugate(model: f)                          // or ExactConjugate(model: f, box: [-1...1, …])
            let value = try conjugate.evaluate(at: y, using: GLPKSolver())        // any LPSolver; one LP, verified
            // value.isFinite: value.value = f*(y), value.maximizer = ∇f*(y) (the inverse map)
            // value.isOutsideDomain: y lies outside the hull of f's slopes, proved by a verified improving ray
            let gap = try conjugate.fenchelYoungGap(x: x, y: mapped, using: GLPKSolver())   // f(x) + f*(y) − ⟨x, y⟩ ≥ 0
            let values = try conjugate.evaluate(at: ys, using: GLPKSolver())     // many y through one warm-started LP session
            // README snippet 5 ↑
            #expect(value.isFinite && gap.gap >= -gap.tolerance && values.count == 2 && values[1].isOutsideDomain)
        }
    }

    @Test func learnATransportMap() throws {
        let problem = try GaussianProblem(dimension: 2, seed: 3)
        let samples = try problem.samples(sourceCount: 300, targetCount: 300, testCount: 50, seed: 4)
        let (x, y, d) = (samples.source, samples.target, samples.dimension)
        try Self.inFolder { _ in
            // README snippet 6 ↓
            var settings = BrenierMapSettings()              // the HyCNN paper's setup: 48×4 smooth gate τ = 10, 1000 × (5 g + 1 f) steps
            settings.initialization = .identity              // .paper (default), .identity (∇f ≈ x), .gaussian (the linear map of the samples)
            settings.widths = [16, 16]                       // a quick try: a smaller network and fewer steps
            settings.iterations = 100
            let result = try BrenierMapTrainer(settings: settings)
                .train(source: x, target: y, dimension: d, test: try MapTestSet(samples)) { print($0.iteration, $0.dualEstimate) }
            try result.map.save(to: "map.json")              // T̂ = ∇f: result.map.apply(points); ∇g: applyInverse
            // README snippet 6 ↑
            #expect(FileManager.default.fileExists(atPath: "map.json"))
        }
    }
}
