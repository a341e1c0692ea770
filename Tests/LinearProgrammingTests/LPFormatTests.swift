import Foundation
import TestSupport
import Testing
@testable import LinearProgramming

/// CPLEX LP format: what the reader makes of every construct, the line it names on bad input,
/// and write → read round trips.
@Suite struct LPFormatTests {
    static let example = """
        \\Problem name: tiny
        \\ a comment line
        Maximize
         profit: 3 x + 2.5e0 y - z + x + 1.5   \\ x twice: 4 x
        Subject To
         cap: x + y + z <= 4
         mix: x + 3 y
              >= 2
         band: -1 <= x - y <= 3
         x + z = 2
         free_row: y - z >= -inf
         zero: 0 x + y > 1
        Bounds
         y <= 3
         -inf <= z <= 10
         w free
         0.5 <= v <= 2
         u = 7
        Generals
         y v
        Binaries
         b
        End
        """

    @Test func everyConstructReadsAsDocumented() throws {
        let model = try LinearProgram(lpText: Self.example)
        #expect(model.name == "tiny" && model.sense == .maximize && model.objectiveConstant == 1.5)
        #expect(model.variables.map(\.name) == ["x", "y", "z", "w", "v", "u", "b"])
        #expect(model.variables.map(\.cost) == [4, 2.5, -1, 0, 0, 0, 0])
        let names = model.constraints.map(\.name)
        #expect(names == ["cap", "mix", "band", "c4", "free_row", "zero"])
        let c = Dictionary(uniqueKeysWithValues: model.constraints.map { ($0.name, $0) })
        #expect(c["cap"]!.upper == 4 && c["cap"]!.lower == -.infinity && c["cap"]!.coefficients == [1, 1, 1])
        #expect(c["mix"]!.lower == 2 && c["mix"]!.columns == [0, 1] && c["mix"]!.coefficients == [1, 3])
        #expect(c["band"]!.lower == -1 && c["band"]!.upper == 3 && c["band"]!.coefficients == [1, -1])
        #expect(c["c4"]!.lower == 2 && c["c4"]!.upper == 2)
        #expect(c["free_row"]!.lower == -.infinity && c["free_row"]!.upper == .infinity)
        #expect(c["zero"]!.columns == [1] && c["zero"]!.lower == 1)          // zero coefficient not stored
        let v = Dictionary(uniqueKeysWithValues: model.variables.map { ($0.name, $0) })
        #expect(v["x"]!.lower == 0 && v["x"]!.upper == .infinity && v["x"]!.kind == .continuous)
        #expect(v["y"]!.upper == 3 && v["y"]!.kind == .integer)
        #expect(v["z"]!.lower == -.infinity && v["z"]!.upper == 10)
        #expect(v["w"]!.lower == -.infinity && v["w"]!.upper == .infinity)
        #expect(v["v"]!.lower == 0.5 && v["v"]!.upper == 2 && v["v"]!.kind == .integer)
        #expect(v["u"]!.lower == 7 && v["u"]!.upper == 7)
        #expect(v["b"]!.kind == .binary && v["b"]!.lower == 0 && v["b"]!.upper == 1)
    }

    @Test func keywordsInAnyCaseAndTheirSynonyms() throws {
        let model = try LinearProgram(lpText: """
            MIN obj: x
            s.t.
            c: x >= 1
            BOUND
            x <= 5
            int x
            END
            """)
        #expect(model.sense == .minimize && model.constraints.count == 1 && model.variables[0].kind == .integer)
        // A first word followed by ':' is a name, not a keyword.
        let named = try LinearProgram(lpText: "minimize\n obj: x + y\nsubject to\n int: x + y >= 1\n bin: x - y <= 2\nend\n")
        #expect(named.constraints.map(\.name) == ["int", "bin"])
    }

    @Test func unnamedRowsAvoidNamesTaken() throws {
        let model = try LinearProgram(lpText: "min\n x\nst\n c2: x >= 1\n x <= 5\nend")
        #expect(model.constraints.map(\.name) == ["c2", "c2_"])
    }

