import ConvexNetworks
import DataFiles
import GLPKBackend
import LinearProgramming
import Testing
@testable import SurrogateOptimization

/// The MILP route: exact for every piecewise-linear network, checked against grid
/// searches, plain-loop forward passes, the LP epigraph route and closed-form optima.
struct MixedIntegerEncodingTests {
    typealias Models = MILPTestModels

    /// At the solver's point, the encoded output equals the forward pass and every unit column
    /// equals the unit's true activation.
    private func expectExact(_ model: RegressionModel, _ encoded: EncodedSurrogate, _ lp: LinearProgram,
                             _ solution: Solution, inputs: Int) {
        let x = Array(solution.x[0..<inputs])
        let (units, output) = Models.activations(model, at: x)
        let predicted = (try? model.predict(x))?.first ?? .nan
        #expect(Models.close(predicted, output, relative: 1e-9), "reference forward \(output) vs predict \(predicted)")
        #expect(Models.close(encoded.output.value(at: solution.x), predicted), "encoded \(encoded.output.value(at: solution.x)) vs f(x*) \(predicted)")
        for (l, layer) in units.enumerated() {
            for (i, z) in layer.enumerated() {
                guard let column = lp.variableIndex(named: "f.y\(l + 1)_\(i + 1)") else {
                    Issue.record("no column f.y\(l + 1)_\(i + 1)")
                    continue
                }
                #expect(Models.close(solution.x[column], z), "unit \(l + 1)_\(i + 1): column \(solution.x[column]) vs activation \(z)")
            }
        }
    }

    // MARK: (1) random MLPs against grid searches

    @Test("1-D MLPs: MILP min and max agree with a 20,001-point grid", arguments: [UInt64(1), 2, 3])
    func mlpOneInput(seed: UInt64) throws {
        let model = try Models.model(.mlp(inputDimension: 1, widths: [8, 8]), seed: seed)
        let box = -3.0...2.5, n = 20_001
        var lp = Models.box([box])
        let encoded = try MixedIntegerEncoding.encode(model, name: "f", inputs: [.variable(0)], into: &lp)
        #expect(encoded.route == .milp)
        let step = (box.upperBound - box.lowerBound) / Double(n - 1)
        let grid = try model.predict((0..<n).map { box.lowerBound + Double($0) * step })
        let slack = Models.lipschitzBound(ofMLP: model) * step / 2                      // |f(x) − f(nearest)| ≤ L·h/2
        try checkAgainstGrid(model, encoded, lp, grid: grid, slack: slack, inputs: 1)
    }

    @Test("2-D MLPs: MILP min and max agree with a 401×401 grid", arguments: [UInt64(4), 5])
    func mlpTwoInputs(seed: UInt64) throws {
        let model = try Models.model(.mlp(inputDimension: 2, widths: [8, 6]), seed: seed)
        let box = [-2.0...2.0, -1.0...1.5], n = 401
        var lp = Models.box(box)
        let encoded = try MixedIntegerEncoding.encode(model, name: "f", inputs: [.variable(0), .variable(1)], into: &lp)
        let steps = box.map { ($0.upperBound - $0.lowerBound) / Double(n - 1) }
        var points: [Double] = []
        points.reserveCapacity(2 * n * n)
        for a in 0..<n { for b in 0..<n { points += [box[0].lowerBound + Double(a) * steps[0], box[1].lowerBound + Double(b) * steps[1]] } }
        let grid = try model.predict(points)
        let halfDiagonal = (steps[0] * steps[0] + steps[1] * steps[1]).squareRoot() / 2
        try checkAgainstGrid(model, encoded, lp, grid: grid, slack: Models.lipschitzBound(ofMLP: model) * halfDiagonal, inputs: 2)
    }

