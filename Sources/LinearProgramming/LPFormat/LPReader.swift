import DataFiles

extension LinearProgram {
    /// Reads a CPLEX LP file, gzip-compressed or not (see ``init(lpText:)`` for the rules), within
    /// ``InputFile``'s size limit.
    /// - Throws: `.fileNotFound`, `.unreadableFile`, or `.malformedLP(line:reason:)`.
    public init(lpFile path: String, limit: Int = InputFile.defaultLimit) throws {
        let bytes: [UInt8]
        do { bytes = try InputFile.bytes(ofFile: path, limit: limit, inflatingGzip: true) } catch let error as FileError {
            if case .notFound = error { throw LinearProgrammingError.fileNotFound(path: path) }
            throw LinearProgrammingError.unreadableFile(path: path, reason: error.reason)
        }
        self = try LPReader.read(bytes)
    }

    /// Reads a model from CPLEX LP text, the row-wise format of CPLEX, GLPK (`glpsol`) and
    /// HiGHS.
    ///
    /// Sections, each starting with its keyword as the first word of a line (any case): the
    /// objective (`Minimize`, `Minimum`, `Min`, `Maximize`, `Maximum`, `Max`), then `Subject To`
    /// (`Such That`, `st`, `s.t.`, `st.`), `Bounds` (`Bound`), `Generals` (`General`, `Gen`,
    /// `Integers`, `Integer`, `Int`), `Binaries` (`Binary`, `Bin`) and `End`. A first word followed
    /// by `:` is a name, not a keyword. `\` starts a comment to the end of the line; the comment
    /// `\Problem name: NAME` that CPLEX writes names the model.
    /// - **Objective**: `[name:] terms`, a term being `[sign] [number] variable`, or a constant
    ///   (the objective constant, as CPLEX and HiGHS read it; GLPK refuses constants).
    /// - **Constraints**: `[name:] terms sense rhs`, sense `<=` `<` `=<` `>=` `>` `=>` `=`; the
    ///   right-hand side is a signed number or `±inf`/`±infinity`; each starts on a new line and
    ///   may continue over several. `[name:] lo <= terms <= hi` is a ranged row (an extension:
    ///   GLPK and HiGHS refuse it). Unnamed rows are named `c1`, `c2`, … by position (with `_`
    ///   appended while the name is taken). A variable twice in one row has its coefficients
    ///   summed; zero coefficients are not stored. A constant on the left-hand side is refused.
    /// - **Bounds**: `x >= l`, `l <= x`, `x <= u`, `u >= x`, `l <= x <= u`, `x = v`, `x free`, with
    ///   `-inf`, `+inf`, `±infinity` for no bound; the last definition of a bound wins. Defaults
    ///   are [0, +∞): **a negative upper bound leaves the lower bound at 0** (CPLEX, HiGHS and
    ///   GLPK read it so), and a variable whose bounds end up crossed is an error naming the line.
    /// - **Generals** make the listed variables integer; **Binaries** make them binary with bounds
    ///   the intersection of [0, 1] and any bounds given.
    /// - Variables are columns in order of first appearance; a name first seen in Bounds,
    ///   Generals or Binaries is a column with no entries.
    ///
    /// Refused with the line: semi-continuous and SOS sections, quadratic terms (`[ … ]`),
    /// several objectives, text after `End`, and anything else that is not the grammar above.
    /// - Throws: `.malformedLP(line:reason:)` naming the line and what is wrong.
    public init(lpText text: String) throws {
        self = try LPReader.read(Array(text.utf8))
    }
}

/// The parser behind ``LinearProgram/init(lpText:)``: lines are split into tokens, keywords
/// switch sections, and each section's tokens are parsed as a sequence of statements.
struct LPReader {
    enum Section { case objective, constraints, bounds, generals, binaries, end }

    enum Kind: Equatable {
        case name, number, plus, minus, colon, sense(Relation)
    }

    struct Token {
        var kind: Kind
        var text: String
        var line: Int
        var value: Double = 0
        /// First token of its line (constraints and bounds start on a new line).
        var startsLine = false
    }

