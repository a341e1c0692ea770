import DataFiles

extension LinearProgram {
    /// The model as MPS text that ``init(mpsText:format:)`` reads back to an equal model.
    ///
    /// Written: `OBJSENSE MAX` when maximising; the objective as the first N row (named `obj`,
    /// or `obj1`, `obj2`, … if a constraint already uses the name); the objective constant as
    /// −constant on the objective row's RHS; ranged rows as G or L rows with a RANGES entry
    /// chosen so that the reader's rhs ± |R| gives both bounds exactly; integer columns between
    /// `'MARKER'` lines with an explicit upper bound (`PL` when infinite, so that readers taking
    /// [0, 1] as the default for marked columns read the same model); binary columns as `BV`;
    /// FX, FR and MI + UP for fixed, free and upper-bounded-only variables. Every number is
    /// a short decimal that reads back as the same Double, so the round trip is exact.
    ///
    /// What does not survive a round trip: a free constraint (both bounds infinite) is written
    /// as an N row, which readers drop; rows come back with their entries in column order and
    /// without zero coefficients; a ranged row for which no RANGES value R makes rhs ± |R|
    /// exact in floating point (rare: bounds of very different magnitude) gets its far bound
    /// back within one unit in the last place. A column with no entries is written with a zero
    /// objective coefficient so that it exists.
    ///
    /// Fixed format needs names of at most 8 bytes without leading or trailing spaces and
    /// numbers of at most 12 characters; free format needs names without whitespace.
    /// - Throws: what ``validate()`` and ``validateNames()`` throw; `.invalidName` for a name
    ///   the format cannot hold; `.notRepresentable` for a number too long
    ///   for a fixed-format field (write free format instead: it has no width limit).
    public func mpsText(format: MPSFormat = .free) throws -> String {
        var writer = MPSWriter(model: self, format: format)
        return try writer.text()
    }

    /// Writes ``mpsText(format:)`` to `path`, gzip-compressed when `path` ends in `.gz`, as an
    /// ``OutputFile`` (a temporary file renamed over `path` once complete).
    /// - Throws: what ``mpsText(format:)`` throws, or `.unwritableFile` with
    ///   the system's reason when the file cannot be written.
    public func writeMPS(to path: String, format: MPSFormat = .free) throws {
        do {
            try writeMPS(to: OutputFile(path: path), format: format)
        } catch let error as FileError {
            throw LinearProgrammingError.unwritableFile(path: path, reason: error.reason)
        }
    }

    /// A copy for other solvers' MPS readers: the objective constant c₀ becomes the cost of one
    /// more column, fixed at 1 and named `name` (or `name_2`, `name_3`, … if taken). Readers
    /// disagree on an objective row's RHS (CPLEX and HiGHS read it as −c₀, GLPK as +c₀); a fixed
    /// column reads alike everywhere. Unchanged when c₀ = 0.
    public func objectiveConstantAsFixedColumn(named name: String = "objective_constant") -> LinearProgram {
        guard objectiveConstant != 0 else { return self }
        let taken = Set(variables.map(\.name))
        var column = name, k = 2
        while taken.contains(column) { column = "\(name)_\(k)"; k += 1 }
        var program = self
        program.addVariable(column, lower: 1, upper: 1, cost: objectiveConstant)
        program.objectiveConstant = 0
        return program
    }

    /// Writes ``mpsText(format:)`` to a checked output file (one that may not name the inputs it
    /// was made from), gzip-compressed when its path ends in `.gz`.
    /// - Throws: what ``mpsText(format:)`` throws; the file's `FileError` when it cannot be written.
    public func writeMPS(to file: OutputFile, format: MPSFormat = .free) throws {
        let bytes = Array(try mpsText(format: format).utf8)
        try file.write(file.path.hasSuffix(".gz") ? Gzip.compress(bytes, path: file.path) : bytes)
    }
}

/// Builds the MPS text of a model; see ``LinearProgram/mpsText(format:)``.
struct MPSWriter {
    let model: LinearProgram
    let format: MPSFormat
    private var out = ""

