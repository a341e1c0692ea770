/// How a semi-discrete map splits a set of equally weighted samples among the sites: the mass
/// of each cell {x : site j wins}, the samples on a tie, and the split that makes the cells
/// match the site weights when there are ties.
public struct SemiDiscreteCells: Sendable, Equatable {
    /// Mass per site of the samples whose winner is unique (1/n each).
    public let strictMasses: [Double]
    /// Mass per site of the tied samples that site j is among the winners of (an upper bound on
    /// what a split can add to site j).
    public let tiedMasses: [Double]
    /// Mass per site with every tied sample split as the plan splits it, or, without a plan,
    /// given to its lowest-index winner: the cell masses the map achieves.
    public let masses: [Double]
    /// Samples (0-based) whose best and second-best scores are within the tie tolerance.
    public let tiedSamples: [Int]
    /// maxⱼ |massesⱼ − bⱼ|.
    public let massError: Double
    /// Plan mass sent from a sample to a site that is not among its winners (0 when the plan is
    /// the map's; nil without a plan).
    public let planMassOffMap: Double?

    /// The cells of `potential` over `samples` (count × dimension, row-major, weight 1/count
    /// each). `plan` lists (sample, site, mass) entries; tied samples are split as it splits them.
    public init(potential: SemiDiscretePotential, samples: [Double], plan: [(sample: Int, site: Int, mass: Double)]? = nil,
                tieTolerance: Double = 1e-7) throws {
        let n = try SemiDiscreteTransport.pointCount(samples, dimension: potential.dimension, what: "samples")
        let m = potential.siteCount
        var s = [Double](repeating: 0, count: n * m)
        potential.scores(samples, count: n, into: &s)
        let unit = 1 / Double(max(n, 1))
        var strict = [Double](repeating: 0, count: m), tied = [Double](repeating: 0, count: m)
        var masses = [Double](repeating: 0, count: m)
        var tiedSamples: [Int] = []
        var winners = [[Int]](repeating: [], count: n)
        for i in 0..<n {
            let best = SemiDiscretePotential.argmax(s, row: i, columns: m)
            let top = s[i * m + best], slack = tieTolerance * (1 + abs(top))     // tied: top − sᵢⱼ ≤ τ (1 + |top|)
            winners[i] = (0..<m).filter { top - s[i * m + $0] <= slack }
            if winners[i].count == 1 {
                strict[best] += unit
                masses[best] += unit
            } else {
                tiedSamples.append(i)
                for j in winners[i] { tied[j] += unit }
                if plan == nil { masses[best] += unit }
            }
        }
        var offMap: Double? = nil
        if let plan {
            var off = 0.0
            let isTied = Set(tiedSamples)
            for entry in plan where entry.sample >= 0 && entry.sample < n && entry.site >= 0 && entry.site < m {
                if !winners[entry.sample].contains(entry.site) { off += entry.mass }
                if isTied.contains(entry.sample) { masses[entry.site] += entry.mass }
            }
            offMap = off
        }
        strictMasses = strict
        tiedMasses = tied
        self.masses = masses
        self.tiedSamples = tiedSamples
        massError = zip(masses, potential.siteWeights).reduce(0) { max($0, abs($1.0 - $1.1)) }
        planMassOffMap = offMap
    }
}
