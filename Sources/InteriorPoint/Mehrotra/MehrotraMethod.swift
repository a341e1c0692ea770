import Foundation
import LinearAlgebra

/// Mehrotra's predictor–corrector on a scaled ``StandardForm`` (min cᵀx, A x = b, l ≤ x ≤ u).
///
/// Every finite bound gets a slack: x − w_l = l, x + w_u = u with w > 0 and duals z > 0; the
/// optimality conditions are
///
///     A x = b,   Aᵀy + z_l − z_u = c,   w_l ∘ z_l = μ e,   w_u ∘ z_u = μ e,   μ → 0.
///
/// Eliminating Δw and Δz leaves the normal equations (A Θ Aᵀ + δ I) Δy = r_b + A Θ r̂ with
/// Θ⁻¹ = z_l / w_l + z_u / w_u + ρ (ρ a proximal regularisation, larger for free columns).
/// Residuals and tolerances are measured in the caller's units (the scaling is undone
/// element-wise), so the stopping test means what the user's tolerances say.
struct MehrotraMethod<Solver: NormalEquations> {
    typealias Termination = MehrotraTermination

    struct Measures {
        var primalObjective = Double.nan, dualObjective = Double.nan
        /// Largest relative violation, original units: |bᵢ − aᵢᵀx| / (1 + |bᵢ| + Σⱼ|aᵢⱼ xⱼ|) over the
        /// rows and |l + w_l − x| / (1 + |l|), |u − x − w_u| / (1 + |u|) over the bounds.
        var primalInfeasibility = Double.infinity
        /// ‖c − Aᵀy − z_l + z_u‖∞ / (1 + ‖c‖∞), original units.
        var dualInfeasibility = Double.infinity
        /// |cᵀx − (bᵀy + lᵀz_l − uᵀz_u)| / (1 + |cᵀx|).
        var gap = Double.infinity
        var mu = Double.nan

        var merit: Double { max(primalInfeasibility, dualInfeasibility, gap) }
    }

    let form: StandardForm
    /// The form's A, prepared for the iterations' products.
    private let products: ProductMatrix
    let scaling: RuizScaling
    let settings: InteriorPointSettings
    let deadline: Double?
    var normal: Solver

    var x: [Double], y: [Double], wl: [Double], wu: [Double], zl: [Double], zu: [Double]
    let hasLower: [Bool], hasUpper: [Bool]
    private(set) var iterations = 0
    /// Time spent in factorizations and solves, for the log.
    let clock = IterationClock()
    private(set) var measures = Measures()
    private var theta: [Double]
    private var regularization: Double
    private let boundCount: Int
    // Residuals of the current point: rb = b − A x, rl = l + w_l − x, ru = u − x − w_u, rc = c − Aᵀy − z_l + z_u.
    private var rb: [Double], rl: [Double], ru: [Double], rc: [Double]
    private var rowMagnitude: [Double]
    private let dualScale: Double

    /// Centrality correctors per iteration (``InteriorPointSettings/centralityCorrectors`` where they pay).
    let centralityCorrectors: Int

    init(form: StandardForm, scaling: RuizScaling, settings: InteriorPointSettings, deadline: Double?, normal: Solver,
         centralityCorrectors: Int) {
        self.form = form
        products = ProductMatrix(form.matrix, withMagnitudes: true)
        self.centralityCorrectors = centralityCorrectors
        self.scaling = scaling
        self.settings = settings
        self.deadline = deadline
        self.normal = normal
        regularization = settings.minimumRegularization
        let n = form.columnCount, m = form.rowCount
        hasLower = form.lower.map { $0.isFinite }
        hasUpper = form.upper.map { $0.isFinite }
        boundCount = hasLower.filter { $0 }.count + hasUpper.filter { $0 }.count
        x = [Double](repeating: 0, count: n)
        wl = x; wu = x; zl = x; zu = x; theta = x; rl = x; ru = x; rc = x
        y = [Double](repeating: 0, count: m)
        rb = y
        rowMagnitude = y
        var dScale = 0.0
        for j in 0..<n { dScale = max(dScale, abs(form.c[j] / scaling.columnScale[j])) }
        dualScale = 1 + dScale
    }

