import Foundation
import LinearAlgebra

/// The ``NormalEquations`` a solve uses, chosen once per solve by predicted costs (unless the
/// settings force one):
/// - the row-space normal equations A Θ Aᵀ + δ I (``GramCholesky``: sparse or dense);
/// - when A has dense columns (``SplitNormalEquations/denseColumns(of:)``), the split normal
///   equations instead when their predicted factorization flops are below ``splitAdvantage``
///   of the unsplit ones';
/// - when A has singleton columns (slacks), the column-space normal equations
///   (``ColumnSpaceNormalEquations``) when their predicted flops, forming included, are below
///   ``columnSpaceAdvantage`` of the unsplit row space's; the best row-space choice takes over
///   when their accuracy runs out.
enum NormalEquationsBackend {
    case rowSpace(GramCholesky)
    case split(SplitNormalEquations)
    case columnSpace(ColumnSpaceNormalEquations)

    /// The column space must predict at most this fraction of the row space's flops (forming and
    /// factoring). Measured on the max-gate surrogate LPs (the benchmark's surrogate LPs with the
    /// column space and the dense row space forced, one BLAS thread, since the groups' panels take
    /// only their dense rows; predicted ratio → column-space / row-space time): 16×8 at d = 50 (257×178) 0.39 →
    /// 0.88, 32×4 at d = 50 0.40 → 0.91, 64×2 at d = 50 0.42 → 0.90, 16×2 at d = 10 0.45 → 1.0,
    /// 32×2 at d = 50 (129×114) 0.73 → 1.29, 16×4 at d = 50 0.76 → 1.27.
    static let columnSpaceAdvantage = 0.5

    /// Below this many flops a dense row-space factorization the column space is not tried: its
    /// probe and refined solves cost more than the small factorizations save (16×2 at d = 10,
    /// 65 rows, predicted 0.45: 0.57 ms against the dense row space's 0.49 ms; 16×4 at d = 10,
    /// 129 rows and 7e5 flops: 1.5 against 1.8 ms).
    static let columnSpaceMinimumFlops = 2e5

    /// The split normal equations must predict at most this fraction of the unsplit ones' flops.
    /// fit2p (25 dense columns among 13,500 singletons) predicts 0.0005 and ran 9× faster split;
    /// the network encodings, whose 50 input columns are dense, predict 0.14–0.34 and ran slower
    /// split than dense (96×6: 0.46 s against 0.34 s), the Woodbury solves losing accuracy early.
    static let splitAdvantage = 0.1

    /// `deadline` (uptime seconds): once it has passed, the alternatives to the unsplit row
    /// space are not analysed (the solve is about to stop anyway).
    init(for form: StandardForm, settings: InteriorPointSettings, deadline: Double? = nil) {
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
        // The row space's flops when they are known without its analysis (dense), else a lower bound.
        let bound = GramCholesky.factorFlopsBound(form.matrix)
        let knownRowSpace = GramCholesky.denseWithoutAnalysis(rows: form.rowCount, bound: bound, sparseFlopsFraction: fraction)
        let mightPay = (knownRowSpace ?? .infinity) > Self.columnSpaceMinimumFlops && ColumnSpaceNormalEquations.mightPay(form)
        let rowPanels = mightPay ? CompressedPanels(pattern: form.matrix) : nil      // A's groups: for the estimate and the row space
        let forming = rowPanels.map { DenseNormalEquations.formingFlops(form.matrix, panels: $0) } ?? 0
        var candidate: ColumnSpaceNormalEquations?
        if mightPay {                        // first against that: no analysis of the row space
            let budget = Self.columnSpaceAdvantage * ((knownRowSpace ?? bound) + forming)
            candidate = ColumnSpaceNormalEquations(pattern: form, sparseFlopsFraction: fraction, flopBudget: budget)
            if let column = candidate, column.factorFlops + column.formingFlops < budget {
                self = .columnSpace(column)
                return
            }
        }
        let unsplit = GramCholesky(pattern: form.matrix, sparseFlopsFraction: fraction, bound: bound, panels: rowPanels)
        if let deadline, IterationClock.now() >= deadline { self = .rowSpace(unsplit); return }
        if mightPay, knownRowSpace == nil {  // the bound was below the row space's flops: try again
            let budget = Self.columnSpaceAdvantage * (unsplit.factorFlops + forming)
            if candidate == nil {            // rejected early on its own lower bounds: the larger budget may admit it
                candidate = ColumnSpaceNormalEquations(pattern: form, sparseFlopsFraction: fraction, flopBudget: budget)
            }
            if var column = candidate, column.factorFlops + column.formingFlops < budget {
                column.analysedRowSpace = unsplit
                self = .columnSpace(column)
                return
            }
        }
        self = Self.bestRowSpace(for: form, sparseFlopsFraction: fraction, unsplit: unsplit)
    }

    /// The unsplit row space (`unsplit`, analysed here if not given), or the split one when A
    /// has dense columns and its predicted factorization flops are below ``splitAdvantage`` of
    /// the unsplit ones'.
    static func bestRowSpace(for form: StandardForm, sparseFlopsFraction fraction: Double,
                             unsplit given: GramCholesky? = nil) -> NormalEquationsBackend {
        let unsplit = given ?? GramCholesky(pattern: form.matrix, sparseFlopsFraction: fraction)
        let dense = SplitNormalEquations.denseColumns(of: form.matrix)
        if !dense.isEmpty,
           GramCholesky.factorFlopsBound(form.matrix, skipping: dense) < Self.splitAdvantage * unsplit.factorFlops,   // else no analysis
           let split = SplitNormalEquations(pattern: form, denseColumns: dense, sparseFlopsFraction: fraction),
           split.factorFlops < Self.splitAdvantage * unsplit.factorFlops {               // NaN (failed analysis) never wins
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

    /// Predicted flops of one factorization (forming included where it is predicted).
    var predictedFlops: Double {
        switch self {
        case let .rowSpace(gram): gram.factorFlops
        case let .split(split): split.factorFlops
        case let .columnSpace(column): column.factorFlops + column.formingFlops
        }
    }

    /// A short description for the log, with the predicted flops of one factorization.
    var description: String {
        let name = switch self {
            case let .rowSpace(gram): "\(gram.isSparse ? "sparse" : "dense") Cholesky"
            case let .split(split): "sparse Cholesky (\(split.denseColumns.count) dense columns split off)"
            case let .columnSpace(column): column.description
            }
        return name + String(format: " (%.2g flops a factorization)", predictedFlops)
    }
}