    init(model: LinearProgram, format: MPSFormat) {
        self.model = model
        self.format = format
    }

    /// How a constraint is written: its ROWS type, RHS and optional RANGES value.
    struct RowForm {
        var type: String
        var rhs: Double
        var range: Double?
    }

    mutating func text() throws -> String {
        try model.validate()
        try model.validateNames()
        try checkName(model.name, kind: "model", allowEmpty: true)
        for v in model.variables { try checkName(v.name, kind: "variable") }
        for c in model.constraints { try checkName(c.name, kind: "constraint") }
        let objective = objectiveName()
        let forms = try model.constraints.map(Self.rowForm)

        out.reserveCapacity(64 * (model.nonzeroCount + model.variableCount + model.constraintCount))
        out += model.name.isEmpty ? "NAME\n" : (format == .fixed ? "NAME          " : "NAME ") + model.name + "\n"
        if model.sense == .maximize { out += "OBJSENSE\n    MAX\n" }
        out += "ROWS\n"
        line("N", objective)
        for (c, form) in zip(model.constraints, forms) { line(form.type, c.name) }

        out += "COLUMNS\n"
        try writeColumns(objective: objective)

        var rhsEntries: [(String, Double)] = []
        if model.objectiveConstant != 0 { rhsEntries.append((objective, 0 - model.objectiveConstant)) }
        for (c, form) in zip(model.constraints, forms) where form.type != "N" && form.rhs != 0 { rhsEntries.append((c.name, form.rhs)) }
        if !rhsEntries.isEmpty { out += "RHS\n"; try pairs("RHS", rhsEntries) }
        let rangeEntries = zip(model.constraints, forms).compactMap { c, form in form.range.map { (c.name, $0) } }
        if !rangeEntries.isEmpty { out += "RANGES\n"; try pairs("RNG", rangeEntries) }
        try writeBounds()
        out += "ENDATA\n"
        return out
    }

    /// Two (row, value) entries per line; `first` is the column or vector name.
    private mutating func pairs(_ first: String, _ entries: [(String, Double)]) throws {
        var k = 0
        while k < entries.count {
            let value = try number(entries[k].1)
            if k + 1 < entries.count {
                line("", first, entries[k].0, value, entries[k + 1].0, try number(entries[k + 1].1))
            } else {
                line("", first, entries[k].0, value)
            }
            k += 2
        }
    }

    private mutating func writeColumns(objective: String) throws {
        let n = model.variableCount
        var start = [Int](repeating: 0, count: n + 1)  // column-wise copy of the rows (CSC)
        for row in model.constraints { for j in row.columns { start[j + 1] += 1 } }
        for j in 0..<n { start[j + 1] += start[j] }
        var next = start, rowOf = [Int](repeating: 0, count: start[n]), valueOf = [Double](repeating: 0, count: start[n])
        for (i, row) in model.constraints.enumerated() {
            for (j, a) in zip(row.columns, row.coefficients) { rowOf[next[j]] = i; valueOf[next[j]] = a; next[j] += 1 }
        }
        var inMarker = false, markers = 0
        for (j, v) in model.variables.enumerated() {
            if (v.kind == .integer) != inMarker {
                inMarker.toggle()
                line("", "M\(markers)", "'MARKER'", "", inMarker ? "'INTORG'" : "'INTEND'")
                markers += 1
            }
            var entries: [(String, Double)] = []
            if v.cost != 0 || start[j] == start[j + 1] { entries.append((objective, v.cost)) }
            for k in start[j]..<start[j + 1] { entries.append((model.constraints[rowOf[k]].name, valueOf[k])) }
            try pairs(v.name, entries)
        }
        if inMarker { line("", "M\(markers)", "'MARKER'", "", "'INTEND'") }
    }