    /// Runs to a termination; the iterate stays available in x, y, z_l, z_u (scaled units).
    mutating func run() -> Termination {
        guard startingPoint() else { return .factorizationFailed }
        var bestMerit = Double.infinity, bestMeritIteration = 0, tinySteps = 0
        while true {
            computeResiduals()
            log()
            rememberIfBest()
            if measures.primalInfeasibility <= settings.feasibilityTolerance,
               measures.dualInfeasibility <= settings.feasibilityTolerance,
               measures.gap <= settings.gapTolerance { return .optimal }
            if iterations >= settings.maxIterations { return .iterationLimit }
            if let deadline, now() >= deadline { return .timeLimit }
            if measures.merit < 0.5 * bestMerit {
                bestMerit = measures.merit
                bestMeritIteration = iterations
            } else if iterations - bestMeritIteration >= (bestMerit <= settings.nearlyOptimalMerit ? settings.nearlyOptimalStallIterations
                                                                                                 : settings.stallIterations) {
                restoreBest()
                return .stalled
            }
            if isDiverging() { restoreBest(); return .diverging }

            for j in 0..<form.columnCount {
                var inverse = hasLower[j] || hasUpper[j] ? settings.boundedColumnRegularization
                                                         : settings.freeColumnRegularization  // ρ: proximal, larger for free columns
                if hasLower[j] { inverse += zl[j] / wl[j] }
                if hasUpper[j] { inverse += zu[j] / wu[j] }
                theta[j] = 1 / inverse                                                   // Θ = (z_l/w_l + z_u/w_u + ρ)⁻¹
            }
            // A step that collapses means the factorization lost accuracy: retry with a larger δ.
            var computed: (step: Direction, alphaP: Double, alphaD: Double)?
            for attempt in 0...settings.factorizationRetries {
                guard var delta = clock.factoring({ normal.factor(form, theta: theta, regularization: regularization) }) else {
                    return .factorizationFailed
                }
                var candidate = predictorCorrector()
                while normal.lostAccuracy {                    // the same Θ again: the normal equations take more care
                    guard let again = clock.factoring({ normal.factor(form, theta: theta, regularization: delta) }) else {
                        return .factorizationFailed
                    }
                    delta = again
                    candidate = predictorCorrector()
                }
                let collapsed = !(candidate.alphaP >= settings.collapsedStepLength
                                  || candidate.alphaD >= settings.collapsedStepLength)
                if !collapsed || attempt == settings.factorizationRetries {
                    regularization = max(settings.minimumRegularization, delta / 10)
                    computed = candidate
                    break
                }
                regularization = max(delta * settings.regularizationGrowth, settings.retryRegularization)
            }
            guard let (step, alphaP, alphaD) = computed else { return .factorizationFailed }
            tinySteps = alphaP < settings.tinyStepLength && alphaD < settings.tinyStepLength ? tinySteps + 1 : 0
            if tinySteps >= settings.tinyStepLimit { restoreBest(); return .stalled }
            for j in 0..<form.columnCount {
                x[j] += alphaP * step.x[j]
                if hasLower[j] { wl[j] += alphaP * step.wl[j]; zl[j] += alphaD * step.zl[j] }
                if hasUpper[j] { wu[j] += alphaP * step.wu[j]; zu[j] += alphaD * step.zu[j] }
            }
            for i in 0..<form.rowCount { y[i] += alphaD * step.y[i] }
            lastSteps = (alphaP, alphaD)
            iterations += 1
        }
    }

    private var lastSteps = (primal: 0.0, dual: 0.0)

    /// The iterate of smallest merit so far: a stalled or diverging run ends there, not at its
    /// last iterate (dfl001 passes a merit of 8e-8 and then drifts back to 1.5e-6 with one BLAS
    /// thread).
    private var best: (merit: Double, x: [Double], y: [Double], wl: [Double], wu: [Double], zl: [Double], zu: [Double])?

