import Foundation

/// runs.csv: one line per finished input (kind, index, category, ending, seconds, command,
/// reason, mutations, first line of stderr), flushed as it happens, so an interrupted run keeps its results and
/// `--resume` can skip them.
final class FuzzLog {
    struct Key: Hashable {
        var kind: FuzzKind
        var index: Int
    }

    struct Record {
        var kind: FuzzKind
        var index: Int
        var category: FuzzCategory
        var ending: String
        var seconds: Double
        var command: String
        var reason: String
        var mutations: String
        /// The first line of the run's stderr (its error message, if any), shortened.
        var message: String = ""

        var line: String {
            [kind.rawValue, "\(index)", category.rawValue, ending, String(format: "%.3f", seconds), command, reason, mutations, message]
                .map(ResultTable.csvField).joined(separator: ",")
        }
    }

    static let header = "kind,index,category,ending,seconds,command,reason,mutations,message"
    let path: String
    private var handle: FileHandle?

    init(path: String) { self.path = path }

    deinit { try? handle?.close() }

    /// A fresh file; nothing done yet.
    func start() throws -> [Key: Record] {
        guard FileManager.default.createFile(atPath: path, contents: Data((Self.header + "\n").utf8)) else {
            throw BenchError.unwritableFile(path: path, reason: "cannot create the file")
        }
        try open()
        return [:]
    }

    private func open() throws {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchError.unwritableFile(path: path, reason: "cannot open the file") }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    /// The records already in the file (its first three fields are never quoted), which is
    /// then appended to.
    func resume() throws -> [Key: Record] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return try start() }
        var done: [Key: Record] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let kind = FuzzKind(rawValue: String(fields[0])), let index = Int(fields[1]),
                  let category = FuzzCategory(rawValue: String(fields[2])) else { continue }
            done[Key(kind: kind, index: index)] = Record(kind: kind, index: index, category: category, ending: "", seconds: 0,
                                                         command: "", reason: "", mutations: "")
        }
        try open()
        return done
    }

    /// Appends the record's line and flushes it to disk.
    func append(_ record: Record) throws {
        guard let handle else { throw BenchError.unwritableFile(path: path, reason: "the file was not opened") }
        do {
            try handle.write(contentsOf: Data((record.line + "\n").utf8))
            try handle.synchronize()
        } catch {
            throw BenchError.unwritableFile(path: path, reason: error.localizedDescription)
        }
    }
}
