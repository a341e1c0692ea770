import ConvexNetworks

/// The text of a convexity certificate, shared by `certify` and `ot-map certify`: the verdict
/// with one reason per line, then the counterexample when one was found.
enum ConvexityReport {
    static func lines(_ certificate: ConvexityCertificate, inputNames: [String]) -> [String] {
        var lines = [certificate.description]
        if let c = certificate.counterexample {
            lines.append("counterexample (\(inputNames.joined(separator: ", "))):")
            lines.append("  a = \(c.a)")
            lines.append("  b = \(c.b)")
            lines.append("  f((a+b)/2) = \(c.midpointValue) > (f(a)+f(b))/2 = \(c.chordValue)")
        }
        return lines
    }
}