    private mutating func rememberIfBest() {
        guard measures.merit < (best?.merit ?? .infinity) else { return }
        best = (measures.merit, x, y, wl, wu, zl, zu)
    }

    private mutating func restoreBest() {
        guard let best, best.merit < measures.merit else { return }
        (x, y, wl, wu, zl, zu) = (best.x, best.y, best.wl, best.wu, best.zl, best.zu)
        computeResiduals()
    }

    /// Mehrotra's predictor and corrector with the current factorization, and the step lengths
    /// (`fractionToBoundary` of the way to the boundary, at most 1).
    private func predictorCorrector() -> (step: Direction, alphaP: Double, alphaD: Double) {
        let mu = measures.mu
        // Predictor (affine scaling): q = −w∘z.
        var ql = [Double](repeating: 0, count: form.columnCount), qu = ql
        for j in 0..<form.columnCount {
            if hasLower[j] { ql[j] = -wl[j] * zl[j] }
            if hasUpper[j] { qu[j] = -wu[j] * zu[j] }
        }
        let affine = direction(ql: ql, qu: qu)
        let (alphaPMax, alphaDMax) = maximumSteps(affine)
        let alphaPAffine = min(1, alphaPMax), alphaDAffine = min(1, alphaDMax)
        var muAffine = 0.0                                                            // μ_aff = (w + α_p Δw)ᵀ(z + α_d Δz)/N
        for j in 0..<form.columnCount {
            if hasLower[j] { muAffine += (wl[j] + alphaPAffine * affine.wl[j]) * (zl[j] + alphaDAffine * affine.zl[j]) }
            if hasUpper[j] { muAffine += (wu[j] + alphaPAffine * affine.wu[j]) * (zu[j] + alphaDAffine * affine.zu[j]) }
        }
        muAffine /= Double(max(boundCount, 1))
        let sigma = boundCount == 0 ? 0 : min(1, pow(max(0, muAffine) / mu, 3))      // σ = (μ_aff/μ)³

        // Corrector: q = σμ − w∘z − Δw_aff∘Δz_aff.
        for j in 0..<form.columnCount {
            if hasLower[j] { ql[j] = sigma * mu - wl[j] * zl[j] - affine.wl[j] * affine.zl[j] }
            if hasUpper[j] { qu[j] = sigma * mu - wu[j] * zu[j] - affine.wu[j] * affine.zu[j] }
        }
        var step = direction(ql: ql, qu: qu)
        var (alphaP, alphaD) = maximumSteps(step)
        for _ in 0..<centralityCorrectors {
            guard let corrected = centralityCorrector(step, alphaP: min(1, alphaP), alphaD: min(1, alphaD),
                                                      target: sigma * mu, ql: &ql, qu: &qu) else { break }
            (step, alphaP, alphaD) = corrected
        }
        return (step, min(1, settings.fractionToBoundary * alphaP), min(1, settings.fractionToBoundary * alphaD))
    }

    /// Gondzio's centrality corrector: at the longer trial steps α̃ = min(1, α + 0.1) the products
    /// v = (w + α̃_p Δw)∘(z + α̃_d Δz) are moved into [0.1 σμ, 10 σμ] (the outliers above only
    /// down to −10 σμ); the direction for q + (t − v) replaces the step when its step lengths grow
    /// by at least 0.01 in sum — else nil, and `ql`, `qu` are unchanged.
    private func centralityCorrector(_ step: Direction, alphaP: Double, alphaD: Double, target: Double,
                                     ql: inout [Double], qu: inout [Double]) -> (Direction, Double, Double)? {
        guard target > 0, alphaP < 1 || alphaD < 1 else { return nil }
        let trialP = min(1, alphaP + 0.1), trialD = min(1, alphaD + 0.1)
        let low = 0.1 * target, high = 10 * target
        func correction(_ w: Double, _ dw: Double, _ z: Double, _ dz: Double) -> Double {
            let v = (w + trialP * dw) * (z + trialD * dz)
            if v < low { return low - v }
            if v > high { return max(high - v, -high) }                                 // t − v, outliers capped at −10σμ
            return 0
        }
        var cl = ql, cu = qu
        for j in 0..<form.columnCount {
            if hasLower[j] { cl[j] += correction(wl[j], step.wl[j], zl[j], step.zl[j]) }
            if hasUpper[j] { cu[j] += correction(wu[j], step.wu[j], zu[j], step.zu[j]) }
        }
        let corrected = direction(ql: cl, qu: cu)
        let (newP, newD) = maximumSteps(corrected)
        guard min(1, newP) + min(1, newD) >= alphaP + alphaD + 0.01 else { return nil }
        ql = cl
        qu = cu
        return (corrected, newP, newD)
    }