    /// (text, line, words the message must contain)
    static let malformed: [(String, Int, String)] = [
        ("x + y\nst\n c: x >= 1\nend", 1, "expected Minimize or Maximize"),
        ("min\n x\nst\n c: x + y\nend", 4, "no sense"),
        ("min\n x\nst\n c: x + y >= 1 + z\nend", 4, "after the right-hand side"),
        ("min\n x\nst\n c: x + 2 >= 1\nend", 4, "constant term"),
        ("min\n x\nst\n c: x >= y\nend", 4, "variables on the right-hand side"),
        ("min\n x\nst\n c: x y >= 1\nend", 4, "+ or - between terms"),
        ("min\n x\nst\n c: x >=\nend", 4, "missing right-hand side"),
        ("min\n x + [ x ^ 2 ]\nend", 2, "quadratic"),
        ("min\n x\nst\n c: x >= 1\nsos\n s1: x:1\nend", 5, "not supported"),
        ("min\n x\nmax\n x\nend", 3, "second objective"),
        ("min\n x\nend\n x >= 1", 4, "text after End"),
        ("min\n x\nbounds\n x <= -2\nend", 4, "the lower bound is the default 0"),
        ("min\n x\nbounds\n x >= +inf\nend", 4, "leaves no value"),
        ("min\n x\nst\n c: x >= 1e999\nend", 4, "not a finite number"),
        ("min\n x\nst\n c: 1 <= x >= 3\nend", 4, "same sense"),
        ("min\n x\nst\n c: x = inf\nend", 4, "infinite right-hand side"),
        ("min\n x\nst\n c: x & 2 >= 1\nend", 4, "expected"),
        ("min\n x\nst\n c: x >= 1\n c: x <= 4\nend", 0, "two constraints are named 'c'"),
        ("min\n x\nbinaries\n x\nbounds\n x >= 2\nend", 0, "crossed"),
        ("", 1, "no Minimize or Maximize"),
    ]

