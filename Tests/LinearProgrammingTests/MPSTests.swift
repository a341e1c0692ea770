import Foundation
import TestSupport
import Testing
@testable import LinearProgramming

@Suite struct MPSTests {
    /// Every section and bound type in fixed format; the model is `MPSTestSupport.expectedModel()`.
    static let fixedText = """
        * every section and bound type; trailing blanks and comments are allowed
        NAME          TESTLP   a comment after the name
        ROWS
         N  COST
         L  LIM1
         G  LIM2
         E  MYEQN
         E  RANGEPOS
         E  RANGENEG
         L  RANGEL
         G  RANGEG
         N  FREEROW
        COLUMNS
            X1        COST      1.             LIM1      1.
            X1        LIM2      1.             FREEROW   3.
            X2        COST      2.             LIM1      1.
            X2        MYEQN     -1.
            MARKER    'MARKER'                 'INTORG'
            Y1        COST      3.             RANGEPOS  1.
            Y2        RANGENEG  1.             RANGEL    1.
            Y3        LIM2      2.5
            MARKER    'MARKER'                 'INTEND'
            Z1        COST      -.5            RANGEG    1.
            Z2        MYEQN     1.
            Z3        LIM2      2.
            Z4        LIM1      1e-3
            B1        COST      4.
            Z5        MYEQN     2.
        RHS
            RHS       COST      -2.5           LIM1      4.
            RHS       LIM2      1.             MYEQN     7.
            RHS       RANGEPOS  2.             RANGENEG  3.
            RHS       RANGEL    5.             RANGEG    6.
            RHS       FREEROW   99.
        RANGES
            RNG       RANGEPOS  4.             RANGENEG  -2.
            RNG       RANGEL    1.5            RANGEG    -2.5
        BOUNDS
         UP BND       X1        4.
         LO BND       X2        -1.
         UP BND       X2        1.
         FX BND       Z1        2.5
         FR BND       Z2
         MI BND       Z3
         UP BND       Z3        -2.
         PL BND       Z4
         BV BND       B1
         LI BND       Y1        2.
         UI BND       Y1        10.
         UP BND       Y2        5.
         LO BND       Z5        -3.
         UP BND       Z5        -1.
        ENDATA
        """

    /// The same model in free format: omitted set names, tabs, lower-case bound types.
    static let freeText = """
        NAME TESTLP
        ROWS
         N COST
         L LIM1
         G LIM2
         E MYEQN
         E RANGEPOS
         E RANGENEG
         L RANGEL
         G RANGEG
         N FREEROW
        COLUMNS
         X1 COST 1 LIM1 1
         X1\tLIM2\t1\tFREEROW\t3
         X2 COST 2 LIM1 1
         X2 MYEQN -1
         M1 'MARKER' 'INTORG'
         Y1 COST 3 RANGEPOS 1
         Y2 RANGENEG 1 RANGEL 1
         Y3 LIM2 2.5
         M2 'MARKER' 'INTEND'
         Z1 COST -0.5 RANGEG 1
         Z2 MYEQN 1
         Z3 LIM2 2
         Z4 LIM1 0.001
         B1 COST 4
         Z5 MYEQN 2
        RHS
         COST -2.5 LIM1 4
         RHS LIM2 1 MYEQN 7
         RANGEPOS 2
         RHS RANGENEG 3
         RANGEL 5 RANGEG 6
         FREEROW 99
        RANGES
         RANGEPOS 4 RANGENEG -2
         RNG RANGEL 1.5 RANGEG -2.5
        BOUNDS
         UP X1 4
         LO BND X2 -1
         up BND X2 1
         FX Z1 2.5
         FR Z2
         MI BND Z3
         UP Z3 -2
         PL Z4
         BV BND B1
         LI Y1 2
         UI BND Y1 10
         UP Y2 5
         LO Z5 -3
         UP Z5 -1
        ENDATA
        """

    // MARK: Reading

