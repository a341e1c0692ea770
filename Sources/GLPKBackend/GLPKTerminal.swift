import CGLPK

/// GLPK's terminal output for the current thread: silent, or forwarded to a logger.
/// GLPK keeps this state per thread, so it is set at the start of every solve.
enum GLPKTerminal {
    final class Sink {
        let logger: @Sendable (String) -> Void
        init(_ logger: @escaping @Sendable (String) -> Void) { self.logger = logger }
    }

    /// Runs `body` with GLPK's output sent to `logger` (or dropped when nil), then silences it.
    static func withOutput<Result>(to logger: (@Sendable (String) -> Void)?, _ body: () throws -> Result) rethrows -> Result {
        guard let logger else {
            silence()
            return try body()
        }
        let sink = Sink(logger)
        return try withExtendedLifetime(sink) {
            glp_term_hook({ info, text in
                if let info, let text {
                    Unmanaged<Sink>.fromOpaque(info).takeUnretainedValue().logger(String(cString: text))
                }
                return 1
            }, Unmanaged.passUnretained(sink).toOpaque())
            glp_term_out(GLP_ON)
            defer { silence() }
            return try body()
        }
    }

    /// term_out off plus a hook that swallows everything: nothing reaches stdout.
    static func silence() {
        glp_term_out(GLP_OFF)
        glp_term_hook({ _, _ in 1 }, nil)
    }
}
