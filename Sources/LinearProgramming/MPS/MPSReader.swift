import DataFiles

/// The two layouts of MPS files.
public enum MPSFormat: String, Sendable, CaseIterable {
    /// The original IBM layout: fields at fixed columns (2–3, 5–12, 15–22, 25–36, 40–47, 50–61),
    /// names of at most 8 characters that may contain spaces, numbers of at most 12 characters.
    case fixed
    /// Fields separated by whitespace; names of any length without spaces.
    case free
}

extension LinearProgram {
    /// Reads an MPS file, gzip-compressed or not (see ``init(mpsText:format:)`` for the rules),
    /// within ``InputFile``'s size limit (`limit` bytes, raw and after inflation).
    /// - Throws: `.fileNotFound`, `.unreadableFile` (not a regular file, over the size limit,
    ///   or zlib's reason for corrupt gzip data), or `.malformedMPS(line:reason:)`.
    public init(mpsFile path: String, format: MPSFormat = .fixed, limit: Int = InputFile.defaultLimit) throws {
        let bytes: [UInt8]
        do { bytes = try InputFile.bytes(ofFile: path, limit: limit, inflatingGzip: true) } catch let error as FileError {
            if case .notFound = error { throw LinearProgrammingError.fileNotFound(path: path) }
            throw LinearProgrammingError.unreadableFile(path: path, reason: error.reason)
        }
        self = try MPSReader.read(bytes, format: format)
    }

    /// Reads a model from MPS text.
    ///
    /// Sections: NAME, OBJSENSE (`MAX`/`MAXIMIZE`/`MIN`/`MINIMIZE`, on the same or the next
    /// line), ROWS, COLUMNS, RHS, RANGES, BOUNDS, ENDATA; ROWS and COLUMNS must come before the
    /// sections that use their names. Lines starting with `*` and blank lines are comments.
    /// Conventions (those of HiGHS and GLPK 5.0 unless said otherwise):
    /// - The **first N row is the objective**; later N rows are free rows and are dropped with
    ///   their entries, RHS and RANGES. RANGES on the objective row are ignored.
    /// - An RHS entry on the objective row is the **negative** of the objective constant:
    ///   objective = cᵀx − rhs₀.
    /// - RANGES R: an L row becomes [rhs − |R|, rhs], a G row [rhs, rhs + |R|], an E row
    ///   [rhs, rhs + R] when R ≥ 0 and [rhs + R, rhs] when R < 0.
    /// - BOUNDS UP/LO/FX/FR/MI/PL set what their names say and nothing else: **a negative UP
    ///   bound leaves the lower bound at its value** (0 by default) as in HiGHS and GLPK, not −∞
    ///   as in old MPSX readers (SAS, lp_solve, QSopt); MI leaves the upper bound alone. BV makes
    ///   a column binary with bounds [0, 1]; LI/UI make it integer and set the lower/upper bound.
    ///   SC (semi-continuous) and SI are not supported. A column whose bounds end up crossed is
    ///   an error naming its last BOUNDS line.
    /// - Columns between `'MARKER' 'INTORG'` and `'MARKER' 'INTEND'` are integer; one that no
    ///   BOUNDS line mentions gets bounds [0, 1], as in CPLEX, GLPK and HiGHS (any bound line
    ///   on it leaves the other bound at its default 0 / +∞).
    /// - Zero coefficients are not stored; every (row, column) pair, RHS and range may be given
    ///   once; a column's entries must be consecutive; one RHS, RANGES and BOUNDS vector.
    ///
    /// Fixed format reads fields by column; a line that does not fit the columns (text in the
    /// gaps between fields, a tab, or text past column 61) or leaves a needed field blank is split
    /// at whitespace instead, as in free format. Free format names a vector (RHS, RANGES, BOUNDS set) optionally: whether
    /// the first name is the set name is decided by the number of fields on the line.
    /// - Throws: `.malformedMPS(line:reason:)` naming the line and what is wrong.
    public init(mpsText text: String, format: MPSFormat = .fixed) throws {
        self = try MPSReader.read(Array(text.utf8), format: format)
    }
}

