import ArgumentParser
import DataFiles
import LinearProgramming

/// Where `hycnn solve` reads its model: a path or `-` (standard input), in the format that
/// `--format` (or `--free`) names, else the path's extension names (`.lp`, `.lp.gz`: LP),
/// else MPS; standard input without `--format` is LP when it starts with an objective keyword.
struct ModelInput {
    var path: String
    var format: ModelFormat
    /// The format came from the user (`--format`/`--free`), not from the name or the content.
    var formatGiven: Bool

    var isStandardInput: Bool { path == "-" }
    var displayName: String { isStandardInput ? "standard input" : path }

    /// Reads and parses the model; on failure prints the error (and, for MPS read as fixed, a
    /// note when it reads as free MPS) and throws `ExitCode.failure`.
    static func read(_ path: String, format option: ModelFormat?) throws -> (LinearProgram, ModelInput) {
        let bytes: [UInt8]
        do {
            bytes = path == "-" ? try InputFile.standardInput(inflatingGzip: true) : try InputFile.bytes(ofFile: path, inflatingGzip: true)
        } catch let error as FileError {
            if case .notFound = error { printError("error: \(LinearProgrammingError.fileNotFound(path: path))") } else {
                printError("error: cannot read \(path == "-" ? "standard input" : path): \(error.reason)")
            }
            throw ExitCode.failure
        }
        let format = option ?? (path == "-" ? ModelFormat.sniffed(bytes) : ModelFormat.byExtension(path) ?? .mps)
        let input = ModelInput(path: path, format: format, formatGiven: option != nil)
        do {
            var model = try LinearProgram(modelBytes: bytes, format: format)
            if format == .lp, model.name == "model", !input.isStandardInput { model.name = Self.baseName(path) }
            return (model, input)
        } catch let error as LinearProgrammingError {
            printError("error: \(input.displayName): \(error)")
            // A free-format file (what `minimize --write-mps` writes) misread as fixed format: say so.
            if case .malformedMPS = error, format == .mps, (try? LinearProgram(modelBytes: bytes, format: .freeMPS)) != nil {
                printError("note: the file reads without error as free-format MPS; add --free (or --format free-mps)")
            }
            if case .malformedMPS = error, !input.formatGiven, ModelFormat.sniffed(bytes) == .lp {
                printError("note: the text starts like CPLEX LP format; add --format lp")
            }
            throw ExitCode.failure
        }
    }

    /// The file name without folders and without `.lp`/`.gz` (an LP file's model name).
    static func baseName(_ path: String) -> String {
        var name = Substring(path.split(separator: "/").last ?? Substring(path))
        for suffix in [".gz", ".lp", ".mps"] where name.lowercased().hasSuffix(suffix) { name = name.dropLast(suffix.count) }
        return name.isEmpty ? "model" : String(name)
    }
}

extension ModelFormat: ExpressibleByArgument {}