    static let sectionKeywords: [(words: [String], section: Section?)] = [
        (["minimize"], .objective), (["minimum"], .objective), (["min"], .objective),
        (["maximize"], .objective), (["maximum"], .objective), (["max"], .objective),
        (["subject", "to"], .constraints), (["such", "that"], .constraints), (["st"], .constraints),
        (["s.t."], .constraints), (["st."], .constraints),
        (["bounds"], .bounds), (["bound"], .bounds),
        (["generals"], .generals), (["general"], .generals), (["gen"], .generals),
        (["integers"], .generals), (["integer"], .generals), (["int"], .generals),
        (["binaries"], .binaries), (["binary"], .binaries), (["bin"], .binaries),
        (["semi-continuous"], nil), (["semis"], nil), (["semi"], nil), (["sos"], nil),
        (["end"], .end),
    ]

    static func read(_ bytes: [UInt8]) throws -> LinearProgram {
        var reader = LPReader()
        return try reader.run(bytes)
    }

    private var program = LinearProgram(name: "model")
    private var columnOf: [String: Int] = [:]
    private var objectiveSeen = false
    private var rowNames: [String?] = []
    /// The line of the last bound definition of each column (crossed bounds name it).
    private var boundLine: [Int: Int] = [:]

    private mutating func run(_ bytes: [UInt8]) throws -> LinearProgram {
        var section: Section?
        var tokens: [Token] = []
        var line = 0
        var lineStart = 0
        func flush(_ next: Section?) throws {
            if let section { try parse(tokens, in: section) } else if let first = tokens.first {
                throw LinearProgrammingError.malformedLP(line: first.line, reason: "expected Minimize or Maximize before '\(first.text)'")
            }
            tokens.removeAll(keepingCapacity: true)
            section = next
        }
        while lineStart < bytes.count || (lineStart == bytes.count && line == 0) {
            line += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var content = lineStart..<lineEnd
            if let comment = bytes[content].firstIndex(of: UInt8(ascii: "\\")) {
                readProblemName(bytes[(comment + 1)..<lineEnd])
                content = lineStart..<comment
            }
            let words = Self.words(bytes[content])
            if section == .end, let first = words.first {
                throw LinearProgrammingError.malformedLP(line: line, reason: "text after End: '\(first.text)'")
            }
            var rest = content
            if let (keyword, count) = Self.keyword(words) {
                guard let next = keyword else {
                    throw LinearProgrammingError.malformedLP(line: line, reason:
                        "'\(words[0].text)' sections (semi-continuous variables, SOS) are not supported")
                }
                if next == .objective {
                    if objectiveSeen { throw LinearProgrammingError.malformedLP(line: line, reason: "a second objective section; only one objective is supported") }
                    if section != nil { throw LinearProgrammingError.malformedLP(line: line, reason: "the objective section must come first") }
                    objectiveSeen = true
                    program.sense = words[0].text.lowercased().hasPrefix("max") ? .maximize : .minimize
                }
                try flush(next)
                rest = words[count - 1].range.upperBound..<content.upperBound
            }
            let before = tokens.count
            try Self.tokenize(bytes[rest], line: line, into: &tokens)
            if tokens.count > before { tokens[before].startsLine = true }
            lineStart = lineEnd + 1
        }
        try flush(nil)
        guard objectiveSeen else { throw LinearProgrammingError.malformedLP(line: 1, reason: "no Minimize or Maximize section") }
        return try finish()
    }

    /// `\Problem name: NAME`, as CPLEX writes it, names the model.
    private mutating func readProblemName(_ comment: ArraySlice<UInt8>) {
        let text = String(decoding: comment, as: UTF8.self).trimmingWhitespace()
        let prefix = "problem name:"
        guard text.lowercased().hasPrefix(prefix) else { return }
        let name = String(text.dropFirst(prefix.count)).trimmingWhitespace()
        if !name.isEmpty { program.name = name }
    }

    // MARK: Sections

    private mutating func parse(_ tokens: [Token], in section: Section) throws {
        var parser = TokenStream(tokens: tokens)
        switch section {
        case .objective: try objective(&parser)
        case .constraints: while !parser.atEnd { try constraint(&parser) }
        case .bounds: while !parser.atEnd { try bound(&parser) }
        case .generals, .binaries:
            while let token = parser.next() {
                guard token.kind == .name else { throw unexpected(token, "a variable name") }
                let j = column(token.text)
                if section == .generals {
                    if program.variables[j].kind == .continuous { program.variables[j].kind = .integer }
                } else {
                    program.variables[j].kind = .binary
                    program.variables[j].lower = max(program.variables[j].lower, 0)
                    program.variables[j].upper = min(program.variables[j].upper, 1)
                    if program.variables[j].lower > program.variables[j].upper {
                        throw LinearProgrammingError.malformedLP(line: token.line, reason:
                            "binary variable '\(token.text)' has bounds outside [0, 1] (its bounds line \(boundLine[j] ?? token.line))")
                    }
                }
            }
        case .end: break
        }
    }

