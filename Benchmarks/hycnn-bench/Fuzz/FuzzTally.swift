import Foundation

/// Counts per kind and category, and the summary table.
struct FuzzTally {
    let kinds: [FuzzKind]
    private var counts: [FuzzKind: [FuzzCategory: Int]] = [:]

    init(kinds: [FuzzKind]) { self.kinds = kinds }

    mutating func add(_ record: FuzzLog.Record) { counts[record.kind, default: [:]][record.category, default: 0] += 1 }

    func count(_ kind: FuzzKind, _ category: FuzzCategory) -> Int { counts[kind]?[category] ?? 0 }
    func inputs(_ kind: FuzzKind) -> Int { counts[kind]?.values.reduce(0, +) ?? 0 }

    /// Signal deaths, hangs, bad exits and rejected claims over all kinds.
    var findings: Int { kinds.reduce(0) { total, kind in total + [.signal, .hang, .badExit, .rejected].reduce(0) { $0 + count(kind, $1) } } }

    func progress(_ kind: FuzzKind) -> String {
        [FuzzCategory.signal, .hang, .badExit, .rejected, .undecided].map { "\(count(kind, $0)) \($0.rawValue)" }.joined(separator: ", ")
    }

    func table() -> ResultTable {
        var table = ResultTable(columns: [.init(title: "kind", alignment: .left), .init(title: "inputs", alignment: .right),
                                          .init(title: "signal deaths", alignment: .right), .init(title: "hangs", alignment: .right),
                                          .init(title: "bad exit codes", alignment: .right), .init(title: "rejected claims", alignment: .right),
                                          .init(title: "undecided", alignment: .right), .init(title: "ok", alignment: .right)])
        for kind in kinds {
            table.append([kind.rawValue, "\(inputs(kind))"] + [FuzzCategory.signal, .hang, .badExit, .rejected, .undecided, .ok].map { "\(count(kind, $0))" })
        }
        return table
    }
}
