import DataFiles

extension LinearProgram {
    /// The model as CPLEX LP text, readable by CPLEX, HiGHS, GLPK (`glpsol`) and
    /// ``init(lpText:)``.
    ///
    /// Written: the model's name as a `\Problem name:` comment; `Minimize` or `Maximize` with the
    /// objective named `obj` (`obj1`, … if a row has the name), listing every column (`0 x` for
    /// a zero cost) so that readers number the columns as the model does; `Subject To` with one row per
    /// constraint; `Bounds` for every bound other than the default [0, +∞); `Generals` and
    /// `Binaries`; `End`. Every number is the shortest text that reads back as the same Double,
    /// every term carries its sign, and long rows continue on lines that start with a sign (so
    /// no line is longer than about 100 bytes).
    ///
    /// The LP format cannot hold everything MPS can; what changes on the way:
    /// - A **ranged row** (both bounds finite and different) has no LP form that GLPK and
    ///   HiGHS read: it is written as two rows, `NAME_lo` (≥ lower) and `NAME_hi` (≤ upper), as
    ///   HiGHS writes them. Reading the file back gives one more row per ranged row.
    /// - A **free row** is written as `≥ -inf` (HiGHS and our reader take it; GLPK does not).
    /// - The **objective constant** is written as a constant term, which CPLEX and HiGHS read and
    ///   GLPK refuses; ``objectiveConstantAsFixedColumn(named:)`` gives a copy every reader takes.
    /// - A row with no entries is written as `0 x` with its first column.
    ///
    /// Names must be LP names: 1–255 bytes of letters, digits and ``LPReader/nameSymbols``, not
    /// starting with a digit or a period, and not a section keyword (nor `subject`, `such`, `free`,
    /// `inf`, `infinity`).
    /// - Throws: what ``validate()`` and ``validateNames()`` throw; `.invalidName` for a name the
    ///   format cannot hold (write MPS instead).
    public func lpText() throws -> String {
        var writer = LPWriter(model: self)
        return try writer.text()
    }

    /// Writes ``lpText()`` to a checked output file, gzip-compressed when its path ends in `.gz`.
    /// - Throws: what ``lpText()`` throws; the file's `FileError` when it cannot be written.
    public func writeLP(to file: OutputFile) throws {
        let bytes = Array(try lpText().utf8)
        try file.write(file.path.hasSuffix(".gz") ? Gzip.compress(bytes, path: file.path) : bytes)
    }
}

extension LinearProgram {
    /// A copy whose names LP format can hold, and the (old, new) name pairs changed: a name
    /// starting with a digit or a period, or equal to a keyword, gets a `_` in front; bytes LP
    /// names cannot hold become `_`; names are cut to 255 bytes; `_2`, `_3`, … make clashes unique.
    public func withLPNames() -> (program: LinearProgram, renamed: [(old: String, new: String)]) {
        var program = self, renamed: [(old: String, new: String)] = []
        func fix(_ names: [String]) -> [String] {
            var taken = Set(names.filter { (try? LPWriter.checkName($0, kind: "")) != nil })
            return names.map { name in
                guard (try? LPWriter.checkName(name, kind: "")) == nil else { return name }
                var bytes = name.utf8.map { LPReader.isNameByte($0) ? $0 : UInt8(ascii: "_") }
                if let first = bytes.first, (first >= 48 && first <= 57) || first == UInt8(ascii: ".") { bytes.insert(UInt8(ascii: "_"), at: 0) }
                if bytes.isEmpty { bytes = Array("_".utf8) }
                var base = String(decoding: bytes.prefix(245), as: UTF8.self)
                if (try? LPWriter.checkName(base, kind: "")) == nil { base = "_" + base }
                var candidate = base, k = 2
                while taken.contains(candidate) { candidate = base + "_\(k)"; k += 1 }
                taken.insert(candidate)
                renamed.append((name, candidate))
                return candidate
            }
        }
        for (j, name) in fix(variables.map(\.name)).enumerated() { program.variables[j].name = name }
        for (i, name) in fix(constraints.map(\.name)).enumerated() { program.constraints[i].name = name }
        return (program, renamed)
    }
}

/// Builds the LP text of a model; see ``LinearProgram/lpText()``.
struct LPWriter {
    let model: LinearProgram
    private var out = ""
    private var lineLength = 0
    private var firstTerm = true
    static let wrapAt = 100

    init(model: LinearProgram) { self.model = model }

