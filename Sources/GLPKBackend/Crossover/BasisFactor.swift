import CGLPK
import Dispatch

/// The basis matrix B of a GLPK problem while the crossover's pushes exchange its columns:
/// GLPK's LU of the basis last factorized (`glp_factorize`, `glp_ftran`, `glp_btran`), and one
/// eta factor per column replaced since. Replacing the column at position p by a (Bₜ = Bₜ₋₁ +
/// (a − aₚ)eₚᵀ) is stored in one of two forms:
/// - **product form** (after a primal push, which has w = Bₜ₋₁⁻¹a): Bₜ⁻¹ = Fₜ⁻¹Bₜ₋₁⁻¹, Fₜ the
///   identity with column p replaced by w;
/// - **alternate product form** (after a dual push, which has ρ = Bₜ₋₁⁻ᵀeₚ and α = ρᵀa, and
///   then needs no ftran of a): Bₜ = (I + uρᵀ)Bₜ₋₁ with u = a − aₚ, so Bₜ⁻¹ = Bₜ₋₁⁻¹Gₜ with
///   Gₜ = I − uρᵀ/α (1 + ρᵀu = α since ρᵀaₚ = 1).
/// So B⁻¹x applies every G (newest first), then GLPK's LU, then every F⁻¹ (oldest first); B⁻ᵀ
/// the transposes in the opposite order. GLPK's statuses are left alone between
/// factorizations, so its LU stays valid; ``refactor(_:nonbasicStatus:)`` sets them and starts
/// afresh. A new factorization is due (``isRefactorDue``) once applying the etas has taken as
/// long as the last factorization did: with eta work growing linearly in the number of updates,
/// that minimizes the time per update (or after ``largestUpdateCount`` updates).
///
/// Variables are augmented indices (k < m: row k's auxiliary variable; m + j: column j), whose
/// columns are those of (I | −A). Vectors are 1-based as GLPK's: index 0 is unused, 1...m are
/// the rows (ftran's right-hand side, btran's result) or basis positions (ftran's result).
final class BasisFactor {
    private let pointer: OpaquePointer
    let m: Int
    /// head[p]: the augmented index of the basic variable at position p (1...m; head[0] unused).
    private(set) var head: [Int]
    /// position[k]: the basis position of augmented variable k, 0 when it is nonbasic.
    private(set) var position: [Int]
    // Product-form etas, each stored as its position, pivot wₚ and the other nonzeros of w.
    private var etaPosition: [Int] = [], etaPivot: [Double] = [], etaStart: [Int] = [0]
    private var etaIndex: [Int] = [], etaValue: [Double] = []
    // Alternate-product-form etas, each as its pivot α, the nonzeros of u (rows) and of ρ (rows).
    private var alternatePivot: [Double] = []
    private var uStart: [Int] = [0], uIndex: [Int] = [], uValue: [Double] = []
    private var rhoStart: [Int] = [0], rhoIndex: [Int] = [], rhoValue: [Double] = []
    /// Updates since the last factorization, of both forms.
    private var updateCount: Int { etaPosition.count + alternatePivot.count }
    /// Nanoseconds the last factorization took, and spent applying etas since.
    private var factorNanoseconds: UInt64 = 0, etaNanoseconds: UInt64 = 0
    /// Entries of an eta column below this fraction of its largest are not stored.
    static let dropTolerance = 1e-14
    /// Updates allowed between factorizations whatever the times say (round-off grows with them).
    static let largestUpdateCount = 500

    /// Whether the last `init` or ``refactor(_:basis:nonbasicStatus:)`` called `glp_factorize`
    /// (the init does not when GLPK's factorization of the basis is valid already).
    private(set) var factorized = false

    /// The basis of `problem` as GLPK's statuses give it, factorized — GLPK's own factorization
    /// when it has a valid one of that basis (the crossover's starting basis was factorized to be
    /// accepted; on the 48×4 surrogate LP two factorizations made 4.5 ms of the crossover); nil when GLPK finds it
    /// singular or ill-conditioned or meets an internal error (``GLPKProblem/isFreed`` then).
    init?(_ problem: GLPKProblem, variables: Int) {
        pointer = problem.pointer
        m = problem.rows
        head = [Int](repeating: 0, count: m + 1)
        position = [Int](repeating: 0, count: variables)
        if glp_bf_exists(pointer) != 0 {
            readHead()                                  // its time unknown: the first eta makes a refactor due
        } else {
            guard factorize(problem) == true else { return nil }
        }
    }

