import Foundation
import TestSupport

/// One line of the Netlib set's reference.csv (name, rows, cols, nonzeros, objective), read by
/// the tests' reader: `path(in:)` gives its file, `relativeError(_:)` its distance to the reference.
typealias NetlibProblem = NetlibReference.Entry

extension NetlibReference.Entry {
    /// The problems of `directory/reference.csv`, in file order.
    static func catalog(in directory: String) throws -> [NetlibProblem] {
        do { return try NetlibReference.entries(in: directory) } catch {
            throw BenchError.badOption(name: "--netlib", value: directory, reason: "has no readable reference.csv; point it at the Netlib folder")
        }
    }
}