/// The MPS parser behind ``LinearProgram/init(mpsText:format:)``: one pass over the bytes,
/// dictionaries from names to indices, per-row arrays of entries.
struct MPSReader {
    enum Section: String { case none = "", name = "NAME", objectiveSense = "OBJSENSE", rows = "ROWS",
                           columns = "COLUMNS", rhs = "RHS", ranges = "RANGES", bounds = "BOUNDS" }
    enum RowKind { case equal, less, greater }

    static let objectiveRow = -1, droppedRow = -2
    static let boundTypes: Set<String> = ["UP", "LO", "FX", "FR", "MI", "PL", "BV", "LI", "UI"]
    static let valuedBoundTypes: Set<String> = ["UP", "LO", "FX", "LI", "UI", "SC", "SI"]
    /// Byte offsets of the blank columns between fixed-format fields, and of the fields.
    static let fixedGaps = [0, 3, 12, 13, 22, 23, 36, 37, 38, 47, 48]
    static let fixedFieldColumns = [(1, 3), (4, 12), (14, 22), (24, 36), (39, 47), (49, 61)]
    static func read(_ bytes: [UInt8], format: MPSFormat) throws -> LinearProgram {
        try bytes.withUnsafeBufferPointer { buffer in
            var reader = MPSReader(text: buffer, format: format)
            return try reader.run()
        }
    }

    let text: UnsafeBufferPointer<UInt8>
    let format: MPSFormat
    private var name = ""
    private var sense = ObjectiveSense.minimize
    private var section = Section.none
    private var seen: Set<Section> = []
    private var awaitingSense = false
    /// Row name → constraint index, or `objectiveRow` / `droppedRow`.
    private var rowCodes: [String: Int] = [:]
    private var rowNames: [String] = [], rowKinds: [RowKind] = []
    private var rowColumns: [[Int]] = [], rowValues: [[Double]] = []
    /// The last column with an entry in each row (duplicate detection).
    private var rowStamp: [Int] = []
    private var rhs: [Double] = [], rhsGiven: [Bool] = [], ranges: [Double] = []
    private var hasObjective = false
    private var objectiveRHS: Double?
    private var columnCodes: [String: Int] = [:]
    private var variables: [Variable] = [], costGiven: [Bool] = [], lastBoundLine: [Int] = []
    private var currentColumn = -1
    private var integerBlock = false
    private var vectorNames: [Section: String] = [:]
    private var tokens: [Range<Int>] = []
    /// Fields 1–6 of the current data line in fixed-format numbering; empty ranges are blank.
    private var fields = [Range<Int>](repeating: 0..<0, count: 6)

    init(text: UnsafeBufferPointer<UInt8>, format: MPSFormat) {
        self.text = text
        self.format = format
        tokens.reserveCapacity(8)
    }

    private mutating func run() throws -> LinearProgram {
        var start = 0, line = 0
        while start < text.count {
            var end = start
            while end < text.count && text[end] != 10 { end += 1 }
            line += 1
            var last = end
            while last > start && (text[last - 1] == 13 || text[last - 1] == 32 || text[last - 1] == 9) { last -= 1 }
            if last > start && text[start] != 42 /* '*' */ {
                if text[start] == 32 || text[start] == 9 {
                    try dataLine(start..<last, line)
                } else if try headerLine(start..<last, line) {
                    return try finish()
                }
            }
            start = end + 1
        }
        let reason = seen.contains(.rows) ? "the file ends without ENDATA" : "no ROWS section: this is not an MPS model"
        throw fail(max(line, 1), reason)
    }

    // MARK: Lines

    /// Handles a section header; returns true at ENDATA.
    private mutating func headerLine(_ range: Range<Int>, _ line: Int) throws -> Bool {
        tokenize(range)
        let keyword = string(tokens[0])
        switch keyword {
        case "NAME":
            try enter(.name, line)
            name = nameField(range)
        case "OBJSENSE":
            try enter(.objectiveSense, line)
            awaitingSense = true
            if tokens.count > 1 { try readSense(tokens[1], line) }
        case "ROWS": try enter(.rows, line)
        case "COLUMNS": try enter(.columns, line)
        case "RHS": try enter(.rhs, line)
        case "RANGES": try enter(.ranges, line)
        case "BOUNDS": try enter(.bounds, line)
        case "ENDATA":
            if awaitingSense { throw fail(line, "the OBJSENSE section ends without MAX or MIN") }
            for needed in [Section.rows, .columns] where !seen.contains(needed) {
                throw fail(line, "ENDATA before any \(needed.rawValue) section; ROWS and COLUMNS are required")
            }
            return true
        default:
            if section == .objectiveSense && awaitingSense && tokens.count == 1 {
                try readSense(tokens[0], line)
            } else {
                throw fail(line, "unknown or unsupported section '\(keyword)' (known: NAME, OBJSENSE, ROWS, COLUMNS, RHS, RANGES, BOUNDS, ENDATA; data lines must start with a space)")
            }
        }
        return false
    }

