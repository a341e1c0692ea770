import Foundation
@testable import LinearProgramming

/// Fixtures and helpers for MPSTests: temporary files, gzip, the models the tests describe.
enum MPSTestSupport {
    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mps-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The path of the system gzip tool, if there is one.
    static var gzipTool: String? {
        ["/bin/gzip", "/usr/bin/gzip"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Compresses `file` with the system gzip tool into `file.gz` (keeping `file`).
    static func gzip(_ file: URL) throws -> URL {
        let process = Process()
        guard let tool = gzipTool else { throw CocoaError(.fileNoSuchFile) }
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-k", "-f", "-n", file.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return URL(fileURLWithPath: file.path + ".gz")
    }

    /// The error thrown by `body` as a `LinearProgrammingError`, or nil when nothing (or
    /// something else) was thrown.
    static func error(_ body: () throws -> Void) -> LinearProgrammingError? {
        do { try body(); return nil } catch let error as LinearProgrammingError { return error } catch { return nil }
    }

    /// The model that `fixedText` and `freeText` in MPSTests describe, built through the API.
    static func expectedModel() -> LinearProgram {
        var lp = LinearProgram(name: "TESTLP", sense: .minimize, objectiveConstant: 2.5)
        let x1 = lp.addVariable("X1", lower: 0, upper: 4, cost: 1)
        let x2 = lp.addVariable("X2", lower: -1, upper: 1, cost: 2)
        let y1 = lp.addVariable("Y1", lower: 2, upper: 10, kind: .integer, cost: 3)
        let y2 = lp.addVariable("Y2", lower: 0, upper: 5, kind: .integer)
        let y3 = lp.addVariable("Y3", lower: 0, upper: 1, kind: .integer)   // marker column without bounds: binary
        let z1 = lp.addVariable("Z1", lower: 2.5, upper: 2.5, cost: -0.5)
        let z2 = lp.addVariable("Z2", lower: -.infinity, upper: .infinity)
        let z3 = lp.addVariable("Z3", lower: -.infinity, upper: -2)
        let z4 = lp.addVariable("Z4")
        lp.addVariable("B1", kind: .binary, cost: 4)
        let z5 = lp.addVariable("Z5", lower: -3, upper: -1)
        lp.addConstraint("LIM1", [(x1, 1), (x2, 1), (z4, 0.001)], upper: 4)
        lp.addConstraint("LIM2", [(x1, 1), (y3, 2.5), (z3, 2)], lower: 1)
        lp.addConstraint("MYEQN", [(x2, -1), (z2, 1), (z5, 2)], .equal, 7)
        lp.addConstraint("RANGEPOS", [(y1, 1)], lower: 2, upper: 6)
        lp.addConstraint("RANGENEG", [(y2, 1)], lower: 1, upper: 3)
        lp.addConstraint("RANGEL", [(y2, 1)], lower: 3.5, upper: 5)
        lp.addConstraint("RANGEG", [(z1, 1)], lower: 6, upper: 8.5)
        return lp
    }

    /// A model with every feature the writer handles: maximisation, a constant, ranged rows,
    /// integer, binary, free, fixed, upper-bounded-only and negative-box variables, and a column
    /// with no entries. With `longRange`, row r2 is [0.1, 0.3], whose RANGES value must be
    /// 0.19999999999999998 (too long for a fixed-format field) for rhs ± R to be exact.
    static func roundTripModel(longRange: Bool = true) -> LinearProgram {
        var lp = LinearProgram(name: "ROUND", sense: .maximize, objectiveConstant: -12.75)
        let a = lp.addVariable("a", lower: 0, upper: 40, cost: 1)
        let b = lp.addVariable("b", lower: -.infinity, upper: .infinity, cost: -2)
        let c = lp.addVariable("c", lower: -.infinity, upper: 7.5, cost: 3)
        let d = lp.addVariable("d", lower: 1.25, upper: 1.25)
        let i = lp.addVariable("i", lower: -3, upper: 9, kind: .integer, cost: 0.1)
        let k = lp.addVariable("k", lower: 0, upper: .infinity, kind: .integer, cost: 1e-3)
        let m = lp.addVariable("m", lower: -.infinity, upper: .infinity, kind: .integer)
        let y = lp.addVariable("y", kind: .binary, cost: 5)
        var one = Variable(name: "one", kind: .binary, cost: -1)
        one.lower = 1
        let oneIndex = lp.variables.count
        lp.variables.append(one)
        let n = lp.addVariable("n", lower: -5, upper: -2)
        lp.addVariable("empty", lower: 2, upper: 3)
        lp.addVariable("after", cost: 1e30)
        lp.addConstraint("r1", [(a, 1), (b, 2), (c, -1), (i, 4)], upper: 10)
        lp.addConstraint("r2", [(a, 0.3), (k, 1), (y, -1)], lower: longRange ? 0.1 : 0.25, upper: longRange ? 0.3 : 0.5)
        lp.addConstraint("r3", [(b, 1), (d, 1), (m, 1)], .equal, -4)
        lp.addConstraint("r4", [(c, 2), (oneIndex, 1), (n, 1)], lower: -1e-7)
        lp.addConstraint("r5", [(i, 1), (k, -1)], lower: -2.5, upper: 1e6)
        return lp
    }
}
