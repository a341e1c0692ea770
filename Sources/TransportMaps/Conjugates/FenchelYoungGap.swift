import LinearProgramming

/// The Fenchel–Young gap FY(x, y) = f(x) + f*(y) − ⟨x, y⟩ ≥ 0 of a convex potential f: zero
/// exactly when y ∈ ∂f(x), so for a map T it certifies, point by point, how far T(x) is from a
/// subgradient of f at x. Carries the numbers it rests on: f(x) by the network's forward pass
/// and f*(y) from the verified conjugate LP.
public struct FenchelYoungGap: Sendable {
    public var x: [Double]
    /// f(x) by the forward pass.
    public var potential: Double
    /// f*(y) with its LP certificate (its `y` is this gap's y).
    public var conjugate: ConjugateValue
    /// ⟨x, y⟩.
    public var pairing: Double
    /// f(x) + f*(y) − ⟨x, y⟩: +∞ when y ∉ dom f* (verified ray), NaN when f*(y) did not verify.
    public var gap: Double
    /// The tolerance `gap` is judged zero with: relative tolerance·(1 + |f(x)| + |f*(y)| + Σᵢ|xᵢ yᵢ|),
    /// the magnitudes the gap is a difference of.
    public var tolerance: Double

    public var y: [Double] { conjugate.y }

    /// True when the conjugate verified and gap ≤ tolerance: y is a subgradient of f at x to
    /// within the tolerance; nil when the conjugate did not verify (nothing is claimed).
    public var isSubgradientPair: Bool? {
        if conjugate.isOutsideDomain { return false }
        guard conjugate.isFinite else { return nil }
        return gap <= tolerance
    }
}

extension ConjugateSession {
    /// FY(x, y) for one pair (one LP of the session); `relativeTolerance` scales the magnitudes
    /// (the default matches the verifier's duality-gap tolerance, the accuracy f*(y) is certified to).
    public func fenchelYoungGap(x: [Double], y: [Double],
                                relativeTolerance: Double = VerificationTolerances().gap) throws -> FenchelYoungGap {
        let d = conjugate.inputDimension
        guard x.count == d else { throw ConjugateError.dimensionMismatch(what: "point x", expected: d, actual: x.count) }
        if let j = x.firstIndex(where: { !$0.isFinite }) { throw ConjugateError.nonFiniteValue(what: "coordinate \(j + 1) of x") }
        let value = try evaluate(at: y)
        let fx = try conjugate.model.predict(x)[0]
        var pairing = 0.0, magnitude = 0.0
        for j in 0..<d { pairing += x[j] * y[j]; magnitude += abs(x[j] * y[j]) }
        let conjugateValue = value.isFinite || value.isOutsideDomain ? value.value : .nan
        let gap = fx + conjugateValue - pairing                                 // f(x) + f*(y) − ⟨x, y⟩
        let tolerance = relativeTolerance * (1 + abs(fx) + (conjugateValue.isFinite ? abs(conjugateValue) : 0) + magnitude)
        return FenchelYoungGap(x: x, potential: fx, conjugate: value, pairing: pairing, gap: gap, tolerance: tolerance)
    }
}

extension ExactConjugate {
    /// FY(x, y) for one pair (see ``ConjugateSession/fenchelYoungGap(x:y:relativeTolerance:)``).
    public func fenchelYoungGap(x: [Double], y: [Double], using solver: any LPSolver,
                                relativeTolerance: Double = VerificationTolerances().gap,
                                tolerances: VerificationTolerances = .init()) throws -> FenchelYoungGap {
        try withSession(using: solver, tolerances: tolerances) { try $0.fenchelYoungGap(x: x, y: y, relativeTolerance: relativeTolerance) }
    }

    /// FY(xᵢ, yᵢ) for the n pairs of `points` and `images` (each d × n, column-major: pair i is
    /// `[i·d ..< (i+1)·d]`), one LP each, all through one ``ConjugateSession``.
    public func fenchelYoungGaps(points: [Double], images: [Double], using solver: any LPSolver,
                                 relativeTolerance: Double = VerificationTolerances().gap,
                                 tolerances: VerificationTolerances = .init()) throws -> [FenchelYoungGap] {
        let d = inputDimension
        guard points.count % d == 0 else {
            throw ConjugateError.dimensionMismatch(what: "points (a whole number of d-vectors)", expected: (points.count / d + 1) * d, actual: points.count)
        }
        guard images.count == points.count else {
            throw ConjugateError.dimensionMismatch(what: "images (one d-vector per point)", expected: points.count, actual: images.count)
        }
        return try withSession(using: solver, tolerances: tolerances) { session in
            try (0..<points.count / d).map { i in
                try session.fenchelYoungGap(x: Array(points[i * d ..< (i + 1) * d]), y: Array(images[i * d ..< (i + 1) * d]),
                                            relativeTolerance: relativeTolerance)
            }
        }
    }
}
