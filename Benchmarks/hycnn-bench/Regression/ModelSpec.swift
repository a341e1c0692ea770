import ConvexNetworks
import ConvexRegression
import Foundation

/// A named model of the regression benchmark, written `family:WIDTHxDEPTH[:nonlinearity]`,
/// `maxaffine:PIECES` or `convexreg:NORM[:N]`:
///
///     hycnn:48x4            HyCNN, 4 layers of width 48, max gate
///     hycnn:48x4:smooth=0.1 the smooth-max gate with τ = 0.1
///     groupmax:48x4         GroupMaxNet
///     icnn:64x8             ICNN with ReLU (also :leaky=0.1, :softplus=1)
///     mlp:64x16             ReLU MLP (not convex)
///     maxaffine:48          max of 48 affine pieces
///     convexreg:l1:500      the L1 convex-regression estimator (also linf) fitted by LP to the
///                           first N ≤ 500 training samples (default 500): max-affine, K = N pieces
struct ModelSpec: Equatable, Sendable {
    let family: ModelFamily
    /// Hidden width m (max-affine: the number of pieces K; for an LP estimator K = N samples).
    let width: Int
    /// Hidden layers L (max-affine: 1).
    let depth: Int
    let nonlinearity: Nonlinearity
    /// Set for the classical estimators: the max-affine model is fitted by ``ConvexRegressionEstimator``
    /// (this norm, the first `width` training samples) instead of trained by Adam.
    let convexRegression: ConvexRegressionEstimator.Norm?
    /// The text it was parsed from, normalised (used in CSV files).
    let key: String

    /// The defaults of the regression benchmark: the paper's families and sizes,
    /// plus a max-affine baseline with K = 384 pieces (parameter-matched to GroupMaxNet 48×4 at
    /// d = 50; in a sweep K ∈ {8 … 768} on f1, f2 at d = 10, 50 it was best at d = 10 and within 3%
    /// of K = 768 at d = 50).
    static let defaultList = "hycnn:48x4,hycnn:48x8,hycnn:48x16,groupmax:48x4,icnn:64x4,icnn:64x8,icnn:64x16,mlp:64x4,mlp:64x16,maxaffine:384"

    /// A readable name such as "HyCNN 48×16" or "ICNN 64×4 softplus(1)".
    var label: String {
        if let norm = convexRegression {
            return (norm == .l1 ? "L1" : "L∞") + " convex regression n=\(width)"
        }
        let size = family == .maxaffine ? "K=\(width)" : "\(width)×\(depth)"
        let base: String
        switch family {
        case .hycnn: base = "HyCNN"
        case .groupmax: base = "GroupMaxNet"
        case .icnn: base = "ICNN"
        case .icnnQuadratic: base = "ICNN-quadratic"
        case .mlp: base = "MLP"
        case .maxaffine: base = "MaxAffine"
        }
        let isDefault = nonlinearity == Self.defaultNonlinearity(family)
        let suffix = isDefault ? "" : " " + nonlinearity.name + (nonlinearity.parameter.map { "(\(Self.number($0)))" } ?? "")
        return "\(base) \(size)\(suffix)"
    }

    /// The architecture on `d` inputs.
    func architecture(inputDimension d: Int) -> Architecture {
        let widths = Array(repeating: width, count: depth)
        switch family {
        case .hycnn: return .hycnn(inputDimension: d, widths: widths, gate: nonlinearity)
        case .groupmax: return .groupMax(inputDimension: d, widths: widths, gate: nonlinearity)
        case .icnn: return .icnn(inputDimension: d, widths: widths, activation: nonlinearity)
        case .icnnQuadratic: return .icnnQuadratic(inputDimension: d, widths: widths, activation: nonlinearity)
        case .mlp: return .mlp(inputDimension: d, widths: widths)
        case .maxaffine: return .maxAffine(inputDimension: d, pieces: width)
        }
    }