    struct Direction {
        var x: [Double], y: [Double], wl: [Double], wu: [Double], zl: [Double], zu: [Double]
    }

    /// The Newton direction for complementarity right-hand sides q_l, q_u (Θ factored).
    private func direction(ql: [Double], qu: [Double]) -> Direction {
        let n = form.columnCount, m = form.rowCount
        var rHat = rc                                  // r̂ = r_c − (q_l + z_l r_l)/w_l + (q_u − z_u r_u)/w_u
        for j in 0..<n {
            if hasLower[j] { rHat[j] -= (ql[j] + zl[j] * rl[j]) / wl[j] }
            if hasUpper[j] { rHat[j] += (qu[j] - zu[j] * ru[j]) / wu[j] }
        }
        var scaled = [Double](repeating: 0, count: n)
        for j in 0..<n { scaled[j] = theta[j] * rHat[j] }
        var rhs = [Double](repeating: 0, count: m)     // r_b + A Θ r̂
        products.multiply(scaled, writingTo: &rhs)
        for i in 0..<m { rhs[i] += rb[i] }
        let dy = solveNormal(rhs)
        var dx = [Double](repeating: 0, count: n)      // Δx = Θ(AᵀΔy − r̂)
        products.transposeMultiply(dy, writingTo: &dx)
        for j in 0..<n { dx[j] = theta[j] * (dx[j] - rHat[j]) }
        var d = Direction(x: dx, y: dy, wl: [Double](repeating: 0, count: n), wu: [Double](repeating: 0, count: n),
                          zl: [Double](repeating: 0, count: n), zu: [Double](repeating: 0, count: n))
        for j in 0..<n {
            if hasLower[j] {
                d.wl[j] = dx[j] - rl[j]                                  // Δw_l = Δx − r_l
                d.zl[j] = (ql[j] - zl[j] * d.wl[j]) / wl[j]              // Δz_l = (q_l − z_l Δw_l)/w_l
            }
            if hasUpper[j] {
                d.wu[j] = ru[j] - dx[j]                                  // Δw_u = r_u − Δx
                d.zu[j] = (qu[j] - zu[j] * d.wu[j]) / wu[j]              // Δz_u = (q_u − z_u Δw_u)/w_u
            }
        }
        return d
    }

    /// Refinement stops once the residual is below this fraction of max |r|: past it the steps
    /// only polish rounding. The plain dense solves of the network encodings land at 1e-16–1e-11;
    /// on Netlib (`hycnn-bench netlib`) 1e-10 instead of 1e-14 gave the same 1,586 iterations in
    /// total and 5.96 s instead of 6.83 s, all 91 optimal and verified; 16×4 at d = 50 3.0 → 2.7 ms.
    static var refinementTarget: Double { 1e-10 }

    /// M⁻¹ r with up to `refinementSteps` steps of iterative refinement against the unregularised A Θ Aᵀ.
    private func solveNormal(_ r: [Double]) -> [Double] {
        clock.solving { refinedSolve(r) }
    }

