import LinearProgramming

/// Bounds lower ≤ FY_τ(x, y) ≤ upper on the Fenchel–Young gap f_τ(x) + f_τ*(y) − ⟨x, y⟩ of a
/// smooth potential, from the bracket of f_τ*(y) (``SmoothPotentialBracket``) and f_τ(x) by the
/// forward pass. upper ≤ tolerance certifies y as a subgradient of f_τ at x to within it;
/// lower > tolerance certifies that it is not.
public struct FenchelYoungGapBracket: Sendable {
    public var x: [Double]
    /// f_τ(x) by the forward pass.
    public var potential: Double
    /// The bracket of f_τ*(y), with the twin's LP certificate.
    public var conjugate: ConjugateBracket
    /// ⟨x, y⟩.
    public var pairing: Double
    /// f_τ(x) + (lower, upper bound of f_τ*(y)) − ⟨x, y⟩: +∞ outside dom f_τ*, NaN when the twin's LP did not verify.
    public var lower: Double
    public var upper: Double
    /// relative tolerance·(1 + |f_τ(x)| + |f_τ*(y)'s upper bound| + Σᵢ|xᵢ yᵢ|), as for ``FenchelYoungGap``.
    public var tolerance: Double

    public var y: [Double] { conjugate.twin.y }
}

extension SmoothPotentialBracket {
    /// The bracket of FY_τ(x, y) for one pair (one LP on the max-gate twin).
    public func fenchelYoungGap(x: [Double], y: [Double], using solver: any LPSolver,
                                relativeTolerance: Double = VerificationTolerances().gap,
                                tolerances: VerificationTolerances = .init()) throws -> FenchelYoungGapBracket {
        try twin.withSession(using: solver, tolerances: tolerances) {
            try fenchelYoungGap(x: x, y: y, in: $0, relativeTolerance: relativeTolerance)
        }
    }

    /// The bracket of FY_τ(x, y) for one pair, by one LP of `session` (a session of ``twin``).
    public func fenchelYoungGap(x: [Double], y: [Double], in session: ConjugateSession,
                                relativeTolerance: Double = VerificationTolerances().gap) throws -> FenchelYoungGapBracket {
        let d = model.inputDimension
        guard x.count == d else { throw ConjugateError.dimensionMismatch(what: "point x", expected: d, actual: x.count) }
        if let j = x.firstIndex(where: { !$0.isFinite }) { throw ConjugateError.nonFiniteValue(what: "coordinate \(j + 1) of x") }
        let conjugate = try bracket(at: y, in: session)
        let fx = try model.predict(x)[0]
        var pairing = 0.0, magnitude = 0.0
        for j in 0..<d { pairing += x[j] * y[j]; magnitude += abs(x[j] * y[j]) }
        let tolerance = relativeTolerance * (1 + abs(fx) + (conjugate.upper.isFinite ? abs(conjugate.upper) : 0) + magnitude)
        return FenchelYoungGapBracket(x: x, potential: fx, conjugate: conjugate, pairing: pairing,
                                      lower: fx + conjugate.lower - pairing, upper: fx + conjugate.upper - pairing,
                                      tolerance: tolerance)                     // f_τ(x) + f_τ*(y) − ⟨x, y⟩
    }
}
