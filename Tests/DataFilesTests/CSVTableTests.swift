import Foundation
import Testing
@testable import DataFiles

@Suite("CSVTable")
struct CSVTableTests {
    /// The (line, column) of the `.malformed` error that parsing `text` throws, or nil.
    private func malformedPlace(_ text: String) -> (line: Int, column: Int, reason: String)? {
        do {
            _ = try CSVTable(text: text)
            return nil
        } catch let CSVError.malformed(line, column, reason) {
            return (line, column, reason)
        } catch {
            return nil
        }
    }

    private func temporaryPath(_ name: String) -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("CSVTableTests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    @Test("plain LF input, with and without a trailing newline")
    func plain() throws {
        for text in ["x,y\n1,2\n3.5,-4e2\n", "x,y\n1,2\n3.5,-4e2"] {
            let table = try CSVTable(text: text)
            #expect(table.header == ["x", "y"])
            #expect(table.rowCount == 2)
            #expect(table.columns == [[1, 3.5], [2, -400]])
            #expect(try table.column(named: "y") == [2, -400])
        }
    }

    @Test("quoted cells, CRLF, BOM, spaces and trailing blank lines")
    func quotedCRLFAndBOM() throws {
        let text = "\u{FEFF}\"a, b\",\"say \"\"hi\"\"\", c \r\n \"1.5\" , 2 ,3\r\n-0.25,\" 7 \",1e3\r\n\r\n  \r\n"
        let table = try CSVTable(text: text)
        #expect(table.header == ["a, b", "say \"hi\"", "c"])
        #expect(table.rowCount == 2)
        #expect(table.columns == [[1.5, -0.25], [2, 7], [3, 1000]])
        #expect(try table.column(named: "a, b") == [1.5, -0.25])
    }

    @Test("header only gives an empty table")
    func headerOnly() throws {
        let table = try CSVTable(text: "p,q\n")
        #expect(table.rowCount == 0)
        #expect(table.columns == [[], []])
    }

    @Test("each malformed input names its line and column")
    func badInputs() {
        let cases: [(text: String, line: Int, column: Int, mentions: String)] = [
            ("x,y\n1,2\n3,nan\n", 3, 2, "'nan'"),
            ("x,y\n1,2\n3,4\n-inf,1\n", 4, 1, "'-inf'"),
            ("x,y\n1,Infinity\n", 2, 2, "'Infinity'"),
            ("x,y\n1,\n", 2, 2, "empty cell"),
            ("x,y\n1, \"\" \n", 2, 2, "empty cell"),
            ("x,y\n1,abc\n", 2, 2, "'abc'"),
            ("x,y\n1,2\n1.2.3,4\n", 3, 1, "'1.2.3'"),
            ("x,y\n1,0x10\n", 2, 2, "'0x10'"),
            ("x,y\n1,1e999\n", 2, 2, "'1e999'"),
            ("x,y,z\n1,2,3\n4,5\n", 3, 3, "2 cells"),
            ("x,y\n1,2\n3,4,5\n", 3, 3, "'5'"),
            ("x,y\r\n1,2\r\n\r\n3,4\r\n", 3, 0, "blank line"),
            ("x,x\n1,2\n", 1, 2, "duplicate"),
            ("x,,z\n1,2,3\n", 1, 2, "empty column name"),
            ("x,y\n1,\"2\n", 2, 2, "never closed"),
            ("x,y\n1,\"2\"3\n", 2, 2, "after the closing quote"),
            ("", 1, 0, "empty"),
            ("\u{FEFF}\n\n", 1, 0, "empty"),
        ]
        for c in cases {
            let place = malformedPlace(c.text)
            #expect(place?.line == c.line, "line for \(c.text.debugDescription)")
            #expect(place?.column == c.column, "column for \(c.text.debugDescription)")
            #expect(place?.reason.contains(c.mentions) == true, "reason for \(c.text.debugDescription): \(place?.reason ?? "no error")")
        }
    }

    @Test("the source name appears in parse errors")
    func sourceInMessage() {
        #expect {
            try CSVTable(text: "a\nb\n", source: "samples.csv")
        } throws: { error in
            guard case let CSVError.malformed(line, column, reason) = error else { return false }
            return line == 2 && column == 1 && reason.contains("samples.csv") && "\(error)".contains("line 2, column 1")
        }
    }

    @Test("a missing file and an unknown column are reported as such")
    func missingFileAndColumn() throws {
        let path = temporaryPath("does-not-exist.csv")
        #expect(throws: CSVError.fileNotFound(path: path)) { try CSVTable(contentsOfFile: path) }
        let table = try CSVTable(text: "a,b\n1,2\n")
        #expect(throws: CSVError.unknownColumn(name: "c", available: ["a", "b"])) { try table.column(named: "c") }
    }

    @Test("write then read is bit-exact")
    func roundTrip() throws {
        var g = SeededGenerator(seed: 77)
        let special: [Double] = [0.1, 1e-300, -0.0, 123456789.123, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                 -.leastNormalMagnitude, .pi, 1e16, 3, 0, 2.5e-8, -7.000000000000001]
        let random = (0..<special.count).map { _ in g.nextNormal() * pow(10, Double(g.nextIndex(below: 40)) - 20) }
        let header = ["plain", "with, comma", "with \"quote\""]
        let columns = [special, random, special.reversed()]
        let path = temporaryPath("roundtrip.csv")
        try CSVTable.write(header: header, columns: columns, toFile: path)
        let back = try CSVTable(contentsOfFile: path)
        #expect(back.header == header)
        #expect(back.rowCount == special.count)
        for k in 0..<3 {
            #expect(back.columns[k].map(\.bitPattern) == columns[k].map(\.bitPattern))
        }
        let text = try CSVTable.text(header: header, columns: columns)
        #expect(text.contains("0.1,") && text.contains("1e-300") && text.contains("-0.0") && text.contains("123456789.123"))
        #expect(try CSVTable(text: text) == back)
        #expect(back.text == text)
    }

    @Test("a wide table (5000 × 51) parses correctly")
    func wideTable() throws {
        var g = SeededGenerator(seed: 2)
        let header = (1...50).map { "x\($0)" } + ["y"]
        let columns = (0..<51).map { _ in (0..<5000).map { _ in g.nextUniform() * 2 - 1 } }
        let table = try CSVTable(text: try CSVTable.text(header: header, columns: columns))
        #expect(table.rowCount == 5000)
        #expect(table.columns.count == 51)
        #expect(table.columns.enumerated().allSatisfy { k, column in column.map(\.bitPattern) == columns[k].map(\.bitPattern) })
    }

    @Test("writing rejects what could not be read back")
    func writeValidation() {
        let path = temporaryPath("never.csv")
        #expect(throws: CSVError.self) { try CSVTable.write(header: ["a"], columns: [[1, .nan]], toFile: path) }
        #expect(throws: CSVError.dimensionMismatch(what: "rows of column 'b'", expected: 2, actual: 1)) {
            try CSVTable.write(header: ["a", "b"], columns: [[1, 2], [3]], toFile: path)
        }
        #expect(throws: CSVError.self) { try CSVTable.write(header: ["a", "a"], columns: [[1], [2]], toFile: path) }
        #expect(throws: CSVError.self) { try CSVTable.write(header: ["a"], columns: [[1], [2]], toFile: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect {
            try CSVTable.write(header: ["a"], columns: [[1]], toFile: "/nonexistent-folder-hycnn/out.csv")
        } throws: { error in
            guard case let CSVError.unwritableFile(path, _) = error else { return false }
            return path == "/nonexistent-folder-hycnn/out.csv"
        }
    }
}