    private mutating func enter(_ next: Section, _ line: Int) throws {
        if seen.contains(next) { throw fail(line, "a second \(next.rawValue) section") }
        if awaitingSense { throw fail(line, "the OBJSENSE section ends without MAX or MIN") }
        switch next {
        case .columns where !seen.contains(.rows):
            throw fail(line, "COLUMNS section before the ROWS section")
        case .rhs, .ranges, .bounds:
            if !seen.contains(.columns) { throw fail(line, "\(next.rawValue) section before the COLUMNS section") }
        default: break
        }
        seen.insert(next)
        section = next
    }

    private mutating func dataLine(_ range: Range<Int>, _ line: Int) throws {
        switch section {
        case .none, .name:
            throw fail(line, section == .none ? "data line before any section header" : "unexpected data line after NAME")
        case .objectiveSense:
            tokenize(range)
            guard awaitingSense, tokens.count == 1 else { throw fail(line, "OBJSENSE takes one word, MAX or MIN") }
            try readSense(tokens[0], line)
        case .rows, .columns, .rhs, .ranges, .bounds:
            // A fixed-format line that does not fit the columns, or leaves a needed field blank
            // (" UP BND x 3" fits in fields 1–2), is split at whitespace instead.
            if format == .free || !fixedFields(range) || !hasNeededFields { try freeFields(range, line) }
            switch section {
            case .rows: try rowLine(line)
            case .columns: try columnLine(line)
            case .bounds: try boundLine(line)
            default: try vectorLine(line)
            }
        }
    }

    private mutating func readSense(_ word: Range<Int>, _ line: Int) throws {
        switch string(word).uppercased() {
        case "MAX", "MAXIMIZE", "MAXIMISE": sense = .maximize
        case "MIN", "MINIMIZE", "MINIMISE": sense = .minimize
        default: throw fail(line, "OBJSENSE must be MAX or MIN, not '\(string(word))'")
        }
        awaitingSense = false
    }

    // MARK: Sections

    private mutating func rowLine(_ line: Int) throws {
        guard !fields[0].isEmpty, !fields[1].isEmpty else { throw fail(line, "a ROWS line needs a type (N, E, L, G) and a row name") }
        guard fields[2...].allSatisfy(\.isEmpty) else { throw fail(line, "unexpected text after the row name") }
        let type = string(fields[0]).uppercased(), rowName = string(fields[1])
        guard rowCodes[rowName] == nil else { throw fail(line, "row '\(rowName)' is declared twice") }
        let kind: RowKind
        switch type {
        case "N":
            rowCodes[rowName] = hasObjective ? Self.droppedRow : Self.objectiveRow
            hasObjective = true
            return
        case "E": kind = .equal
        case "L": kind = .less
        case "G": kind = .greater
        default: throw fail(line, "row type '\(type)' of row '\(rowName)' is not N, E, L or G")
        }
        rowCodes[rowName] = rowNames.count
        rowNames.append(rowName); rowKinds.append(kind)
        rowColumns.append([]); rowValues.append([]); rowStamp.append(-1)
        rhs.append(0); rhsGiven.append(false); ranges.append(.nan)
    }

