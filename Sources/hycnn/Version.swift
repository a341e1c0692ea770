import GLPKBackend
import LinearAlgebra

/// The package version (CHANGELOG.md's latest entry) and the libraries this build runs on,
/// as `hycnn --version` prints them.
enum Version {
    static let number = "0.9.0"

    static var description: String {
        "hycnn \(number)\nGLPK \(GLPKSolver.libraryVersion)\nBLAS: \(BLASProvider.description), \(BLASThreads.count) thread\(BLASThreads.count == 1 ? "" : "s")"
    }
}