    private mutating func objective(_ parser: inout TokenStream) throws {
        _ = parser.label()
        let (terms, constant) = try linearForm(&parser, allowConstant: true, until: { _ in false })
        for (j, value) in terms { program.variables[j].cost += value }
        program.objectiveConstant = constant
        if let token = parser.peek() { throw unexpected(token, "a term of the objective") }
    }

    private mutating func constraint(_ parser: inout TokenStream) throws {
        guard let first = parser.peek() else { return }
        guard first.startsLine else { throw LinearProgrammingError.malformedLP(line: first.line, reason: "a constraint must start on a new line") }
        let name = parser.label()
        var lower = -Double.infinity, upper = Double.infinity
        // A ranged row: lo <= terms <= hi.
        if let value = parser.peekSignedValue(), case .sense(let relation)? = parser.peek(at: value.count)?.kind {
            parser.skip(value.count + 1)
            guard relation != .equal else { throw LinearProgrammingError.malformedLP(line: first.line, reason: "a ranged row needs <= or >= on both sides") }
            let (terms, _) = try linearForm(&parser, allowConstant: false, until: { if case .sense = $0.kind { true } else { false } })
            guard let senseToken = parser.next(), case .sense(let second) = senseToken.kind, second == relation else {
                throw LinearProgrammingError.malformedLP(line: first.line, reason: "a ranged row needs the same sense (<= or >=) on both sides")
            }
            let other = try rightHandSide(&parser, line: senseToken.line)
            (lower, upper) = relation == .lessOrEqual ? (value.value, other) : (other, value.value)
            try addRow(name, terms, lower, upper, line: first.line)
            return
        }
        let (terms, _) = try linearForm(&parser, allowConstant: false, until: { if case .sense = $0.kind { true } else { false } })
        guard let senseToken = parser.next() else {
            throw LinearProgrammingError.malformedLP(line: first.line, reason: "constraint \(name.map { "'\($0)' " } ?? "")has no sense (<=, >= or =) and right-hand side")
        }
        guard case .sense(let relation) = senseToken.kind else { throw unexpected(senseToken, "<=, >= or =") }
        let rhs = try rightHandSide(&parser, line: senseToken.line)
        switch relation {
        case .lessOrEqual: upper = rhs
        case .greaterOrEqual: lower = rhs
        case .equal:
            guard rhs.isFinite else { throw LinearProgrammingError.malformedLP(line: senseToken.line, reason: "an equality with an infinite right-hand side") }
            (lower, upper) = (rhs, rhs)
        }
        if relation == .lessOrEqual && rhs == -.infinity || relation == .greaterOrEqual && rhs == .infinity {
            throw LinearProgrammingError.malformedLP(line: senseToken.line, reason: "the constraint leaves no value (\(relation.rawValue) \(rhs))")
        }
        try addRow(name, terms, lower, upper, line: first.line)
    }

    private mutating func addRow(_ name: String?, _ terms: [(Int, Double)], _ lower: Double, _ upper: Double, line: Int) throws {
        if lower > upper { throw LinearProgrammingError.malformedLP(line: line, reason: "the constraint's bounds are crossed (\(lower) > \(upper))") }
        let kept = terms.filter { $0.1 != 0 }
        program.constraints.append(Constraint(name: name ?? "", columns: kept.map(\.0), coefficients: kept.map(\.1), lower: lower, upper: upper))
        rowNames.append(name)
    }