    @Test(arguments: malformed.indices)
    func malformedTextNamesTheLine(index: Int) {
        let (text, line, words) = Self.malformed[index]
        do {
            _ = try LinearProgram(lpText: text)
            Issue.record("accepted: \(text)")
        } catch let error as LinearProgrammingError {
            if line > 0, case .malformedLP(let reported, _) = error { #expect(reported == line, "\(error)") }
            #expect(error.description.contains(words), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// A random model with LP names, no ranged rows: written and read back, it is the same model.
    static func randomModel(seed: UInt64) -> LinearProgram {
        var random = SplitMix64(seed: seed)
        var model = LinearProgram(name: "random\(seed)", sense: seed % 2 == 0 ? .minimize : .maximize,
                                  objectiveConstant: seed % 3 == 0 ? 0 : random.nextUniform() * 10 - 5)
        let n = 3 + Int(random.next() % 12), m = 2 + Int(random.next() % 10)
        for j in 0..<n {
            let kind: VariableKind = [.continuous, .continuous, .integer, .binary][Int(random.next() % 4)]
            var lower: Double = [0, -.infinity, -3.25, 1e-7][Int(random.next() % 4)]
            var upper: Double = [.infinity, 7.5, 1e12, lower + 2][Int(random.next() % 4)]
            if kind == .binary { (lower, upper) = random.next() % 2 == 0 ? (0, 1) : (1, 1) }
            if upper == -.infinity { upper = .infinity }
            if upper < lower { upper = lower }
            model.addVariable("v\(j)_\(["a", "b.c", "d#", "e{1}"][j % 4])", lower: lower, upper: upper, kind: kind,
                              cost: random.next() % 3 == 0 ? 0 : random.nextUniform() * 4 - 2)
        }
        for i in 0..<m {
            var terms: [(variable: Int, coefficient: Double)] = []
            for j in 0..<n where random.next() % 2 == 0 { terms.append((j, (random.nextUniform() * 20 - 10) / 3)) }
            let rhs = random.nextUniform() * 8 - 4
            switch random.next() % 3 {
            case 0: model.addConstraint("r\(i)", terms, .lessOrEqual, rhs)
            case 1: model.addConstraint("r\(i)", terms, .greaterOrEqual, rhs)
            default: model.addConstraint("r\(i)", terms, .equal, rhs)
            }
        }
        return model
    }

    @Test(arguments: 0..<40)
    func randomModelsRoundTripExactly(seed: Int) throws {
        let model = Self.randomModel(seed: UInt64(seed))
        let text = try model.lpText()
        #expect(try LinearProgram(lpText: text) == model, "\(text)")
    }

    @Test func longRowsWrapAndRangedRowsBecomeTwo() throws {
        var model = LinearProgram(name: "wide")
        for j in 0..<300 { model.addVariable("column_number_\(j)", cost: Double(j)) }
        model.addConstraint("band", (0..<300).map { ($0, 1.0 + Double($0)) }, lower: -2, upper: 9)
        let text = try model.lpText()
        #expect(text.split(separator: "\n").allSatisfy { $0.utf8.count < 130 })
        let reread = try LinearProgram(lpText: text)
        #expect(reread.constraints.map(\.name) == ["band_lo", "band_hi"])
        #expect(reread.constraints[0].lower == -2 && reread.constraints[1].upper == 9)
        #expect(reread.constraints[0].coefficients == model.constraints[0].coefficients)
        #expect(reread.variables == model.variables)
    }

    @Test func namesLPCannotHoldAreRefusedOrChanged() throws {
        var model = LinearProgram()
        model.addVariable("1st", cost: 1)
        model.addVariable("a*b", cost: 1)
        model.addVariable("_1st", cost: 1)
        model.addVariable("end", cost: 1)
        model.addConstraint("row one", [(0, 1)], .greaterOrEqual, 1)
        #expect(throws: LinearProgrammingError.self) { try model.lpText() }
        let (renamed, changes) = model.withLPNames()
        #expect(renamed.variables.map(\.name) == ["_1st_2", "a_b", "_1st", "_end"])
        #expect(renamed.constraints.map(\.name) == ["row_one"])
        #expect(changes.count == 4)
        let reread = try LinearProgram(lpText: try renamed.lpText())
        #expect(reread.variables.map(\.name) == renamed.variables.map(\.name))
    }

    @Test func formatsBySuffixAndByContent() {
        #expect(ModelFormat.byExtension("a/b.lp") == .lp && ModelFormat.byExtension("b.LP.gz") == .lp)
        #expect(ModelFormat.byExtension("b.mps.gz") == .mps && ModelFormat.byExtension("b.txt") == nil)
        #expect(ModelFormat.sniffed(Array("\\ c\n\nMaximize\n x\nEnd".utf8)) == .lp)
        #expect(ModelFormat.sniffed(Array("NAME x\nROWS\n".utf8)) == .mps)
    }

    /// Every Netlib model of at most 10,000 nonzeros (names made LP-safe, ranged rows split)
    /// reads back with the same columns and objective, and one more row per ranged row.
    @Test(.enabled(if: NetlibReference.directory != nil, Comment(rawValue: NetlibReference.absence)))
    func netlibModelsRoundTrip() throws {
        let directory = try #require(NetlibReference.directory).path
        for entry in try NetlibReference.entries(in: directory) where entry.nonzeros <= 10_000 {
            let model = try LinearProgram(mpsFile: entry.path(in: directory)).withLPNames().program
            let reread = try LinearProgram(lpText: try model.lpText())
            let ranged = model.constraints.count { $0.lower.isFinite && $0.upper.isFinite && $0.lower != $0.upper }
            #expect(reread.variables == model.variables, "\(entry.name)")
            #expect(reread.objectiveConstant == model.objectiveConstant && reread.sense == model.sense, "\(entry.name)")
            #expect(reread.constraintCount == model.constraintCount + ranged, "\(entry.name)")
            #expect(reread.nonzeroCount == model.nonzeroCount + model.constraints.filter { $0.lower.isFinite && $0.upper.isFinite && $0.lower != $0.upper }.reduce(0) { $0 + $1.columns.count }, "\(entry.name)")
        }
    }
}