    /// A factorization is due: there are etas, and applying them has cost as much time as
    /// factorizing did.
    var isRefactorDue: Bool { updateCount > 0 && (etaNanoseconds >= factorNanoseconds || updateCount >= Self.largestUpdateCount) }

    /// Sets GLPK's statuses of the nonbasic variables (`nonbasicStatus(k)`) when no column was
    /// replaced since the last factorization: GLPK's LU then stays valid, and no factorization
    /// is needed. False (nothing set) when there are etas.
    func keepBasis(nonbasicStatus: (Int) -> Int32) -> Bool {
        guard updateCount == 0 else { return false }
        for k in position.indices where position[k] == 0 {
            if k < m { glp_set_row_stat(pointer, Int32(k + 1), nonbasicStatus(k)) } else { glp_set_col_stat(pointer, Int32(k - m + 1), nonbasicStatus(k)) }
        }
        return true
    }

    /// x ← B⁻¹x.
    func ftran(_ x: inout [Double]) {
        let start = DispatchTime.now().uptimeNanoseconds
        for t in alternatePivot.indices.reversed() {                    // x ← Gₜx = x − u·(ρᵀx)/α
            var dot = 0.0
            for e in rhoStart[t]..<rhoStart[t + 1] { dot += rhoValue[e] * x[rhoIndex[e]] }
            if dot == 0 { continue }
            let scale = dot / alternatePivot[t]
            for e in uStart[t]..<uStart[t + 1] { x[uIndex[e]] -= uValue[e] * scale }
        }
        let middle = DispatchTime.now().uptimeNanoseconds
        glp_ftran(pointer, &x)
        let end = DispatchTime.now().uptimeNanoseconds
        for t in etaPosition.indices {
            let p = etaPosition[t]
            let xp = x[p] / etaPivot[t]          // yₚ = zₚ / wₚ,  yᵢ = zᵢ − wᵢ·yₚ
            x[p] = xp
            if xp == 0 { continue }
            for e in etaStart[t]..<etaStart[t + 1] { x[etaIndex[e]] -= etaValue[e] * xp }
        }
        if updateCount > 0 { etaNanoseconds += (middle - start) + (DispatchTime.now().uptimeNanoseconds - end) }
    }

    /// x ← B⁻ᵀx.
    func btran(_ x: inout [Double]) {
        let start = DispatchTime.now().uptimeNanoseconds
        for t in etaPosition.indices.reversed() {
            let p = etaPosition[t]
            var sum = x[p]                        // yₚ = (cₚ − Σᵢ≠ₚ wᵢcᵢ) / wₚ
            for e in etaStart[t]..<etaStart[t + 1] { sum -= etaValue[e] * x[etaIndex[e]] }
            x[p] = sum / etaPivot[t]
        }
        let middle = DispatchTime.now().uptimeNanoseconds
        glp_btran(pointer, &x)
        let end = DispatchTime.now().uptimeNanoseconds
        for t in alternatePivot.indices {                               // x ← Gₜᵀx = x − ρ·(uᵀx)/α
            var dot = 0.0
            for e in uStart[t]..<uStart[t + 1] { dot += uValue[e] * x[uIndex[e]] }
            if dot == 0 { continue }
            let scale = dot / alternatePivot[t]
            for e in rhoStart[t]..<rhoStart[t + 1] { x[rhoIndex[e]] -= rhoValue[e] * scale }
        }
        if updateCount > 0 { etaNanoseconds += (middle - start) + (DispatchTime.now().uptimeNanoseconds - end) }
    }