    private mutating func rightHandSide(_ parser: inout TokenStream, line: Int) throws -> Double {
        guard let value = parser.peekSignedValue() else {
            if let token = parser.peek() {
                if token.kind == .name { throw LinearProgrammingError.malformedLP(line: token.line, reason: "variables on the right-hand side ('\(token.text)'); move them to the left") }
                throw unexpected(token, "a right-hand side number")
            }
            throw LinearProgrammingError.malformedLP(line: line, reason: "missing right-hand side")
        }
        parser.skip(value.count)
        if let token = parser.peek(), !token.startsLine {
            throw LinearProgrammingError.malformedLP(line: token.line, reason:
                "'\(token.text)' after the right-hand side; a constraint is `terms sense number`: variables go on the left, constants on the right")
        }
        return value.value
    }

    /// `[sign] [number] name` terms (and, in the objective, constants) up to a token that
    /// `until` accepts or the end; coefficients of a repeated variable are summed.
    private mutating func linearForm(_ parser: inout TokenStream, allowConstant: Bool,
                                     until stop: (Token) -> Bool) throws -> ([(Int, Double)], Double) {
        var terms: [(Int, Double)] = [], position: [Int: Int] = [:], constant = 0.0
        var first = true
        while let token = parser.peek(), !stop(token) {
            if !first && token.startsLine && token.kind == .name && parser.peek(at: 1)?.kind == .colon { break }   // next statement
            var sign = 1.0, signs = 0
            while let s = parser.peek(), s.kind == .plus || s.kind == .minus {
                if s.kind == .minus { sign = -sign }
                signs += 1
                parser.skip(1)
            }
            if !first && signs == 0 { throw unexpected(token, "+ or - between terms") }
            guard let term = parser.next() else { throw LinearProgrammingError.malformedLP(line: token.line, reason: "a sign with no term after it") }
            switch term.kind {
            case .number:
                if let variable = parser.peek(), variable.kind == .name, !isInfinity(variable), !(variable.startsLine && parser.peek(at: 1)?.kind == .colon) {
                    parser.skip(1)
                    add(column(variable.text), sign * term.value)
                } else {
                    guard allowConstant else {
                        throw LinearProgrammingError.malformedLP(line: term.line, reason:
                            "a constant term (\(sign < 0 ? "-" : "")\(term.text)) on the left-hand side; move it to the right-hand side")
                    }
                    constant += sign * term.value
                }
            case .name:
                if isInfinity(term) { throw unexpected(term, "a variable or a number") }
                add(column(term.text), sign)
            default:
                throw unexpected(term, "a term ([sign] [number] variable)")
            }
            first = false
        }
        func add(_ j: Int, _ value: Double) {
            if let k = position[j] { terms[k].1 += value } else { position[j] = terms.count; terms.append((j, value)) }
        }
        return (terms, constant)
    }

    /// One bound definition: `x op v`, `v op x`, `v op x op v`, `x = v` or `x free`.
    private mutating func bound(_ parser: inout TokenStream) throws {
        guard let first = parser.peek() else { return }
        if first.kind == .name, !isInfinity(first) {
            parser.skip(1)
            let j = column(first.text)
            boundLine[j] = first.line
            guard let next = parser.next() else { throw LinearProgrammingError.malformedLP(line: first.line, reason: "bound on '\(first.text)' has no sense and value") }
            if next.kind == .name && next.text.lowercased() == "free" {
                program.variables[j].lower = -.infinity
                program.variables[j].upper = .infinity
                return
            }
            guard case .sense(let relation) = next.kind else { throw unexpected(next, "<=, >=, = or free") }
            guard let value = parser.peekSignedValue() else { throw unexpected(parser.peek() ?? next, "a bound value") }
            parser.skip(value.count)
            try setBound(j, relation, value.value, variableOnLeft: true, line: first.line)
            return
        }
        guard let value = parser.peekSignedValue() else { throw unexpected(first, "a bound definition") }
        parser.skip(value.count)
        guard let senseToken = parser.next(), case .sense(let relation) = senseToken.kind else {
            throw LinearProgrammingError.malformedLP(line: first.line, reason: "a bound value with no sense after it")
        }
        guard let variable = parser.next(), variable.kind == .name, !isInfinity(variable) else {
            throw LinearProgrammingError.malformedLP(line: first.line, reason: "a bound definition needs a variable name")
        }
        let j = column(variable.text)
        boundLine[j] = first.line
        try setBound(j, relation, value.value, variableOnLeft: false, line: first.line)
        if let second = parser.peek(), case .sense(let other) = second.kind {
            parser.skip(1)
            guard let upper = parser.peekSignedValue() else { throw unexpected(parser.peek() ?? second, "a bound value") }
            parser.skip(upper.count)
            try setBound(j, other, upper.value, variableOnLeft: true, line: first.line)
        }
    }