    private mutating func writeBounds() throws {
        var lines: [[String]] = []
        func bound(_ type: String, _ v: Variable, _ value: Double? = nil) throws {
            lines.append([type, "BND", v.name] + (try value.map { [try number($0)] } ?? []))
        }
        for v in model.variables {
            if v.kind == .binary {
                try bound("BV", v)
                if v.lower == v.upper { try bound("FX", v, v.lower); continue }
                if v.lower != 0 { try bound("LO", v, v.lower) }
                if v.upper != 1 { try bound("UP", v, v.upper) }
            } else if v.lower == v.upper {
                try bound("FX", v, v.lower)
            } else if v.lower == -.infinity && v.upper == .infinity {
                try bound("FR", v)
            } else {
                if v.lower == -.infinity { try bound("MI", v) } else if v.lower != 0 { try bound("LO", v, v.lower) }
                if v.upper != .infinity { try bound("UP", v, v.upper) } else if v.kind == .integer { try bound("PL", v) }
            }
        }
        guard !lines.isEmpty else { return }
        out += "BOUNDS\n"
        for f in lines { line(f[0], f[1], f[2], f.count > 3 ? f[3] : "") }
    }

    /// Appends a data line: fields 1–6 at the fixed-format columns (2, 5, 15, 25, 40, 50), or
    /// separated by two spaces in free format.
    private mutating func line(_ f1: String, _ f2: String, _ f3: String = "", _ f4: String = "",
                               _ f5: String = "", _ f6: String = "") {
        var width = 0
        func put(_ field: String, _ column: Int) {
            guard !field.isEmpty else { return }
            let gap = format == .free ? (column == 1 ? 1 : 2) : max(column - width, 1)
            for _ in 0..<gap { out.append(" ") }
            out += field
            width = column + field.utf8.count
        }
        put(f1, 1); put(f2, 4); put(f3, 14); put(f4, 24); put(f5, 39); put(f6, 49)
        out += "\n"
    }

    private func objectiveName() -> String {
        let names = Set(model.constraints.map(\.name))
        var candidate = "obj", k = 0
        while names.contains(candidate) { k += 1; candidate = "obj\(k)" }
        return candidate
    }