    private func refinedSolve(_ r: [Double]) -> [Double] {
        var v = r
        normal.solve(&v)
        if normal.refinesItsSolves { return v }
        var residualNorm = Double.infinity
        let target = Self.refinementTarget * (r.map(abs).max() ?? 0)
        for _ in 0..<settings.refinementSteps {
            let residual = normalResidual(r, v)                         // r − A Θ Aᵀ v
            let norm = residual.map(abs).max() ?? 0
            if !(norm < 0.5 * residualNorm) || norm <= target { break }
            residualNorm = norm
            var correction = residual
            normal.solve(&correction)
            for i in v.indices { v[i] += correction[i] }
        }
        return v
    }

    private func normalResidual(_ r: [Double], _ v: [Double]) -> [Double] {
        var t = [Double](repeating: 0, count: form.columnCount)
        products.transposeMultiply(v, writingTo: &t)
        for j in t.indices { t[j] *= theta[j] }
        var product = [Double](repeating: 0, count: form.rowCount)
        products.multiply(t, writingTo: &product)
        return zip(r, product).map { $0 - $1 }
    }

    /// Largest α_p, α_d keeping w + α_p Δw ≥ 0 and z + α_d Δz ≥ 0 (may exceed 1).
    private func maximumSteps(_ d: Direction) -> (Double, Double) {
        var alphaP = Double.infinity, alphaD = Double.infinity
        for j in 0..<form.columnCount {
            if hasLower[j] {
                if d.wl[j] < 0 { alphaP = min(alphaP, -wl[j] / d.wl[j]) }
                if d.zl[j] < 0 { alphaD = min(alphaD, -zl[j] / d.zl[j]) }
            }
            if hasUpper[j] {
                if d.wu[j] < 0 { alphaP = min(alphaP, -wu[j] / d.wu[j]) }
                if d.zu[j] < 0 { alphaD = min(alphaD, -zu[j] / d.zu[j]) }
            }
        }
        return (min(alphaP, 1e30), min(alphaD, 1e30))
    }

    /// Mehrotra's starting point: x the least-norm solution of A x = b, (y, z) the least-squares
    /// dual, then slacks and duals shifted to be positive and centred.
    private mutating func startingPoint() -> Bool {
        let n = form.columnCount, m = form.rowCount
        for j in 0..<n { theta[j] = 1 }
        var ac = [Double](repeating: 0, count: m)
        products.multiply(form.c, writingTo: &ac)
        var dy: [Double]
        repeat {                                                        // again while the solves lose their accuracy
            guard let delta = clock.factoring({ normal.factor(form, theta: theta, regularization: settings.startingRegularization) })
            else { return false }
            regularization = max(settings.minimumRegularization, delta / 10)
            dy = solveNormal(form.b)                                    // x = Aᵀ(AAᵀ)⁻¹ b
            y = solveNormal(ac)                                         // y = (AAᵀ)⁻¹ A c
        } while normal.lostAccuracy
        products.transposeMultiply(dy, writingTo: &x)
        var aty = [Double](repeating: 0, count: n)
        products.transposeMultiply(y, writingTo: &aty)
        var minW = Double.infinity, minZ = Double.infinity
        for j in 0..<n {
            let z = form.c[j] - aty[j]                                  // z = c − Aᵀy
            if hasLower[j] { wl[j] = x[j] - form.lower[j]; minW = min(minW, wl[j]) }
            if hasUpper[j] { wu[j] = form.upper[j] - x[j]; minW = min(minW, wu[j]) }
            if hasLower[j] && hasUpper[j] {
                zl[j] = max(z, 0) + 0.5 * abs(z); zu[j] = max(-z, 0) + 0.5 * abs(z)
            } else if hasLower[j] {
                zl[j] = z
            } else if hasUpper[j] {
                zu[j] = -z
            }
            if hasLower[j] { minZ = min(minZ, zl[j]) }
            if hasUpper[j] { minZ = min(minZ, zu[j]) }
        }
        guard boundCount > 0 else { return true }
        let shiftW = max(-1.5 * minW, 0), shiftZ = max(-1.5 * minZ, 0)
        var product = 0.0, sumW = 0.0, sumZ = 0.0
        for j in 0..<n {
            if hasLower[j] { wl[j] += shiftW; zl[j] += shiftZ; product += wl[j] * zl[j]; sumW += wl[j]; sumZ += zl[j] }
            if hasUpper[j] { wu[j] += shiftW; zu[j] += shiftZ; product += wu[j] * zu[j]; sumW += wu[j]; sumZ += zu[j] }
        }
        let secondW = sumZ > 0 ? 0.5 * product / sumZ : 1, secondZ = sumW > 0 ? 0.5 * product / sumW : 1
        for j in 0..<n {
            if hasLower[j] { wl[j] = max(wl[j] + secondW, 1e-4); zl[j] = max(zl[j] + secondZ, 1e-4) }
            if hasUpper[j] { wu[j] = max(wu[j] + secondW, 1e-4); zu[j] = max(zu[j] + secondZ, 1e-4) }
        }
        return true
    }

