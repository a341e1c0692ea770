import Foundation
import LinearProgramming

/// One solve of one Netlib problem by one solver: what the solver returned and what `verify`
/// recomputed from the model. Travels from the `netlib-solve` child process as one JSON line.
struct NetlibRun: Codable, Sendable {
    var problem: String
    var solver: String
    /// A `SolutionStatus` raw value, or "killed" (stopped by the benchmark at the time limit)
    /// or "error" (the solve threw or the process died; see `note`).
    var status: String
    /// cᵀx + constant as the solver reported it (NaN unless optimal).
    var objective: Double = .nan
    var iterations = 0
    /// Wall-clock seconds of `solve` alone (reading the file and `verify` excluded).
    var seconds: Double = .nan
    /// From `verify`'s CertificateReport (NaN when it did not compute them).
    var primalResidual: Double = .nan
    var dualResidual: Double = .nan
    var dualityGap: Double = .nan
    var verified = false
    /// The first failed check, the error, or why the process was stopped.
    var note: String?
    /// |objective − reference| / max(1, |reference|), filled in by the parent.
    var relativeError: Double = .nan

    /// Optimal, verified, and within 1e-6 of the reference optimum.
    var solved: Bool { status == SolutionStatus.optimal.rawValue && verified && relativeError <= 1e-6 }

    /// max(primal residual, dual residual) of the certificate check (NaN if neither was computed).
    var maxResidual: Double {
        let values = [primalResidual, dualResidual].filter { !$0.isNaN }
        return values.max() ?? .nan
    }

    static let tableColumns: [ResultTable.Column] = [
        .init(title: "problem", alignment: .left), .init(title: "solver", alignment: .left),
        .init(title: "status", alignment: .left), .init(title: "rel. error", alignment: .right),
        .init(title: "iterations", alignment: .right), .init(title: "seconds", alignment: .right),
        .init(title: "max residual", alignment: .right), .init(title: "verified", alignment: .left),
    ]

    var tableRow: [String] {
        let answered = status != "killed" && status != "error"
        return [problem, solver, status, Self.scientific(relativeError), answered ? "\(iterations)" : "–", Self.seconds(seconds),
         Self.scientific(maxResidual), verified ? "yes" : "no"]
    }

    static let csvHeader = "problem,solver,status,objective,relative_error,iterations,seconds,primal_residual,dual_residual,duality_gap,verified,solved,note"

    var csvRow: String {
        [problem, solver, status, "\(objective)", "\(relativeError)", "\(iterations)", "\(seconds)", "\(primalResidual)",
         "\(dualResidual)", "\(dualityGap)", "\(verified)", "\(solved)", note ?? ""].map(ResultTable.csvField).joined(separator: ",")
    }

    static func scientific(_ value: Double) -> String { value.isNaN ? "–" : String(format: "%.1e", value) }
    static func seconds(_ value: Double) -> String { value.isNaN ? "–" : String(format: "%.3f", value) }

    /// JSON that carries NaN and infinities (as strings).
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