    private func checkName(_ name: String, kind: String, allowEmpty: Bool = false) throws {
        func invalid(_ reason: String) -> LinearProgrammingError { .invalidName(kind: kind, name: name, reason: reason) }
        if name.isEmpty && allowEmpty { return }
        if name.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
            throw invalid("contains a line break or tab, which MPS cannot hold")
        }
        if name.first == " " || name.last == " " { throw invalid("starts or ends with a space, which MPS readers drop") }
        switch format {
        case .free where kind != "model" && name.contains(" "):
            throw invalid("contains a space, which free MPS cannot hold; write fixed MPS (names of at most 8 bytes) or rename it")
        case .fixed where name.utf8.count > 8:
            throw invalid("has \(name.utf8.count) bytes; fixed MPS holds at most 8: write free MPS instead")
        default: break
        }
    }

    private func number(_ x: Double) throws -> String {
        let text = Self.shortestText(x)
        if format == .fixed && text.utf8.count > 12 {
            throw LinearProgrammingError.notRepresentable(format: "fixed MPS", reason:
                "the number \(text) needs \(text.utf8.count) characters but a fixed MPS field holds 12; write free MPS to keep every number exact")
        }
        return text
    }

    /// A short text that reads back as exactly `x`: Swift's shortest round-trip digits in the
    /// plain form (`123.45`, `.00012`, `120000`) when it fits a 12-character fixed field or is
    /// the shortest, else `1.2345e30`, else `12345e-300`, whichever is shorter or fits 12.
    static func shortestText(_ x: Double) -> String {
        if x == 0 { return x.sign == .minus ? "-0" : "0" }
        var digits: [UInt8] = [], power = 0     // |x| = digits × 10^power
        digits.reserveCapacity(20)
        var exponent = 0, fractionDigits = 0, inFraction = false, inExponent = false, exponentSign = 1
        for byte in x.magnitude.description.utf8 {   // "0.301", "123.0", "1e-05", "1.5e+300"
            switch byte {
            case UInt8(ascii: "."): inFraction = true
            case UInt8(ascii: "e"): inExponent = true
            case UInt8(ascii: "-"): exponentSign = -1
            case UInt8(ascii: "+"): break
            default:
                if inExponent { exponent = 10 * exponent + Int(byte - 48) } else {
                    if inFraction { fractionDigits += 1 }
                    if byte != 48 || !digits.isEmpty { digits.append(byte) }
                }
            }
        }
        power = exponentSign * exponent - fractionDigits
        while digits.last == 48 { digits.removeLast(); power += 1 }
        let n = digits.count, pointPosition = n + power  // digits before the decimal point
        func decimalLength(_ k: Int) -> Int { String(k).utf8.count }
        let plainLength = power >= 0 ? n + power : (pointPosition > 0 ? n + 1 : 1 - pointPosition + n)
        let scientificLength = (n == 1 ? 1 : n + 1) + 1 + decimalLength(pointPosition - 1)
        let integerScientificLength = n + 1 + decimalLength(power)
        var text = x < 0 ? "-" : ""
        let digitText = String(decoding: digits, as: UTF8.self)
        if plainLength <= 12 || plainLength <= min(scientificLength, integerScientificLength) {
            if power >= 0 {
                text += digitText + String(repeating: "0", count: power)
            } else if pointPosition > 0 {
                text += String(decoding: digits[..<pointPosition], as: UTF8.self) + "." + String(decoding: digits[pointPosition...], as: UTF8.self)
            } else {
                text += "." + String(repeating: "0", count: -pointPosition) + digitText
            }
        } else if scientificLength <= 12 || scientificLength <= integerScientificLength {
            text += n == 1 ? digitText : String(UnicodeScalar(digits[0])) + "." + String(decoding: digits[1...], as: UTF8.self)
            text += "e\(pointPosition - 1)"
        } else {
            text += digitText + "e\(power)"
        }
        return text
    }

    /// The ROWS type, RHS and range of a constraint. A ranged row is written as G (rhs = lower)
    /// or L (rhs = upper) with the R for which the reader's rhs ± |R| gives the other bound;
    /// among exact choices the shortest text wins (it recovers the short numbers a file was read
    /// from). Some ranges have no exact R (lower + R lies on lower's grid of doubles, which can
    /// be coarser than upper's, e.g. [−501.1369554345133, 16.58605860561561]); then the closest
    /// R is used: the anchor bound is exact and the other is within one unit in the last place.
    static func rowForm(_ c: Constraint) throws -> RowForm {
        switch (c.lower.isFinite, c.upper.isFinite) {
        case (false, false): return RowForm(type: "N", rhs: 0)
        case (true, false): return RowForm(type: "G", rhs: c.lower)
        case (false, true): return RowForm(type: "L", rhs: c.upper)
        case (true, true):
            if c.lower == c.upper { return RowForm(type: "E", rhs: c.lower) }
            // R = upper − lower and its nearest neighbours, since lower + R may round away from upper.
            var candidates = [c.upper - c.lower], up = candidates[0], down = candidates[0]
            for _ in 0..<4 { up = up.nextUp; down = down.nextDown; candidates += [up, down] }
            var best: (form: RowForm, error: Double, length: Int)?
            for r in candidates where r >= 0 && r.isFinite {
                for form in [RowForm(type: "G", rhs: c.lower, range: r), RowForm(type: "L", rhs: c.upper, range: r)] {
                    let error = form.type == "G" ? abs(c.lower + r - c.upper) : abs(c.upper - r - c.lower)
                    let length = shortestText(form.rhs).utf8.count + shortestText(r).utf8.count
                    if best == nil || (error, length) < (best!.error, best!.length) { best = (form, error, length) }
                }
            }
            let tolerance = max(c.lower.magnitude.ulp, c.upper.magnitude.ulp)
            guard let best, best.error <= tolerance else {
                throw LinearProgrammingError.notRepresentable(format: "MPS", reason:
                    "constraint '\(c.name)': no RANGES value gives [\(c.lower), \(c.upper)] to within a unit in the last place")
            }
            return best.form
        }
    }
}
