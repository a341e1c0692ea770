import ArgumentParser
import Foundation
import LinearProgramming
import Solvers
import TransportMaps

/// The exact inverse map of `ot-map apply --inverse exact`: x*(y) = ∇f*(y) for each point y by
/// the conjugate LP of a piecewise-linear f, with the rows it could not map and why.
struct ExactInverse {
    /// The preimages row by row; rows without one hold NaN and are listed below (never written).
    var images: [Double]
    /// Rows (0-based) proved outside dom f* by a verified improving ray.
    var outsideDomain: [Int] = []
    /// Rows whose LP answer did not verify (or disagreed with the forward pass).
    var unverified: [Int] = []
    /// Rows not attempted because the time limit passed.
    var notReached: [Int] = []
    var solverName: String
    var dimension: Int

    init(map: TransportMap, points: MapPoints, solver choice: SolverChoice, deadline: Deadline?, progress: Bool) throws {
        let conjugate: ExactConjugate
        do { conjugate = try ExactConjugate(model: map.forward) } catch let error as ConjugateError {
            throw ValidationError("--inverse exact needs a piecewise-linear f (max gate, ReLU, leaky ReLU or max-affine): \(error); "
                                  + "use --inverse gradient for the learned inverse ∇g")
        }
        let resolved = choice.resolved(for: conjugate.epigraph)
        let lpSolver = resolved.makeSolver(deadline: deadline)
        let d = map.dimension, n = points.count
        solverName = resolved.rawValue
        dimension = d
        let bar = progress ? CountProgress(label: "conjugate LPs", total: n) : nil
        var images = [Double](repeating: .nan, count: n * d)
        var outsideDomain: [Int] = [], unverified: [Int] = [], notReached: [Int] = []
        try conjugate.withSession(using: lpSolver) { session in                 // one warm-started LP session for all points
            for i in 0..<n {
                if deadline?.hasPassed == true { notReached = Array(i..<n); break }
                let value = try session.evaluate(at: points.point(i, dimension: d))
                if value.isFinite, let x = value.maximizer {
                    images.replaceSubrange(i * d ..< (i + 1) * d, with: x)
                } else if value.isOutsideDomain {
                    outsideDomain.append(i)
                } else if value.verdict.outcome == .limit {
                    notReached = Array(i..<n)
                    break
                } else {
                    unverified.append(i)
                }
                bar?.update(done: i + 1)
            }
        }
        self.images = images
        self.outsideDomain = outsideDomain
        self.unverified = unverified
        self.notReached = notReached
        bar?.stop(done: n - notReached.count)
    }

    var exitCode: ExitCode {
        if !unverified.isEmpty { return .failure }
        if !notReached.isEmpty { return .limitOrUndecided }
        return outsideDomain.isEmpty ? .success : .infeasibleOrUnbounded
    }

    /// What went wrong, one line each (stderr).
    var problems: [String] {
        var lines: [String] = []
        if !outsideDomain.isEmpty {
            let one = outsideDomain.count == 1
            lines.append("error: \(MapPoints.rows(outsideDomain)) \(one ? "lies" : "lie") outside dom f* (outside the hull of f's slopes): "
                         + "no x has ∇f(x) there, proved by a verified improving ray for \(one ? "it" : "each"); "
                         + "\(one ? "it has" : "they have") no preimage")
        }
        if !unverified.isEmpty { lines.append("error: the conjugate LP of \(MapPoints.rows(unverified)) did not verify (try another --solver)") }
        if !notReached.isEmpty { lines.append("error: the time limit passed before \(MapPoints.rows(notReached))") }
        return lines
    }

    var summary: String {
        let failed = outsideDomain.count + unverified.count + notReached.count
        return "exact inverse: one conjugate LP per point (\(solverName)); \(images.count / max(dimension, 1) - failed) mapped with "
            + "verified certificates, \(outsideDomain.count) outside dom f*, \(unverified.count) unverified, \(notReached.count) not reached"
    }

    var json: [String: Any] {
        ["solver": solverName, "outsideDomainRows": outsideDomain.map { $0 + 1 }, "unverifiedRows": unverified.map { $0 + 1 },
         "notReachedRows": notReached.map { $0 + 1 }]
    }
}