    /// min over the MILP ≤ grid min (the grid is feasible) and ≥ grid min − slack; max mirrored.
    private func checkAgainstGrid(_ model: RegressionModel, _ encoded: EncodedSurrogate, _ lp: LinearProgram,
                                  grid: [Double], slack: Double, inputs: Int) throws {
        #expect(encoded.binaryCount > 0, "a random MLP over a wide box should have unstable units")
        let gridMin = grid.min()!, gridMax = grid.max()!
        let tiny = 1e-6 * (1 + max(abs(gridMin), abs(gridMax)))
        let low = try Models.optimize(encoded.output, .minimize, over: lp)
        try #require(low.status == .optimal)
        #expect(low.objective <= gridMin + tiny, "MILP min \(low.objective) above grid min \(gridMin)")
        #expect(low.objective >= gridMin - slack - tiny, "MILP min \(low.objective) below grid min \(gridMin) − \(slack)")
        expectExact(model, encoded, lp, low, inputs: inputs)
        let high = try Models.optimize(encoded.output, .maximize, over: lp)
        try #require(high.status == .optimal)
        #expect(high.objective >= gridMax - tiny, "MILP max \(high.objective) below grid max \(gridMax)")
        #expect(high.objective <= gridMax + slack + tiny, "MILP max \(high.objective) above grid max \(gridMax) + \(slack)")
        expectExact(model, encoded, lp, high, inputs: inputs)
    }

    // MARK: every piecewise-linear family, exact at a pinned point

    static let families: [(label: String, architecture: Architecture)] = [
        ("mlp", .mlp(inputDimension: 2, widths: [6, 5])),
        ("icnn relu, V of both signs", .icnn(inputDimension: 2, widths: [5, 5])),
        ("icnn leaky 0.2", .icnn(inputDimension: 2, widths: [5, 4], activation: .leakyRelu(slope: 0.2))),
        ("icnn leaky 1.8 (concave)", .icnn(inputDimension: 2, widths: [5, 4], activation: .leakyRelu(slope: 1.8))),
        ("icnn leaky 1 (identity)", .icnn(inputDimension: 2, widths: [4, 3], activation: .leakyRelu(slope: 1))),
        ("icnn leaky −0.5", .icnn(inputDimension: 2, widths: [5, 4], activation: .leakyRelu(slope: -0.5))),
        ("hycnn max gate, V of both signs", .hycnn(inputDimension: 2, widths: [4, 4])),
        ("groupmax", .groupMax(inputDimension: 2, widths: [4, 3])),
        ("max-affine, 5 pieces", .maxAffine(inputDimension: 2, pieces: 5)),
    ]

    @Test("Pinned inputs: min and max of the output are both f(x₀) and every unit is exact",
          arguments: families.indices)
    func exactAtPinnedPoint(family: Int) throws {
        let (label, architecture) = Self.families[family]
        let model = try Models.model(architecture, seed: UInt64(10 + family), perturbation: 0.5)
        var lp = Models.box([-2.0...2.0, -1.5...1.0])
        let x0 = [0.37, -0.61]
        for j in 0..<2 { lp.addConstraint("pin\(j + 1)", [(j, 1)], .equal, x0[j]) }    // the box keeps the bounds wide
        let encoded = try MixedIntegerEncoding.encode(model, name: "f", inputs: [.variable(0), .variable(1)], into: &lp)
        let expected = try model.predict(x0)[0]
        for sense in [ObjectiveSense.minimize, .maximize] {
            let solution = try Models.optimize(encoded.output, sense, over: lp)
            try #require(solution.status == .optimal, "\(label) \(sense)")
            #expect(Models.close(solution.objective, expected), "\(label) \(sense): \(solution.objective) vs f(x₀) = \(expected)")
            expectExact(model, encoded, lp, solution, inputs: 2)
        }
    }

    // MARK: (2) convex models: MILP route = LP epigraph route

