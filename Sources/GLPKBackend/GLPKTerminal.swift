import CGLPK
import Foundation

/// GLPK's terminal output for the current thread, captured by a hook: forwarded to the
/// caller's logger when there is one, never printed, and read for the interior-point
/// iteration count (GLPK has no API for it). GLPK keeps this state per thread, so it is set
/// at the start of every solve.
final class GLPKTerminal {
    private let logger: (@Sendable (String) -> Void)?
    /// The last "nnn: obj = …" iteration number glp_interior printed.
    private(set) var interiorIterations = 0

    private init(logger: (@Sendable (String) -> Void)?) { self.logger = logger }

    private func receive(_ text: String) {
        logger?(text)
        // Interior-point progress lines look like "  12: obj =  …".
        if let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix(": obj"),
           let iteration = Int(text[..<colon].trimmingCharacters(in: .whitespaces)) {
            interiorIterations = iteration
        }
    }

    /// Runs `body` with GLPK's output captured, then silences GLPK on this thread.
    static func capture<Result>(logger: (@Sendable (String) -> Void)?, _ body: (GLPKTerminal) throws -> Result) rethrows -> Result {
        let terminal = GLPKTerminal(logger: logger)
        return try withExtendedLifetime(terminal) {
            glp_term_hook({ info, text in
                if let info, let text {
                    Unmanaged<GLPKTerminal>.fromOpaque(info).takeUnretainedValue().receive(String(cString: text))
                }
                return 1   // non-zero: GLPK prints nothing itself
            }, Unmanaged.passUnretained(terminal).toOpaque())
            glp_term_out(GLP_ON)
            defer { silence() }
            return try body(terminal)
        }
    }

    /// term_out off plus a hook that swallows everything: nothing reaches stdout.
    static func silence() {
        glp_term_out(GLP_OFF)
        glp_term_hook({ _, _ in 1 }, nil)
    }
}