    @Test func fixedFormatReadsEverySectionAndBoundType() throws {
        let model = try LinearProgram(mpsText: Self.fixedText, format: .fixed)
        #expect(model.name == "TESTLP")
        #expect(model.sense == .minimize)
        #expect(model.objectiveConstant == 2.5)   // RHS on the objective row is −constant
        // FREEROW (a later N row) is dropped with its entry, RHS and range.
        #expect(model.constraints.map(\.name) == ["LIM1", "LIM2", "MYEQN", "RANGEPOS", "RANGENEG", "RANGEL", "RANGEG"])
        #expect(model.constraints.map(\.lower) == [-.infinity, 1, 7, 2, 1, 3.5, 6])
        #expect(model.constraints.map(\.upper) == [4, .infinity, 7, 6, 3, 5, 8.5])
        #expect(model.constraints[0].columns == [0, 1, 8] && model.constraints[0].coefficients == [1, 1, 0.001])
        #expect(model.constraints[1].columns == [0, 4, 7] && model.constraints[1].coefficients == [1, 2.5, 2])
        #expect(model.constraints[2].columns == [1, 6, 10] && model.constraints[2].coefficients == [-1, 1, 2])
        #expect(model.variables.map(\.name) == ["X1", "X2", "Y1", "Y2", "Y3", "Z1", "Z2", "Z3", "Z4", "B1", "Z5"])
        #expect(model.variables.map(\.cost) == [1, 2, 3, 0, 0, -0.5, 0, 0, 0, 4, 0])
        #expect(model.variables.map(\.lower) == [0, -1, 2, 0, 0, 2.5, -.infinity, -.infinity, 0, 0, -3])
        #expect(model.variables.map(\.upper) == [4, 1, 10, 5, 1, 2.5, .infinity, -2, .infinity, 1, -1])
        #expect(model.variables.map(\.kind) == [.continuous, .continuous, .integer, .integer, .integer,
                                                .continuous, .continuous, .continuous, .continuous, .binary, .continuous])
        #expect(model == MPSTestSupport.expectedModel())
        try model.validate()
    }

    @Test func freeFormatGivesTheSameModel() throws {
        let free = try LinearProgram(mpsText: Self.freeText, format: .free)
        #expect(free == MPSTestSupport.expectedModel())
        #expect(free == (try LinearProgram(mpsText: Self.fixedText, format: .fixed)))
    }

    @Test func lineEndingsAndTrailingBlanksDoNotMatter() throws {
        let crlf = Self.fixedText.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0 + "   \t" }.joined(separator: "\r\n")
        #expect(try LinearProgram(mpsText: crlf, format: .fixed) == MPSTestSupport.expectedModel())
        let noFinalNewline = Self.freeText.trimmingCharacters(in: .newlines)
        #expect(try LinearProgram(mpsText: noFinalNewline, format: .free) == MPSTestSupport.expectedModel())
    }

    @Test func fixedFormatNamesMayContainSpaces() throws {
        let text = """
            NAME          FOR PLAN
            ROWS
             N  COST 1
             E  DEDO3 1R
            COLUMNS
                X 1       COST 1    1.5            DEDO3 1R  2.
                X 2       DEDO3 1R  -1.
            RHS
                RHS 1     DEDO3 1R  3.
            BOUNDS
             UP BND 1     X 2       8.
            ENDATA
            """
        let model = try LinearProgram(mpsText: text, format: .fixed)
        #expect(model.name == "FOR PLAN")
        #expect(model.variables.map(\.name) == ["X 1", "X 2"])
        #expect(model.constraints.map(\.name) == ["DEDO3 1R"])
        #expect(model.variables[0].cost == 1.5 && model.variables[1].upper == 8)
        #expect(model.constraints[0].coefficients == [2, -1] && model.constraints[0].lower == 3 && model.constraints[0].upper == 3)
    }

    @Test func misalignedFixedLinesAreSplitAtWhitespace() throws {
        let text = "NAME X\nROWS\n N COST\n L R\nCOLUMNS\n x COST 1 R 2\nRHS\n RHS R 4\nBOUNDS\n UP BND x 3\nENDATA\n"
        let model = try LinearProgram(mpsText: text, format: .fixed)
        #expect(model.name == "X")
        #expect(model.variables == [Variable(name: "x", lower: 0, upper: 3, cost: 1)])
        #expect(model.constraints == [Constraint(name: "R", columns: [0], coefficients: [2], upper: 4)])
    }

    @Test(arguments: [
        ("OBJSENSE\n    MAX\n", ObjectiveSense.maximize), ("OBJSENSE MAXIMIZE\n", .maximize),
        ("OBJSENSE\nMAX\n", .maximize), ("OBJSENSE\n    min\n", .minimize), ("", .minimize),
    ])
    func objectiveSenseInEitherFormat(section: String, sense: ObjectiveSense) throws {
        for format in MPSFormat.allCases {
            let text = "NAME S\n" + section + "ROWS\n N obj\nCOLUMNS\n x obj 1\nENDATA\n"
            #expect(try LinearProgram(mpsText: text, format: format).sense == sense)
        }
    }

    @Test func zeroCoefficientsAreNotStoredButTheirColumnsExist() throws {
        let text = "ROWS\n N obj\n E r\nCOLUMNS\n x r 1\n z r 0\nENDATA\n"
        let model = try LinearProgram(mpsText: text, format: .free)
        #expect(model.variables.map(\.name) == ["x", "z"])
        #expect(model.constraints[0].columns == [0] && model.nonzeroCount == 1)
        #expect(model.name.isEmpty)
    }

    // MARK: Malformed input

    struct BadInput: Sendable, CustomTestStringConvertible {
        var what: String
        var text: String
        var line: Int
        var reason: String
        var format: MPSFormat = .free
        var testDescription: String { what }
    }

    static let valid = ["NAME T", "ROWS", " N obj", " L c1", "COLUMNS", " x obj 1 c1 1", "RHS", " RHS c1 4",
                        "BOUNDS", " UP BND x 3", "ENDATA"]

    /// `valid` with line `number` (1-based) replaced by `lines` (none to delete it).
    static func replacing(_ number: Int, with lines: String...) -> String {
        var copy = valid
        copy.replaceSubrange((number - 1)..<number, with: lines)
        return copy.joined(separator: "\n") + "\n"
    }

    static let badInputs: [BadInput] = [
        BadInput(what: "unknown row in COLUMNS", text: replacing(6, with: " x obj 1 c9 1"), line: 6, reason: "unknown row 'c9' in COLUMNS"),
        BadInput(what: "unknown row in RHS", text: replacing(8, with: " RHS c9 4"), line: 8, reason: "unknown row 'c9' in RHS"),
        BadInput(what: "unknown row in RANGES", text: replacing(9, with: "RANGES", " RNG c9 2", "BOUNDS"), line: 10, reason: "unknown row 'c9' in RANGES"),
        BadInput(what: "unknown column in BOUNDS", text: replacing(10, with: " UP BND y 3"), line: 10, reason: "unknown column 'y' in BOUNDS"),
        BadInput(what: "non-numeric coefficient", text: replacing(6, with: " x obj 1 c1 one"), line: 6, reason: "'one' is not a number"),
        BadInput(what: "NaN bound", text: replacing(10, with: " UP BND x nan"), line: 10, reason: "'nan' is not a number"),
        BadInput(what: "infinite coefficient", text: replacing(6, with: " x obj 1e400"), line: 6, reason: "must be finite"),
        BadInput(what: "missing ENDATA", text: replacing(11), line: 10, reason: "ends without ENDATA"),
        BadInput(what: "missing ROWS header", text: replacing(2), line: 2, reason: "data line after NAME"),
        BadInput(what: "missing ROWS section", text: "NAME T\nCOLUMNS\n x obj 1\nENDATA\n", line: 2, reason: "COLUMNS section before the ROWS section"),
        BadInput(what: "ENDATA without COLUMNS", text: "ROWS\n N obj\nENDATA\n", line: 3, reason: "ENDATA before any COLUMNS section"),
        BadInput(what: "empty text", text: "", line: 1, reason: "no ROWS section"),
        BadInput(what: "unknown section", text: replacing(9, with: "QUADOBJ"), line: 9, reason: "unknown or unsupported section 'QUADOBJ'"),
        BadInput(what: "unknown bound type", text: replacing(10, with: " XX BND x 3"), line: 10, reason: "unknown bound type 'XX'"),
        BadInput(what: "semi-continuous bound", text: replacing(10, with: " SC BND x 3"), line: 10, reason: "semi-continuous bounds (SC) are not supported"),
        BadInput(what: "duplicate entry on one line", text: replacing(6, with: " x c1 1 c1 2"), line: 6, reason: "a second entry for row 'c1' and column 'x'"),
        BadInput(what: "duplicate entry on two lines", text: replacing(6, with: " x obj 1 c1 1", " x c1 2"), line: 7, reason: "a second entry for row 'c1' and column 'x'"),
        BadInput(what: "duplicate objective entry", text: replacing(6, with: " x obj 1 obj 2"), line: 6, reason: "a second entry for row 'obj' and column 'x'"),
        BadInput(what: "column entries not consecutive", text: replacing(6, with: " x obj 1", " y c1 1", " x c1 1"), line: 8, reason: "column 'x' appears again"),
        BadInput(what: "row declared twice", text: replacing(4, with: " L c1", " G c1"), line: 5, reason: "row 'c1' is declared twice"),
        BadInput(what: "unknown row type", text: replacing(4, with: " Q c1"), line: 4, reason: "row type 'Q' of row 'c1' is not N, E, L or G"),
        BadInput(what: "two RHS vectors", text: replacing(8, with: " RHS c1 4", " OTHER obj 1"), line: 9, reason: "a second RHS vector 'OTHER'"),
        BadInput(what: "RHS given twice", text: replacing(8, with: " RHS c1 4 c1 5"), line: 8, reason: "a second RHS for row 'c1'"),
        BadInput(what: "LO bound of +inf", text: replacing(10, with: " LO BND x inf"), line: 10, reason: "which leave no value"),
        BadInput(what: "bad OBJSENSE", text: replacing(2, with: "OBJSENSE", "    UP", "ROWS"), line: 3, reason: "OBJSENSE must be MAX or MIN"),
        BadInput(what: "data before any section", text: " x obj 1\n" + replacing(1), line: 1, reason: "data line before any section header"),
        BadInput(what: "negative UP above the default lower bound", text: replacing(10, with: " UP BND x -3"), line: 10,
                 reason: "column 'x' ends with lower bound 0.0 above upper bound -3.0 (a negative UP bound leaves the lower bound at 0"),
        BadInput(what: "misaligned fixed line with a bad row type", text: "NAME X\nROWS\n N COST\n Q BAD\nENDATA\n", line: 4,
                 reason: "row type 'Q'", format: .fixed),
        BadInput(what: "fixed line with an unknown row", text: "ROWS\n N  COST\nCOLUMNS\n    X1        COST      1.             NOPE      1.\nENDATA\n",
                 line: 4, reason: "unknown row 'NOPE' in COLUMNS (column 'X1')", format: .fixed),
    ]

    @Test(arguments: badInputs)
    func malformedInputNamesTheLine(_ input: BadInput) throws {
        let error = MPSTestSupport.error { _ = try LinearProgram(mpsText: input.text, format: input.format) }
        guard case let .malformedMPS(line, reason)? = error else {
            Issue.record("expected .malformedMPS, got \(String(describing: error))")
            return
        }
        #expect(line == input.line, "\(reason)")
        #expect(reason.contains(input.reason), "\(reason)")
    }

    @Test func theBaseOfTheMalformedCasesIsValid() throws {
        let model = try LinearProgram(mpsText: Self.valid.joined(separator: "\n"), format: .free)
        #expect(model.variables == [Variable(name: "x", lower: 0, upper: 3, cost: 1)])
        #expect(model.constraints == [Constraint(name: "c1", columns: [0], coefficients: [1], upper: 4)])
    }

    // MARK: Writing and round trips

    @Test(arguments: MPSFormat.allCases)
    func writeThenReadGivesTheSameModel(format: MPSFormat) throws {
        let model = MPSTestSupport.roundTripModel(longRange: format == .free)
        let text = try model.mpsText(format: format)
        let back = try LinearProgram(mpsText: text, format: format)
        #expect(back == model)
        #expect(back.sense == .maximize && back.objectiveConstant == -12.75)
        #expect(back.constraints[1].lower == model.constraints[1].lower && back.constraints[1].upper == model.constraints[1].upper)
        #expect(back.variables.map(\.kind) == model.variables.map(\.kind))
        // Reading the expected model's own text gives it back too.
        let expected = MPSTestSupport.expectedModel()
        #expect(try LinearProgram(mpsText: expected.mpsText(format: format), format: format) == expected)
    }

    @Test func writtenTextUsesTheStandardConventions() throws {
        var model = MPSTestSupport.roundTripModel()
        model.constraints[0].name = "obj"            // the objective row must get another name
        let text = try model.mpsText(format: .free)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.prefix(4) == ["NAME ROUND", "OBJSENSE", "    MAX", "ROWS"])
        #expect(lines[4] == " N  obj1" && lines[5] == " L  obj")
        #expect(lines.contains("  RHS  obj1  12.75  obj  10"))  // −constant on the objective row
        #expect(lines.contains(" BV  BND  y") && lines.contains(" FR  BND  b") && lines.contains(" MI  BND  c"))
        #expect(lines.contains(" UP  BND  c  7.5") && lines.contains(" FX  BND  d  1.25") && lines.contains(" PL  BND  k"))
        #expect(lines.contains(" FR  BND  m") && lines.contains(" LO  BND  n  -5") && lines.contains(" UP  BND  n  -2"))
        #expect(lines.contains("  empty  obj1  0"))              // a column with no entries still exists
        #expect(lines.filter { $0.contains("'MARKER'") }.count == 2)
        #expect(lines.last == "ENDATA")
        let fixed = try MPSTestSupport.roundTripModel(longRange: false).mpsText(format: .fixed)
        let columnLine = try #require(fixed.split(separator: "\n").first { $0.hasPrefix("    a ") })
        #expect(Array(columnLine.utf8).count > 24)
        #expect(columnLine == "    a         obj       1              r1        1")  // fields at columns 5, 15, 25, 40, 50
    }

    @Test func freeConstraintsAreWrittenAsNRowsAndDropped() throws {
        var model = LinearProgram()
        model.addVariable("x", cost: 1)
        model.addConstraint("free", [(0, 1)])
        model.addConstraint("kept", [(0, 1)], lower: 1)
        let text = try model.mpsText()
        #expect(text.contains(" N  free"))
        #expect(try LinearProgram(mpsText: text, format: .free).constraints.map(\.name) == ["kept"])
    }

    @Test func rowsComeBackInColumnOrder() throws {
        var model = LinearProgram()
        model.addVariable("x")
        model.addVariable("y")
        model.addConstraint("r", [(1, 2), (0, 3)], .lessOrEqual, 1)
        let back = try LinearProgram(mpsText: model.mpsText(), format: .free)
        #expect(back.constraints[0].columns == [0, 1] && back.constraints[0].coefficients == [3, 2])
    }

    @Test func randomModelsRoundTripExactly() throws {
        var generator = SplitMix64(seed: 20240611)
        func value() -> Double {
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: return Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -12...12, using: &generator)))
            case 1: return Double(Int.random(in: -9...9, using: &generator)) / 8
            case 2: return Double(Int.random(in: -1000...1000, using: &generator))
            default: return Double.random(in: -1e6...1e6, using: &generator)
            }
        }
        for trial in 0..<25 {
            var model = LinearProgram(name: "random\(trial)", sense: trial % 2 == 0 ? .minimize : .maximize, objectiveConstant: value())
            let n = Int.random(in: 1...12, using: &generator)
            for j in 0..<n {
                let a = value(), b = value()
                let kind: VariableKind = [.continuous, .integer, .binary][Int.random(in: 0..<3, using: &generator)]
                var lower = min(a, b), upper = max(a, b)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: lower = -.infinity
                case 1: upper = .infinity
                case 2: lower = -.infinity; upper = .infinity
                case 3: upper = lower
                default: break
                }
                model.variables.append(Variable(name: "v\(j)", lower: kind == .binary ? 0 : lower,
                                                upper: kind == .binary ? 1 : upper, kind: kind, cost: value()))
            }
            for i in 0..<Int.random(in: 0...8, using: &generator) {
                let columns = (0..<n).filter { _ in Bool.random(using: &generator) }
                let a = value(), b = value()
                var lower = min(a, b), upper = max(a, b)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: lower = -.infinity
                case 1: upper = .infinity
                case 2: upper = lower
                default: break
                }
                model.constraints.append(Constraint(name: "c\(i)", columns: columns,
                                                    coefficients: columns.map { _ in value() }.map { $0 == 0 ? 1 : $0 },
                                                    lower: lower, upper: upper))
            }
            let back = try LinearProgram(mpsText: model.mpsText(format: .free), format: .free)
            #expect(back == model, "trial \(trial)")
        }
    }

    @Test(arguments: [0.1, 0.3, -0.5, 1e-5, 1e30, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 123456789.0, 0.1 + 0.2, -1e-300, 2.5e-7, 1.0 / 3])
    func numbersAreWrittenShortAndExact(_ x: Double) {
        let text = MPSWriter.shortestText(x)
        #expect(Double(text) == x)
        #expect(text.utf8.count <= max(12, "\(x)".utf8.count))
        #expect(!text.hasSuffix(".0"))
    }

    @Test func rangesAreWrittenSoThatRhsPlusRangeIsExactWheneverPossible() throws {
        var generator = SplitMix64(seed: 7)
        var exact = 0
        for _ in 0..<2000 {
            let a = Double.random(in: -1e3...1e3, using: &generator) * pow(10, Double(Int.random(in: -8...8, using: &generator)))
            let b = Double.random(in: -1e3...1e3, using: &generator)
            let row = Constraint(name: "r", columns: [], coefficients: [], lower: min(a, b), upper: max(a, b))
            let form = try MPSWriter.rowForm(row)
            let r = try #require(form.range)
            let (lower, upper) = form.type == "G" ? (form.rhs, form.rhs + abs(r)) : (form.rhs - abs(r), form.rhs)
            if lower == row.lower && upper == row.upper { exact += 1 }
            let ulp = max(row.lower.magnitude.ulp, row.upper.magnitude.ulp)
            #expect(abs(lower - row.lower) <= ulp && abs(upper - row.upper) <= ulp)
        }
        #expect(exact >= 1900, "\(exact) of 2000 exact")
        // Short bounds come back as the short numbers they were written from.
        let short = try MPSWriter.rowForm(Constraint(name: "r", columns: [], coefficients: [], lower: 3.2, upper: 7.2))
        #expect(short.rhs == 7.2 && short.range == 4 || short.rhs == 3.2 && short.range == 4)
    }

    @Test func writerRejectsWhatTheFormatCannotHold() throws {
        let long = MPSTestSupport.roundTripModel(longRange: true)
        guard case let .notRepresentable(format, reason)? = MPSTestSupport.error({ _ = try long.mpsText(format: .fixed) }) else {
            Issue.record("a 19-character number must not fit a fixed-format field"); return
        }
        #expect(format == "fixed MPS" && reason.contains(".19999999999999998") && reason.contains("free MPS"))

        var spaced = MPSTestSupport.roundTripModel()
        spaced.variables[0].name = "a b"
        #expect(throws: LinearProgrammingError.invalidName(kind: "variable", name: "a b",
                reason: "contains a space, which free MPS cannot hold; write fixed MPS (names of at most 8 bytes) or rename it")) {
            _ = try spaced.mpsText(format: .free)
        }
        var longName = MPSTestSupport.roundTripModel(longRange: false)
        longName.constraints[0].name = "ninechars"
        guard case .invalidName(kind: "constraint", name: "ninechars", _)? = MPSTestSupport.error({ _ = try longName.mpsText(format: .fixed) }) else {
            Issue.record("a 9-byte name must not fit fixed format"); return
        }
        var invalid = MPSTestSupport.roundTripModel()
        invalid.variables[0].lower = 50   // above its upper bound 40: validate() must stop the writer
        #expect(throws: LinearProgrammingError.invalidBound(name: "a", isRow: false, lower: 50, upper: 40)) { _ = try invalid.mpsText() }
        var duplicate = MPSTestSupport.roundTripModel()
        duplicate.variables[1].name = "a"
        #expect(throws: LinearProgrammingError.duplicateName(kind: "variable", name: "a")) { _ = try duplicate.mpsText() }
    }

    // MARK: Files and gzip

    @Test func writeMPSAndReadBackPlainAndGzipped() throws {
        let folder = try MPSTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = MPSTestSupport.roundTripModel(longRange: false)
        for (file, format) in [("m.mps", MPSFormat.fixed), ("m.mps.gz", .fixed), ("f.mps.gz", .free)] {
            let path = folder.appendingPathComponent(file).path
            try model.writeMPS(to: path, format: format)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect((bytes.prefix(2) == Data([0x1f, 0x8b])) == file.hasSuffix(".gz"))
            #expect(try LinearProgram(mpsFile: path, format: format) == model)
        }
        #expect(throws: LinearProgrammingError.self) { try model.writeMPS(to: folder.appendingPathComponent("no/such/dir.mps").path) }
    }

    @Test(.enabled(if: MPSTestSupport.gzipTool != nil, "no gzip tool on this machine"))
    func readsFilesCompressedBySystemGzipIncludingMultipleMembers() throws {
        let folder = try MPSTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("model.mps")
        try Self.fixedText.write(to: plain, atomically: true, encoding: .utf8)
        let compressed = try MPSTestSupport.gzip(plain)
        #expect(try LinearProgram(mpsFile: compressed.path) == MPSTestSupport.expectedModel())
        #expect(try LinearProgram(mpsFile: plain.path) == MPSTestSupport.expectedModel())

        // `cat a.gz b.gz` is a valid gzip file whose content is a followed by b.
        let half = Self.fixedText.count / 2
        let first = folder.appendingPathComponent("a"), second = folder.appendingPathComponent("b")
        try String(Self.fixedText.prefix(half)).write(to: first, atomically: true, encoding: .utf8)
        try String(Self.fixedText.dropFirst(half)).write(to: second, atomically: true, encoding: .utf8)
        let joined = try Data(contentsOf: MPSTestSupport.gzip(first)) + Data(contentsOf: MPSTestSupport.gzip(second))
        let multi = folder.appendingPathComponent("multi.mps.gz")
        try joined.write(to: multi)
        #expect(try LinearProgram(mpsFile: multi.path) == MPSTestSupport.expectedModel())
    }

    @Test func corruptOrTruncatedGzipIsUnreadable() throws {
        let folder = try MPSTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.mps.gz")
        try MPSTestSupport.expectedModel().writeMPS(to: good.path)
        let bytes = try Data(contentsOf: good)
        #expect(bytes.count > 100)

        var corrupt = bytes
        for k in 20..<60 { corrupt[k] ^= 0x5a }
        let corruptFile = folder.appendingPathComponent("corrupt.mps.gz")
        try corrupt.write(to: corruptFile)
        guard case let .unreadableFile(path, reason)? = MPSTestSupport.error({ _ = try LinearProgram(mpsFile: corruptFile.path) }) else {
            Issue.record("corrupt gzip data must be unreadable"); return
        }
        #expect(path == corruptFile.path && reason.contains("corrupt gzip data"))

        let truncatedFile = folder.appendingPathComponent("truncated.mps.gz")
        try bytes.prefix(bytes.count / 2).write(to: truncatedFile)
        guard case let .unreadableFile(_, truncatedReason)? = MPSTestSupport.error({ _ = try LinearProgram(mpsFile: truncatedFile.path) }) else {
            Issue.record("truncated gzip data must be unreadable"); return
        }
        #expect(truncatedReason.contains("truncated") || truncatedReason.contains("unexpected end"))
    }

    @Test func missingFileAndDirectoryAreClearErrors() throws {
        let folder = try MPSTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nothing.mps").path
        #expect(throws: LinearProgrammingError.fileNotFound(path: missing)) { _ = try LinearProgram(mpsFile: missing) }
        guard case let .unreadableFile(path, reason)? = MPSTestSupport.error({ _ = try LinearProgram(mpsFile: folder.path) }) else {
            Issue.record("a directory must be unreadable"); return
        }
        #expect(path == folder.path && reason.lowercased().contains("directory"))
    }

    // MARK: Netlib

    /// Every Netlib file parses with the rows (objective excluded), columns and nonzeros
    /// (objective row and explicit zeros excluded) of reference.csv; e226's RHS on the objective
    /// row −7.113 becomes the constant +7.113.
    @Test(.enabled(if: NetlibReference.directory != nil, Comment(rawValue: NetlibReference.absence)))
    func netlibFilesMatchTheReferenceCounts() throws {
        let folder = try #require(NetlibReference.directory)
        let entries = try NetlibReference.entries(in: folder.path)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mps.gz") }
        #expect(entries.count == 91 && Set(files) == Set(entries.map { $0.name + ".mps.gz" }))
        for entry in entries {
            let model = try LinearProgram(mpsFile: folder.appendingPathComponent(entry.name + ".mps.gz").path)
            #expect(model.constraintCount == entry.rows, "\(entry.name) rows")
            #expect(model.variableCount == entry.columns, "\(entry.name) columns")
            #expect(model.nonzeroCount == entry.nonzeros, "\(entry.name) nonzeros")
            #expect(model.sense == .minimize && model.objectiveConstant == (entry.name == "e226" ? 7.113 : 0), "\(entry.name)")
            #expect(throws: Never.self, "\(entry.name)") { try model.validate() }
        }
    }

    /// A few Netlib files with ranges (boeing2), an objective constant (e226), names with spaces
    /// (forplan), an explicit zero (standgub) and integer-free free rows survive write → read.
    @Test(.enabled(if: NetlibReference.directory != nil, Comment(rawValue: NetlibReference.absence)),
          arguments: ["afiro", "boeing2", "e226", "forplan", "standgub"])
    func netlibModelsRoundTrip(name: String) throws {
        let folder = try #require(NetlibReference.directory)
        let model = try LinearProgram(mpsFile: folder.appendingPathComponent(name + ".mps.gz").path)
        #expect(try LinearProgram(mpsText: model.mpsText(format: .fixed), format: .fixed) == model)
        if name != "forplan" {
            #expect(try LinearProgram(mpsText: model.mpsText(format: .free), format: .free) == model)
        }
    }
}