    private mutating func setBound(_ j: Int, _ relation: Relation, _ value: Double, variableOnLeft: Bool, line: Int) throws {
        let name = program.variables[j].name
        switch (relation, variableOnLeft) {
        case (.equal, _):
            guard value.isFinite else { throw LinearProgrammingError.malformedLP(line: line, reason: "'\(name)' fixed at \(value)") }
            program.variables[j].lower = value
            program.variables[j].upper = value
        case (.greaterOrEqual, true), (.lessOrEqual, false):
            guard value != .infinity else { throw LinearProgrammingError.malformedLP(line: line, reason: "lower bound +inf on '\(name)' leaves no value") }
            program.variables[j].lower = value
        case (.lessOrEqual, true), (.greaterOrEqual, false):
            guard value != -.infinity else { throw LinearProgrammingError.malformedLP(line: line, reason: "upper bound -inf on '\(name)' leaves no value") }
            program.variables[j].upper = value
        }
    }

    private func isInfinity(_ token: Token) -> Bool {
        token.kind == .name && ["inf", "infinity"].contains(token.text.lowercased())
    }

    private mutating func column(_ name: String) -> Int {
        if let j = columnOf[name] { return j }
        columnOf[name] = program.variables.count
        program.variables.append(Variable(name: name))
        return program.variables.count - 1
    }

    private func unexpected(_ token: Token, _ expected: String) -> LinearProgrammingError {
        .malformedLP(line: token.line, reason: "expected \(expected), found '\(token.text)'")
    }

    /// Names the unnamed rows and checks every bound.
    private mutating func finish() throws -> LinearProgram {
        let taken = Set(rowNames.compactMap { $0 })
        var used = taken
        for i in program.constraints.indices where rowNames[i] == nil {
            var name = "c\(i + 1)"
            while used.contains(name) { name += "_" }
            used.insert(name)
            program.constraints[i].name = name
        }
        var seen = Set<String>()
        for name in rowNames.compactMap({ $0 }) where !seen.insert(name).inserted {
            throw LinearProgrammingError.duplicateName(kind: "constraint", name: name)
        }
        for (j, v) in program.variables.enumerated() where v.lower > v.upper {
            let line = boundLine[j] ?? 0
            let hint = v.lower == 0 && v.upper < 0 ? " (the lower bound is the default 0: give it, e.g. '-inf <= \(v.name) <= \(v.upper)')" : ""
            throw LinearProgrammingError.malformedLP(line: line, reason: "the bounds of '\(v.name)' are crossed: [\(v.lower), \(v.upper)]\(hint)")
        }
        return program
    }

    // MARK: Lexing

    struct Word { var text: String; var range: Range<Int> }

    /// The whitespace-separated words of a line (for keyword detection).
    static func words(_ bytes: ArraySlice<UInt8>) -> [Word] {
        var result: [Word] = [], k = bytes.startIndex
        while k < bytes.endIndex && result.count < 3 {
            while k < bytes.endIndex && isSpace(bytes[k]) { k += 1 }
            let start = k
            while k < bytes.endIndex && !isSpace(bytes[k]) && bytes[k] != UInt8(ascii: ":") { k += 1 }
            if k > start { result.append(Word(text: String(decoding: bytes[start..<k], as: UTF8.self), range: start..<k)) }
            if k < bytes.endIndex && bytes[k] == UInt8(ascii: ":") {
                result.append(Word(text: ":", range: k..<(k + 1)))
                k += 1
            }
        }
        return result
    }

    /// The section keyword the line starts with (nil section: an unsupported one) and how many
    /// words it takes; nil when the line does not start with a keyword.
    static func keyword(_ words: [Word]) -> (Section?, Int)? {
        for (keywordWords, section) in sectionKeywords where words.count >= keywordWords.count {
            guard zip(keywordWords, words).allSatisfy({ $0 == $1.text.lowercased() }) else { continue }
            if words.count > keywordWords.count && words[keywordWords.count].text == ":" { return nil }   // a name
            return (section, keywordWords.count)
        }
        return nil
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 11 || byte == 12 }