    /// Puts augmented variable `entering` at position `p` in place of the basic one there, with
    /// ρ = B⁻ᵀeₚ (1-based over rows), α = ρᵀa ≠ 0 for the entering column a, and `difference`
    /// the nonzeros (0-based row, value) of u = a − aₚ (alternate product form: no ftran of a).
    func replace(position p: Int, entering: Int, row rho: [Double], pivot alpha: Double,
                 difference: [(row: Int, value: Double)]) {
        for (i, value) in difference {
            uIndex.append(i + 1)
            uValue.append(value)
        }
        uStart.append(uIndex.count)
        Self.appendNonzeros(of: rho, except: 0, m: m, index: &rhoIndex, value: &rhoValue)
        rhoStart.append(rhoIndex.count)
        alternatePivot.append(alpha)
        exchange(position: p, entering: entering)
    }

    /// Puts augmented variable `entering` at position `p` in place of the basic one there, with
    /// w = B⁻¹a (1-based over positions) its column through the current basis; wₚ ≠ 0 (product form).
    func replace(position p: Int, entering: Int, column w: [Double]) {
        etaPosition.append(p)
        etaPivot.append(w[p])
        Self.appendNonzeros(of: w, except: p, m: m, index: &etaIndex, value: &etaValue)
        etaStart.append(etaIndex.count)
        exchange(position: p, entering: entering)
    }

    /// head and position after `entering` takes position p.
    private func exchange(position p: Int, entering: Int) {
        position[head[p]] = 0
        position[entering] = p
        head[p] = entering
    }

    /// Appends the entries of `x[1...m]` (but `except`) above ``dropTolerance`` times its largest:
    /// the smaller ones are the solve's round-off, not part of the vector.
    private static func appendNonzeros(of x: [Double], except: Int, m: Int, index: inout [Int], value: inout [Double]) {
        x.withUnsafeBufferPointer { x in
            var largest = 0.0
            for i in 1...m { largest = max(largest, abs(x[i])) }
            let drop = dropTolerance * largest
            for i in 1...m where i != except && abs(x[i]) > drop {
                index.append(i)
                value.append(x[i])
            }
        }
    }

    /// Sets GLPK's statuses (GLP_BS for the basic variables, `nonbasicStatus(k)` for the others)
    /// and factorizes: true when GLPK accepts the basis, false when it is singular or
    /// ill-conditioned, nil on a GLPK internal error (the problem is then freed). The etas are
    /// dropped; the positions are GLPK's new ones. With `basis` (a head kept from an earlier
    /// factorization), that basis is set instead of the current one.
    func refactor(_ problem: GLPKProblem, basis: [Int]? = nil, nonbasicStatus: (Int) -> Int32) -> Bool? {
        if let basis {
            for k in position.indices { position[k] = 0 }
            for p in 1...m { position[basis[p]] = p }
        }
        for k in position.indices {
            let status = position[k] != 0 ? GLP_BS : nonbasicStatus(k)
            if k < m { glp_set_row_stat(pointer, Int32(k + 1), status) } else { glp_set_col_stat(pointer, Int32(k - m + 1), status) }
        }
        return factorize(problem)
    }

    /// glp_factorize of the basis GLPK's statuses give, timed; drops the etas.
    private func factorize(_ problem: GLPKProblem) -> Bool? {
        factorized = true
        let start = DispatchTime.now().uptimeNanoseconds
        guard let code = problem.guarded({ hycnn_guarded_factorize($0, 0) }) else { return nil }
        factorNanoseconds = DispatchTime.now().uptimeNanoseconds - start
        etaNanoseconds = 0
        etaPosition.removeAll(keepingCapacity: true)
        etaPivot.removeAll(keepingCapacity: true)
        etaIndex.removeAll(keepingCapacity: true)
        etaValue.removeAll(keepingCapacity: true)
        etaStart = [0]
        alternatePivot.removeAll(keepingCapacity: true)
        uIndex.removeAll(keepingCapacity: true)
        uValue.removeAll(keepingCapacity: true)
        uStart = [0]
        rhoIndex.removeAll(keepingCapacity: true)
        rhoValue.removeAll(keepingCapacity: true)
        rhoStart = [0]
        guard code == 0 else { return false }
        readHead()
        return true
    }

    /// head and position from GLPK's basis header.
    private func readHead() {
        for k in position.indices { position[k] = 0 }
        for p in 1...max(m, 1) where m > 0 {
            let k = Int(glp_get_bhead(pointer, Int32(p))) - 1
            head[p] = k
            position[k] = p
        }
    }
}