    private mutating func columnLine(_ line: Int) throws {
        guard !fields[1].isEmpty else { throw fail(line, "a COLUMNS line needs a column name in field 2") }
        if fields[2].count == 8 && text[fields[2].lowerBound] == 39 && string(fields[2]) == "'MARKER'" {
            guard let marker = [fields[4], fields[3], fields[5]].first(where: { !$0.isEmpty }) else {
                throw fail(line, "a MARKER line needs 'INTORG' or 'INTEND'")
            }
            switch string(marker) {
            case "'INTORG'": integerBlock = true
            case "'INTEND'": integerBlock = false
            default: throw fail(line, "marker '\(string(marker))' is not 'INTORG' or 'INTEND'")
            }
            return
        }
        let columnName = string(fields[1])
        if currentColumn < 0 || variables[currentColumn].name != columnName {
            if columnCodes[columnName] != nil {
                throw fail(line, "column '\(columnName)' appears again after other columns; a column's entries must be consecutive")
            }
            currentColumn = variables.count
            columnCodes[columnName] = currentColumn
            variables.append(Variable(name: columnName, kind: integerBlock ? .integer : .continuous))
            costGiven.append(false); lastBoundLine.append(0)
        }
        guard !fields[2].isEmpty, !fields[3].isEmpty else { throw fail(line, "a COLUMNS line needs a row name and a value") }
        try addEntry(row: fields[2], value: fields[3], line)
        if !fields[4].isEmpty || !fields[5].isEmpty {
            guard !fields[4].isEmpty, !fields[5].isEmpty else { throw fail(line, "the second entry needs both a row name and a value") }
            try addEntry(row: fields[4], value: fields[5], line)
        }
    }

    private mutating func addEntry(row: Range<Int>, value: Range<Int>, _ line: Int) throws {
        let j = currentColumn, rowName = string(row)
        guard let code = rowCodes[rowName] else {
            throw fail(line, "unknown row '\(rowName)' in COLUMNS (column '\(variables[j].name)'); declare it in ROWS")
        }
        let x = try number(value, line, "coefficient of column '\(variables[j].name)' in row '\(rowName)'")
        guard x.isFinite else {
            throw fail(line, "coefficient '\(string(value))' of column '\(variables[j].name)' in row '\(rowName)' is \(x) in double precision; coefficients must be finite (and below 1e15 in magnitude: see NumericPolicy)")
        }
        switch code {
        case Self.objectiveRow:
            if costGiven[j] { throw duplicate(line, rowName, variables[j].name) }
            costGiven[j] = true
            variables[j].cost = x
        case Self.droppedRow: break
        default:
            if rowStamp[code] == j { throw duplicate(line, rowName, variables[j].name) }
            rowStamp[code] = j
            if x != 0 { rowColumns[code].append(j); rowValues[code].append(x) }
        }
    }

    /// An RHS or RANGES line: [set name] row value [row value].
    private mutating func vectorLine(_ line: Int) throws {
        try checkVectorName(line)
        guard !fields[2].isEmpty, !fields[3].isEmpty else { throw fail(line, "an \(section.rawValue) line needs a row name and a value") }
        try setVectorEntry(row: fields[2], value: fields[3], line)
        if !fields[4].isEmpty || !fields[5].isEmpty {
            guard !fields[4].isEmpty, !fields[5].isEmpty else { throw fail(line, "the second entry needs both a row name and a value") }
            try setVectorEntry(row: fields[4], value: fields[5], line)
        }
    }

    private mutating func setVectorEntry(row: Range<Int>, value: Range<Int>, _ line: Int) throws {
        let rowName = string(row), what = section.rawValue
        guard let code = rowCodes[rowName] else { throw fail(line, "unknown row '\(rowName)' in \(what); declare it in ROWS") }
        let x = try number(value, line, "\(what) of row '\(rowName)'")
        switch (code, section) {
        case (Self.objectiveRow, .rhs):
            if objectiveRHS != nil { throw fail(line, "a second RHS for objective row '\(rowName)'") }
            objectiveRHS = x
        case (Self.objectiveRow, _), (Self.droppedRow, _): break
        case (_, .rhs):
            if rhsGiven[code] { throw fail(line, "a second RHS for row '\(rowName)'") }
            rhsGiven[code] = true
            rhs[code] = x
        default:
            if !ranges[code].isNaN { throw fail(line, "a second range for row '\(rowName)'") }
            ranges[code] = x
        }
    }