    /// Characters allowed in names besides letters and digits (CPLEX's list).
    static let nameSymbols: Set<UInt8> = Set("!\"#$%&()/,.;?@_`'{}|~".utf8)

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte >= 128 || nameSymbols.contains(byte)
    }

    static func tokenize(_ bytes: ArraySlice<UInt8>, line: Int, into tokens: inout [Token]) throws {
        var k = bytes.startIndex
        let end = bytes.endIndex
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        while k < end {
            let byte = bytes[k]
            if isSpace(byte) { k += 1; continue }
            let start = k
            switch byte {
            case UInt8(ascii: "+"): tokens.append(Token(kind: .plus, text: "+", line: line)); k += 1
            case UInt8(ascii: "-"): tokens.append(Token(kind: .minus, text: "-", line: line)); k += 1
            case UInt8(ascii: ":"): tokens.append(Token(kind: .colon, text: ":", line: line)); k += 1
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="):
                k += 1
                if k < end, bytes[k] == UInt8(ascii: "=") || (byte == UInt8(ascii: "=") && (bytes[k] == UInt8(ascii: "<") || bytes[k] == UInt8(ascii: ">"))) { k += 1 }
                let symbol = text(start..<k)
                let relation: Relation = symbol.contains("<") ? .lessOrEqual : symbol.contains(">") ? .greaterOrEqual : .equal
                tokens.append(Token(kind: .sense(relation), text: symbol, line: line))
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
                while k < end, (bytes[k] >= 48 && bytes[k] <= 57) || bytes[k] == UInt8(ascii: ".") { k += 1 }
                if k < end, bytes[k] == UInt8(ascii: "e") || bytes[k] == UInt8(ascii: "E") {
                    var e = k + 1
                    if e < end, bytes[e] == UInt8(ascii: "+") || bytes[e] == UInt8(ascii: "-") { e += 1 }
                    if e < end, bytes[e] >= 48 && bytes[e] <= 57 {
                        k = e
                        while k < end, bytes[k] >= 48 && bytes[k] <= 57 { k += 1 }
                    }
                }
                let literal = text(start..<k)
                guard let value = Double(literal), value.isFinite else {
                    throw LinearProgrammingError.malformedLP(line: line, reason: "'\(literal)' is not a finite number")
                }
                tokens.append(Token(kind: .number, text: literal, line: line, value: value))
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "^"), UInt8(ascii: "*"):
                throw LinearProgrammingError.malformedLP(line: line, reason: "'\(text(start..<(k + 1)))': quadratic terms and products are not supported (linear programs only)")
            default:
                guard isNameByte(byte) else {
                    throw LinearProgrammingError.malformedLP(line: line, reason: "unexpected character '\(text(start..<(k + 1)))'")
                }
                while k < end, isNameByte(bytes[k]) { k += 1 }
                tokens.append(Token(kind: .name, text: text(start..<k), line: line))
            }
        }
    }
}

/// A cursor over one section's tokens.
struct TokenStream {
    let tokens: [LPReader.Token]
    var position = 0

    var atEnd: Bool { position >= tokens.count }
    func peek(at offset: Int = 0) -> LPReader.Token? { position + offset < tokens.count ? tokens[position + offset] : nil }
    mutating func next() -> LPReader.Token? { defer { position += 1 }; return peek() }
    mutating func skip(_ count: Int) { position += count }

    /// `name :` at the cursor: consumes it and returns the name.
    mutating func label() -> String? {
        guard let name = peek(), name.kind == .name, peek(at: 1)?.kind == .colon else { return nil }
        position += 2
        return name.text
    }

    /// A signed number or infinity at the cursor, with the number of tokens it spans.
    func peekSignedValue() -> (value: Double, count: Int)? {
        var sign = 1.0, k = 0
        while let token = peek(at: k), token.kind == .plus || token.kind == .minus {
            if token.kind == .minus { sign = -sign }
            k += 1
        }
        guard let token = peek(at: k) else { return nil }
        if token.kind == .number { return (sign * token.value, k + 1) }
        if token.kind == .name, ["inf", "infinity"].contains(token.text.lowercased()) { return (sign * .infinity, k + 1) }
        return nil
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let c = view.first, c.isWhitespace { view.removeFirst() }
        while let c = view.last, c.isWhitespace { view.removeLast() }
        return String(view)
    }
}