    private mutating func computeResiduals() {
        let n = form.columnCount, m = form.rowCount
        products.multiply(x, writingTo: &rb, magnitudesTo: &rowMagnitude)
        for i in 0..<m { rowMagnitude[i] += abs(form.b[i]) }                // |b_i| + Σⱼ |aᵢⱼ xⱼ|
        var primal = 0.0, dual = 0.0
        for i in 0..<m {
            rb[i] = form.b[i] - rb[i]                                   // r_b = b − A x
            primal = max(primal, abs(rb[i]) / (1 + rowMagnitude[i] / scaling.rowScale[i]) / scaling.rowScale[i])
        }
        products.transposeMultiply(y, writingTo: &rc)
        var pobj = 0.0, dobj = 0.0, complementarity = 0.0
        for i in 0..<m { dobj += form.b[i] * y[i] }
        for j in 0..<n {
            let s = scaling.columnScale[j]
            rc[j] = form.c[j] - rc[j]                                   // r_c = c − Aᵀy − z_l + z_u
            pobj += form.c[j] * x[j]
            if hasLower[j] {
                rl[j] = form.lower[j] + wl[j] - x[j]                    // r_l = l + w_l − x
                primal = max(primal, abs(rl[j] * s) / (1 + abs(form.lower[j] * s)))
                rc[j] -= zl[j]
                dobj += form.lower[j] * zl[j]
                complementarity += wl[j] * zl[j]
            }
            if hasUpper[j] {
                ru[j] = form.upper[j] - x[j] - wu[j]                    // r_u = u − x − w_u
                primal = max(primal, abs(ru[j] * s) / (1 + abs(form.upper[j] * s)))
                rc[j] += zu[j]
                dobj -= form.upper[j] * zu[j]
                complementarity += wu[j] * zu[j]
            }
            dual = max(dual, abs(rc[j] / s))
        }
        measures = Measures(primalObjective: pobj, dualObjective: dobj,
                            primalInfeasibility: primal, dualInfeasibility: dual / dualScale,
                            gap: abs(pobj - dobj) / (1 + abs(pobj)),
                            mu: complementarity / Double(max(boundCount, 1)))
    }

    private func isDiverging() -> Bool {
        let limit = settings.divergenceLimit
        for j in 0..<form.columnCount where abs(x[j]) > limit || zl[j] > limit || zu[j] > limit { return true }
        for i in 0..<form.rowCount where abs(y[i]) > limit { return true }
        return false
    }

    private func log() {
        guard let logger = settings.logger else { return }
        let m = measures
        func e(_ v: Double) -> String { String(format: "%10.3e", v) }
        if iterations == 0 {
            logger(" iter   primal objective     dual objective   pinf       dinf       gap        mu         step_p     step_d")
        }
        let sign = form.objectiveSign, constant = form.constantTerm          // model units: sign·cᵀx + constant
        logger(String(format: "%5d %18.10e %18.10e ", iterations, sign * m.primalObjective + constant,
                      sign * m.dualObjective + constant)
               + [m.primalInfeasibility, m.dualInfeasibility, m.gap, m.mu, lastSteps.primal, lastSteps.dual]
               .map(e).joined(separator: " "))
    }

    private func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