    mutating func text() throws -> String {
        try model.validate()
        try model.validateNames()
        for v in model.variables { try Self.checkName(v.name, kind: "variable") }
        for c in model.constraints { try Self.checkName(c.name, kind: "constraint") }
        let rowNames = Set(model.constraints.map(\.name))
        var objective = "obj", k = 0
        while rowNames.contains(objective) { k += 1; objective = "obj\(k)" }

        out.reserveCapacity(24 * (model.nonzeroCount + model.variableCount) + 32 * model.constraintCount)
        if !model.name.isEmpty && !model.name.contains("\n") { out += "\\Problem name: \(model.name)\n" }
        out += model.sense == .maximize ? "Maximize\n" : "Minimize\n"
        start(" \(objective):")
        for v in model.variables { term(v.cost, v.name) }       // every column, so that readers number them in order
        if model.objectiveConstant != 0 { constant(model.objectiveConstant) }
        out += "\n"

        out += "Subject To\n"
        var taken = rowNames
        func unique(_ base: String) -> String {
            var name = base
            while taken.contains(name) { name += "_" }
            taken.insert(name)
            return name
        }
        for c in model.constraints {
            if c.lower.isFinite && c.upper.isFinite && c.lower != c.upper {
                row(unique(c.name + "_lo"), c, ">=", c.lower)
                row(unique(c.name + "_hi"), c, "<=", c.upper)
            } else if c.lower == c.upper {
                row(c.name, c, "=", c.lower)
            } else if c.upper.isFinite {
                row(c.name, c, "<=", c.upper)
            } else {
                row(c.name, c, ">=", c.lower)      // -inf for a free row
            }
        }

        var bounds: [String] = []
        for v in model.variables {
            let (lower, upper) = v.kind == .binary ? (0.0, 1.0) : (0.0, Double.infinity)   // what the reader assumes
            if v.lower == lower && v.upper == upper { continue }
            if v.lower == v.upper {
                bounds.append("\(v.name) = \(Self.number(v.lower))")
            } else if v.lower == -.infinity && v.upper == .infinity {
                bounds.append("\(v.name) free")
            } else if v.upper == upper {
                bounds.append("\(v.name) >= \(Self.number(v.lower))")
            } else if v.lower == 0 {
                bounds.append("\(v.name) <= \(Self.number(v.upper))")
            } else {
                bounds.append("\(Self.number(v.lower)) <= \(v.name) <= \(Self.number(v.upper))")
            }
        }
        if !bounds.isEmpty {
            out += "Bounds\n"
            for line in bounds { out += " " + line + "\n" }
        }
        list("Generals", model.variables.filter { $0.kind == .integer }.map(\.name))
        list("Binaries", model.variables.filter { $0.kind == .binary }.map(\.name))
        out += "End\n"
        return out
    }

    private mutating func row(_ name: String, _ c: Constraint, _ sense: String, _ rhs: Double) {
        start(" \(name):")
        if c.columns.isEmpty { term(0, model.variables[0].name) }
        for (j, a) in zip(c.columns, c.coefficients) { term(a, model.variables[j].name) }
        out += " \(sense) \(Self.number(rhs))\n"
    }

    private mutating func start(_ text: String) {
        out += text
        lineLength = text.utf8.count
        firstTerm = true
    }

    /// ` + a name` or ` - |a| name` (` + name` when a = 1; no `+` on a row's first term), on a
    /// new line once this one is long.
    private mutating func term(_ a: Double, _ name: String) {
        let magnitude = abs(a)
        signed(a.sign == .minus, (magnitude == 1 ? "" : Self.number(magnitude) + " ") + name)
    }

    private mutating func constant(_ value: Double) {
        signed(value < 0, Self.number(abs(value)))
    }

    private mutating func signed(_ negative: Bool, _ text: String) {
        piece(negative ? "- " + text : firstTerm ? text : "+ " + text)
        firstTerm = false
    }

    private mutating func piece(_ text: String) {
        if lineLength > Self.wrapAt {
            out += "\n  "
            lineLength = 2
        }
        out += " " + text
        lineLength += 1 + text.utf8.count
    }

    private mutating func list(_ keyword: String, _ names: [String]) {
        guard !names.isEmpty else { return }
        out += keyword + "\n"
        start("")
        for name in names { piece(name) }
        out += "\n"
    }

    /// ±inf, or the shortest text that reads back as `x` (as in MPS).
    static func number(_ x: Double) -> String {
        if x == .infinity { return "+inf" }
        if x == -.infinity { return "-inf" }
        return MPSWriter.shortestText(x)
    }

    static func checkName(_ name: String, kind: String) throws {
        func invalid(_ reason: String) -> LinearProgrammingError {
            .invalidName(kind: kind, name: name, reason: reason + "; write MPS instead, which takes any name without spaces")
        }
        guard let first = name.utf8.first else { throw invalid("is empty") }
        if name.utf8.count > 255 { throw invalid("has \(name.utf8.count) bytes and LP names hold at most 255") }
        if (first >= 48 && first <= 57) || first == UInt8(ascii: ".") { throw invalid("starts with a digit or a period, which LP names cannot") }
        if let bad = name.utf8.first(where: { !LPReader.isNameByte($0) }) {
            throw invalid("contains '\(String(decoding: [bad], as: UTF8.self))', which LP names cannot hold")
        }
        let lower = name.lowercased()
        if LPReader.sectionKeywords.contains(where: { $0.words.count == 1 && $0.words[0] == lower }) || ["inf", "infinity", "free", "subject", "such"].contains(lower) {
            throw invalid("is an LP keyword")
        }
    }
}
