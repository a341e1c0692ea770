import DataFiles

/// Bad input to a transport map, a metric or a map file. Each case says what is wrong.
public enum TransportMapsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An array whose size does not fit: `what` names it.
    case shapeMismatch(what: String, expected: String, actual: String)
    /// A sample with fewer points than the computation needs.
    case tooFewPoints(what: String, count: Int, needed: Int)
    /// A NaN or infinite coordinate (0-based point and coordinate).
    case notFinite(what: String, point: Int, coordinate: Int)
    /// A setting out of its range.
    case invalidSetting(name: String, reason: String)
    /// A computation that gave nothing usable (an entropic plan with non-finite potentials).
    case failed(what: String, reason: String)
    /// A map file that does not hold a map: the wrong `format` (nil when it has none).
    case notAMapFile(path: String, format: String?)
    /// A map file of a version this library does not read.
    case unsupportedMapVersion(path: String, found: Int, supported: Int)
    /// A map file whose content is wrong.
    case invalidMapFile(path: String, reason: String)
    /// A file that cannot be read or written, or an unknown or repeated key.
    case file(FileError)

    public var description: String {
        switch self {
        case let .shapeMismatch(what, expected, actual):
            return "\(what): expected \(expected), got \(actual)"
        case let .tooFewPoints(what, count, needed):
            return "\(what) has \(count) point\(count == 1 ? "" : "s"), at least \(needed) needed"
        case let .notFinite(what, point, coordinate):
            return "\(what): point \(point + 1), coordinate \(coordinate + 1) is not a finite number"
        case let .invalidSetting(name, reason):
            return "invalid \(name): \(reason)"
        case let .failed(what, reason):
            return "\(what) failed: \(reason)"
        case let .notAMapFile(path, format):
            let found = format.map { "its \"format\" is \"\($0)\"" } ?? "it has no \"format\" key"
            let hint = format == "hycnn-model" ? " (a model file holds one network; a map file holds the two potentials of a map)" : ""
            return "\(path): not a transport map file: \(found), expected \"\(TransportMapFile.formatName)\"\(hint)"
        case let .unsupportedMapVersion(path, found, supported):
            return "\(path): map file version \(found) is not supported (this build reads version \(supported))"
        case let .invalidMapFile(path, reason):
            return "\(path): invalid map file: \(reason)"
        case let .file(error):
            return error.description
        }
    }
}