    private mutating func boundLine(_ line: Int) throws {
        let type = string(fields[0]).uppercased()
        guard Self.boundTypes.contains(type) else {
            if type == "SC" || type == "SI" { throw fail(line, "semi-continuous bounds (\(type)) are not supported") }
            throw fail(line, type.isEmpty ? "a BOUNDS line needs a bound type in field 1" : "unknown bound type '\(type)' (known: UP, LO, FX, FR, MI, PL, BV, LI, UI)")
        }
        try checkVectorName(line)
        guard !fields[2].isEmpty else { throw fail(line, "a \(type) bound needs a column name") }
        let columnName = string(fields[2])
        guard let j = columnCodes[columnName] else { throw fail(line, "unknown column '\(columnName)' in BOUNDS; columns are declared in COLUMNS") }
        var value = 0.0
        if Self.valuedBoundTypes.contains(type) {
            guard !fields[3].isEmpty else { throw fail(line, "the \(type) bound of column '\(columnName)' needs a value") }
            value = try number(fields[3], line, "\(type) bound of column '\(columnName)'")
        }
        switch type {
        case "UP": variables[j].upper = value
        case "LO": variables[j].lower = value
        case "FX": variables[j].lower = value; variables[j].upper = value
        case "FR": variables[j].lower = -.infinity; variables[j].upper = .infinity
        case "MI": variables[j].lower = -.infinity
        case "PL": variables[j].upper = .infinity
        case "BV": variables[j].kind = .binary; variables[j].lower = 0; variables[j].upper = 1
        case "LI": variables[j].kind = .integer; variables[j].lower = value
        default: variables[j].kind = .integer; variables[j].upper = value  // UI
        }
        lastBoundLine[j] = line
    }

    private mutating func checkVectorName(_ line: Int) throws {
        guard !fields[1].isEmpty else { return }
        let vector = string(fields[1])
        if let first = vectorNames[section] {
            if first != vector { throw fail(line, "a second \(section.rawValue) vector '\(vector)' (the first is '\(first)'); only one is supported") }
        } else {
            vectorNames[section] = vector
        }
    }

    // MARK: Result

    private mutating func finish() throws -> LinearProgram {
        // Integer columns from markers that no BOUNDS line mentions are binary (CPLEX, GLPK, HiGHS).
        for j in variables.indices where variables[j].kind == .integer && lastBoundLine[j] == 0 {
            variables[j].upper = 1
        }
        for (j, v) in variables.enumerated() {
            if v.lower == .infinity || v.upper == -.infinity {
                throw fail(lastBoundLine[j], "column '\(v.name)' gets lower bound \(v.lower) and upper bound \(v.upper), which leave no value")
            }
            if v.lower > v.upper {
                let hint = v.lower == 0 && v.upper < 0 ? " (a negative UP bound leaves the lower bound at 0; add an MI bound for −∞)" : ""
                throw fail(lastBoundLine[j], "column '\(v.name)' ends with lower bound \(v.lower) above upper bound \(v.upper)\(hint)")
            }
            if v.kind == .binary && (v.lower < 0 || v.upper > 1) {
                throw fail(lastBoundLine[j], "binary column '\(v.name)' has bounds [\(v.lower), \(v.upper)] outside [0, 1]")
            }
        }
        var model = LinearProgram(name: name, sense: sense, objectiveConstant: 0 - (objectiveRHS ?? 0))
        model.variables = variables
        model.constraints.reserveCapacity(rowNames.count)
        for i in rowNames.indices {
            let b = rhs[i], r = ranges[i]
            var lower = b, upper = b
            switch rowKinds[i] {
            case .less: lower = r.isNaN ? -.infinity : b - abs(r)
            case .greater: upper = r.isNaN ? .infinity : b + abs(r)
            case .equal where r.isNaN: break
            case .equal: if r >= 0 { upper = b + r } else { lower = b + r }
            }
            model.constraints.append(Constraint(name: rowNames[i], columns: rowColumns[i], coefficients: rowValues[i],
                                                lower: lower, upper: upper))
        }
        return model
    }

    // MARK: Fields

    /// Splits a fixed-format line at the standard columns; false when text lies outside them.
    private mutating func fixedFields(_ range: Range<Int>) -> Bool {
        let base = range.lowerBound, count = range.count
        guard count <= 61 else { return false }
        for k in range where text[k] == 9 { return false }
        for gap in Self.fixedGaps where gap < count && text[base + gap] != 32 { return false }
        for (f, (from, to)) in Self.fixedFieldColumns.enumerated() {
            var lo = base + min(from, count), hi = base + min(to, count)
            while lo < hi && text[lo] == 32 { lo += 1 }
            while hi > lo && text[hi - 1] == 32 { hi -= 1 }
            fields[f] = lo..<hi
        }
        return true
    }

