/// The exact sum of doubles and of products of two doubles, kept as a nonoverlapping expansion
/// (Shewchuk, "Adaptive precision floating-point arithmetic", 1997): every addition is split
/// into its rounded sum and the exact rounding error (TwoSum), every product into its rounded
/// product and exact error (TwoProduct by fused multiply-add), so the sign of the total is
/// decided without rounding. Used to re-check certificates about data independently of any LP.
///
/// Exactness fails only when a sum or product overflows or a product falls into the subnormal
/// range (where its error term is no longer exact); `isExact` then turns false and the sign
/// means nothing.
struct ExactSum {
    /// Nonoverlapping components, increasing magnitude; their exact sum is the value.
    private(set) var components: [Double] = []
    private(set) var isExact = true

    /// Products below this magnitude may have an inexact error term (2^−969 = 2^−1022 · 2^53).
    private static let smallestExactProduct = 0x1p-969

    mutating func add(_ value: Double) {
        guard value.isFinite else { isExact = false; return }
        var q = value
        var kept: [Double] = []
        kept.reserveCapacity(components.count + 1)
        for e in components {                                  // grow-expansion with zero elimination
            let sum = q + e
            guard sum.isFinite else { isExact = false; return }      // overflow: the expansion no longer holds the sum
            let bVirtual = sum - q
            let error = (q - (sum - bVirtual)) + (e - bVirtual)   // TwoSum: q + e = sum + error exactly
            if error != 0 { kept.append(error) }
            q = sum
        }
        if q != 0 { kept.append(q) }
        components = kept
    }

    /// Adds a·b exactly (p = fl(a·b), e = fma(a, b, −p), a·b = p + e).
    mutating func addProduct(_ a: Double, _ b: Double) {
        let p = a * b
        guard p.isFinite else { isExact = false; return }
        if p != 0 && abs(p) < Self.smallestExactProduct { isExact = false }
        add((-p).addingProduct(a, b))                          // fma(a, b, −p): the exact rounding error of a·b
        add(p)
    }

    /// Adds the product of several doubles exactly: each partial product, kept as an expansion,
    /// is scaled factor by factor with TwoProduct (t·f = p + e), so m factors give at most 2^(m−1) terms.
    mutating func addProduct(of factors: [Double]) {
        guard let first = factors.first else { add(1); return }
        var terms = [first]
        for f in factors.dropFirst() {
            var scaled: [Double] = []
            scaled.reserveCapacity(2 * terms.count)
            for t in terms {
                let p = t * f
                guard p.isFinite else { isExact = false; return }
                if p != 0 && abs(p) < Self.smallestExactProduct { isExact = false }
                let e = (-p).addingProduct(t, f)                   // fma(t, f, −p)
                if p != 0 { scaled.append(p) }
                if e != 0 { scaled.append(e) }
            }
            terms = scaled
        }
        for t in terms { add(t) }
    }

    /// −1, 0 or 1: the sign of the exact sum (the largest component's, as they do not overlap).
    var sign: Int {
        guard let last = components.last else { return 0 }
        return last > 0 ? 1 : -1
    }

    /// An upper bound on |sum|: Σ|components| with its own rounding allowed for.
    var magnitudeBound: Double {
        components.reduce(0) { $0 + abs($1) } * (1 + Double(components.count + 2) * 0x1p-52)
    }

    /// The sum rounded to a double (the components summed from the smallest; within a few ulps).
    var value: Double { components.reduce(0, +) }
}