    @Test("Convex HyCNN and ICNN: the MILP and LP epigraph minima agree",
          arguments: [Architecture.hycnn(inputDimension: 2, widths: [4, 4]), .icnn(inputDimension: 2, widths: [6, 6])])
    func convexRoutesAgree(architecture: Architecture) throws {
        let model = try Models.model(architecture, seed: 21, convex: true)
        var base = Models.box([-2.0...2.0, -1.0...1.5])
        base.addConstraint("cut", [(0, 1), (1, 1)], .greaterOrEqual, 0.5)                 // x1 + x2 ≥ 0.5
        var milp = base, lp = base
        let inputs: [LinearExpression] = [.variable(0), .variable(1)]
        let exact = try MixedIntegerEncoding.encode(model, name: "f", inputs: inputs, into: &milp)
        let epigraph = try EpigraphEncoding.encode(model, name: "f", inputs: inputs, into: &lp)
        let viaMILP = try Models.optimize(exact.output, .minimize, over: milp)
        let viaLP = try Models.optimize(epigraph.output, .minimize, over: lp, method: .primalSimplex)
        try #require(viaMILP.status == .optimal && viaLP.status == .optimal)
        #expect(Models.close(viaMILP.objective, viaLP.objective), "MILP \(viaMILP.objective) vs LP \(viaLP.objective)")
        expectExact(model, exact, milp, viaMILP, inputs: 2)
    }

    // MARK: (3) max-affine

    @Test("Max-affine with 7 pieces: min matches the LP route, max the best box corner")
    func maxAffine() throws {
        let model = try Models.model(.maxAffine(inputDimension: 2, pieces: 7), seed: 31, convex: true)
        let box = [-1.5...2.0, -1.0...1.0]
        var milp = Models.box(box), lp = Models.box(box)
        let inputs: [LinearExpression] = [.variable(0), .variable(1)]
        let exact = try MixedIntegerEncoding.encode(model, name: "f", inputs: inputs, into: &milp)
        let epigraph = try EpigraphEncoding.encode(model, name: "f", inputs: inputs, into: &lp)
        #expect(exact.binaryCount >= 2 && exact.binaryCount <= 7)
        let low = try Models.optimize(exact.output, .minimize, over: milp)
        let lpLow = try Models.optimize(epigraph.output, .minimize, over: lp, method: .primalSimplex)
        try #require(low.status == .optimal && lpLow.status == .optimal)
        #expect(Models.close(low.objective, lpLow.objective), "MILP \(low.objective) vs LP \(lpLow.objective)")
        let corners = [box[0].lowerBound, box[0].upperBound].flatMap { a in [box[1].lowerBound, box[1].upperBound].flatMap { [a, $0] } }
        let cornerMax = try model.predict(corners).max()!                                  // a convex f peaks at a vertex
        let high = try Models.optimize(exact.output, .maximize, over: milp)
        try #require(high.status == .optimal)
        #expect(Models.close(high.objective, cornerMax), "MILP max \(high.objective) vs corner max \(cornerMax)")
        expectExact(model, exact, milp, high, inputs: 2)
    }

    @Test("Max gate: lanes that can never win are dropped; one survivor needs no binary")
    func dominatedLanes() throws {
        var model = try Models.model(.maxAffine(inputDimension: 2, pieces: 4), seed: 32, convex: true)
        let shape = model.network.architecture.layers[0]
        model.network.parameters[shape.bOffset] = 50                                        // lane 1 beats every other lane
        var lp = Models.box([-1.0...1.0, -1.0...1.0])
        let encoded = try MixedIntegerEncoding.encode(model, name: "f", inputs: [.variable(0), .variable(1)], into: &lp)
        #expect(encoded.binaryCount == 0)
        for sense in [ObjectiveSense.minimize, .maximize] {
            let solution = try Models.optimize(encoded.output, sense, over: lp)
            try #require(solution.status == .optimal)
            expectExact(model, encoded, lp, solution, inputs: 2)
        }
    }

    // MARK: (4) optimisation-based bound tightening

