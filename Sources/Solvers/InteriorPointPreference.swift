import LinearProgramming

/// When to prefer our interior point over GLPK's primal simplex: the size rule behind
/// ``SolverChoice/auto``, from release measurements on this project's machine kind (2 cores;
/// Benchmarks/README.md, "Choosing the LP solver").
///
/// The interior point takes 10–30 iterations whatever the size, each one factorisation of
/// A·Θ·Aᵀ; the simplex's pivot count grows with the LP. So the simplex wins on small LPs and
/// the interior point on large ones, where the crossover depends on how dense A·Θ·Aᵀ is:
/// - general sparse LPs (Netlib): the interior point is faster on 19 of the 23 problems with
///   more than 10,000 nonzeros (42 s → 14 s in total, 2–11× on the largest) and slower on 52
///   of the 68 smaller ones (where both take milliseconds);
/// - transport LPs (n·m columns, 2·n·m nonzeros, n + m rows), the interior point followed by
///   its crossover to a vertex (the default for transport): 1.1× slower at n = m = 40 (1,600
///   pairs), 1.1× faster at 45 (2,025), 1.5× at 70, 1.7× at 100, 2.5× at 150, 4.3× at 300;
/// - surrogate encodings of convex networks (the interior point without the crossover, as
///   `minimize` runs it): on the encoding grid (max-gate HyCNNs 16–256 wide, 2–8 deep, d = 10
///   and 50; 1,226 to 1,126,450 nonzeros) it takes 4.8 s in total against the simplex's 36.7 s
///   and is faster on every LP, 3.4–9.7× above 10,000 nonzeros; on the dispatch demo (26,886
///   nonzeros in six small networks) it takes 20 ms against the simplex's 48–49 ms. Below
///   10,000 nonzeros it is 2.1–3.5× faster too, but both take at most 9 ms there, and the
///   simplex's answer is a vertex, exact to rounding: the rule keeps it for those.
public enum InteriorPointPreference {
    /// Where an LP comes from; the crossover size depends on it.
    public enum Family: String, Sendable, CaseIterable {
        /// Any LP (an MPS file, a transport LP).
        case general
        /// The LP route of a surrogate problem (epigraph encodings of convex networks).
        case surrogate
    }

    /// An LP of `family` with more constraint-matrix nonzeros than this goes to the interior point.
    public static func nonzeroThreshold(for family: Family) -> Int {
        switch family {
        case .general: 10_000
        case .surrogate: 10_000
        }
    }

    /// True when an LP of `family` with `nonzeros` constraint-matrix nonzeros should go to the
    /// interior point.
    public static func prefersInteriorPoint(nonzeros: Int, family: Family = .general) -> Bool {
        nonzeros > nonzeroThreshold(for: family)
    }

    /// True when `program` is an LP (no integer variables) above its family's threshold; a MIP
    /// never goes to the interior point.
    public static func prefersInteriorPoint(for program: LinearProgram, family: Family = .general) -> Bool {
        !program.hasIntegerVariables && prefersInteriorPoint(nonzeros: program.nonzeroCount, family: family)
    }

    /// A balanced transport LP with more source–target pairs than this goes to the interior point.
    public static let transportPairThreshold = 2_000

    /// True when the balanced transport LP between `sources` and `targets` points (n·m
    /// variables with 2 nonzeros each) should go to the interior point: more than
    /// ``transportPairThreshold`` pairs.
    public static func prefersInteriorPoint(transportSources sources: Int, targets: Int) -> Bool {
        let (pairs, overflow) = sources.multipliedReportingOverflow(by: targets)
        return overflow || pairs > transportPairThreshold
    }
}