    /// Parses one spec; throws `BenchError.badOption` naming what is wrong.
    init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        func fail(_ reason: String) -> BenchError { .badOption(name: "--models", value: "'\(text)'", reason: reason) }
        let fields = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if fields[0] == "convexreg" {
            let limit = ConvexRegressionEstimator.maximumSampleCount
            guard fields.count >= 2, fields.count <= 3, let norm = ConvexRegressionEstimator.Norm(rawValue: fields[1]) else {
                throw fail("expected convexreg:l1 or convexreg:linf, optionally with a sample count, e.g. convexreg:linf:300")
            }
            let samples = fields.count == 3 ? Int(fields[2]) : limit
            guard let samples, samples > 0, samples <= limit else {
                throw fail("the LP estimators take 1 to \(limit) samples (their LPs grow like n²), e.g. convexreg:l1:\(limit)")
            }
            family = .maxaffine
            width = samples
            depth = 1
            nonlinearity = .maxGate
            convexRegression = norm
            key = "convexreg:\(norm.rawValue):\(samples)"
            return
        }
        guard fields.count >= 2, fields.count <= 3, let family = ModelFamily(rawValue: fields[0]) else {
            throw fail("expected family:WIDTHxDEPTH[:nonlinearity], maxaffine:PIECES or convexreg:l1|linf[:N] with family one of "
                + ModelFamily.allCases.map(\.rawValue).joined(separator: ", ") + ", e.g. hycnn:48x4")
        }
        if family == .maxaffine {
            guard fields.count == 2, let pieces = Int(fields[1]), pieces > 0 else {
                throw fail("max-affine takes a positive number of pieces only, e.g. maxaffine:48")
            }
            width = pieces
            depth = 1
        } else {
            let size = fields[1].split(separator: "x", omittingEmptySubsequences: false).compactMap { Int($0) }
            guard size.count == 2, size[0] > 0, size[1] > 0 else {
                throw fail("the size must be WIDTHxDEPTH with positive integers, e.g. 48x4")
            }
            width = size[0]
            depth = size[1]
        }
        self.family = family
        convexRegression = nil
        if fields.count == 3 {
            nonlinearity = try Self.parseNonlinearity(fields[2], family: family, fail: fail)
        } else {
            nonlinearity = Self.defaultNonlinearity(family)
        }
        key = fields.count == 3 ? trimmed : "\(fields[0]):\(fields[1])"
    }

    /// Parses a comma-separated list of specs (repeats dropped, order kept).
    static func parseList(_ text: String) throws -> [ModelSpec] {
        try ListOption.parse(text, option: "--models", expected: "model specs", example: "hycnn:48x4,mlp:64x4") {
            try ModelSpec(parsing: $0)
        }
    }

    static func defaultNonlinearity(_ family: ModelFamily) -> Nonlinearity {
        switch family {
        case .hycnn, .groupmax, .maxaffine: return .maxGate
        case .icnn, .icnnQuadratic, .mlp: return .relu
        }
    }

    /// `max`, `smooth=τ` for the gated families; `relu`, `leaky=α`, `softplus=τ` for both ICNNs; `relu` for the MLP.
    private static func parseNonlinearity(_ text: String, family: ModelFamily, fail: (String) -> BenchError) throws -> Nonlinearity {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        let value = parts.count == 2 ? Double(parts[1]) : nil
        if parts.count == 2, value == nil || !(value!.isFinite) { throw fail("'\(parts[1])' is not a finite number") }
        switch (family, name) {
        case (.hycnn, "max"), (.groupmax, "max"): return .maxGate
        case (.hycnn, "smooth"), (.groupmax, "smooth"):
            guard let tau = value, tau > 0 else { throw fail("the smooth gate needs a positive temperature, e.g. smooth=0.1") }
            return .smoothMaxGate(temperature: tau)
        case (.icnn, "relu"), (.icnnQuadratic, "relu"), (.mlp, "relu"): return .relu
        case (.icnn, "leaky"), (.icnnQuadratic, "leaky"):
            guard let alpha = value, alpha >= 0, alpha <= 1 else { throw fail("leaky needs a slope in [0, 1], e.g. leaky=0.1") }
            return .leakyRelu(slope: alpha)
        case (.icnn, "softplus"), (.icnnQuadratic, "softplus"):
            guard let tau = value, tau > 0 else { throw fail("softplus needs a positive temperature, e.g. softplus=1") }
            return .softplus(temperature: tau)
        default:
            let allowed: String
            switch family {
            case .hycnn, .groupmax: allowed = "max or smooth=τ"
            case .icnn, .icnnQuadratic: allowed = "relu, leaky=α or softplus=τ"
            case .mlp: allowed = "relu"
            case .maxaffine: allowed = "nothing (max-affine has no options)"
            }
            throw fail("\(family.rawValue) takes \(allowed), not '\(text)'")
        }
    }

    private static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