    @Test("OBBT: bounds at least as tight everywhere, fewer binaries, the same optima",
          arguments: [Architecture.mlp(inputDimension: 2, widths: [8, 8, 6]), .hycnn(inputDimension: 2, widths: [4, 4])])
    func boundTightening(architecture: Architecture) throws {
        let model = try Models.model(architecture, seed: 41, perturbation: 0.5)
        var base = Models.box([-2.0...2.0, -1.5...1.5])
        base.addConstraint("cut", [(0, 1), (1, 1)], .greaterOrEqual, 1.5)                  // x1 + x2 ≥ 1.5
        var plain = base, tight = base
        let inputs: [LinearExpression] = [.variable(0), .variable(1)]
        let (loose, looseBounds) = try MixedIntegerEncoding.encodeWithBounds(model, name: "f", inputs: inputs, into: &plain)
        let (tightened, tightBounds) = try MixedIntegerEncoding.encodeWithBounds(
            model, name: "f", inputs: inputs, into: &tight, tightening: GLPKSolver(method: .primalSimplex))
        var narrower = 0
        for (l, layer) in looseBounds.preActivations.enumerated() {
            for (r, wide) in layer.enumerated() {
                let narrow = tightBounds.preActivations[l][r]
                #expect(narrow.lowerBound >= wide.lowerBound && narrow.upperBound <= wide.upperBound, "pre \(l + 1)_\(r + 1): \(narrow) ⊄ \(wide)")
                if narrow.upperBound - narrow.lowerBound < 0.99 * (wide.upperBound - wide.lowerBound) { narrower += 1 }
            }
        }
        for (l, layer) in looseBounds.units.enumerated() {
            for (i, wide) in layer.enumerated() {
                let narrow = tightBounds.units[l][i]
                #expect(narrow.lowerBound >= wide.lowerBound && narrow.upperBound <= wide.upperBound, "unit \(l + 1)_\(i + 1): \(narrow) ⊄ \(wide)")
                let column = tight.variables[tight.variableIndex(named: "f.y\(l + 1)_\(i + 1)")!]
                #expect(column.lower == narrow.lowerBound && column.upper == narrow.upperBound)
            }
        }
        #expect(narrower > 0, "the cut and the LP relaxation should tighten some bound")
        #expect(tightened.binaryCount < loose.binaryCount, "OBBT \(tightened.binaryCount) vs interval \(loose.binaryCount) binaries")
        for sense in [ObjectiveSense.minimize, .maximize] {
            let a = try Models.optimize(loose.output, sense, over: plain)
            let b = try Models.optimize(tightened.output, sense, over: tight)
            try #require(a.status == .optimal && b.status == .optimal)
            #expect(Models.close(a.objective, b.objective), "\(sense): interval \(a.objective) vs OBBT \(b.objective)")
            expectExact(model, tightened, tight, b, inputs: 2)
        }
    }

    @Test("OBBT on an infeasible program keeps the interval bounds")
    func tighteningInfeasibleProgram() throws {
        let model = try Models.model(.mlp(inputDimension: 2, widths: [5, 4]), seed: 42)
        var base = Models.box([-1.0...1.0, -1.0...1.0])
        base.addConstraint("impossible", [(0, 1), (1, 1)], .greaterOrEqual, 3)            // x1 + x2 ≥ 3 on [−1, 1]²
        var plain = base, tight = base
        let inputs: [LinearExpression] = [.variable(0), .variable(1)]
        let (loose, looseBounds) = try MixedIntegerEncoding.encodeWithBounds(model, name: "f", inputs: inputs, into: &plain)
        let (tightened, tightBounds) = try MixedIntegerEncoding.encodeWithBounds(
            model, name: "f", inputs: inputs, into: &tight, tightening: GLPKSolver(method: .primalSimplex))
        #expect(tightBounds.preActivations == looseBounds.preActivations)
        #expect(tightened.binaryCount == loose.binaryCount)
        #expect(try Models.optimize(tightened.output, .minimize, over: tight).status == .primalInfeasible)
    }

    // MARK: (5) bad input