    /// Whether the fields hold what the section needs at the least.
    private var hasNeededFields: Bool {
        switch section {
        case .rows: return !fields[0].isEmpty && !fields[1].isEmpty
        case .columns: return !fields[1].isEmpty && !fields[2].isEmpty && (!fields[3].isEmpty || !fields[4].isEmpty)
        case .rhs, .ranges: return !fields[2].isEmpty && !fields[3].isEmpty
        default: return !fields[0].isEmpty && !fields[2].isEmpty
        }
    }

    /// Maps whitespace-separated tokens to fixed-format field numbers for the current section.
    private mutating func freeFields(_ range: Range<Int>, _ line: Int) throws {
        tokenize(range)
        let t = tokens, n = t.count
        for f in 0..<6 { fields[f] = 0..<0 }
        func assign(_ slots: [Int]) { for (k, f) in slots.prefix(n).enumerated() { fields[f] = t[k] } }
        switch section {
        case .rows:
            guard n == 2 else { throw fail(line, "a ROWS line has a type and a name; found \(n) fields (free-format names cannot contain spaces)") }
            assign([0, 1])
        case .columns:
            if n >= 3 && string(t[1]) == "'MARKER'" { fields[1] = t[0]; fields[2] = t[1]; fields[4] = t[2]; return }
            guard n == 3 || n == 5 else { throw fail(line, "a COLUMNS line has a column name and one or two (row, value) pairs; found \(n) fields") }
            assign([1, 2, 3, 4, 5])
        case .rhs, .ranges:
            guard (2...5).contains(n) else { throw fail(line, "an \(section.rawValue) line has an optional set name and one or two (row, value) pairs; found \(n) fields") }
            assign(n % 2 == 0 ? [2, 3, 4, 5] : [1, 2, 3, 4, 5])
        default: // bounds; an unknown type is reported by boundLine
            let type = string(t[0]).uppercased()
            guard Self.boundTypes.contains(type) else { fields[0] = t[0]; return }
            let needsValue = Self.valuedBoundTypes.contains(type)
            switch (needsValue, n) {
            case (_, 4): assign([0, 1, 2, 3])
            case (true, 3): assign([0, 2, 3])
            case (false, 2): assign([0, 2])
            case (false, 3): assign(columnCodes[string(t[2])] != nil ? [0, 1, 2] : [0, 2, 3])
            default: throw fail(line, "a BOUNDS line has a type, an optional set name, a column and (for UP, LO, FX, LI, UI) a value; found \(n) fields")
            }
        }
    }

    private mutating func tokenize(_ range: Range<Int>) {
        tokens.removeAll(keepingCapacity: true)
        var k = range.lowerBound
        while k < range.upperBound {
            while k < range.upperBound && (text[k] == 32 || text[k] == 9) { k += 1 }
            let start = k
            while k < range.upperBound && text[k] != 32 && text[k] != 9 { k += 1 }
            if k > start { tokens.append(start..<k) }
        }
    }

    /// The model name: fixed format's field 3 (columns 15–22) when the name starts there,
    /// otherwise the rest of the NAME line.
    private func nameField(_ range: Range<Int>) -> String {
        guard tokens.count > 1 else { return "" }
        let start = tokens[1].lowerBound
        if format == .fixed && start == range.lowerBound + 14 {
            var end = min(start + 8, range.upperBound)
            while end > start && text[end - 1] == 32 { end -= 1 }
            return string(start..<end)
        }
        return string(start..<range.upperBound)
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
    }

    private func number(_ range: Range<Int>, _ line: Int, _ what: @autoclosure () -> String) throws -> Double {
        let word = string(range)
        guard let x = Double(word), !x.isNaN else { throw fail(line, "'\(word)' is not a number (\(what()))") }
        return x
    }

    private func fail(_ line: Int, _ reason: String) -> LinearProgrammingError {
        .malformedMPS(line: line, reason: reason)
    }

    private func duplicate(_ line: Int, _ row: String, _ column: String) -> LinearProgrammingError {
        fail(line, "a second entry for row '\(row)' and column '\(column)'; each pair may appear once")
    }
}
