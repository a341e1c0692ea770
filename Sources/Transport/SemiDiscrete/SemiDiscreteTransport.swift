import Foundation
import LinearProgramming

/// Semi-discrete optimal transport: a source known by samples x₁ … x_n (weight
/// 1/n each, or a stream), sites y₁ … y_m with weights b (Σ b = 1), and the map
/// x ↦ argmaxⱼ ⟨x, yⱼ⟩ − ψⱼ, the gradient of the max-affine potential φ(x) = maxⱼ ⟨x, yⱼ⟩ − ψⱼ.
///
/// Over the samples this is the discrete OT with cost cᵢⱼ = −⟨xᵢ, yⱼ⟩:
///
///     min Σᵢⱼ cᵢⱼ Pᵢⱼ  s.t.  Σⱼ Pᵢⱼ = 1/n,  Σᵢ Pᵢⱼ = bⱼ,  P ≥ 0,
///
/// whose dual is max Σᵢ uᵢ/n + Σⱼ bⱼ vⱼ s.t. uᵢ + vⱼ ≤ cᵢⱼ. With ψ = −v the best uᵢ is
/// minⱼ (ψⱼ − ⟨xᵢ, yⱼ⟩) = −φ(xᵢ), so the dual is the concave semi-dual
///
///     H(ψ) = −Σⱼ bⱼ ψⱼ + (1/n) Σᵢ minⱼ (ψⱼ − ⟨xᵢ, yⱼ⟩) = −Σⱼ bⱼ ψⱼ − (1/n) Σᵢ φ(xᵢ),
///
/// solved exactly as the LP (epigraph of the minimum, one row per pair)
///
///     maximise −Σⱼ bⱼ ψⱼ + (1/n) Σᵢ uᵢ   s.t.  uᵢ − ψⱼ ≤ −⟨xᵢ, yⱼ⟩  for all i, j,   ψ₁ = 0
///
/// (ψ₁ = 0 fixes the free constant: adding c to ψ and u leaves the objective, as Σ b = 1).
/// The row duals are the optimal plan P (≥ 0 for ≤ rows of a maximisation). For a stream,
/// ``solveStochastic(sites:weights:dimension:settings:source:)`` ascends H by averaged SGD.
public enum SemiDiscreteTransport {
    /// Solves the semi-dual LP over `samples` (n × `dimension`, row-major) with `solver`, then
    /// (by default) centres ψ in the optimal face with a second LP and checks the map's cells.
    /// Throws ``TransportError`` for bad input and ``TransportError/solverFailed(solver:reason:)``
    /// when the solver returns no optimum (the LP always has one).
    public static func solveExact(samples: [Double], dimension d: Int, sites: [Double], weights b: [Double],
                                  using solver: any LPSolver, settings: SemiDiscreteSettings = SemiDiscreteSettings()) throws
        -> SemiDiscreteSolution {
        let start = DispatchTime.now()
        try settings.validate()
        try validateSites(sites, dimension: d, weights: b)
        let n = try pointCount(samples, dimension: d, what: "samples")
        guard n > 0 else { throw TransportError.emptyCloud(side: "sample") }
        let m = b.count
        var potential = SemiDiscretePotential(unchecked: sites, dimension: d, siteWeights: b,
                                              potentials: [Double](repeating: 0, count: m))
        var dots = [Double](repeating: 0, count: n * m)
        potential.scores(samples, count: n, into: &dots)                       // Dᵢⱼ = ⟨xᵢ, yⱼ⟩

        let lp = semiDualProgram(dots: dots, weights: b, samples: n)
        let solution = try solver.solve(lp)
        guard solution.status.hasOptimalPoint, solution.x.count == lp.variableCount else {
            throw TransportError.solverFailed(solver: solver.name, reason: "the semi-dual LP ended with status '\(solution.status.summary)'")
        }
        guard solution.rowDuals.count == n * m else {
            throw TransportError.solverFailed(solver: solver.name, reason: "it returned no row duals, which hold the transport plan")
        }
        let lpReport = verify(solution, for: lp)
        let threshold = settings.supportTolerance / Double(n)
        var plan: [(sample: Int, site: Int, mass: Double)] = []
        for i in 0..<n {
            for j in 0..<m where solution.rowDuals[i * m + j] > threshold { plan.append((i, j, solution.rowDuals[i * m + j])) }   // Pᵢⱼ = yᵢⱼ
        }
        potential.potentials = Array(solution.x[0..<m])

        var centered = false, margin: Double? = nil
        if settings.centerPotentials, m > 1 {
            let centring = centringProgram(dots: dots, plan: plan, samples: n, sites: m)
            if let result = try? solver.solve(centring), result.status.hasOptimalPoint,
               result.x.count == centring.variableCount {
                potential.potentials = Array(result.x[0..<m])
                margin = result.x[m]
                centered = true
            }
        }
        potential = potential.normalized()
        var scores = [Double](repeating: 0, count: n * m)
        potential.scores(samples, count: n, into: &scores)
        var mean = 0.0
        for i in 0..<n { mean += scores[(i * m)..<((i + 1) * m)].max()! / Double(n) }   // (1/n) Σᵢ φ(xᵢ)
        let correlation = mean + zip(b, potential.potentials).reduce(0) { $0 + $1.0 * $1.1 }   // + Σ bⱼ ψⱼ
        let cells = try SemiDiscreteCells(potential: potential, samples: samples, plan: plan, tieTolerance: settings.tieTolerance)
        return SemiDiscreteSolution(potential: potential, correlation: correlation, lpObjective: solution.objective,
                                    objectiveGap: abs(solution.objective + correlation) / (1 + abs(correlation)),
                                    plan: plan, cells: cells, centered: centered, margin: margin, lpReport: lpReport,
                                    solver: solver.name,
                                    seconds: Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }

    /// Columns ψ₁ … ψ_m (ψ₁ fixed at 0), u₁ … u_n; row (i, j) at i·m + j: uᵢ − ψⱼ ≤ −Dᵢⱼ.
    static func semiDualProgram(dots: [Double], weights b: [Double], samples n: Int) -> LinearProgram {
        let m = b.count
        var lp = LinearProgram(name: "semi-discrete-semi-dual", sense: .maximize)
        for j in 0..<m { lp.addVariable("psi\(j + 1)", lower: j == 0 ? 0 : -.infinity, upper: j == 0 ? 0 : .infinity, cost: -b[j]) }
        for i in 0..<n { lp.addVariable("u\(i + 1)", lower: -.infinity, cost: 1 / Double(n)) }   // max −Σ bψ + (1/n) Σ u
        lp.constraints.reserveCapacity(n * m)
        for i in 0..<n {
            for j in 0..<m { lp.addConstraint("c\(i + 1)_\(j + 1)", [(m + i, 1), (j, -1)], .lessOrEqual, -dots[i * m + j]) }
        }
        return lp
    }

    /// Columns ψ₁ … ψ_m (ψ₁ fixed at 0) and the margin t; maximise t subject to, for each sample
    /// i with main site kᵢ (its largest plan entry): ψⱼ − ψₖ = Dᵢⱼ − Dᵢₖ for the other sites the
    /// plan splits i to (equal scores), and ψⱼ − ψₖ − t ≥ Dᵢⱼ − Dᵢₖ for every site off the plan
    /// (score of kᵢ ≥ score of j + t). Any feasible ψ with t ≥ 0 keeps the plan on the map's
    /// winners, so it is as optimal as the semi-dual LP's; t is boxed by the score range.
    static func centringProgram(dots: [Double], plan: [(sample: Int, site: Int, mass: Double)], samples n: Int, sites m: Int)
        -> LinearProgram {
        var support = [[(site: Int, mass: Double)]](repeating: [], count: n)
        for entry in plan { support[entry.sample].append((entry.site, entry.mass)) }
        let range = (dots.max() ?? 0) - (dots.min() ?? 0)
        var lp = LinearProgram(name: "semi-discrete-centring", sense: .maximize)
        for j in 0..<m { lp.addVariable("psi\(j + 1)", lower: j == 0 ? 0 : -.infinity, upper: j == 0 ? 0 : .infinity) }
        let t = lp.addVariable("margin", lower: -(2 * range + 1), upper: 2 * range + 1, cost: 1)
        for i in 0..<n {
            let main = support[i].max { $0.mass < $1.mass }?.site ?? SemiDiscretePotential.argmax(dots, row: i, columns: m)
            let split = Set(support[i].map(\.site))
            for j in 0..<m where j != main {
                let rhs = dots[i * m + j] - dots[i * m + main]                       // Dᵢⱼ − Dᵢₖ
                if split.contains(j) {
                    lp.addConstraint("tie\(i + 1)_\(j + 1)", [(j, 1), (main, -1)], .equal, rhs)
                } else {
                    lp.addConstraint("gap\(i + 1)_\(j + 1)", [(j, 1), (main, -1), (t, -1)], .greaterOrEqual, rhs)
                }
            }
        }
        return lp
    }

    /// Checks sites (m × d, finite) and weights (finite, ≥ 0, Σ = 1 within 1e-9).
    static func validateSites(_ sites: [Double], dimension d: Int, weights b: [Double]) throws {
        guard d > 0 else { throw TransportError.shapeMismatch(what: "dimension", expected: "a positive number", actual: "\(d)") }
        guard !b.isEmpty else { throw TransportError.emptyCloud(side: "site") }
        guard sites.count == b.count * d else {
            throw TransportError.shapeMismatch(what: "sites", expected: "\(b.count) × \(d) = \(b.count * d) coordinates (one row per weight)",
                                               actual: "\(sites.count)")
        }
        if let k = sites.firstIndex(where: { !$0.isFinite }) {
            throw TransportError.badCoordinate(side: "site", point: k / d, coordinate: k % d, value: sites[k])
        }
        let total = try Sinkhorn.total(b, side: "site")
        guard abs(total - 1) <= 1e-9 else { throw TransportError.unbalancedMass(source: 1, target: total) }
    }

    /// The number of points in `points` (a multiple of `dimension`, every coordinate finite).
    static func pointCount(_ points: [Double], dimension d: Int, what: String) throws -> Int {
        guard d > 0, points.count % d == 0 else {
            throw TransportError.shapeMismatch(what: what, expected: "a multiple of the dimension \(d)", actual: "\(points.count) coordinates")
        }
        if let k = points.firstIndex(where: { !$0.isFinite }) {
            throw TransportError.badCoordinate(side: what, point: k / d, coordinate: k % d, value: points[k])
        }
        return points.count / d
    }
}