    @Test("Unbounded inputs, non-finite bounds and wrong input counts are refused (smooth gates: by compile)")
    func refusals() throws {
        let model = try Models.model(.mlp(inputDimension: 2, widths: [3]), seed: 51)
        var lp = Models.box([-1.0...1.0, 0.0...1.0])
        lp.variables[1].upper = .infinity
        #expect(throws: SurrogateOptimizationError.unboundedInput(surrogate: "f", input: 1)) {
            try MixedIntegerEncoding.encode(model, name: "f", inputs: [.variable(0), .variable(1)], into: &lp)
        }
        let free = lp.addVariable("free", lower: -.infinity)
        var mixed = LinearExpression.variable(0)
        mixed.add(.variable(free), scale: 0.5)
        #expect(throws: SurrogateOptimizationError.unboundedInput(surrogate: "f", input: 0)) {
            try MixedIntegerEncoding.encode(model, name: "f", inputs: [mixed, LinearExpression(constant: 1)], into: &lp)
        }
        #expect(throws: SurrogateOptimizationError.inputCountMismatch(surrogate: "f", expected: 2, actual: 1)) {
            try MixedIntegerEncoding.encode(model, name: "f", inputs: [.variable(0)], into: &lp)
        }
        var broken = model
        broken.network.parameters[broken.network.architecture.layers[0].bOffset] = .infinity
        #expect {
            try MixedIntegerEncoding.encode(broken, name: "h", inputs: [.variable(0), .variable(0)], into: &lp)
        } throws: { error in
            guard case .notEncodable(surrogate: "h", _)? = error as? SurrogateOptimizationError else { return false }
            return true
        }
        #expect(lp.variableCount == 3, "a refused encoding adds nothing")
    }

    // MARK: bookkeeping and bounds

    @Test("Columns: one y per unit with its interval bounds, binaries marked, names prefixed")
    func columnsAndNames() throws {
        let model = try Models.model(.mlp(inputDimension: 2, widths: [5, 4]), seed: 61)
        var lp = Models.box([-2.0...2.0, -2.0...2.0])
        let (encoded, bounds) = try MixedIntegerEncoding.encodeWithBounds(model, name: "cost", inputs: [.variable(0), .variable(1)], into: &lp)
        #expect(encoded.auxiliaryColumns == 2..<lp.variableCount)
        let added = lp.variables[encoded.auxiliaryColumns]
        #expect(added.filter { $0.kind == .binary }.count == encoded.binaryCount)
        #expect(added.filter { $0.kind == .continuous }.count == 9)
        #expect(added.allSatisfy { $0.name.hasPrefix("cost.") })
        #expect(lp.constraints.allSatisfy { $0.name.hasPrefix("cost.") })
        let stable = bounds.preActivations.dropLast().joined().filter { $0.lowerBound >= 0 || $0.upperBound <= 0 }.count
        #expect(encoded.binaryCount == 9 - stable)
        let y = lp.variables[lp.variableIndex(named: "cost.y2_3")!]
        #expect(y.lower == bounds.units[1][2].lowerBound && y.upper == bounds.units[1][2].upperBound)
        #expect(throws: Never.self) { try lp.validate() }
        #expect(throws: Never.self) { try lp.validateNames() }
    }

    @Test("Interval bounds contain every activation at 2,000 random points of the box",
          arguments: families.indices)
    func intervalBoundsAreSound(family: Int) throws {
        let model = try Models.model(Self.families[family].architecture, seed: UInt64(70 + family), perturbation: 0.5)
        let box = [-2.0...2.0, -1.5...1.0]
        let bounds = IntervalBounds(model: model, inputRanges: box)
        var random = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let x = box.map { $0.lowerBound + random.nextUniform() * ($0.upperBound - $0.lowerBound) }
            let (units, output) = Models.activations(model, at: x)
            for (l, layer) in units.enumerated() {
                for (i, z) in layer.enumerated() where !bounds.units[l][i].contains(z) {
                    Issue.record("\(Self.families[family].label): unit \(l + 1)_\(i + 1) = \(z) outside \(bounds.units[l][i])")
                }
            }
            #expect(bounds.output.lowerBound - 1e-9 <= output && output <= bounds.output.upperBound + 1e-9)
        }
    }
}
