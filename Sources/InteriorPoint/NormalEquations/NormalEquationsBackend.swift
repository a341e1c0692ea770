import Foundation
import LinearAlgebra

/// The ``NormalEquations`` a solve uses, chosen once per solve by predicted costs (unless the
/// settings force one):
/// - the row-space normal equations A Θ Aᵀ + δ I (``GramCholesky``: sparse or dense);
/// - when A has dense columns (``SplitNormalEquations/denseColumns(of:)``), the split normal
///   equations instead when their predicted factorization flops are lower;
/// - when A has singleton columns (slacks), the column-space normal equations
///   (``ColumnSpaceNormalEquations``) when their predicted flops, forming included, are below
///   ``columnSpaceAdvantage`` of the unsplit row space's; the best row-space choice takes over
///   when their accuracy runs out.
enum NormalEquationsBackend {
    case rowSpace(GramCholesky)
    case split(SplitNormalEquations)
    case columnSpace(ColumnSpaceNormalEquations)

    /// The column space must predict at most this fraction of the row space's flops (forming and
    /// factoring). Measured on the max-gate surrogate LPs (`hycnn-bench surrogate-lp`, one BLAS
    /// thread), its time was about twice the predicted fraction of the row space's: 0.27 → 0.56
    /// at 128×8, 0.39 → 0.77 at 96×6, 0.49 → 0.98 at 96×4 and 64×6, 0.60 → 1.22 at 48×4 — the
    /// row-space iterations that finish the solve and the probe solves are not in the prediction.
    static let columnSpaceAdvantage = 0.4

    init(for form: StandardForm, settings: InteriorPointSettings) {
        let fraction = settings.sparseFlopsFraction
        switch settings.cholesky {
        case .dense: self = .rowSpace(GramCholesky(pattern: form.matrix, sparse: false)); return
        case .sparse: self = .rowSpace(GramCholesky(pattern: form.matrix, sparse: true)); return
        case .split:
            if let split = SplitNormalEquations(pattern: form, denseColumns: SplitNormalEquations.denseColumns(of: form.matrix),
                                                sparseFlopsFraction: fraction) {
                self = .split(split)
                return
            }
        case .columnSpace:
            if let column = ColumnSpaceNormalEquations(pattern: form, sparseFlopsFraction: fraction) {
                self = .columnSpace(column)
                return
            }
        case .automatic: break
        }
        let unsplit = GramCholesky(pattern: form.matrix, sparseFlopsFraction: fraction)
        if ColumnSpaceNormalEquations.mightPay(form) {
            let budget = Self.columnSpaceAdvantage * (unsplit.factorFlops + DenseNormalEquations.formingFlops(form.matrix))
            if let column = ColumnSpaceNormalEquations(pattern: form, sparseFlopsFraction: fraction, flopBudget: budget),
               column.factorFlops + column.formingFlops < budget {
                self = .columnSpace(column)
                return
            }
        }
        self = Self.bestRowSpace(for: form, sparseFlopsFraction: fraction, unsplit: unsplit)
    }

    /// The unsplit row space (`unsplit`, analysed here if not given), or the split one when A
    /// has dense columns and its predicted factorization flops are lower.
    static func bestRowSpace(for form: StandardForm, sparseFlopsFraction fraction: Double,
                             unsplit given: GramCholesky? = nil) -> NormalEquationsBackend {
        let unsplit = given ?? GramCholesky(pattern: form.matrix, sparseFlopsFraction: fraction)
        let dense = SplitNormalEquations.denseColumns(of: form.matrix)
        if !dense.isEmpty,
           let split = SplitNormalEquations(pattern: form, denseColumns: dense, sparseFlopsFraction: fraction),
           split.factorFlops < unsplit.factorFlops {                                      // NaN (failed analysis) never wins
            return .split(split)
        }
        return .rowSpace(unsplit)
    }

    /// The chosen normal equations as a value of the protocol.
    var equations: any NormalEquations {
        switch self {
        case let .rowSpace(gram): gram
        case let .split(split): split
        case let .columnSpace(column): column
        }
    }

    /// A short description for the log.
    var description: String {
        switch self {
        case let .rowSpace(gram): "\(gram.isSparse ? "sparse" : "dense") Cholesky"
        case let .split(split): "sparse Cholesky (\(split.denseColumns.count) dense columns split off)"
        case let .columnSpace(column): column.description
        }
    }
}
