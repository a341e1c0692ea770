import DataFiles

/// The file formats a model is read from and written to.
public enum ModelFormat: String, Sendable, CaseIterable {
    /// Fixed-format MPS (``MPSFormat/fixed``).
    case mps
    /// Free-format MPS (``MPSFormat/free``).
    case freeMPS = "free-mps"
    /// CPLEX LP format (``LinearProgram/init(lpText:)``).
    case lp

    /// The format a path's extension names: `.lp` or `.lp.gz` → LP, `.mps` or `.mps.gz` → MPS
    /// (fixed when reading; free MPS is written, since it holds any name); nil for any other.
    public static func byExtension(_ path: String) -> ModelFormat? {
        let name = path.lowercased().hasSuffix(".gz") ? String(path.lowercased().dropLast(3)) : path.lowercased()
        if name.hasSuffix(".lp") { return .lp }
        if name.hasSuffix(".mps") { return .mps }
        return nil
    }

    /// The format of model text read from a stream with no name: LP when its first word (after
    /// blank lines and `\\` comments) is an objective keyword (`minimize`, `max`, …), else fixed MPS.
    public static func sniffed(_ bytes: [UInt8]) -> ModelFormat {
        var k = 0
        while k < bytes.count {
            var end = k
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var line = bytes[k..<end]
            if let comment = line.firstIndex(of: UInt8(ascii: "\\")) { line = line[line.startIndex..<comment] }
            let words = LPReader.words(line)
            if !words.isEmpty, case .some((.objective?, _)) = LPReader.keyword(words) { return .lp }
            if !words.isEmpty { return .mps }
            k = end + 1
        }
        return .mps
    }
}

extension LinearProgram {
    /// Reads a model from file bytes (gzip already inflated) in `format`.
    public init(modelBytes bytes: [UInt8], format: ModelFormat) throws {
        switch format {
        case .mps: self = try MPSReader.read(bytes, format: .fixed)
        case .freeMPS: self = try MPSReader.read(bytes, format: .free)
        case .lp: self = try LPReader.read(bytes)
        }
    }

    /// Writes the model to a checked output file in `format` (gzip-compressed for `.gz`).
    public func write(to file: OutputFile, format: ModelFormat) throws {
        switch format {
        case .mps: try writeMPS(to: file, format: .fixed)
        case .freeMPS: try writeMPS(to: file, format: .free)
        case .lp: try writeLP(to: file)
        }
    }
}
